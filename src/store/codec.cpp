#include "store/codec.hpp"

#include <boost/json.hpp>

#include "json/reader.hpp"

namespace tierdesk::store {

std::string encode_payload(const Payload& payload) {
  boost::json::object o;
  for (const auto& [key, value] : payload) o[key] = value;
  return boost::json::serialize(o);
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
  boost::json::array a;
  for (const auto& v : values) a.emplace_back(v);
  return boost::json::serialize(a);
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
  boost::json::array a;
  for (const auto& v : values) a.emplace_back(v.time_since_epoch().count());
  return boost::json::serialize(a);
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
