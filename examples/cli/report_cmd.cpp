// tierdesk report status-mail | tickets, and tierdesk overview: the reports of the library
// (status_mail.hpp, ticket_report.hpp, overview.hpp) over a ticket database.
#include <fstream>
#include <iostream>
#include <variant>

#include <fmt/ostream.h>

#include "contracts_cli.hpp"
#include "desk_cli.hpp"
#include "report_inputs.hpp"
#include "tierdesk/overview.hpp"
#include "tierdesk/sla_json.hpp"
#include "tierdesk/ticket_report.hpp"

namespace po = boost::program_options;

namespace tierdesk::cli {
namespace {

constexpr std::string_view report_usage = R"(usage:
  tierdesk report status-mail --customer C --period YYYY-MM [--contract CONTRACT.json]
                              [--work WORK.jsonl] [--contract-start DATE]
                              [--to ADDRESS] [--from ADDRESS] [--message-id <ID@DOMAIN>]
                              [--text | --json]
      the status e-mail of one customer for one month: open requests with their SLA state,
      top topics, hours worked and the hour contingent ("contingent exhausted" when it is);
      by default a ready-to-send RFC 5322 message (needs --to), --text the plain text
  tierdesk report tickets --customer C --period 2026-11|2026-Q4|2026 [--contract CONTRACT.json]
                          [--policy SLA.json] [--work WORK.jsonl] [--contract-start DATE]
                          [--svg FILE] [--json]
      the ticket report for a month, quarter or year: counts by category, priority, status,
      tier and channel, SLA met %, median and p95 business times, included vs billed time;
      --svg also writes a chart of tickets per week and SLA met %

every subcommand: [--db PATH (default tierdesk.db)] [--at ISO-8601 (default now)]
  --contract: the contract file; without it, the contract that lists the customer among the
          contracts in --contracts DIR (default $TIERDESK_CONTRACTS, else examples/contracts)
  --policy: the SLA policy of the ticket report; without it, the contract's
  --work: work entries as JSON lines {"ticket", "start", "minutes", "kind", "role", "agent"};
          without it, the customer's work entries in the database (`tierdesk work log`)
  --contract-start: the contract's first day, for the contingent's start phase (default: the
          customer's start in its contract, else 2000-01-01)
exit codes: 0 ok, 1 bad command line, 2 data error (unknown file, bad contract, store error)

example:
  tierdesk report status-mail --customer mueller --period 2026-11 --to it@mueller.example
  tierdesk report tickets --customer kreiswerke --period 2026-Q4 --svg q4.svg
  tierdesk report tickets --customer stadtwerke --period 2026-Q4 \
      --contract my-roewaplan.json --policy examples/policies/roewaplan.json
)";

constexpr std::string_view overview_usage = R"(usage:
  tierdesk overview --customer C [--open] [--zone IANA | --contract CONTRACT.json] [--json]
                    [--db PATH] [--at ISO-8601]

Every ticket of one customer with its status, its SLA state and the due times of its clocks
(--open: open tickets only). Times are shown in --zone, else the contract's zone, else UTC.
exit codes: 0 ok, 1 bad command line, 2 data error

example:
  tierdesk overview --customer acme --zone Europe/Copenhagen
)";

po::options_description report_options() {
  auto opts = common_options();
  opts.add_options()("customer", po::value<std::string>())("period", po::value<std::string>())(
      "contract", po::value<std::string>())("policy", po::value<std::string>())(
      "work", po::value<std::string>())("contract-start", po::value<std::string>())(
      "to", po::value<std::string>())("from", po::value<std::string>())(
      "message-id", po::value<std::string>())("svg", po::value<std::string>())("text", "")(
      "contracts", po::value<std::string>());
  return opts;
}

struct Common {
  std::string customer{};
  ReportPeriod period{};
  Instant at{};
  Contract contract{};
  std::vector<WorkEntry> work{};
  std::optional<ContingentAccount> account{};
};

// Checks the options every report needs; a usage or data error code when they fail.
std::variant<Common, int> common_inputs(const po::variables_map& vm, Io io) {
  constexpr std::string_view verb = "report";
  for (const auto* name : {"customer", "period"})
    if (!vm.count(name))
      return usage_error(io, verb, fmt::format("report needs --{}", name), report_usage);
  // Filled field by field: from a designated initializer, GCC 12 at -O3 reports the empty
  // ReportPeriod::label as maybe-uninitialized (a false positive).
  Common c;
  c.customer = vm["customer"].as<std::string>();
  auto period = parse_report_period(vm["period"].as<std::string>());
  if (!period)
    return usage_error(io, verb, period.error().within("--period").message(), report_usage);
  c.period = *period;
  auto at = now_or_at(vm);
  if (!at) return usage_error(io, verb, at.error().message(), report_usage);
  c.at = *at;
  std::optional<Date> customer_start;
  if (vm.count("contract")) {
    auto contract = load_contract_file(vm["contract"].as<std::string>());
    if (!contract) return data_error(io, verb, contract.error());
    c.contract = std::move(*contract);
  } else {
    auto contracts = load_contracts(contracts_dir(vm));
    if (!contracts) return data_error(io, verb, contracts.error());
    auto found = find_customer(*contracts, c.customer);
    if (!found) return data_error(io, verb, found.error());
    customer_start = found->customer->start;
    c.contract = *found->contract;
  }
  auto work = work_option(vm);
  if (!work) return data_error(io, verb, work.error());
  c.work = std::move(*work);
  auto account = contingent_option(vm, c.contract);
  if (!account) return usage_error(io, verb, account.error().message(), report_usage);
  c.account = *account;
  if (c.account && customer_start && !vm.count("contract-start"))
    c.account->contract_start = *customer_start;
  return c;
}

// Without --work the work entries come from the database: all of the customer's (the report
// picks those of its period).
Result<void> stored_work(const po::variables_map& vm, Store& store, Common& c) {
  if (vm.count("work")) return {};
  auto work = store.work({.customer = c.customer});
  if (!work) return fail(work.error());
  c.work = std::move(*work);
  return {};
}

int status_mail(const po::variables_map& vm, Io io) {
  auto inputs = common_inputs(vm, io);
  if (const auto* code = std::get_if<int>(&inputs)) return *code;
  auto& c = std::get<Common>(inputs);
  if (c.period.months != 1)
    return usage_error(io, "report", "status-mail needs a month as --period (2026-11)",
                       report_usage);
  if (!vm.count("to") && !vm.count("json") && !vm.count("text"))
    return usage_error(io, "report", "status-mail needs --to ADDRESS (or --text, --json)",
                       report_usage);
  auto store = open_store(vm, false);
  if (!store) return data_error(io, "report", store.error());
  if (auto ok = stored_work(vm, *store, c); !ok) return data_error(io, "report", ok.error());
  auto report = build_status_report(*store, c.contract.billing,
                                    {.customer = c.customer,
                                     .month = c.period.first,
                                     .as_of = c.at,
                                     .work = std::move(c.work),
                                     .contingent = c.account});
  if (!report) return data_error(io, "report", report.error());
  const auto& zone = c.contract.billing.zone;
  if (vm.count("json")) {
    fmt::print(io.out, "{}\n", to_json(*report));
  } else if (vm.count("text")) {
    fmt::print(io.out, "{}", render_status_text(*report, zone));
  } else {
    auto mail =
        render_status_mail(*report, envelope_option(vm, c.customer, c.period.label, c.at), zone);
    if (!mail) return data_error(io, "report", mail.error());
    io.out << *mail;
  }
  return exit_ok;
}

int tickets(const po::variables_map& vm, Io io) {
  auto inputs = common_inputs(vm, io);
  if (const auto* code = std::get_if<int>(&inputs)) return *code;
  auto& c = std::get<Common>(inputs);
  if (!vm.count("policy") && !c.contract.sla)
    return usage_error(io, "report",
                       fmt::format("report tickets needs --policy: contract \"{}\" has no SLA policy",
                                   c.contract.name),
                       report_usage);
  auto policy = vm.count("policy") ? load_policy_file(vm["policy"].as<std::string>())
                                   : Result<SlaPolicy>(*c.contract.sla);
  if (!policy) return data_error(io, "report", policy.error());
  auto store = open_store(vm, false);
  if (!store) return data_error(io, "report", store.error());
  if (auto ok = stored_work(vm, *store, c); !ok) return data_error(io, "report", ok.error());
  auto report = build_ticket_report(*store, *policy, c.contract.billing,
                                    {.customer = c.customer,
                                     .period = c.period,
                                     .as_of = c.at,
                                     .work = std::move(c.work),
                                     .contingent = c.account});
  if (!report) return data_error(io, "report", report.error());
  if (vm.count("svg")) {
    const auto path = vm["svg"].as<std::string>();
    std::ofstream svg(path, std::ios::binary);
    svg << render_ticket_chart_svg(*report);
    if (!svg.flush())
      return data_error(io, "report",
                        Error(Errc::io_error, fmt::format("{}: cannot be written", path)));
  }
  if (vm.count("json")) {
    fmt::print(io.out, "{}\n", to_json(*report));
  } else {
    fmt::print(io.out, "{}", render_ticket_report_text(*report));
  }
  return exit_ok;
}

}  // namespace

