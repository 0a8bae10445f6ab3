#include <string>

#include <boost/json/serialize.hpp>

#include "base/json/reader.hpp"

namespace tierdesk::json {
namespace {

void write(const boost::json::value& value, int expand_levels, std::size_t indent,
           std::string& out) {
  const bool expand = expand_levels > 0 && ((value.is_object() && !value.get_object().empty()) ||
                                            (value.is_array() && !value.get_array().empty()));
  if (!expand) {
    out += boost::json::serialize(value);
    return;
  }
  const std::string inner(indent + 2, ' ');
  bool first = true;
  const auto next = [&] {
    out += first ? "\n" : ",\n";
    out += inner;
    first = false;
  };
  if (value.is_object()) {
    out += '{';
    for (const auto& member : value.get_object()) {
      next();
      out += boost::json::serialize(boost::json::value(member.key()));
      out += ": ";
      write(member.value(), expand_levels - 1, indent + 2, out);
    }
  } else {
    out += '[';
    for (const auto& element : value.get_array()) {
      next();
      write(element, expand_levels - 1, indent + 2, out);
    }
  }
  out += '\n';
  out.append(indent, ' ');
  out += value.is_object() ? '}' : ']';
}

}  // namespace

std::string serialize_pretty(const boost::json::value& value, int expand_levels) {
  std::string out;
  write(value, expand_levels, 0, out);
  out += '\n';
  return out;
}

}  // namespace tierdesk::json
