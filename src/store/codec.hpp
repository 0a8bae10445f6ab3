// How the SQLite store writes compound values into text columns: event payloads as JSON
// objects of strings, ticket flags as JSON arrays of strings, instant lists as JSON arrays of
// Unix seconds. Decoding goes through the private JSON reader and fails with the column name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tierdesk/error.hpp"
#include "tierdesk/ticket_event.hpp"
#include "tierdesk/time.hpp"

namespace tierdesk::store {

std::string encode_payload(const Payload& payload);
Result<Payload> decode_payload(std::string_view text);

std::string encode_strings(const std::vector<std::string>& values);
Result<std::vector<std::string>> decode_strings(std::string_view text);

std::string encode_instants(const std::vector<Instant>& values);
Result<std::vector<Instant>> decode_instants(std::string_view text);

}  // namespace tierdesk::store
