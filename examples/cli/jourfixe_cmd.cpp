// tierdesk jourfixe list | done: the requests a contract collects for its JourFixe meeting,
// and what the meeting decided on one of them.
#include <iostream>

#include <fmt/ostream.h>

#include "desk_cli.hpp"

namespace po = boost::program_options;

namespace tierdesk::cli {
namespace {

constexpr std::string_view jourfixe_usage = R"(usage:
  tierdesk jourfixe list --contract K
      the tickets of contract K waiting for its JourFixe, and the next meeting after --at
  tierdesk jourfixe done REF --outcome resolved|carried_over [--note TEXT]
      records the meeting's outcome: resolved, or carried over to the next JourFixe

every subcommand: [--db PATH (default tierdesk.db)] [--json] [--actor NAME] [--at ISO-8601]
                  [--contracts DIR (default $TIERDESK_CONTRACTS)]
exit codes: 0 ok, 1 bad command line, 2 data error (a contract without JourFixe, a ticket not
            in the queue, …)

example:
  tierdesk jourfixe list --contract solutionbar
  tierdesk jourfixe done SB-2026-000004 --outcome carried_over --note "waiting for the new switch"
)";

int list(const po::variables_map& vm, const std::vector<std::string>& words, Session& s,
         Instant now, Io io) {
  constexpr std::string_view verb = "jourfixe list";
  if (!words.empty())
    return usage_error(io, verb, fmt::format("unexpected \"{}\"", words[0]), jourfixe_usage);
  if (!vm.count("contract"))
    return usage_error(io, verb, "list needs --contract K", jourfixe_usage);
  const auto contract = option(vm, "contract");
  auto queue = s.desk().jourfixe_queue(contract, now);
  if (!queue) return data_error(io, verb, queue.error());
  if (vm.count("json")) {
    boost::json::array tickets;
    for (const auto& t : queue->tickets) tickets.push_back(ticket_json(t, s.tiers(t)));
    boost::json::object out{
        {"contract", contract}, {"next_slot", nullptr}, {"tickets", std::move(tickets)}};
    if (queue->next_slot) out["next_slot"] = format_utc(*queue->next_slot);
    io.out << boost::json::serialize(out) << '\n';
    return exit_ok;
  }
  const Zone& zone = (*s.book().contract(contract))->billing.zone;
  fmt::print(io.out, "JourFixe of {}: {} waiting, next meeting {}\n", contract,
             queue->tickets.size(),
             queue->next_slot ? zone.format_iso8601(*queue->next_slot) : std::string("-"));
  for (const auto& t : queue->tickets) print_ticket_line(io.out, t);
  return exit_ok;
}

int done(const po::variables_map& vm, const std::vector<std::string>& words, Session& s,
         const Actor& by, Io io) {
  constexpr std::string_view verb = "jourfixe done";
  if (words.size() != 1)
    return usage_error(io, verb, "done needs one ticket reference", jourfixe_usage);
  auto ref = TicketRef::parse(words[0]);
  if (!ref) return usage_error(io, verb, ref.error().message(), jourfixe_usage);
  if (!vm.count("outcome")) return usage_error(io, verb, "done needs --outcome", jourfixe_usage);
  auto outcome = parse_jourfixe_outcome(option(vm, "outcome"));
  if (!outcome)
    return usage_error(io, verb, outcome.error().within("--outcome").message(), jourfixe_usage);
  auto t = s.desk().record_jourfixe(*ref, *outcome, option(vm, "note"), by);
  if (!t) return data_error(io, verb, t.error());
  if (vm.count("json"))
    io.out << boost::json::serialize(ticket_json(*t, s.tiers(*t))) << '\n';
  else
    print_ticket(io.out, *t, s.tiers(*t));
  return exit_ok;
}

}  // namespace

int run_jourfixe(std::span<const std::string> args, Io io) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    fmt::print(args.empty() ? io.err : io.out, "{}", jourfixe_usage);
    return args.empty() ? exit_usage : exit_ok;
  }
  const std::string sub = args[0];
  if (sub != "list" && sub != "done")
    return usage_error(io, "jourfixe", fmt::format("unknown subcommand \"{}\"", sub),
                       jourfixe_usage);
  const std::string verb = "jourfixe " + sub;
  auto opts = desk_options();
  opts.add_options()("contract", po::value<std::string>())("outcome", po::value<std::string>())(
      "note", po::value<std::string>());
  po::variables_map vm;
  std::vector<std::string> words;
  if (auto stop = parse_args(args.subspan(1), opts, vm, words, verb, jourfixe_usage, io))
    return *stop;
  auto at = now_or_at(vm);
  if (!at) return usage_error(io, verb, at.error().message(), jourfixe_usage);
  auto session = Session::open(vm, io);
  if (!session) return data_error(io, verb, session.error());
  if (sub == "list") return list(vm, words, **session, *at, io);
  return done(vm, words, **session, {actor_name(vm), *at}, io);
}

}  // namespace tierdesk::cli
