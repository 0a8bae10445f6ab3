#include "base/json/reader.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <boost/json/serialize.hpp>

#include "tierdesk/base/limits.hpp"

namespace tierdesk::json {
namespace {

bool is_plain_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

// Edit distance, to suggest the field a misspelt key was meant to be.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string unknown_field_message(std::string_view key,
                                  std::initializer_list<std::string_view> fields) {
  std::string message = "unknown field";
  const auto nearest = std::min_element(fields.begin(), fields.end(), [&](auto a, auto b) {
    return edit_distance(key, a) < edit_distance(key, b);
  });
  if (nearest != fields.end() && edit_distance(key, *nearest) <= 2 && key.size() > 2) {
    message += fmt::format(", did you mean \"{}\"?", *nearest);
  }
  message += fields.size() == 0 ? " (this object takes no fields)"
                                : fmt::format(" (expected one of: {})", fmt::join(fields, ", "));
  return message;
}

std::string json_quoted(std::string_view text) {
  return boost::json::serialize(boost::json::string_view(text.data(), text.size()));
}

}  // namespace

Path Path::field(std::string_view key) const {
  if (!is_plain_key(key) || key.size() > limits::echoed_value_bytes)
    return Path(fmt::format("{}[{}]", text_, json_quoted(echo(key))));
  return Path(is_root() ? std::string(key) : fmt::format("{}.{}", text_, key));
}

Path Path::index(std::size_t i) const {
  std::string text;
  text.reserve(text_.size() + 8);
  text.append(text_).append(1, '[').append(std::to_string(i)).append(1, ']');
  return Path(std::move(text));
}

Error Path::error(Errc code, std::string_view message) const {
  return Error(code, fmt::format("{}: {}", label(), message));
}

std::string render(const boost::json::value& value) {
  constexpr std::size_t max_length = 60;
  std::string text;
  if (value.is_double()) {
    const double d = value.get_double();
    text = fmt::format("{}", d);
    if (std::isfinite(d) && text.find_first_of(".e") == std::string::npos) text += ".0";
  } else {
    text = boost::json::serialize(value);
  }
  if (text.size() > max_length) {
    std::size_t cut = max_length;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "…";
  }
  return text;
}

Error Node::invalid(Errc code, std::string_view expected) const {
  return path_.error(code, fmt::format("got {}, expected {}", render(*value_), expected));
}

Result<std::string_view> Node::string() const {
  if (!value_->is_string()) return fail(invalid(Errc::invalid_argument, "a string"));
  const auto& s = value_->get_string();
  return std::string_view(s.data(), s.size());
}

Result<std::int64_t> Node::integer() const {
  if (value_->is_int64()) return value_->get_int64();
  if (value_->is_uint64()) {
    return fail(invalid(Errc::invalid_argument, "an integer that fits in 64 signed bits"));
  }
  return fail(invalid(Errc::invalid_argument, "an integer"));
}

Result<std::int64_t> Node::integer(std::int64_t min, std::int64_t max) const {
  auto n = integer();
  if (n && (*n < min || *n > max)) {
    return fail(invalid(Errc::invalid_argument, fmt::format("an integer from {} to {}", min, max)));
  }
  return n;
}

Result<bool> Node::boolean() const {
  if (!value_->is_bool()) return fail(invalid(Errc::invalid_argument, "true or false"));
  return value_->get_bool();
}

Result<std::vector<Node>> Node::array() const {
  if (!value_->is_array()) return fail(invalid(Errc::invalid_argument, "an array"));
  const auto& array = value_->get_array();
  std::vector<Node> elements;
  elements.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) elements.emplace_back(array[i], path_.index(i));
  return elements;
}

Result<ObjectReader> Node::object(std::initializer_list<std::string_view> fields) const {
  if (!value_->is_object()) return fail(invalid(Errc::invalid_argument, "an object"));
  const auto& object = value_->get_object();
  for (const auto& member : object) {
    const std::string_view key(member.key().data(), member.key().size());
    if (std::find(fields.begin(), fields.end(), key) == fields.end()) {
      return fail(path_.field(key).error(Errc::unknown_field, unknown_field_message(key, fields)));
    }
  }
  return ObjectReader(object, path_);
}

bool ObjectReader::has(std::string_view key) const { return object_->contains(key); }

std::optional<Node> ObjectReader::optional(std::string_view key) const {
  const auto* value = object_->if_contains(key);
  if (value == nullptr) return std::nullopt;
  return Node(*value, path_.field(key));
}

Result<Node> ObjectReader::required(std::string_view key) const {
  if (auto node = optional(key)) return *std::move(node);
  return fail(path_.field(key).error(Errc::missing_field, "required field is missing"));
}

Result<std::string_view> ObjectReader::required_string(std::string_view key) const {
  return required(key, [](const Node& n) { return n.string(); });
}

Result<std::int64_t> ObjectReader::required_integer(std::string_view key) const {
  return required(key, [](const Node& n) { return n.integer(); });
}

Result<bool> ObjectReader::required_bool(std::string_view key) const {
  return required(key, [](const Node& n) { return n.boolean(); });
}

Result<std::vector<Node>> ObjectReader::required_array(std::string_view key) const {
  return required(key, [](const Node& n) { return n.array(); });
}

Result<ObjectReader> ObjectReader::required_object(
    std::string_view key, std::initializer_list<std::string_view> fields) const {
  return required(key, [&](const Node& n) { return n.object(fields); });
}

Result<std::optional<std::string_view>> ObjectReader::optional_string(std::string_view key) const {
  return optional(key, [](const Node& n) { return n.string(); });
}

Result<std::optional<std::int64_t>> ObjectReader::optional_integer(std::string_view key) const {
  return optional(key, [](const Node& n) { return n.integer(); });
}

Result<std::optional<bool>> ObjectReader::optional_bool(std::string_view key) const {
  return optional(key, [](const Node& n) { return n.boolean(); });
}

Result<std::optional<std::vector<Node>>> ObjectReader::optional_array(std::string_view key) const {
  return optional(key, [](const Node& n) { return n.array(); });
}

Result<std::string_view> ObjectReader::one_of(
    std::initializer_list<std::string_view> choices) const {
  std::vector<std::string_view> present;
  for (auto choice : choices) {
    if (has(choice)) present.push_back(choice);
  }
  const auto listed = fmt::format("{}", fmt::join(choices, ", "));
  if (present.empty()) {
    return fail(path_.error(Errc::missing_field, fmt::format("expected one of: {}", listed)));
  }
  if (present.size() > 1) {
    return fail(path_.error(Errc::invalid_argument,
                            fmt::format("got both \"{}\" and \"{}\", expected exactly one of: {}",
                                        present[0], present[1], listed)));
  }
  return present.front();
}

}  // namespace tierdesk::json
