// tierdesk report status-mail | tickets | overview (and `tierdesk overview`, the same as
// `report overview`): the customer's reports from the store under its contract, through the
// service desk (status_mail, ticket_report, overview).
#include <fstream>
#include <iostream>

#include <fmt/ostream.h>

#include "desk_cli.hpp"

namespace po = boost::program_options;

namespace tierdesk::cli {
namespace {

constexpr std::string_view report_usage = R"(usage:
  tierdesk report status-mail --customer C --period YYYY-MM
                              [--to ADDRESS] [--from ADDRESS] [--message-id <ID@DOMAIN>]
                              [--text | --json]
      the status e-mail of one customer for one month: open requests with their SLA state,
      top topics, hours worked and the hour contingent ("contingent exhausted" when it is),
      the same hours as the month's statement; by default a ready-to-send RFC 5322 message
      to --to, else to the customer's address in its contract; --text the plain text
  tierdesk report tickets --customer C --period 2026-11|2026-Q4|2026 [--svg FILE] [--json]
      the ticket report for a month, quarter or year: counts by category, priority, status,
      tier and channel, SLA met %, median and p95 business times, included vs billed time;
      --svg also writes a chart of tickets per week and SLA met %
  tierdesk report overview --customer C [--open] [--zone IANA] [--json]
      every ticket of the customer with its status, SLA state and due times (--open: open
      tickets only), times in --zone, else the contract's zone

every subcommand: [--db PATH (default tierdesk.db)] [--at ISO-8601 (default now)]
                  [--contracts DIR (default $TIERDESK_CONTRACTS)]
The tickets, work and fees come from the database; the customer's contract (its calendars,
SLA policy, categories and contingent) from the contracts.
exit codes: 0 ok, 1 bad command line, 2 data error (unknown customer, no contracts given, store
            error)

example:
  tierdesk report status-mail --customer mueller --period 2026-11 --to office@mueller.example
  tierdesk report tickets --customer kreiswerke --period 2026-Q4 --svg q4.svg
  tierdesk report overview --customer nordlys --open
)";

std::string domain_of(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos) return "localhost";
  auto domain = address.substr(at + 1);
  if (const auto end = domain.find('>'); end != std::string_view::npos)
    domain = domain.substr(0, end);
  return domain.empty() ? "localhost" : std::string(domain);
}

// --from (default "tierdesk <noreply@localhost>"), --to, --message-id (default derived from
// the customer, the month and the date), the date `at`.
MailEnvelope envelope_option(const po::variables_map& vm, const std::string& customer,
                             const std::string& period, Instant at) {
  MailEnvelope e;
  e.from = vm.count("from") ? option(vm, "from") : "tierdesk <noreply@localhost>";
  e.to = option(vm, "to");
  e.date = at;
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a of the customer: an id without blanks
  for (const char c : customer) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  e.message_id = vm.count("message-id")
                     ? option(vm, "message-id")
                     : fmt::format("<status.{}.{:016x}.{}@{}>", period, hash,
                                   at.time_since_epoch().count(), domain_of(e.from));
  return e;
}

struct Request {
  const po::variables_map& vm;
  Io io;
  std::string verb;
  std::string customer;
  Instant at{};
};

int usage(const Request& r, std::string_view message) {
  return usage_error(r.io, r.verb, message, report_usage);
}

Result<ReportPeriod> period_option(const po::variables_map& vm) {
  auto period = parse_report_period(option(vm, "period"));
  if (!period) return fail(period.error().within("--period"));
  return period;
}

int status_mail(const Request& r) {
  if (!r.vm.count("period")) return usage(r, "status-mail needs --period YYYY-MM");
  auto period = period_option(r.vm);
  if (!period) return usage(r, period.error().message());
  if (period->months != 1) return usage(r, "status-mail needs a month as --period (2026-11)");
  const bool json = r.vm.count("json") > 0, text = r.vm.count("text") > 0;
  auto session = Session::open(r.vm, r.io);
  if (!session) return data_error(r.io, r.verb, session.error());
  ServiceDesk& desk = (*session)->desk();
  if (!json && !text) {
    auto mail = desk.status_mail(r.customer, period->first, r.at,
                                 envelope_option(r.vm, r.customer, period->label, r.at));
    if (!mail) return data_error(r.io, r.verb, mail.error());
    r.io.out << *mail;
    return exit_ok;
  }
  auto report = desk.status_report(r.customer, period->first, r.at);
  if (!report) return data_error(r.io, r.verb, report.error());
  if (json)
    fmt::print(r.io.out, "{}\n", to_json(*report));
  else
    fmt::print(r.io.out, "{}",
               terminal_text(render_status_text(
                                 *report, (*session)->book().customer(r.customer)->contract->billing.zone),
                             /*multi_line=*/true));
  return exit_ok;
}

