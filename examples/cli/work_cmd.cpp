// tierdesk work log | list | reverse, and tierdesk fee charge: time and flat fees booked on
// tickets through the service desk, which checks them against the ticket's contract.
#include <algorithm>
#include <charconv>
#include <iostream>

#include <fmt/ostream.h>

#include "desk_cli.hpp"

namespace po = boost::program_options;

namespace tierdesk::cli {
namespace {

constexpr std::string_view work_usage = R"(usage:
  tierdesk work log REF --minutes N [--at ISO-8601] [--kind remote|on_site|travel|phone]
                        [--role support|project|senior] [--agent NAME] [--note TEXT]
                        [--logged-at ISO-8601]
      books N minutes of work on the ticket, started at --at (default: N minutes before
      --logged-at, i.e. the work just ended); kind remote, role support and agent --actor
      unless given. The history records it at --logged-at (default now). The work must lie
      inside the ticket's life (from its opening, ended by --logged-at, started before it was
      closed) and the contract must price it; resolved and closed tickets take work too.
  tierdesk work list [REF] [--customer C] [--contract K] [--from ISO-8601 --to ISO-8601]
      work entries by start, each with its entry number; --from/--to select starts in
      [from, to); reversed entries are marked and left out of the total
  tierdesk work reverse REF ENTRY --reason TEXT
      a correction: the work or fee recorded by event ENTRY of the ticket (its number in
      `tierdesk history` and `work list`) no longer bills; the statement shows it reversed

every subcommand: [--db PATH (default tierdesk.db)] [--json] [--actor NAME]
                  [--contracts DIR (default $TIERDESK_CONTRACTS)]
exit codes: 0 ok, 1 bad command line, 2 data error (unknown ticket, work outside the ticket's
            life, no rate for it, an entry reversed already, …)

example:
  tierdesk work log OO-2026-000001 --minutes 30 --at 2026-11-16T19:00:00+01:00 --agent mck
  tierdesk work list --customer nordlys --from 2026-11-01T00:00:00+01:00 --to 2026-12-01T00:00:00+01:00
  tierdesk work reverse OO-2026-000001 3 --reason "booked on the wrong ticket"
)";

constexpr std::string_view fee_usage = R"(usage:
  tierdesk fee charge REF CODE [--at ISO-8601] [--actor NAME] [--db PATH] [--json]
                               [--contracts DIR (default $TIERDESK_CONTRACTS)]
      charges the contract's flat fee CODE (e.g. on_call_non_critical) on the ticket at --at
      (default now); a code the contract does not have is an error. Closed tickets take fees
      too; `tierdesk work reverse REF ENTRY` takes a fee back.
exit codes: 0 ok, 1 bad command line, 2 data error (unknown ticket or fee code, …)

example:
  tierdesk fee charge OO-2026-000001 on_call_non_critical --at 2026-11-20T22:10:00+01:00
)";

void print_work(std::ostream& out, const WorkEntry& e) {
  fmt::print(out, "{}  {}  entry {:<3}  {:>6}  {:<7}  {:<7}  {}{}{}{}\n", format_utc(e.start),
             e.ticket, e.entry, minutes_text(e.duration), to_string(e.kind), to_string(e.role),
             e.agent.empty() ? "-" : terminal_text(e.agent), e.note.empty() ? "" : "  ",
             terminal_text(e.note),
             e.reversed ? fmt::format("  [reversed: {}]", terminal_text(e.reversed->reason)) : "");
}

Result<Instant> instant_option(const po::variables_map& vm, const char* name) {
  auto at = parse_iso8601(vm[name].as<std::string>());
  if (!at) return fail(at.error().within(fmt::format("--{}", name)));
  return *at;
}

