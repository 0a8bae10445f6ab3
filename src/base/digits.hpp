// Zero-padded decimal numbers appended to a string: what fmt's "{:0N}" prints, without
// parsing a format string. For the few formats every answer repeats (instants, references).
#pragma once

#include <charconv>
#include <cstdint>
#include <string>

namespace tierdesk::detail {

// Appends `value` in at least `width` characters, zeros after the sign: -5 at width 4 is
// "-005", as fmt prints it.
inline void append_padded(std::string& out, std::int64_t value, int width) {
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  (void)ec;  // 24 characters hold every int64
  const bool negative = value < 0;
  const char* first = digits + (negative ? 1 : 0);
  if (negative) out += '-';
  const auto length = static_cast<int>(end - digits);
  if (length < width) out.append(static_cast<std::size_t>(width - length), '0');
  out.append(first, static_cast<std::size_t>(end - first));
}

}  // namespace tierdesk::detail
