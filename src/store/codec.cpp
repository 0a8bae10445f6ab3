#include "store/codec.hpp"

#include <charconv>
#include <iterator>

#include <fmt/format.h>

#include "base/json/reader.hpp"

namespace tierdesk::store {

namespace {

// Appends `text` as a JSON string (the escapes boost::json's serializer writes). Runs of
// characters that need no escape are appended whole: payloads are written for every event.
void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the run not yet appended
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xf];
    }
  }
  out.append(text, plain, text.size() - plain);
  out += '"';
}

void append_integer(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out.append(buffer, end);
}

// The items of the JSON array at `node`, each read by `read` (a Result<T> from a json::Node).
template <class T, class Read>
Result<std::vector<T>> read_array(const json::Node& node, Read&& read) {
  auto items = node.array();
  if (!items) return fail(items.error());
  std::vector<T> out;
  out.reserve(items->size());
  for (const auto& item : *items) {
    auto value = read(item);
    if (!value) return fail(value.error());
    out.push_back(std::move(*value));
  }
  return out;
}

}  // namespace

std::string encode_payload(const Payload& payload) {
  std::string out;
  std::size_t size = 2;
  for (const auto& [key, value] : payload) size += key.size() + value.size() + 6;
  out.reserve(size);
  out += '{';
  for (const auto& [key, value] : payload) {
    if (out.size() > 1) out += ',';
    append_json_string(out, key);
    out += ':';
    append_json_string(out, value);
  }
  out += '}';
  return out;
}

Result<Payload> decode_payload(std::string_view text) {
  auto doc = json::parse(text);
  if (!doc) return fail(doc.error().within("event.payload"));
  const auto* o = doc->if_object();
  if (o == nullptr) return fail(Errc::parse_error, "event.payload: not a JSON object");
  Payload out;
  for (const auto& [key, value] : *o) {
    auto s = json::Node(value, json::Path("event.payload").field(key)).string();
    if (!s) return fail(s.error());
    out.emplace(std::string(key), std::string(*s));
  }
  return out;
}

std::string encode_strings(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const auto& v : values) {
    if (out.size() > 1) out += ',';
    append_json_string(out, v);
  }
  out += ']';
  return out;
}

Result<std::vector<std::string>> decode_strings(std::string_view text) {
  auto doc = json::parse(text);
  if (!doc) return fail(doc.error());
  return read_array<std::string>(json::Node(*doc, json::Path("ticket.flags")),
                                 [](const json::Node& item) -> Result<std::string> {
                                   auto s = item.string();
                                   if (!s) return fail(s.error());
                                   return std::string(*s);
                                 });
}

namespace {

Result<std::vector<Instant>> read_instants(const json::Node& node) {
  return read_array<Instant>(node, [](const json::Node& item) -> Result<Instant> {
    auto n = item.integer();
    if (!n) return fail(n.error());
    return Instant(std::chrono::seconds(*n));
  });
}

void append_instant(std::string& out, const std::optional<Instant>& t) {
  if (t)
    append_integer(out, t->time_since_epoch().count());
  else
    out += "null";
}

Result<std::optional<Instant>> read_optional_instant(const json::Node& node) {
  if (node.value().is_null()) return std::optional<Instant>();
  auto n = node.integer();
  if (!n) return fail(n.error());
  return std::optional<Instant>(Instant(std::chrono::seconds(*n)));
}

}  // namespace

std::string encode_clocks(const std::vector<ClockEntry>& clocks, bool open) {
  // Room for the whole text up front (instants take at most 20 characters), so a ticket's
  // clocks are one allocation instead of four or five as the text grows.
  std::size_t size = 2;
  for (const auto& c : clocks)
    size += c.clock.str().size() + to_string(c.state).size() + 56 + 21 * c.warnings.size();
  std::string out;
  out.reserve(size);
  out += '[';
  for (const auto& c : clocks) {
    if (out.size() > 1) out += ',';
    out += '[';
    append_json_string(out, c.clock.str());
    out += ',';
    append_json_string(out, to_string(c.state));
    out += ',';
    append_instant(out, c.due);
    out += ',';
    append_instant(out, c.breached_at);
    out += c.open_breach && open ? ",1," : ",0,";
    out += '[';
    for (std::size_t i = 0; i < c.warnings.size(); ++i) {
      if (i > 0) out += ',';
      append_integer(out, c.warnings[i].time_since_epoch().count());
    }
    out += "]]";
  }
  out += ']';
  return out;
}

Result<std::vector<ClockEntry>> decode_clocks(std::string_view text) {
  auto doc = json::parse(text);
  if (!doc) return fail(doc.error().within("ticket.clocks"));
  return read_array<ClockEntry>(
      json::Node(*doc, json::Path("ticket.clocks")), [](const json::Node& row) -> Result<ClockEntry> {
        auto fields = row.array();
        if (!fields) return fail(fields.error());
        if (fields->size() != 6)
          return fail(row.path().error(Errc::parse_error,
                                       fmt::format("got {} fields, expected 6", fields->size())));
        const auto& f = *fields;
        auto clock_text = f[0].string();
        if (!clock_text) return fail(clock_text.error());
        auto clock = ClockId::parse(*clock_text);
        if (!clock) return fail(f[0].invalid(Errc::parse_error, "a clock name"));
        auto state_text = f[1].string();
        if (!state_text) return fail(state_text.error());
        auto state = parse_clock_state(*state_text);
        if (!state) return fail(f[1].invalid(Errc::parse_error, "a clock state"));
        auto due = read_optional_instant(f[2]);
        if (!due) return fail(due.error());
        auto breached = read_optional_instant(f[3]);
        if (!breached) return fail(breached.error());
        auto open_breach = f[4].integer(0, 1);
        if (!open_breach) return fail(open_breach.error());
        auto warnings = read_instants(f[5]);
        if (!warnings) return fail(warnings.error());
        return ClockEntry{std::move(*clock), *state, *due, *breached,
                          *open_breach == 1, std::move(*warnings)};
      });
}

}  // namespace tierdesk::store