int tickets(const Request& r) {
  if (!r.vm.count("period")) return usage(r, "tickets needs --period");
  auto period = period_option(r.vm);
  if (!period) return usage(r, period.error().message());
  auto session = Session::open(r.vm, r.io);
  if (!session) return data_error(r.io, r.verb, session.error());
  auto report = (*session)->desk().ticket_report(r.customer, *period, r.at);
  if (!report) return data_error(r.io, r.verb, report.error());
  if (r.vm.count("svg")) {
    const auto path = option(r.vm, "svg");
    std::ofstream svg(path, std::ios::binary);
    svg << render_ticket_chart_svg(*report);
    if (!svg.flush())
      return data_error(r.io, r.verb,
                        Error(Errc::io_error, fmt::format("{}: cannot be written", path)));
  }
  if (r.vm.count("json"))
    fmt::print(r.io.out, "{}\n", to_json(*report));
  else
    fmt::print(r.io.out, "{}", terminal_text(render_ticket_report_text(*report), /*multi_line=*/true));
  return exit_ok;
}

int overview(const Request& r) {
  std::optional<Zone> zone;
  if (r.vm.count("zone")) {
    auto z = Zone::locate(option(r.vm, "zone"));
    if (!z) return usage(r, z.error().within("--zone").message());
    zone = *z;
  }
  auto session = Session::open(r.vm, r.io);
  if (!session) return data_error(r.io, r.verb, session.error());
  auto o = (*session)->desk().overview(r.customer, r.vm.count("open") > 0, r.at);
  if (!o) return data_error(r.io, r.verb, o.error());
  if (r.vm.count("json")) {
    fmt::print(r.io.out, "{}\n", to_json(*o));
  } else {
    if (!zone) zone = (*session)->book().customer(r.customer)->contract->billing.zone;
    fmt::print(r.io.out, "{}", terminal_text(render_overview_text(*o, *zone), /*multi_line=*/true));
  }
  return exit_ok;
}

}  // namespace

int run_report(std::span<const std::string> args, Io io) {
  auto opts = desk_options();
  opts.add_options()("customer", po::value<std::string>())("period", po::value<std::string>())(
      "to", po::value<std::string>())("from", po::value<std::string>())(
      "message-id", po::value<std::string>())("svg", po::value<std::string>())("text", "")(
      "zone", po::value<std::string>())("open", "");
  po::variables_map vm;
  std::vector<std::string> words;
  if (auto done = parse_args(args, opts, vm, words, "report", report_usage, io)) return *done;
  if (words.size() != 1)
    return usage_error(io, "report", "report needs status-mail, tickets or overview", report_usage);
  const std::string& which = words[0];
  if (which != "status-mail" && which != "tickets" && which != "overview")
    return usage_error(io, "report", fmt::format("unknown report \"{}\"", which), report_usage);
  const std::string verb = "report " + which;
  if (!vm.count("customer"))
    return usage_error(io, verb, fmt::format("{} needs --customer", which), report_usage);
  auto at = now_or_at(vm);
  if (!at) return usage_error(io, verb, at.error().message(), report_usage);
  const Request r{vm, io, verb, option(vm, "customer"), *at};
  if (which == "status-mail") return status_mail(r);
  if (which == "tickets") return tickets(r);
  return overview(r);
}

int run_overview(std::span<const std::string> args, Io io) {
  std::vector<std::string> with_report{"overview"};
  with_report.insert(with_report.end(), args.begin(), args.end());
  return run_report(with_report, io);
}

}  // namespace tierdesk::cli
