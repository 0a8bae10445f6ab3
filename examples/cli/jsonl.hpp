// JSON-lines evaluators: one JSON object in per line, one JSON object out per line, in order,
// flushed per line so that a caller can drive the evaluator interactively through a pipe.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <string_view>

#include <boost/json.hpp>

#include "tierdesk/error.hpp"
#include "tierdesk/time.hpp"

namespace tierdesk::cli {

using Evaluator = std::function<Result<boost::json::object>(const boost::json::object& request)>;

// Feeds every non-blank line of `in` to `eval`; a line that is not a JSON object or that
// `eval` rejects is answered with {"error":{"code":…,"message":…}} and the loop goes on.
// Returns exit_ok, or exit_data when at least one line failed.
int run_jsonl(std::istream& in, std::ostream& out, const Evaluator& eval);

boost::json::object error_json(const Error& error);

// Field access for requests, with errors that name the field.
Result<std::string_view> string_field(const boost::json::object& o, std::string_view key);
Result<std::int64_t> int_field(const boost::json::object& o, std::string_view key);
Result<Instant> instant_field(const boost::json::object& o, std::string_view key);
// Errc::unknown_field for a key outside `allowed`.
Result<void> only_fields(const boost::json::object& o, std::initializer_list<std::string_view> allowed);

}  // namespace tierdesk::cli
