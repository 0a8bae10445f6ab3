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
