// JSON-lines evaluators: one JSON object in per line, one JSON object out per line, in order,
// flushed per line so that a caller can drive the evaluator interactively through a pipe.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <string_view>

#include <boost/json.hpp>

#include "json_fields.hpp"
#include "tierdesk/base/error.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk::cli {

using Evaluator = std::function<Result<boost::json::object>(const boost::json::object& request)>;

// Feeds every non-blank line of `in` to `eval`; a line that is not a JSON object or that
// `eval` rejects is answered with {"error":{"code":…,"message":…}} and the loop goes on.
// Returns exit_ok, or exit_data when at least one line failed.
int run_jsonl(std::istream& in, std::ostream& out, const Evaluator& eval);

using host::error_json;
using host::instant_field;
using host::int_field;
using host::only_fields;
using host::string_field;

}  // namespace tierdesk::cli
