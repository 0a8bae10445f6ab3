// SLA policies and ticket histories as JSON (format: docs/sla.md; examples in
// examples/policies/).
//
// A policy file names its calendars (inline calendar objects, or calendar files relative to the
// policy file), its priorities, pause statuses, warning fractions and a target matrix whose rows
// give durations per metric:
//
//   {"name": "oneoffice",
//    "calendars": {"office": "../calendars/dk-oneoffice.json"},
//    "priorities": ["high", "normal"],
//    "warnings": ["75%", "90%"],
//    "targets": [{"priority": "high", "calendar": "office", "response": "1h", "resolution": "2h"},
//                {"priority": "normal", "calendar": "office", "response": "4h"}]}
//
// A ticket line (what `tierdesk sla eval` reads) is one JSON object:
//
//   {"priority": "high", "events": [{"at": "2026-03-06T14:30:00+01:00", "type": "created"},
//                                   {"at": "2026-03-09T08:20:00+01:00",
//                                    "type": "agent_public_reply"}]}
//
// and its clocks are written back as one JSON object per line, instants in the zone of each
// clock's calendar. Every error names the JSON path and value at fault, e.g.
// "events[1].type: got "reply", expected one of "created", …".
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "tierdesk/base/error.hpp"
#include "tierdesk/sla/sla.hpp"
#include "tierdesk/sla/sla_policy.hpp"

namespace tierdesk {

// A business duration as the formats write it: "1h", "30m", "1h30m", "90s", "48h"; positive.
Result<std::chrono::seconds> parse_duration(std::string_view text);
// "1h30m", "45s", "0s": the shortest spelling parse_duration reads back.
std::string format_duration(std::chrono::seconds d);

// The policy in the JSON text `json`; calendar files it names are read relative to
// `base_dir`. Errc::io_error for a calendar file that cannot be read, the reader's errors
// (parse_error, unknown_field, missing_field, invalid_argument, …) with their JSON path, and
// SlaPolicy::compile's errors.
Result<SlaPolicy> load_policy(std::string_view json, const std::filesystem::path& base_dir);
// load_policy on a file's contents, calendar files relative to the file's directory; errors
// are prefixed with the path.
Result<SlaPolicy> load_policy_file(const std::filesystem::path& path);

// The events of a ticket line. The line's "priority" and "category" become events at the
// creation instant, right after "created" (which must come first). An "id" is allowed and
// ignored (hosts echo it).
Result<std::vector<TicketEvent>> parse_ticket_json(std::string_view json);

// parse_ticket_json followed by compute_clocks; errors about events name the line's JSON path
// ("events[2]: …", "priority: …").
Result<TicketClocks> compute_clocks_json(std::string_view json, const SlaPolicy& policy,
                                         Instant now);

// {"priority": …, "category": …, "clocks": {"response": {…}, …}, "ola": {"2nd-level": {…}}}:
// clocks without a target are left out. See docs/sla.md for each field.
std::string to_json(const TicketClocks& clocks, const SlaPolicy& policy);

}  // namespace tierdesk
