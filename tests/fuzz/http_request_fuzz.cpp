// HTTP requests handled in-process: the bytes are parsed as the server's sessions parse them
// (Beast's request parser with the server's body limit) and handed to the application over a
// SQLite desk on the preset contracts. Three tokens are stored, so inputs can reach every
// route: "Bearer td_a" (admin), "Bearer td_g" (agent) and "Bearer td_c" (a customer of the
// OneOffice contract).
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include <boost/beast/http.hpp>

#include "app.hpp"
#include "fuzz_input.hpp"
#include "openapi_document.hpp"
#include "tierdesk/access/access.hpp"
#include "tierdesk/service/contract_book.hpp"
#include "tierdesk/service/notifier.hpp"

namespace {

namespace http = boost::beast::http;
using namespace std::chrono_literals;

struct Desk {
  std::filesystem::path dir;  // the database's, removed at exit
  tierdesk::server::FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + 8h};
  tierdesk::FanOutNotifier notifier;  // no targets: notices are dropped
  std::unique_ptr<tierdesk::server::StorePool> pool;
  std::unique_ptr<tierdesk::server::App> app;

  Desk() {
    std::string made = (std::filesystem::temp_directory_path() / "tierdesk-fuzz-XXXXXX").string();
    if (::mkdtemp(made.data()) == nullptr) std::abort();
    dir = made;
    auto opened = tierdesk::server::StorePool::open(
        {.path = (dir / "desk.db").string(), .synchronous = tierdesk::Synchronous::off}, 1);
    auto book = tierdesk::ContractBook::load(tierdesk::fuzz::source_dir() / "examples/contracts");
    if (!opened || !book) std::abort();
    pool = std::move(*opened);
    {
      auto store = pool->lease();
      auto add = [&](std::string secret, tierdesk::AccessRole role, std::string customer) {
        if (!store->add_token({.name = secret, .role = role, .customer = std::move(customer),
                               .digest = tierdesk::token_digest(secret),
                               .created_at = clock.now()}))
          std::abort();
      };
      add("td_a", tierdesk::AccessRole::admin, "");
      add("td_g", tierdesk::AccessRole::agent, "");
      add("td_c", tierdesk::AccessRole::customer, (*book->contract("oneoffice"))->customers.at(0).id);
    }
    app = std::make_unique<tierdesk::server::App>(
        tierdesk::server::AppConfig{.contracts = std::move(*book),
                                    .openapi = tierdesk::server::openapi_document},
        *pool, clock, notifier);
  }
  Desk(const Desk&) = delete;
  Desk& operator=(const Desk&) = delete;
  ~Desk() {
    app.reset();
    pool.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

// The desk grows with every ticket the inputs open, and the cost of each request with it
// (a run's rate fell from 6,900 to 800 a second over four million inputs): a fresh desk every
// kRequestsPerDesk inputs keeps the rate even and still lets inputs meet earlier ones' tickets.
constexpr std::uint64_t kRequestsPerDesk = 20'000;

Desk& desk() {
  static std::unique_ptr<Desk> instance;
  static std::uint64_t served = 0;
  if (served++ % kRequestsPerDesk == 0) {
    instance.reset();  // the old database is removed before the new one is made
    instance = std::make_unique<Desk>();
  }
  return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Desk& d = desk();
  http::request_parser<http::string_body> parser;
  parser.body_limit(d.app->config().body_limit);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data, size), ec);
  // The connection ends after the bytes (put_eof only once the parser has seen some).
  if (ec == http::error::need_more && parser.got_some()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;
  tierdesk::server::EventStream stream;
  const auto response = d.app->handle(parser.release(), stream);
  (void)response.body().size();
  return 0;
}
