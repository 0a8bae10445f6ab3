// tierdesk-server: the ticket desk as an HTTP/JSON service.
//
//   tierdesk-server --db desk.db --contracts examples/contracts [--listen 127.0.0.1:8080]
//                   [--threads N] [--webhook http://…]
//
// The contracts come from --contracts DIR, else $TIERDESK_CONTRACTS; without either the start
// fails (exit 2). SIGINT/SIGTERM stop it gracefully: no new connections, requests in flight are
// answered, then the database connections close.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <csignal>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <fmt/ostream.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/program_options.hpp>

#include "app.hpp"
#include "http_server.hpp"
#include "json_fields.hpp"
#include "notifier.hpp"
#include "openapi_document.hpp"
#include "tierdesk/service/contract_book.hpp"
#include "watcher.hpp"

namespace po = boost::program_options;
namespace net = boost::asio;
using namespace tierdesk;
using namespace tierdesk::server;

namespace {

constexpr std::string_view usage = R"(usage:
  tierdesk-server --db FILE [--contracts DIR] [--listen HOST:PORT] [--threads N] [--writers N]
                  [--webhook URL] [--body-limit BYTES] [--synchronous normal|full]
                  [--token-ttl MS] [--snapshot-reuse MS] [--replay]

  --db FILE            the ticket database (created and migrated when needed)
  --contracts DIR      the provider contracts (every *.json of DIR, checked at start); default
                       $TIERDESK_CONTRACTS. Each ticket's reference prefix, SLA policy, category
                       defaults, escalation rules and notice hours are its contract's
  --listen HOST:PORT   default 127.0.0.1:8080; port 0 picks a free port (printed on stdout)
  --threads N          network threads, which also answer reads (GET), 1 … 256, default: the
                       hardware threads
  --writers N          threads for requests that may write (POST, …), 1 … 256, default 32: a
                       write waits for its group commit, and more waiting writes share one
  --webhook URL        POST each notice (SLA warnings and breaches, escalations, …) as JSON to
                       http://host[:port]/path
  --body-limit BYTES   larger request bodies answer 413 (default 65536, at most 67108864)
  --synchronous MODE   SQLite synchronous: full (default) or normal
  --token-ttl MS       how long a token read from the database is trusted before it is read
                       again, 0 … 60000, default 1000: a token revoked with `tierdesk token
                       revoke` still works here for at most this long (one revoked with
                       DELETE /tokens/ID stops at once); 0 reads the token for every request
  --snapshot-reuse MS  how long a request may read from the database snapshot of an earlier one
                       when nothing was written through this server since, 0 … 1000, default
                       10: a ticket changed by another process (the `tierdesk` CLI) shows here
                       after at most this long; 0 takes a new snapshot for every request
  --replay             for replaying recorded work into a fresh database: a staff request's
                       "X-Tierdesk-At: INSTANT" header is its time, and the SLA watcher does not
                       run (the replayed times are not now). Never for a live desk

The first line on stdout is "listening on HOST:PORT". API tokens: `tierdesk token create`.
)";

// Limits of the options: a worker thread holds a database connection, and a request body is
// held in memory while it is read.
constexpr std::uint64_t max_threads = 256;
constexpr std::uint64_t default_writers = 32;
constexpr std::uint64_t max_body_limit = 64 * 1024 * 1024;
constexpr std::uint64_t max_token_ttl_ms = 60'000;
constexpr std::uint64_t max_snapshot_reuse_ms = 1'000;

