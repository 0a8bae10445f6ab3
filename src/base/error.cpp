#include "tierdesk/base/error.hpp"

#include <fmt/format.h>

#include "tierdesk/base/limits.hpp"

namespace tierdesk {

std::string_view to_string(Errc code) noexcept {
  switch (code) {
    case Errc::invalid_argument: return "invalid_argument";
    case Errc::parse_error: return "parse_error";
    case Errc::unknown_zone: return "unknown_zone";
    case Errc::invalid_date: return "invalid_date";
    case Errc::invalid_time: return "invalid_time";
    case Errc::invalid_interval: return "invalid_interval";
    case Errc::overlapping_intervals: return "overlapping_intervals";
    case Errc::never_opens: return "never_opens";
    case Errc::out_of_range: return "out_of_range";
    case Errc::unknown_preset: return "unknown_preset";
    case Errc::not_found: return "not_found";
    case Errc::conflict: return "conflict";
    case Errc::invalid_transition: return "invalid_transition";
    case Errc::invalid_event: return "invalid_event";
    case Errc::storage_error: return "storage_error";
    case Errc::io_error: return "io_error";
    case Errc::currency_mismatch: return "currency_mismatch";
    case Errc::overflow: return "overflow";
    case Errc::unauthorized: return "unauthorized";
    case Errc::forbidden: return "forbidden";
    case Errc::unknown_field: return "unknown_field";
    case Errc::missing_field: return "missing_field";
  }
  return "unknown";
}

Error Error::within(std::string_view context) const {
  if (context.empty()) return *this;
  return Error(code_, fmt::format("{}: {}", context, message_));
}

std::string echo(std::string_view value) {
  if (value.size() <= limits::echoed_value_bytes) return std::string(value);
  std::size_t cut = limits::echoed_value_bytes;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xc0) == 0x80) --cut;  // continuation
  return fmt::format("{}… ({} bytes)", value.substr(0, cut), value.size());
}

Error Error::invalid(Errc code, std::string_view field, std::string_view value,
                     std::string_view expected) {
  return Error(code, fmt::format("{}: got \"{}\", expected {}", echo(field), echo(value), expected));
}

}  // namespace tierdesk
