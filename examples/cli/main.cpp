// tierdesk: the command-line host. `tierdesk VERB …`; `tierdesk VERB --help` for each verb.
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/ostream.h>

#include "commands.hpp"

namespace {

struct Verb {
  std::string_view name;
  std::string_view summary;
  tierdesk::cli::Command run;
};

constexpr Verb verbs[] = {
    {"calendar", "business-time calendars: eval, holidays, presets", tierdesk::cli::run_calendar},
    {"sla", "SLA clocks of tickets given as JSON lines: eval", tierdesk::cli::run_sla},
    {"init", "create or migrate the ticket database (--db PATH)", tierdesk::cli::run_init},
    {"ticket",
     "tickets: open, show, list, status, priority, category, assign, escalate, reply, emergency",
     tierdesk::cli::run_ticket},
    {"receive", "an inbound message from a customer: opens a ticket or threads a reply",
     tierdesk::cli::run_receive},
    {"jourfixe", "the JourFixe queue of a contract and the meeting's outcomes: list, done",
     tierdesk::cli::run_jourfixe},
    {"due", "SLA instants due soon: due --within 2h", tierdesk::cli::run_due},
    {"history", "the event history of a ticket", tierdesk::cli::run_history},
    {"work", "time booked on tickets: log, list, reverse (a correction)", tierdesk::cli::run_work},
    {"fee", "flat fees charged on tickets: charge", tierdesk::cli::run_fee},
    {"report", "reports: status-mail (RFC 5322), tickets (text, JSON, SVG), overview",
     tierdesk::cli::run_report},
    {"overview", "the same as `report overview`: every ticket of one customer",
     tierdesk::cli::run_overview},
    {"contract", "provider contracts: check FILE.json", tierdesk::cli::run_contract},
    {"statement", "a customer's statement for a month, priced by its contract",
     tierdesk::cli::run_statement},
    {"demo", "a month of five providers in a new database: due times, status e-mail, statement",
     tierdesk::cli::run_demo},
    {"token", "API tokens for tierdesk-server: create, list, revoke", tierdesk::cli::run_token},
};

void print_usage(std::ostream& os) {
  fmt::print(os, "usage: tierdesk VERB [ARGS…]\n\nverbs:\n");
  for (const auto& v : verbs) fmt::print(os, "  {:<10} {}\n", v.name, v.summary);
  fmt::print(os,
             "\n`tierdesk VERB --help` describes a verb, with an example. The verbs on tickets,\n"
             "work, fees, statements and reports read the contracts from --contracts DIR or\n"
             "$TIERDESK_CONTRACTS.\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_usage(args.empty() ? std::cerr : std::cout);
    return args.empty() ? tierdesk::cli::exit_usage : tierdesk::cli::exit_ok;
  }
  for (const auto& v : verbs) {
    if (v.name == args[0]) {
      return v.run(std::span(args).subspan(1), {std::cin, std::cout, std::cerr});
    }
  }
  fmt::print(std::cerr, "tierdesk: unknown verb \"{}\"\n\n", args[0]);
  print_usage(std::cerr);
  return tierdesk::cli::exit_usage;
}
