// How the SQLite store writes compound values into text columns: event payloads as JSON
// objects of strings, ticket flags as JSON arrays of strings, a ticket's clock cache as a JSON
// array of [clock, state, due, breached_at, open_breach, [warnings…]] rows (instants in Unix
// seconds or null, open_breach 0 or 1). Decoding goes through the private JSON reader and
// fails with the column name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tierdesk/base/error.hpp"
#include "tierdesk/store/store.hpp"
#include "tierdesk/desk/ticket_event.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk::store {

std::string encode_payload(const Payload& payload);
Result<Payload> decode_payload(std::string_view text);

std::string encode_strings(const std::vector<std::string>& values);
Result<std::vector<std::string>> decode_strings(std::string_view text);

// `open` false writes every open_breach as 0: only an open ticket keeps a breach open.
std::string encode_clocks(const std::vector<ClockEntry>& clocks, bool open);
// The entries in the order they were written.
Result<std::vector<ClockEntry>> decode_clocks(std::string_view text);

}  // namespace tierdesk::store
