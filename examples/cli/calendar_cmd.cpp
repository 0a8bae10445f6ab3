// tierdesk calendar eval | holidays | presets
#include <iostream>
#include <optional>
#include <string>

#include <boost/json.hpp>
#include <boost/program_options.hpp>
#include <fmt/ostream.h>

#include "commands.hpp"
#include "desk_cli.hpp"
#include "calendar_eval.hpp"
#include "jsonl.hpp"
#include "tierdesk/calendar/calendar.hpp"
#include "tierdesk/calendar/calendar_json.hpp"

namespace po = boost::program_options;

namespace tierdesk::cli {
namespace {

using host::evaluate;
using host::holidays_json;

constexpr std::string_view calendar_usage = R"(usage:
  tierdesk calendar eval --calendar FILE.json      JSON lines on stdin, one answer per line
  tierdesk calendar holidays (--preset CODE | --calendar FILE.json) --from YEAR [--to YEAR] [--json]
  tierdesk calendar presets                        the holiday preset codes

eval requests (instants are ISO-8601 with an offset; answers use the calendar's zone):
  {"op":"add","start":"2026-12-23T16:30:00+01:00","minutes":120}  → {"result":"2026-12-24T09:30:00+01:00"}
  {"op":"add","start":…,"seconds":-3600}                        (negative walks back)
  {"op":"between","from":ISO,"to":ISO}                           → {"minutes":N,"seconds":S}
  {"op":"is_open","at":ISO}                                      → {"open":true}
  {"op":"next_open","at":ISO} / {"op":"next_close","at":ISO}     → {"result":ISO}
  {"op":"intervals","from":ISO,"to":ISO}                         → {"intervals":[[ISO,ISO],…]}
  {"op":"holidays","year":2027}                                  → {"dates":["2027-01-01",…],"holidays":[…]}

example:
  echo '{"op":"add","start":"2026-12-23T16:30:00+01:00","minutes":120}' |
    tierdesk calendar eval --calendar examples/calendars/de-bw-office.json
)";

int usage_error(Io io, std::string_view message) {
  fmt::print(io.err, "tierdesk calendar: {}\n\n{}", message, calendar_usage);
  return exit_usage;
}

int run_eval(const po::variables_map& vm, Io io) {
  if (!vm.count("calendar")) return usage_error(io, "eval needs --calendar FILE.json");
  auto cal = load_calendar_file(vm["calendar"].as<std::string>());
  if (!cal) {
    fmt::print(io.err, "tierdesk calendar: {}: {}\n", to_string(cal.error().code()), cal.error().message());
    return exit_data;
  }
  return run_jsonl(io.in, io.out, [&](const boost::json::object& req) {
    host::Evaluation evaluation(*cal);  // each line its own budget
    return evaluate(evaluation, req);
  });
}

int run_holidays(const po::variables_map& vm, Io io) {
  if (!vm.count("from")) return usage_error(io, "holidays needs --from YEAR");
  const int from = vm["from"].as<int>();
  const int to = vm.count("to") ? vm["to"].as<int>() : from;
  if (from < 1900 || to > 2399 || from > to) {
    return usage_error(io, fmt::format("--from {} --to {}: expected 1900 <= from <= to <= 2399", from, to));
  }
  std::string source;
  std::vector<HolidayRule> rules;
  if (vm.count("preset")) {
    source = vm["preset"].as<std::string>();
    auto r = preset(source);
    if (!r) return usage_error(io, r.error().message());
    rules = std::move(*r);
  } else if (vm.count("calendar")) {
    source = vm["calendar"].as<std::string>();
    auto cal = load_calendar_file(source);
    if (!cal) {
      fmt::print(io.err, "tierdesk calendar: {}: {}\n", to_string(cal.error().code()), cal.error().message());
      return exit_data;
    }
    rules = cal->spec().holidays;
  } else {
    return usage_error(io, "holidays needs --preset CODE or --calendar FILE.json");
  }
  std::vector<Holiday> all;
  for (int year = from; year <= to; ++year) {
    auto h = holidays_in(rules, year);
    all.insert(all.end(), std::make_move_iterator(h.begin()), std::make_move_iterator(h.end()));
  }
  if (vm.count("json")) {
    auto body = holidays_json(all);
    body.erase("holidays");
    boost::json::object out{{vm.count("preset") ? "preset" : "calendar", source}};
    out["dates"] = std::move(body["dates"]);
    io.out << boost::json::serialize(out) << '\n';
  } else {
    for (const auto& h : all) {
      constexpr std::string_view day_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
      fmt::print(io.out, "{}  {}  {}{}\n", h.date,
                 day_names[std::chrono::weekday{std::chrono::sys_days{h.date}}.c_encoding()], h.name,
                 h.hours.empty() ? "" : " (partial day)");
    }
  }
  return exit_ok;
}

}  // namespace

int run_calendar(std::span<const std::string> args, Io io) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    fmt::print(args.empty() ? io.err : io.out, "{}", calendar_usage);
    return args.empty() ? exit_usage : exit_ok;
  }
  const std::string& sub = args[0];
  po::options_description opts;
  opts.add_options()("calendar", po::value<std::string>())("preset", po::value<std::string>())(
      "from", po::value<int>())("to", po::value<int>())("json", "")("help,h", "");
  po::variables_map vm;
  std::vector<std::string> words;  // no option takes them, so parse_args rejects stray words
  if (auto done = parse_args(args.subspan(1), opts, vm, words, "calendar", calendar_usage, io)) {
    return *done;
  }
  if (sub == "eval") return run_eval(vm, io);
  if (sub == "holidays") return run_holidays(vm, io);
  if (sub == "presets") {
    for (auto code : preset_codes()) fmt::print(io.out, "{}\n", code);
    return exit_ok;
  }
  return usage_error(io, fmt::format("unknown subcommand \"{}\"", sub));
}

}  // namespace tierdesk::cli