int log_work(const po::variables_map& vm, const std::vector<std::string>& words, Io io) {
  constexpr std::string_view verb = "work log";
  if (words.size() != 1)
    return usage_error(io, verb, "work log needs one ticket reference", work_usage);
  auto ref = TicketRef::parse(words[0]);
  if (!ref) return usage_error(io, verb, ref.error().message(), work_usage);
  if (!vm.count("minutes")) return usage_error(io, verb, "work log needs --minutes N", work_usage);
  auto duration = work_minutes(vm["minutes"].as<std::int64_t>());
  if (!duration)
    return usage_error(io, verb, "--" + duration.error().message(), work_usage);  // "--minutes: …"
  WorkEntry entry{.agent = option(vm, "agent"), .duration = *duration, .note = option(vm, "note")};
  if (vm.count("at")) {
    auto start = instant_option(vm, "at");
    if (!start) return usage_error(io, verb, start.error().message(), work_usage);
    entry.start = *start;
  }
  if (vm.count("kind")) {
    auto kind = parse_work_kind(option(vm, "kind"));
    if (!kind) return usage_error(io, verb, kind.error().within("--kind").message(), work_usage);
    entry.kind = *kind;
  }
  if (vm.count("role")) {
    auto role = parse_role(option(vm, "role"));
    if (!role) return usage_error(io, verb, role.error().within("--role").message(), work_usage);
    entry.role = *role;
  }
  Instant logged = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  if (vm.count("logged-at")) {
    auto at = instant_option(vm, "logged-at");
    if (!at) return usage_error(io, verb, at.error().message(), work_usage);
    logged = *at;
  }
  auto session = Session::open(vm, io);
  if (!session) return data_error(io, verb, session.error());
  ServiceDesk& desk = (*session)->desk();
  auto stored = desk.log_work(*ref, entry, {actor_name(vm), logged});
  if (!stored) return data_error(io, verb, stored.error());
  const WorkEntry* e = &*stored;
  if (vm.count("json")) {
    io.out << boost::json::serialize(work_json(*e)) << '\n';
  } else {
    fmt::print(io.out, "{}: logged {} ({}, {}) by {}, started {}, entry {}\n", e->ticket,
               minutes_text(e->duration), to_string(e->kind), to_string(e->role),
               terminal_text(e->agent),
               format_utc(e->start), e->entry);
  }
  return exit_ok;
}

int list_work(const po::variables_map& vm, const std::vector<std::string>& words, Io io) {
  constexpr std::string_view verb = "work list";
  if (words.size() > 1)
    return usage_error(io, verb, fmt::format("unexpected \"{}\"", words[1]), work_usage);
  WorkFilter filter;
  if (words.size() == 1) {
    auto ref = TicketRef::parse(words[0]);
    if (!ref) return usage_error(io, verb, ref.error().message(), work_usage);
    filter.ref = *ref;
  }
  if (vm.count("customer")) filter.customer = option(vm, "customer");
  if (vm.count("contract")) filter.contract = option(vm, "contract");
  if (vm.count("from") != vm.count("to"))
    return usage_error(io, verb, "--from and --to go together", work_usage);
  if (vm.count("from")) {
    auto from = instant_option(vm, "from");
    if (!from) return usage_error(io, verb, from.error().message(), work_usage);
    auto to = instant_option(vm, "to");
    if (!to) return usage_error(io, verb, to.error().message(), work_usage);
    if (*to < *from)
      return usage_error(io, verb,
                         fmt::format("--to: got {}, expected an instant not before --from {}",
                                     format_utc(*to), format_utc(*from)),
                         work_usage);
    filter.started = Segment<Instant>{*from, *to};
  }
  auto session = Session::open(vm, io);
  if (!session) return data_error(io, verb, session.error());
  if (filter.ref)
    if (auto t = (*session)->desk().ticket(*filter.ref); !t) return data_error(io, verb, t.error());
  auto found = (*session)->desk().work(filter);
  if (!found) return data_error(io, verb, found.error());
  std::chrono::seconds total{0};
  std::size_t reversed = 0;
  for (const auto& e : *found) {
    if (e.reversed)
      ++reversed;
    else
      total += e.duration;
  }
  if (vm.count("json")) {
    boost::json::array out;
    for (const auto& e : *found) out.push_back(work_json(e));
    io.out << boost::json::serialize(
                  boost::json::object{{"work", std::move(out)}, {"total_seconds", total.count()}})
           << '\n';
  } else {
    for (const auto& e : *found) print_work(io.out, e);
    fmt::print(io.out, "{} entries{}, {}\n", found->size(),
               reversed ? fmt::format(" ({} reversed)", reversed) : "", minutes_text(total));
  }
  return exit_ok;
}

