// The budgets of outside input, in one place (docs/formats.md, "Limits").
//
// Every file, request and line that comes from outside is read and evaluated within these
// limits; over one, the caller gets an error naming the limit, never a process that reads or
// computes until memory or patience runs out.
#pragma once

#include <cstddef>

namespace tierdesk::limits {

// A calendar, SLA policy or contract file: read up to this many bytes, no further (a path
// such as /dev/zero ends with an error, not an exhausted memory).
inline constexpr std::size_t config_file_bytes = 4 * 1024 * 1024;

// One line of JSON lines on stdin (`calendar eval`, `sla eval`): longer lines are an error for
// that line, and read past without being kept.
inline constexpr std::size_t json_line_bytes = 1024 * 1024;

// A calendar: open intervals of one day (a weekday or an override), and holiday rules or
// override dates. Real calendars have a handful; the bounds keep the work of evaluating one
// over the supported years bounded.
inline constexpr std::size_t calendar_intervals_per_day = 48;
inline constexpr std::size_t calendar_rules = 4096;

// A bad value quoted in an error message: at most this many bytes of it, cut at a character
// boundary and followed by "… (N bytes)", so an error never echoes megabytes back.
inline constexpr std::size_t echoed_value_bytes = 96;

}  // namespace tierdesk::limits