int run_report(std::span<const std::string> args, Io io) {
  po::variables_map vm;
  std::vector<std::string> words;
  if (auto done = parse_args(args, report_options(), vm, words, "report", report_usage, io))
    return *done;
  if (words.size() != 1)
    return usage_error(io, "report", "report needs status-mail or tickets", report_usage);
  if (words[0] == "status-mail") return status_mail(vm, io);
  if (words[0] == "tickets") return tickets(vm, io);
  return usage_error(io, "report", fmt::format("unknown report \"{}\"", words[0]), report_usage);
}

int run_overview(std::span<const std::string> args, Io io) {
  auto opts = common_options();
  opts.add_options()("customer", po::value<std::string>())("open", "")(
      "zone", po::value<std::string>())("contract", po::value<std::string>());
  po::variables_map vm;
  std::vector<std::string> words;
  if (auto done = parse_args(args, opts, vm, words, "overview", overview_usage, io)) return *done;
  if (!words.empty())
    return usage_error(io, "overview", fmt::format("unexpected \"{}\"", words[0]), overview_usage);
  if (!vm.count("customer"))
    return usage_error(io, "overview", "overview needs --customer", overview_usage);
  auto at = now_or_at(vm);
  if (!at) return usage_error(io, "overview", at.error().message(), overview_usage);
  Zone zone = Zone::utc();
  if (vm.count("zone")) {
    auto z = Zone::locate(vm["zone"].as<std::string>());
    if (!z)
      return usage_error(io, "overview", z.error().within("--zone").message(), overview_usage);
    zone = *z;
  } else if (vm.count("contract")) {
    auto contract = load_contract_file(vm["contract"].as<std::string>());
    if (!contract) return data_error(io, "overview", contract.error());
    zone = contract->billing.zone;
  }
  auto store = open_store(vm, false);
  if (!store) return data_error(io, "overview", store.error());
  auto overview = build_overview(*store, {.customer = vm["customer"].as<std::string>(),
                                          .as_of = *at,
                                          .open_only = vm.count("open") > 0});
  if (!overview) return data_error(io, "overview", overview.error());
  if (vm.count("json")) {
    fmt::print(io.out, "{}\n", to_json(*overview));
  } else {
    fmt::print(io.out, "{}", render_overview_text(*overview, zone));
  }
  return exit_ok;
}

}  // namespace tierdesk::cli