int reverse(const po::variables_map& vm, const std::vector<std::string>& words, Io io) {
  constexpr std::string_view verb = "work reverse";
  if (words.size() != 2)
    return usage_error(io, verb, "work reverse needs REF and ENTRY", work_usage);
  auto ref = TicketRef::parse(words[0]);
  if (!ref) return usage_error(io, verb, ref.error().message(), work_usage);
  std::int64_t entry = 0;
  const auto& text = words[1];
  if (std::from_chars(text.data(), text.data() + text.size(), entry).ptr !=
      text.data() + text.size())
    return usage_error(io, verb, fmt::format("ENTRY: got \"{}\", expected an event number", text),
                       work_usage);
  if (!vm.count("reason"))
    return usage_error(io, verb, "work reverse needs --reason TEXT", work_usage);
  auto at = now_or_at(vm);
  if (!at) return usage_error(io, verb, at.error().message(), work_usage);
  auto session = Session::open(vm, io);
  if (!session) return data_error(io, verb, session.error());
  const auto reason = option(vm, "reason");
  if (auto t = (*session)->desk().reverse_entry(*ref, entry, reason, {actor_name(vm), *at}); !t)
    return data_error(io, verb, t.error());
  if (vm.count("json")) {
    io.out << boost::json::serialize(boost::json::object{{"ticket", ref->str()},
                                                         {"entry", entry},
                                                         {"reason", reason},
                                                         {"at", format_utc(*at)}})
           << '\n';
  } else {
    fmt::print(io.out, "{}: entry {} reversed at {} ({})\n", ref->str(), entry, format_utc(*at),
               reason);
  }
  return exit_ok;
}

}  // namespace

int run_work(std::span<const std::string> args, Io io) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    fmt::print(args.empty() ? io.err : io.out, "{}", work_usage);
    return args.empty() ? exit_usage : exit_ok;
  }
  const std::string sub = args[0];
  if (sub != "log" && sub != "list" && sub != "reverse")
    return usage_error(io, "work", fmt::format("unknown subcommand \"{}\"", sub), work_usage);
  auto opts = desk_options();
  opts.add_options()("minutes", po::value<std::int64_t>())("kind", po::value<std::string>())(
      "role", po::value<std::string>())("agent", po::value<std::string>())(
      "note", po::value<std::string>())("logged-at", po::value<std::string>())(
      "customer", po::value<std::string>())("contract", po::value<std::string>())(
      "from", po::value<std::string>())("to", po::value<std::string>())("reason",
                                                                        po::value<std::string>());
  po::variables_map vm;
  std::vector<std::string> words;
  const std::string verb = "work " + sub;
  if (auto done = parse_args(args.subspan(1), opts, vm, words, verb, work_usage, io)) return *done;
  if (sub == "log") return log_work(vm, words, io);
  if (sub == "list") return list_work(vm, words, io);
  return reverse(vm, words, io);
}

int run_fee(std::span<const std::string> args, Io io) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    fmt::print(args.empty() ? io.err : io.out, "{}", fee_usage);
    return args.empty() ? exit_usage : exit_ok;
  }
  if (args[0] != "charge")
    return usage_error(io, "fee", fmt::format("unknown subcommand \"{}\"", args[0]), fee_usage);
  constexpr std::string_view verb = "fee charge";
  po::variables_map vm;
  std::vector<std::string> words;
  if (auto done = parse_args(args.subspan(1), desk_options(), vm, words, verb, fee_usage, io))
    return *done;
  if (words.size() != 2) return usage_error(io, verb, "fee charge needs REF and CODE", fee_usage);
  auto ref = TicketRef::parse(words[0]);
  if (!ref) return usage_error(io, verb, ref.error().message(), fee_usage);
  auto at = now_or_at(vm);
  if (!at) return usage_error(io, verb, at.error().message(), fee_usage);
  auto session = Session::open(vm, io);
  if (!session) return data_error(io, verb, session.error());
  ServiceDesk& desk = (*session)->desk();
  auto f = desk.charge_fee(*ref, words[1], {actor_name(vm), *at});
  if (!f) return data_error(io, verb, f.error());
  if (vm.count("json")) {
    io.out << boost::json::serialize(fee_json(*f)) << '\n';
  } else {
    fmt::print(io.out, "{}: fee {} charged at {}, entry {}\n", ref->str(), f->fee.code,
               format_utc(f->fee.at), f->fee.entry);
  }
  return exit_ok;
}

}  // namespace tierdesk::cli
