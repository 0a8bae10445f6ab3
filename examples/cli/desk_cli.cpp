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

po::options_description desk_options() {
  auto opts = common_options();
  opts.add_options()("contracts", po::value<std::string>());
  return opts;
}

std::optional<int> parse_args(std::span<const std::string> args,
                              const po::options_description& options, po::variables_map& vm,
                              std::vector<std::string>& positional, std::string_view verb,
                              std::string_view usage, Io io) {
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
    return fail(
        Errc::not_found,
        fmt::format("{}: no database here (create one with `tierdesk init --db {}`)", path, path));
  return store;
}

Result<ContractBook> load_book(const po::variables_map& vm) {
  auto dir = contracts_dir(vm.count("contracts")
                               ? std::optional<std::string_view>(vm["contracts"].as<std::string>())
                               : std::nullopt);
  if (!dir) return fail(dir.error());
  auto book = ContractBook::load(*dir);
  if (!book)
    return fail(book.error().within(vm.count("contracts") ? "--contracts" : "TIERDESK_CONTRACTS"));
  return book;
}

Session::Session(ContractBook book, SqliteStore store, Io io)
    : book_(std::move(book)),
      store_(std::move(store)),
      notifier_([io](const Notice& n) {
        fmt::print(io.err, "notice {} for {}: {}\n", to_string(n.kind),
                   terminal_text(n.recipient), terminal_text(n.text));
      }),
      desk_(book_, store_, Scope::staff(), &notifier_) {}

Result<std::unique_ptr<Session>> Session::open(const po::variables_map& vm, Io io) {
  auto book = load_book(vm);
  if (!book) return fail(book.error());
  auto store = open_store(vm, false);
  if (!store) return fail(store.error());
  return std::unique_ptr<Session>(new Session(std::move(*book), std::move(*store), io));
}

TierNames Session::tiers(const Ticket& t) const {
  auto k = book_.contract(t.contract);
  return k ? (*k)->tiers : TierNames{};
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

Result<std::chrono::year_month> parse_month(const std::string& text) {
  return host::month_field("--month", text);
}

std::string month_text(std::chrono::year_month month) {
  return fmt::format("{:04}-{:02}", static_cast<int>(month.year()),
                     static_cast<unsigned>(month.month()));
}

std::string option(const po::variables_map& vm, const char* name) {
  return vm.count(name) ? vm[name].as<std::string>() : std::string();
}

int data_error(Io io, std::string_view verb, const Error& error) {
  fmt::print(io.err, "tierdesk {}: {}: {}\n", verb, to_string(error.code()),
             terminal_text(error.message()));
  return exit_data;
}

int usage_error(Io io, std::string_view verb, std::string_view message, std::string_view usage) {
  fmt::print(io.err, "tierdesk {}: {}\n\n{}", verb, terminal_text(message), usage);
  return exit_usage;
}

void print_ticket(std::ostream& out, const Ticket& t, const TierNames& tiers) {
  const auto tier_name = tiers.name(t.tier);
  auto or_dash = [](const std::string& v) { return v.empty() ? std::string("-") : terminal_text(v); };
  fmt::print(out, "{}  {}  {}\n", t.ref.str(), to_string(t.status), terminal_text(t.subject));
  fmt::print(out, "  customer {}, contract {}, via {}\n", terminal_text(t.customer),
             terminal_text(t.contract), to_string(t.channel));
  fmt::print(out, "  category {}, priority {}, tier {} ({})\n", or_dash(t.category),
             or_dash(t.priority), t.tier, tier_name ? terminal_text(*tier_name) : "?");
  fmt::print(out, "  assignee {}\n", or_dash(t.assignee));
  if (!t.external_id.empty()) fmt::print(out, "  external id {}\n", terminal_text(t.external_id));
  for (const auto& f : t.flags) fmt::print(out, "  flag {}\n", terminal_text(f));
  if (t.jourfixe) fmt::print(out, "  waiting for the JourFixe\n");
  fmt::print(out, "  created {}, updated {}, {} events\n", format_utc(t.created_at),
             format_utc(t.updated_at), t.version);
}

void print_ticket_line(std::ostream& out, const Ticket& t) {
  fmt::print(out, "{}  {:<16}  tier {}  {:<8}  {:<12}  {}\n", t.ref.str(), to_string(t.status),
             t.tier, t.priority.empty() ? "-" : terminal_text(t.priority),
             terminal_text(t.customer), terminal_text(t.subject));
}

void print_clock(std::ostream& out, const ClockEntry& c) {
  fmt::print(out, "  clock {} {}", terminal_text(c.clock.str()), to_string(c.state));
  if (c.due) fmt::print(out, ", due {}", format_utc(*c.due));
  if (c.breached_at) fmt::print(out, ", breached {}", format_utc(*c.breached_at));
  fmt::print(out, "\n");
}

void print_event(std::ostream& out, const HistoryEvent& e) {
  fmt::print(out, "{:>3}  {}  {:<12}  {}{}{}", e.seq, format_utc(e.at), terminal_text(e.actor),
             to_string(e.kind), e.value.empty() ? "" : " ", terminal_text(e.value));
  // {:?} quotes and escapes like terminal_text (fmt's debug format).
  for (const auto& [key, value] : e.payload) fmt::print(out, "  {}={:?}", terminal_text(key), value);
  fmt::print(out, "\n");
}

Result<std::size_t> limit_option(const po::variables_map& vm, std::size_t otherwise) {
  if (!vm.count("limit")) return otherwise;
  auto n = host::whole_number("--limit", vm["limit"].as<std::string>(), 1, host::max_list_limit);
  if (!n) return fail(n.error());
  return static_cast<std::size_t>(*n);
}

std::string terminal_text(std::string_view text, bool multi_line) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if ((b < 0x20 && !(multi_line && b == '\n')) || b == 0x7f) {
      out += fmt::format("\\x{:02x}", b);
      ++i;
      continue;
    }
    if (b < 0x80) {
      out += static_cast<char>(b);
      ++i;
      continue;
    }
    // A UTF-8 sequence: its length by the lead byte, continuation bytes 10xxxxxx, the shortest
    // form, no surrogates, at most U+10FFFF.
    const std::size_t n = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? (b <= 0xef ? 3 : 0) : b >= 0xc2 ? 2 : 0;
    char32_t cp = n == 2 ? b & 0x1f : n == 3 ? b & 0x0f : b & 0x07;
    bool ok = n != 0 && i + n <= text.size();
    for (std::size_t k = 1; ok && k < n; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      ok = (c & 0xc0) == 0x80;
      cp = (cp << 6) | (c & 0x3f);
    }
    ok = ok && !(n == 3 && cp < 0x800) && !(n == 4 && (cp < 0x10000 || cp > 0x10ffff)) &&
         !(cp >= 0xd800 && cp <= 0xdfff);
    if (!ok) {
      out += fmt::format("\\x{:02x}", b);
      ++i;
    } else if (cp >= 0x80 && cp <= 0x9f) {
      out += fmt::format("\\u{{{:x}}}", static_cast<std::uint32_t>(cp));
      i += n;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string minutes_text(std::chrono::seconds d) {
  const auto m = d.count() / 60;
  const auto s = d.count() % 60;
  return s == 0 ? fmt::format("{} min", m) : fmt::format("{} min {} s", m, s);
}

}  // namespace tierdesk::cli
