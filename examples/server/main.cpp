// tierdesk-server: the ticket desk as an HTTP/JSON service.
//
//   tierdesk-server --db desk.db --listen 127.0.0.1:8080 [--threads N] [--prefix OO]
//                   [--policy examples/policies/oneoffice.json] [--webhook http://…]
//                   [--hold-outside examples/calendars/dk-oneoffice.json] [--contracts examples/contracts]
//
// SIGINT/SIGTERM stop it gracefully: no new connections, requests in flight are answered,
// then the database connections close.
#include <charconv>
#include <csignal>
#include <iostream>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/program_options.hpp>
#include <fmt/ostream.h>

#include "app.hpp"
#include "http_server.hpp"
#include "openapi_document.hpp"
#include "tierdesk/calendar_json.hpp"
#include "tierdesk/sla_json.hpp"
#include "tierdesk/ticket_clocks.hpp"
#include "watcher.hpp"

namespace po = boost::program_options;
namespace net = boost::asio;
using namespace tierdesk;
using namespace tierdesk::server;

namespace {

constexpr std::string_view usage = R"(usage:
  tierdesk-server --db FILE [--listen HOST:PORT] [--threads N] [--prefix P] [--policy SLA.json]
                  [--webhook URL] [--hold-outside CALENDAR.json] [--body-limit BYTES]
                  [--synchronous normal|full] [--contracts DIR]

  --db FILE            the ticket database (created and migrated when needed)
  --listen HOST:PORT   default 127.0.0.1:8080; port 0 picks a free port (printed on stdout)
  --threads N          worker threads, default: the hardware threads
  --prefix P           reference prefix of tickets opened here (default TD)
  --policy FILE        SLA policy: keeps every ticket's clock cache, feeds /due and the watcher
  --webhook URL        POST each SLA warning and breach as JSON to http://host[:port]/path
  --hold-outside FILE  hold notices that fall outside this calendar's hours until it opens
  --body-limit BYTES   larger request bodies answer 413 (default 65536)
  --synchronous MODE   SQLite synchronous: full (default) or normal
  --contracts DIR      provider contracts (every *.json of DIR, checked at start): POST /tickets
                       takes the prefix, SLA policy (unless --policy) and category defaults of
                       the ticket's contract; GET /statements prices by the customer's contract

The first line on stdout is "listening on HOST:PORT". API tokens: `tierdesk token create`.
)";

int fail_with(std::string_view what) {
  fmt::print(std::cerr, "tierdesk-server: {}\n", what);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  po::options_description opts;
  opts.add_options()("db", po::value<std::string>())("listen", po::value<std::string>()->default_value("127.0.0.1:8080"))(
      "threads", po::value<unsigned>())("prefix", po::value<std::string>()->default_value("TD"))(
      "policy", po::value<std::string>())("webhook", po::value<std::string>())(
      "hold-outside", po::value<std::string>())("body-limit", po::value<std::size_t>()->default_value(65536))(
      "synchronous", po::value<std::string>()->default_value("full"))("contracts", po::value<std::string>())(
      "help,h", "");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, opts), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    fmt::print(std::cerr, "tierdesk-server: {}\n\n{}", e.what(), usage);
    return 1;
  }
  if (vm.count("help")) {
    fmt::print(std::cout, "{}", usage);
    return 0;
  }
  if (!vm.count("db")) {
    fmt::print(std::cerr, "tierdesk-server: --db FILE is required\n\n{}", usage);
    return 1;
  }
  const auto listen = vm["listen"].as<std::string>();
  const auto colon = listen.rfind(':');
  unsigned short port = 0;
  if (colon == std::string::npos ||
      std::from_chars(listen.data() + colon + 1, listen.data() + listen.size(), port).ec != std::errc())
    return fail_with(fmt::format("--listen: got \"{}\", expected HOST:PORT", listen));
  const unsigned threads = vm.count("threads") ? std::max(1u, vm["threads"].as<unsigned>())
                                               : std::max(1u, std::thread::hardware_concurrency());
  if (auto ok = check_prefix(vm["prefix"].as<std::string>()); !ok) return fail_with(ok.error().message());

  AppConfig config{.prefix = vm["prefix"].as<std::string>(),
                   .body_limit = vm["body-limit"].as<std::size_t>(),
                   .openapi = openapi_document};
  if (vm.count("policy")) {
    auto policy = load_policy_file(vm["policy"].as<std::string>());
    if (!policy) return fail_with(policy.error().message());
    config.clocks = sla_clock_function(std::move(*policy));
  }
  if (vm.count("contracts")) {
    auto contracts = load_contract_dir(vm["contracts"].as<std::string>());
    if (!contracts) return fail_with(contracts.error().message());
    config.contracts = std::move(*contracts);
  }
  WatcherOptions watch;
  if (vm.count("hold-outside")) {
    auto cal = load_calendar_file(vm["hold-outside"].as<std::string>());
    if (!cal) return fail_with(cal.error().message());
    watch.hold_outside = std::move(*cal);
  }
  const auto sync = vm["synchronous"].as<std::string>();
  if (sync != "normal" && sync != "full")
    return fail_with(fmt::format("--synchronous: got \"{}\", expected normal or full", sync));

  // One connection per worker thread plus the watcher's.
  auto pool = StorePool::open({.path = vm["db"].as<std::string>(),
                               .synchronous = sync == "full" ? Synchronous::full : Synchronous::normal},
                              threads + 1);
  if (!pool) return fail_with(pool.error().message());

  SystemClock clock;
  net::io_context io(static_cast<int>(threads));
  App app(config, **pool, clock);
  HttpServer server(io, app);

  FanOutNotifier notifier;
  FunctionNotifier sse([&](const SlaNotice& n) { server.publish("sla", boost::json::serialize(notice_json(n))); });
  notifier.add(sse);
  std::unique_ptr<WebhookNotifier> webhook;
  if (vm.count("webhook")) {
    auto w = WebhookNotifier::create(vm["webhook"].as<std::string>(),
                                     [](const std::string& m) { fmt::print(std::cerr, "tierdesk-server: {}\n", m); });
    if (!w) return fail_with(w.error().message());
    webhook = std::move(*w);
    notifier.add(*webhook);
  }
  watch.desk = {.prefix = config.prefix, .tiers = config.tiers, .clocks = config.clocks};
  SlaWatcher watcher(io, **pool, clock, notifier, std::move(watch));
  app.on_tickets_changed([&] { watcher.tickets_changed(); });

  auto bound = server.listen(listen.substr(0, colon), port);
  if (!bound) return fail_with(bound.error().message());
  fmt::print(std::cout, "listening on {}:{}\n", bound->address().to_string(), bound->port());
  std::cout.flush();
  watcher.start();

  net::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code ec, int) {
    if (ec) return;
    server.stop();
    watcher.stop();
  });

  std::vector<std::thread> workers;
  for (unsigned i = 1; i < threads; ++i) workers.emplace_back([&] { io.run(); });
  io.run();
  for (auto& w : workers) w.join();
  fmt::print(std::cerr, "tierdesk-server: stopped\n");
  return 0;
}
