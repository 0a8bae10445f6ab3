#include "desk_cli.hpp"

#include <cstdlib>
#include <ostream>

#include <fmt/ostream.h>

namespace po = boost::program_options;

namespace tierdesk::cli {

po::options_description common_options() {
  po::options_description opts;
  opts.add_options()("db", po::value<std::string>()->default_value("tierdesk.db"))("json", "")(
      "actor", po::value<std::string>())("at", po::value<std::string>())("help,h", "")(
      "words", po::value<std::vector<std::string>>());
  return opts;
}

std::optional<int> parse_args(std::span<const std::string> args, const po::options_description& options,
                              po::variables_map& vm, std::vector<std::string>& positional,
                              std::string_view verb, std::string_view usage, Io io) {
  po::positional_options_description words;
  words.add("words", -1);
  try {
    po::store(po::command_line_parser(std::vector<std::string>(args.begin(), args.end()))
                  .options(options)
                  .positional(words)
                  .run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return usage_error(io, verb, e.what(), usage);
  }
  if (vm.count("help")) {
    fmt::print(io.out, "{}", usage);
    return exit_ok;
  }
  if (vm.count("words")) positional = vm["words"].as<std::vector<std::string>>();
  return std::nullopt;
}

Result<SqliteStore> open_store(const po::variables_map& vm, bool create) {
  const auto path = vm["db"].as<std::string>();
  auto store = SqliteStore::open({.path = path, .create = create});
  if (!store && store.error().is(Errc::not_found))
    return fail(Errc::not_found, fmt::format("{}: no database here (create one with `tierdesk init --db {}`)",
                                             path, path));
  return store;
}

Result<Instant> now_or_at(const po::variables_map& vm) {
  if (vm.count("at")) {
    auto at = parse_iso8601(vm["at"].as<std::string>());
    if (!at) return fail(at.error().within("--at"));
    return *at;
  }
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string actor_name(const po::variables_map& vm) {
  if (vm.count("actor")) return vm["actor"].as<std::string>();
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') return user;
  return "cli";
}

int data_error(Io io, std::string_view verb, const Error& error) {
  fmt::print(io.err, "tierdesk {}: {}: {}\n", verb, to_string(error.code()), error.message());
  return exit_data;
}

int usage_error(Io io, std::string_view verb, std::string_view message, std::string_view usage) {
  fmt::print(io.err, "tierdesk {}: {}\n\n{}", verb, message, usage);
  return exit_usage;
}

boost::json::object ticket_json(const Ticket& t, const TierNames& tiers) {
  boost::json::array flags;
  for (const auto& f : t.flags) flags.emplace_back(f);
  const auto tier_name = tiers.name(t.tier);
  return {{"ref", t.ref.str()},
          {"status", to_string(t.status)},
          {"customer", t.customer},
          {"contract", t.contract},
          {"channel", to_string(t.channel)},
          {"category", t.category},
          {"priority", t.priority},
          {"tier", t.tier},
          {"tier_name", tier_name ? *tier_name : std::string_view()},
          {"assignee", t.assignee},
          {"subject", t.subject},
          {"external_id", t.external_id},
          {"flags", std::move(flags)},
          {"jourfixe", t.jourfixe},
          {"created_at", format_utc(t.created_at)},
          {"updated_at", format_utc(t.updated_at)},
          {"version", t.version}};
}

boost::json::object event_json(const HistoryEvent& e) {
  boost::json::object payload;
  for (const auto& [key, value] : e.payload) payload[key] = value;
  return {{"seq", e.seq},          {"at", format_utc(e.at)}, {"actor", e.actor},
          {"kind", to_string(e.kind)}, {"value", e.value},   {"payload", std::move(payload)}};
}

boost::json::object clock_json(const ClockEntry& c) {
  boost::json::object o{{"clock", c.clock}, {"state", c.state}, {"open_breach", c.open_breach}};
  if (c.due) o["due"] = format_utc(*c.due);
  if (c.breached_at) o["breached_at"] = format_utc(*c.breached_at);
  boost::json::array warnings;
  for (const auto& w : c.warnings) warnings.emplace_back(format_utc(w));
  o["warnings"] = std::move(warnings);
  return o;
}

void print_ticket(std::ostream& out, const Ticket& t, const TierNames& tiers) {
  const auto tier_name = tiers.name(t.tier);
  fmt::print(out, "{}  {}  {}\n", t.ref.str(), to_string(t.status), t.subject);
  fmt::print(out, "  customer {}, contract {}, via {}\n", t.customer, t.contract, to_string(t.channel));
  fmt::print(out, "  category {}, priority {}, tier {} ({})\n", t.category.empty() ? "-" : t.category,
             t.priority.empty() ? "-" : t.priority, t.tier, tier_name ? *tier_name : "?");
  fmt::print(out, "  assignee {}\n", t.assignee.empty() ? "-" : t.assignee);
  if (!t.external_id.empty()) fmt::print(out, "  external id {}\n", t.external_id);
  for (const auto& f : t.flags) fmt::print(out, "  flag {}\n", f);
  if (t.jourfixe) fmt::print(out, "  waiting for the JourFixe\n");
  fmt::print(out, "  created {}, updated {}, {} events\n", format_utc(t.created_at),
             format_utc(t.updated_at), t.version);
}

void print_ticket_line(std::ostream& out, const Ticket& t) {
  fmt::print(out, "{}  {:<16}  tier {}  {:<8}  {:<12}  {}\n", t.ref.str(), to_string(t.status), t.tier,
             t.priority.empty() ? "-" : t.priority, t.customer, t.subject);
}

void print_event(std::ostream& out, const HistoryEvent& e) {
  fmt::print(out, "{:>3}  {}  {:<12}  {}{}{}", e.seq, format_utc(e.at), e.actor, to_string(e.kind),
             e.value.empty() ? "" : " ", e.value);
  for (const auto& [key, value] : e.payload) fmt::print(out, "  {}={:?}", key, value);
  fmt::print(out, "\n");
}

}  // namespace tierdesk::cli
