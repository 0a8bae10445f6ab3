// The budgets of outside input, in one place (docs/formats.md, "Limits").
//
// Every file, request and line that comes from outside is read and evaluated within these
// limits; over one, the caller gets an error naming the limit, never a process that reads or
// computes until memory or patience runs out.
#pragma once

#include <chrono>
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

// One evaluation request (`calendar eval` lines, POST /calendar/eval): `add` of at most
// eval_span, `between` and `intervals` over at most eval_span, `intervals` answering at most
// eval_intervals of them. With calendar_intervals_per_day this bounds a request's work (a
// calendar of one-second openings and a `between` over 500 years once cost 70 s and 2.4 GB).
inline constexpr std::chrono::seconds eval_span{50LL * 366 * 86400};  // about 50 years
inline constexpr std::size_t eval_intervals = 10000;
// The calendar of one evaluation (a POST /calendar/eval body, a line of `calendar eval`) indexes
// at most this many open intervals (Calendar::budgeted): a year of office hours needs 366 to
// 732, of the busiest calendar allowed (48 intervals a day) 17568. The spans above cannot be
// stretched by a sparse or dense calendar beyond it; `intervals` answers at most eval_intervals
// in total over one body.
inline constexpr std::size_t eval_index_intervals = 200000;

// A bad value quoted in an error message: at most this many bytes of it, cut at a character
// boundary and followed by "… (N bytes)", so an error never echoes megabytes back.
inline constexpr std::size_t echoed_value_bytes = 96;

// The most rows one list asks for (tickets, SLA alarms): `limit` 1 … list_rows.
inline constexpr std::size_t list_rows = 100'000;

// What a ticket stores, checked by the desk before anything is written (every host, every
// path): names and codes (actor, assignee, external id, status, priority, category, customer,
// a fee code), one-line texts (subject, reason, note) and bodies (replies, messages), and the
// events of one ticket's history. Over one: Errc::out_of_range naming the field and the limit.
inline constexpr std::size_t name_bytes = 256;
inline constexpr std::size_t line_bytes = 4 * 1024;
inline constexpr std::size_t body_bytes = 256 * 1024;
inline constexpr std::size_t events_per_ticket = 10000;

}  // namespace tierdesk::limits
