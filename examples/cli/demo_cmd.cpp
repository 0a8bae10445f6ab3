// tierdesk demo: a month of five providers' helpdesks in a fresh database, replayed only
// through the service desk (demo_month.hpp), then due times, one status e-mail and one
// statement.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>

#include <fmt/ostream.h>

#include "demo_month.hpp"
#include "desk_cli.hpp"

namespace po = boost::program_options;
using namespace std::chrono_literals;

namespace tierdesk::cli {
namespace {

constexpr std::string_view demo_usage = R"(usage:
  tierdesk demo --contracts DIR [--db PATH (default tierdesk-demo.db)] [--month YYYY-MM]

Creates a new ticket database and replays a month (default 2026-11) for every customer of every
contract in --contracts DIR (default $TIERDESK_CONTRACTS), all through the service desk:
requests by phone, e-mail and the portal on working days, agents' replies, customers' e-mail
replies threaded by "[REF]" in the subject, escalations, work, on-call fees, an emergency that
displaced booked appointments, the JourFixe meetings of the contracts that hold them, and one
correction of work booked twice. Then prints the SLA due times around the month's end, the
status e-mail of the first customer with an hour contingent and the statement of the first
customer with a fee rule. The database is left for the other verbs (`tierdesk report overview
--db tierdesk-demo.db --customer nordlys`). An existing file is never overwritten. A progress
bar is drawn on stderr when it is a terminal.
exit codes: 0 ok, 1 bad command line, 2 data error (the database exists, no contracts given, …)

example:
  tierdesk demo --db /tmp/demo.db --contracts examples/contracts
)";

Result<void> print_status_mail(ServiceDesk& desk, const ContractBook& book,
                               std::chrono::year_month month, Instant as_of, Io io) {
  for (const auto& k : book.contracts()) {
    if (!k.billing.contingent || k.customers.empty()) continue;
    const auto& c = k.customers.front();
    auto mail = desk.status_mail(
        c.id, month, as_of,
        {.from =
             fmt::format("{} <{}@{}.example>", k.name, c.lead.empty() ? "support" : c.lead, k.id),
         .to = c.email.empty() ? c.id + "@example.invalid" : c.email,
         .date = as_of,
         .message_id = fmt::format("<status.{}.{}@{}.example>", month_text(month), c.id, k.id)});
    if (!mail) return fail(mail.error());
    fmt::print(io.out, "\n== status e-mail: {} ({}) ==\n{}", c.id, k.name, *mail);
    return {};
  }
  return {};
}

Result<void> print_statement(ServiceDesk& desk, const ContractBook& book,
                             std::chrono::year_month month, Io io) {
  for (const auto& k : book.contracts()) {
    if (k.fee_rules.empty() || k.customers.empty()) continue;
    auto s = desk.statement(k.customers.front().id, month);
    if (!s) return fail(s.error());
    fmt::print(io.out, "\n== statement: {} ({}) ==\n{}", k.customers.front().id, k.name,
               render_text(*s));
    return {};
  }
  return {};
}

}  // namespace

int run_demo(std::span<const std::string> args, Io io) {
  constexpr std::string_view verb = "demo";
  auto opts = desk_options();
  opts.add_options()("month", po::value<std::string>());
  po::variables_map vm;
  std::vector<std::string> words;
  std::vector<std::string> with_db(args.begin(), args.end());
  if (std::find(with_db.begin(), with_db.end(), "--db") == with_db.end())
    with_db.insert(with_db.end(), {"--db", "tierdesk-demo.db"});
  if (auto done = parse_args(with_db, opts, vm, words, verb, demo_usage, io)) return *done;
  if (!words.empty())
    return usage_error(io, verb, fmt::format("unexpected word \"{}\"", words[0]), demo_usage);
  auto month = parse_month(vm.count("month") ? option(vm, "month") : "2026-11");
  if (!month) return usage_error(io, verb, month.error().message(), demo_usage);
  const auto path = vm["db"].as<std::string>();
  std::error_code ec;
  if (path != ":memory:" && std::filesystem::exists(path, ec))
    return data_error(io, verb,
                      Error(Errc::conflict, fmt::format("{}: exists; the demo only creates a new "
                                                        "database (remove it or give --db)",
                                                        path)));
  auto book = load_book(vm);
  if (!book) return data_error(io, verb, book.error());
  if (book->contracts().empty())
    return data_error(io, verb,
                      Error(Errc::not_found, "no contracts found (give --contracts DIR)"));
  auto store = open_store(vm, true);
  if (!store) return data_error(io, verb, store.error());
  CollectingNotifier notices;
  ServiceDesk desk(*book, *store, Scope::staff(), &notices);
  auto counts = replay_month(desk, *book, *month, io.err, ::isatty(STDERR_FILENO) == 1);
  if (!counts) return data_error(io, verb, counts.error());
  std::map<std::string, std::size_t> by_kind;
  for (const auto& n : notices.notices) ++by_kind[std::string(to_string(n.kind))];
  std::string notice_text;
  for (const auto& [kind, n] : by_kind)
    notice_text += fmt::format("{}{} {}", notice_text.empty() ? "" : ", ", n, kind);
  fmt::print(io.out, "{}: {} replayed for {} contracts\n  {}\n  notices: {}\n", path,
             month_text(*month), book->contracts().size(), summary(*counts),
             notice_text.empty() ? "none" : notice_text);
  const Instant end = start_of_day((*month + std::chrono::months{1}) / 1, Zone::utc()) - 1h;
  auto alarms =
      desk.due({end - std::chrono::days{7}, end + std::chrono::days{7}}, AlarmFilter::due_only, 10);
  if (!alarms) return data_error(io, verb, alarms.error());
  fmt::print(io.out, "\n== SLA clocks still running, due around the month's end ==\n");
  for (const auto& a : *alarms)
    fmt::print(io.out, "{}  {}  {} due\n", format_utc(a.at), a.ref.str(), a.clock.str());
  if (auto ok = print_status_mail(desk, *book, *month, end, io); !ok)
    return data_error(io, verb, ok.error());
  if (auto ok = print_statement(desk, *book, *month, io); !ok)
    return data_error(io, verb, ok.error());
  return exit_ok;
}

}  // namespace tierdesk::cli
