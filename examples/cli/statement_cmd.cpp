// tierdesk statement --customer C --month YYYY-MM: a customer's statement from the ticket
// database, priced by its contract (ServiceDesk::statement).
#include <iostream>

#include <fmt/ostream.h>

#include "desk_cli.hpp"

namespace po = boost::program_options;

namespace tierdesk::cli {
namespace {

constexpr std::string_view statement_usage = R"(usage:
  tierdesk statement --customer C --month YYYY-MM [--json] [--contracts DIR] [--db PATH]

The customer's statement for one month: every ticket with work or fees in the month, priced by
the customer's contract (time lines, included and quote-required time, on-site days, fees,
emergency surcharges, reversed entries), the hour contingent and its overage, catalogue orders
and subscription fees, then subtotal, VAT and total. The contract is the one among the
contracts in --contracts DIR (default $TIERDESK_CONTRACTS) that lists the customer.
exit codes: 0 ok, 1 bad command line, 2 data error (unknown customer, no contracts given, a bad
            contract, store error)

example:
  tierdesk statement --customer nordlys --month 2026-11
  tierdesk statement --customer mueller --month 2026-12 --json --contracts /etc/tierdesk/contracts
)";

}  // namespace

int run_statement(std::span<const std::string> args, Io io) {
  constexpr std::string_view verb = "statement";
  auto opts = desk_options();
  opts.add_options()("customer", po::value<std::string>())("month", po::value<std::string>());
  po::variables_map vm;
  std::vector<std::string> words;
  if (auto done = parse_args(args, opts, vm, words, verb, statement_usage, io)) return *done;
  if (!words.empty())
    return usage_error(io, verb, fmt::format("unexpected word \"{}\"", words[0]), statement_usage);
  for (const auto* name : {"customer", "month"})
    if (!vm.count(name))
      return usage_error(io, verb, fmt::format("statement needs --{}", name), statement_usage);
  auto month = parse_month(vm["month"].as<std::string>());
  if (!month) return usage_error(io, verb, month.error().message(), statement_usage);
  auto session = Session::open(vm, io);
  if (!session) return data_error(io, verb, session.error());
  const auto customer = vm["customer"].as<std::string>();
  auto statement = (*session)->desk().statement(customer, *month);
  if (!statement) return data_error(io, verb, statement.error());
  if (vm.count("json")) {
    io.out << to_json(*statement);
  } else {
    const auto found = (*session)->book().customer(customer);
    fmt::print(io.out, "{} — {}\n",
               found->customer->name.empty() ? customer : found->customer->name,
               found->contract->name);
    io.out << terminal_text(render_text(*statement), /*multi_line=*/true);
  }
  return exit_ok;
}

}  // namespace tierdesk::cli
