// Calendars from JSON (format: docs/formats.md, "Calendar"; examples in examples/calendars/).
//
// A calendar file names its time zone, its weekly hours in wall-clock time, holiday presets,
// its own holiday rules and date overrides. Every error names the JSON path and the value at
// fault, so a typo in a hand-written file points at itself:
//
//   auto cal = load_calendar(R"({
//     "name": "dk-oneoffice", "zone": "Europe/Copenhagen",
//     "week": {"mon": [["08:00","16:00"]], "tue": [["08:00","16:00"]], "wed": [["08:00","16:00"]],
//              "thu": [["08:00","16:00"]], "fri": [["08:00","15:00"]]},
//     "holidays": ["DK"]})");
//   cal->is_open(*parse_iso8601("2026-06-05T10:00:00+02:00"))   // Friday: open
//
//   load_calendar(R"({"name": "x", "zone": "Europe/Berln", "week": "24/7"})")
//     → unknown_zone  "zone: got "Europe/Berln", expected an IANA time zone name such as …"
//   {"week": {"mon": [["08:00","25:00"]]}, …}
//     → invalid_time  "week.mon[0][1]: got "25:00", expected a time of day HH:MM from …"
//   {"zones": "Europe/Berlin", …}
//     → unknown_field "zones: unknown field, did you mean "zone"? (…)"
//
// Holiday presets ("DE-BW", "DK", …) expand into CalendarSpec::holidays ahead of the file's own
// rules. CalendarSpec keeps no preset codes, so to_json writes every holiday as an explicit rule.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "tierdesk/calendar/calendar.hpp"
#include "tierdesk/base/error.hpp"

namespace tierdesk {

// The calendar described by the JSON text `json`, validated (zone, hours, dates, rules, and
// that it opens at all) but not compiled.
Result<CalendarSpec> parse_calendar_spec(std::string_view json);

// parse_calendar_spec followed by Calendar::compile.
Result<Calendar> load_calendar(std::string_view json);

// load_calendar on a file's contents; Errc::io_error naming the path when it cannot be read,
// and every other error prefixed with the path.
Result<Calendar> load_calendar_file(const std::filesystem::path& path);

// The JSON text of `spec`, one that parse_calendar_spec reads back to an equal spec.
std::string to_json(const CalendarSpec& spec);

}  // namespace tierdesk
