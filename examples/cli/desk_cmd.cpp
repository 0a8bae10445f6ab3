// tierdesk init | due | history: the database, the SLA instants due across tickets and a
// ticket's history.
#include <iostream>

#include <fmt/ostream.h>

#include "desk_cli.hpp"
#include "tierdesk/sla/sla_json.hpp"

namespace po = boost::program_options;

namespace tierdesk::cli {
namespace {

constexpr std::string_view init_usage = R"(usage:
  tierdesk init [--db PATH]        create the ticket database (default tierdesk.db), or bring an
                                   existing one to the current schema
)";

constexpr std::string_view due_usage = R"(usage:
  tierdesk due --within DURATION [--warnings] [--limit N] [--at ISO-8601] [--db PATH] [--json]
               [--contracts DIR (default $TIERDESK_CONTRACTS)]

Lists the SLA due instants (and with --warnings the warning instants) of open tickets in
[now, now + DURATION), earliest first. DURATION: 2h, 30m, 1h30m, 90s.

example:
  tierdesk due --within 2h --json
)";

constexpr std::string_view history_usage = R"(usage:
  tierdesk history REF [--db PATH] [--json] [--contracts DIR]
      every event of a ticket, oldest first; the first column is the event's seq (the ENTRY
      of `tierdesk work reverse` for a work_logged or fee_charged event)
)";

}  // namespace

int run_init(std::span<const std::string> args, Io io) {
  po::variables_map vm;
  std::vector<std::string> words;
  if (auto done = parse_args(args, common_options(), vm, words, "init", init_usage, io))
    return *done;
  if (!words.empty())
    return usage_error(io, "init", fmt::format("unexpected \"{}\"", words[0]), init_usage);
  auto store = open_store(vm, true);
  if (!store) return data_error(io, "init", store.error());
  const auto path = vm["db"].as<std::string>();
  if (vm.count("json")) {
    io.out << boost::json::serialize(
                  boost::json::object{{"db", path}, {"schema_version", store->schema_version()}})
           << '\n';
  } else {
    fmt::print(io.out, "{}: schema version {}\n", path, store->schema_version());
  }
  return exit_ok;
}

int run_due(std::span<const std::string> args, Io io) {
  auto opts = desk_options();
  opts.add_options()("within", po::value<std::string>())("warnings", "")(
      "limit", po::value<std::string>());
  po::variables_map vm;
  std::vector<std::string> words;
  if (auto done = parse_args(args, opts, vm, words, "due", due_usage, io)) return *done;
  if (!words.empty())
    return usage_error(io, "due", fmt::format("unexpected \"{}\"", words[0]), due_usage);
  if (!vm.count("within")) return usage_error(io, "due", "due needs --within DURATION", due_usage);
  auto within = parse_duration(vm["within"].as<std::string>());
  if (!within)
    return usage_error(io, "due", within.error().within("--within").message(), due_usage);
  auto now = now_or_at(vm);
  if (!now) return usage_error(io, "due", now.error().message(), due_usage);
  auto limit = limit_option(vm, 1000);
  if (!limit) return usage_error(io, "due", limit.error().message(), due_usage);
  auto session = Session::open(vm, io);
  if (!session) return data_error(io, "due", session.error());
  const auto filter = vm.count("warnings") ? AlarmFilter::due_and_warnings : AlarmFilter::due_only;
  auto alarms = (*session)->desk().due({*now, *now + *within}, filter, *limit);
  if (!alarms) return data_error(io, "due", alarms.error());
  if (vm.count("json")) {
    boost::json::array out;
    for (const auto& a : *alarms) out.push_back(alarm_json(a));
    io.out << boost::json::serialize(boost::json::object{{"from", format_utc(*now)},
                                                         {"to", format_utc(*now + *within)},
                                                         {"alarms", std::move(out)}})
           << '\n';
  } else {
    for (const auto& a : *alarms)
      fmt::print(io.out, "{}  {}  {} {}{}\n", format_utc(a.at), a.ref.str(), a.clock.str(),
                 a.kind == ClockAlarm::Kind::due ? "due" : "warning",
                 a.kind == ClockAlarm::Kind::due ? std::string() : fmt::format(" {}", a.level + 1));
  }
  return exit_ok;
}

int run_history(std::span<const std::string> args, Io io) {
  po::variables_map vm;
  std::vector<std::string> words;
  if (auto done = parse_args(args, desk_options(), vm, words, "history", history_usage, io))
    return *done;
  if (words.size() != 1)
    return usage_error(io, "history", "history needs one ticket reference", history_usage);
  auto ref = TicketRef::parse(words[0]);
  if (!ref) return usage_error(io, "history", ref.error().message(), history_usage);
  auto session = Session::open(vm, io);
  if (!session) return data_error(io, "history", session.error());
  auto events = (*session)->desk().history(*ref);
  if (!events) return data_error(io, "history", events.error());
  if (vm.count("json")) {
    boost::json::array out;
    for (const auto& e : *events) out.push_back(event_json(e));
    io.out << boost::json::serialize(
                  boost::json::object{{"ref", ref->str()}, {"events", std::move(out)}})
           << '\n';
  } else {
    for (const auto& e : *events) print_event(io.out, e);
  }
  return exit_ok;
}

}  // namespace tierdesk::cli
