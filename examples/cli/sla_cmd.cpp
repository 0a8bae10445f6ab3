// tierdesk sla eval: SLA clocks of tickets given as JSON lines (format: docs/sla.md).
#include <chrono>
#include <iostream>
#include <optional>
#include <string>

#include <fmt/ostream.h>
#include <boost/json.hpp>
#include <boost/program_options.hpp>

#include "commands.hpp"
#include "desk_cli.hpp"
#include "jsonl.hpp"
#include "tierdesk/sla/sla_json.hpp"

namespace po = boost::program_options;

namespace tierdesk::cli {
namespace {

constexpr std::string_view sla_usage = R"(usage:
  tierdesk sla eval --policy FILE.json [--now ISO]   JSON lines on stdin, one answer per line

Each line is one ticket: its priority and category, and its events in order (ISO-8601 instants
with an offset). --now (default: the current time) decides which clocks are overdue; events
after it are not applied. Answers give each clock with its instants in its calendar's zone;
a bad line is answered with {"error":{"code":…,"message":…}} and the next line is read.

event types: created, status (to), priority (to), category (to), tier (to), agent_public_reply,
  agent_internal_note, customer_reply, triaged, accepted, resolved, reopened, closed,
  queued_for_jourfixe, urgent

example:
  echo '{"id":1,"priority":"high","events":[{"at":"2026-03-06T14:30:00+01:00","type":"created"}]}' |
    tierdesk sla eval --policy examples/policies/oneoffice.json --now 2026-03-06T14:45:00+01:00
  → {"id":1,"priority":"high","clocks":{"triage":{…},"response":{"state":"running",
     "due":"2026-03-09T08:30:00+01:00",…},"resolution":{…}}}
)";

int usage_error(Io io, std::string_view message) {
  fmt::print(io.err, "tierdesk sla: {}\n\n{}", message, sla_usage);
  return exit_usage;
}

Result<boost::json::object> evaluate(const SlaPolicy& policy, Instant now,
                                     const boost::json::object& request) {
  auto clocks = compute_clocks_json(boost::json::serialize(request), policy, now);
  if (!clocks) return fail(clocks.error());
  boost::json::object out;
  if (const auto* id = request.if_contains("id")) out["id"] = *id;
  const boost::json::value answer = boost::json::parse(to_json(*clocks, policy));
  for (const auto& field : answer.as_object()) out[field.key()] = field.value();
  return out;
}

int run_eval(const po::variables_map& vm, Io io) {
  if (!vm.count("policy")) return usage_error(io, "eval needs --policy FILE.json");
  auto policy = load_policy_file(vm["policy"].as<std::string>());
  if (!policy) {
    fmt::print(io.err, "tierdesk sla: {}: {}\n", to_string(policy.error().code()),
               policy.error().message());
    return exit_data;
  }
  Instant now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  if (vm.count("now")) {
    auto parsed = parse_iso8601(vm["now"].as<std::string>());
    if (!parsed) return usage_error(io, fmt::format("--now: {}", parsed.error().message()));
    now = *parsed;
  }
  return run_jsonl(io.in, io.out, [&](const boost::json::object& request) {
    return evaluate(*policy, now, request);
  });
}

}  // namespace

int run_sla(std::span<const std::string> args, Io io) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    fmt::print(args.empty() ? io.err : io.out, "{}", sla_usage);
    return args.empty() ? exit_usage : exit_ok;
  }
  po::options_description opts;
  opts.add_options()("policy", po::value<std::string>())("now", po::value<std::string>())("help,h",
                                                                                          "");
  po::variables_map vm;
  std::vector<std::string> words;  // no option takes them, so parse_args rejects stray words
  if (auto done = parse_args(args.subspan(1), opts, vm, words, "sla", sla_usage, io)) {
    return *done;
  }
  if (args[0] == "eval") return run_eval(vm, io);
  return usage_error(io, fmt::format("unknown subcommand \"{}\"", args[0]));
}

}  // namespace tierdesk::cli
