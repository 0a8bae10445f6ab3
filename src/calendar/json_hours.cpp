// The JSON spelling of a day's opening hours: [["08:00","12:00"],["13:00","17:00"]].
#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "base/json/civil.hpp"
#include "calendar/json_nodes.hpp"

namespace tierdesk::json {

Result<LocalHours> read_hours(const Node& node) {
  auto elements = node.array();
  if (!elements) return fail(elements.error());
  struct Read {
    Segment<TimeOfDay> segment;
    const Node* node;
  };
  std::vector<Read> read;
  for (const Node& element : *elements) {
    auto pair = element.array();
    if (!pair) return fail(pair.error());
    if (pair->size() != 2) {
      return fail(element.invalid(Errc::invalid_argument, "an interval [\"HH:MM\", \"HH:MM\"]"));
    }
    auto begin = read_time_of_day((*pair)[0]);
    if (!begin) return fail(begin.error());
    auto end = read_time_of_day((*pair)[1]);
    if (!end) return fail(end.error());
    if (!(*begin < *end)) {
      return fail(
          element.invalid(Errc::invalid_interval, "an interval whose end is after its begin"));
    }
    read.push_back({{*begin, *end}, &element});
  }
  std::stable_sort(read.begin(), read.end(),
                   [](const Read& a, const Read& b) { return a.segment.begin < b.segment.begin; });
  LocalHours hours;
  for (const Read& r : read) {
    if (!hours.empty() && r.segment.begin < hours.back().end) {
      const Read& previous = read[hours.size() - 1];
      return fail(r.node->invalid(
          Errc::overlapping_intervals,
          fmt::format("an interval that does not overlap {} {}", previous.node->path().label(),
                      render(previous.node->value()))));
    }
    hours.push_back(r.segment);
  }
  if (auto valid = validate_hours(hours, node.path().label()); !valid) return fail(valid.error());
  return hours;
}

boost::json::value to_value(const LocalHours& hours) {
  boost::json::array array;
  for (const auto& segment : hours)
    array.push_back(boost::json::array{to_value(segment.begin), to_value(segment.end)});
  return array;
}

}  // namespace tierdesk::json