int fail_with(std::string_view what) {
  fmt::print(std::cerr, "tierdesk-server: {}\n", what);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  po::options_description opts;
  opts.add_options()("db", po::value<std::string>())("contracts", po::value<std::string>())(
      "listen", po::value<std::string>()->default_value("127.0.0.1:8080"))(
      "threads", po::value<std::string>())("writers", po::value<std::string>())(
      "webhook", po::value<std::string>())(
      "body-limit", po::value<std::string>()->default_value("65536"))(
      "synchronous", po::value<std::string>()->default_value("full"))(
      "token-ttl", po::value<std::string>()->default_value("1000"))(
      "snapshot-reuse", po::value<std::string>()->default_value("10"))("replay", "")("help,h", "");
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
  const auto port = colon == std::string::npos
                        ? Result<std::uint64_t>(fail(Errc::invalid_argument, "port"))
                        : host::whole_number("port", std::string_view(listen).substr(colon + 1), 0, 65535);
  if (!port) return fail_with(fmt::format("--listen: got \"{}\", expected HOST:PORT", listen));
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  const auto thread_option =
      vm.count("threads")
          ? host::whole_number("--threads", vm["threads"].as<std::string>(), 1, max_threads)
          : Result<std::uint64_t>(std::min<std::uint64_t>(hardware, max_threads));
  if (!thread_option) return fail_with(thread_option.error().message());
  const auto threads = static_cast<unsigned>(*thread_option);
  const auto writer_option =
      vm.count("writers")
          ? host::whole_number("--writers", vm["writers"].as<std::string>(), 1, max_threads)
          : Result<std::uint64_t>(default_writers);
  if (!writer_option) return fail_with(writer_option.error().message());
  const auto writer_threads = static_cast<unsigned>(*writer_option);
  const auto body_limit =
      host::whole_number("--body-limit", vm["body-limit"].as<std::string>(), 1, max_body_limit);
  if (!body_limit) return fail_with(body_limit.error().message());
  const auto token_ttl =
      host::whole_number("--token-ttl", vm["token-ttl"].as<std::string>(), 0, max_token_ttl_ms);
  if (!token_ttl) return fail_with(token_ttl.error().message());
  const auto snapshot_reuse = host::whole_number(
      "--snapshot-reuse", vm["snapshot-reuse"].as<std::string>(), 0, max_snapshot_reuse_ms);
  if (!snapshot_reuse) return fail_with(snapshot_reuse.error().message());
  const auto sync = vm["synchronous"].as<std::string>();
  if (sync != "normal" && sync != "full")
    return fail_with(fmt::format("--synchronous: got \"{}\", expected normal or full", sync));

  const std::optional<std::string> given =
      vm.count("contracts") ? std::optional(vm["contracts"].as<std::string>()) : std::nullopt;
  auto dir = contracts_dir(given);
  if (!dir) return fail_with(dir.error().message());
  auto book = ContractBook::load(*dir);
  if (!book) return fail_with(book.error().message());
  AppConfig config{.contracts = std::move(*book),
                   .body_limit = static_cast<std::size_t>(*body_limit),
                   .openapi = openapi_document,
                   .client_time = vm.count("replay") > 0,
                   .token_ttl = std::chrono::milliseconds(*token_ttl)};

  // One connection per network and writer thread plus the watcher's.
  const unsigned connections = threads + writer_threads + 1;
  auto pool =
      StorePool::open({.path = vm["db"].as<std::string>(),
                       .synchronous = sync == "full" ? Synchronous::full : Synchronous::normal,
                       .snapshot_reuse = std::chrono::milliseconds(*snapshot_reuse)},
                      connections);
  if (!pool) return fail_with(pool.error().message());

  auto log = [](const std::string& m) { fmt::print(std::cerr, "tierdesk-server: {}\n", m); };
  SystemClock clock;
  // One event loop per network thread (docs/server.md): the first also runs the acceptor, the
  // SLA watcher and the signals; each of the others is kept running by a work guard until stop.
  net::io_context io(1);
  std::vector<std::unique_ptr<net::io_context>> more_loops;
  std::vector<net::io_context*> loops{&io};
  std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
  for (unsigned i = 1; i < threads; ++i) {
    loops.push_back(more_loops.emplace_back(std::make_unique<net::io_context>(1)).get());
    keep_running.emplace_back(loops.back()->get_executor());
  }
  FanOutNotifier notifier;
  App app(std::move(config), **pool, clock, notifier);
  // Each database connection (and the commit group's checkpointer's) holds three descriptors
  // (the file, its -wal and -shm); the webhook, the event loop and the standard streams take a
  // few more.
  const std::size_t reserve = 3 * (connections + 1) + 32;
  const std::size_t max_connections = connections_by_descriptors(reserve);
  if (max_connections == 0)
    return fail_with(fmt::format("--threads {}, --writers {}: needs more than {} open files, more "
                                 "than ulimit -n allows; raise it or use fewer threads",
                                 threads, writer_threads, reserve));
  net::thread_pool writers(writer_threads);
  HttpServer server(io, app, max_connections, log, &writers, loops);
  EventStreamNotifier streams(server);
  notifier.add(streams);
  std::unique_ptr<WebhookNotifier> webhook;
  if (vm.count("webhook")) {
    auto w = WebhookNotifier::create(vm["webhook"].as<std::string>(), log);
    if (!w) return fail_with(w.error().message());
    webhook = std::move(*w);
    notifier.add(*webhook);
  }
  SlaWatcher watcher(io, **pool, clock, app.config().contracts, notifier, log);
  app.on_tickets_changed([&] { watcher.tickets_changed(); });

  // SIGINT/SIGTERM are handled before "listening on" tells anyone the server is there.
  net::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code ec, int) {
    if (ec) return;
    server.stop();
    watcher.stop();
    keep_running.clear();
  });
  auto bound = server.listen(listen.substr(0, colon), static_cast<unsigned short>(*port));
  if (!bound) return fail_with(bound.error().message());
  if (!app.config().client_time) watcher.start();
  fmt::print(std::cout, "listening on {}:{}\n", bound->address().to_string(), bound->port());
  std::cout.flush();

  std::vector<std::thread> workers;
  for (unsigned i = 1; i < threads; ++i) workers.emplace_back([loop = loops[i]] { loop->run(); });
  io.run();
  for (auto& w : workers) w.join();
  writers.join();
  fmt::print(std::cerr, "tierdesk-server: stopped\n");
  return 0;
}
