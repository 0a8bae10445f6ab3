// Errors and results.
//
// Nothing in tierdesk throws across its API: every operation that can fail returns
// Result<T>, an expected<T, Error>. An Error carries a stable code (Errc, whose names and
// numeric values never change once released) and a message that names the offending field
// and value, e.g.
//
//   Result<Calendar> cal = load_calendar(json);
//   if (!cal) fmt::print("{}: {}\n", to_string(cal.error().code()), cal.error().message());
//   // unknown_zone: zone: got "Europe/Berln", expected an IANA time zone name
//
// Only the API shared by tl::expected and the std::expected of every supported compiler is
// used: has_value(), operator bool, operator*, ->, value(), value_or(), error(). GCC 12's
// std::expected predates the monadic operations (and_then, transform, or_else arrive with
// GCC 13), so tierdesk code checks results explicitly. tierdesk/config.hpp records which
// expected the build picked.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "tierdesk/config.hpp"

#if TIERDESK_USE_TL_EXPECTED
#include <tl/expected.hpp>
#else
#include <expected>
#endif

namespace tierdesk {

// Stable error codes. Append new codes at the end; never renumber.
enum class Errc {
  invalid_argument = 1,  // a value is out of its domain (25:00, a negative count, …)
  parse_error = 2,       // text that is not well-formed (JSON, ISO-8601, numbers)
  unknown_zone = 3,      // an IANA time zone name the tz database does not know
  invalid_date = 4,      // a civil date that does not exist (Feb 30)
  invalid_time = 5,      // a time of day outside 00:00–24:00
  invalid_interval = 6,  // an interval whose end is not after its begin
  overlapping_intervals = 7,
  never_opens = 8,       // a calendar with no open time where some is needed
  out_of_range = 9,      // an instant or year outside the supported range
  unknown_preset = 10,   // a holiday preset code that does not exist
  not_found = 11,
  conflict = 12,         // the request contradicts stored state (duplicate, stale, …)
  invalid_transition = 13,
  invalid_event = 14,    // an event history that is out of order or inconsistent
  storage_error = 15,
  io_error = 16,
  currency_mismatch = 17,
  overflow = 18,
  unauthorized = 19,
  forbidden = 20,
  unknown_field = 21,    // a JSON object carries a field the format does not define
  missing_field = 22,
};

// The code's stable name, e.g. "unknown_zone".
std::string_view to_string(Errc code) noexcept;

// Outside text as an error message quotes it: whole when it is short, else its first
// limits::echoed_value_bytes (at a UTF-8 character boundary) and "… (N bytes)".
std::string echo(std::string_view value);

class Error {
 public:
  Error(Errc code, std::string message) : code_(code), message_(std::move(message)) {}

  Errc code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  bool is(Errc code) const noexcept { return code_ == code; }

  // The same error with "context: " put in front of the message, e.g. a JSON path.
  Error within(std::string_view context) const;

  // "field: got "value", expected …" — the usual shape of a validation error. The value is
  // echoed as echo() shows it.
  static Error invalid(Errc code, std::string_view field, std::string_view value,
                       std::string_view expected);

  friend bool operator==(const Error&, const Error&) = default;

 private:
  Errc code_;
  std::string message_;
};

#if TIERDESK_USE_TL_EXPECTED
template <class T>
using Result = tl::expected<T, Error>;
using Unexpected = tl::unexpected<Error>;
#else
template <class T>
using Result = std::expected<T, Error>;
using Unexpected = std::unexpected<Error>;
#endif

// Shorthand for returning a failure: `return fail(Errc::not_found, "ticket OO-2026-000123");`
inline Unexpected fail(Errc code, std::string message) {
  return Unexpected(Error(code, std::move(message)));
}
inline Unexpected fail(Error error) { return Unexpected(std::move(error)); }

}  // namespace tierdesk
