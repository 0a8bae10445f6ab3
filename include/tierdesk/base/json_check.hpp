// A check of JSON text from outside that Boost.JSON does not make.
//
// The formats (docs/formats.md) define a key that appears twice in one object as an error;
// Boost.JSON keeps the last one silently. Hosts that parse requests and lines themselves call
// this on the same text:
//
//   check_unique_keys(R"({"op":"add","op":"between"})")
//     → parse_error "op: key appears twice (again at line 1, column 27)"
//
// Malformed text is left to the caller's parser (no error here).
#pragma once

#include <string_view>

#include "tierdesk/base/error.hpp"

namespace tierdesk {

Result<void> check_unique_keys(std::string_view json_text);

}  // namespace tierdesk
