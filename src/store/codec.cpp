#include "store/codec.hpp"

#include <iterator>

#include <fmt/format.h>

#include "json/reader.hpp"

namespace tierdesk::store {

namespace {

// Appends `text` as a JSON string (the escapes boost::json's serializer writes).
void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += hex[static_cast<unsigned char>(c) >> 4];
          out += hex[static_cast<unsigned char>(c) & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

std::string encode_payload(const Payload& payload) {
  std::string out = "{";
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
  auto items = json::Node(*doc, json::Path("ticket.flags")).array();
  if (!items) return fail(items.error());
  std::vector<std::string> out;
  for (const auto& item : *items) {
    auto s = item.string();
    if (!s) return fail(s.error());
    out.emplace_back(*s);
  }
  return out;
}

std::string encode_instants(const std::vector<Instant>& values) {
  std::string out = "[";
  for (const auto& v : values) {
    if (out.size() > 1) out += ',';
    fmt::format_to(std::back_inserter(out), "{}", v.time_since_epoch().count());
  }
  out += ']';
  return out;
}

Result<std::vector<Instant>> decode_instants(std::string_view text) {
  auto doc = json::parse(text);
  if (!doc) return fail(doc.error());
  auto items = json::Node(*doc, json::Path("ticket_clock.warnings")).array();
  if (!items) return fail(items.error());
  std::vector<Instant> out;
  for (const auto& item : *items) {
    auto n = item.integer();
    if (!n) return fail(n.error());
    out.emplace_back(std::chrono::seconds(*n));
  }
  return out;
}

}  // namespace tierdesk::store
