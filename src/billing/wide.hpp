// 128-bit integer arithmetic for exact money rationals (private to the billing engine).
#pragma once

#include <cstdint>
#include <limits>
#include <string>

namespace tierdesk::detail {

__extension__ typedef __int128 Wide;

inline bool fits_int64(Wide v) {
  return v >= std::numeric_limits<std::int64_t>::min() &&
         v <= std::numeric_limits<std::int64_t>::max();
}

// numerator / denominator rounded to the nearest integer, halves away from zero
// (denominator > 0): 5/2 → 3, −5/2 → −3, 7/4 → 2.
inline Wide divide_half_up(Wide numerator, Wide denominator) {
  const bool negative = numerator < 0;
  const Wide magnitude = negative ? -numerator : numerator;
  Wide quotient = magnitude / denominator;
  if (2 * (magnitude % denominator) >= denominator) ++quotient;
  return negative ? -quotient : quotient;
}

inline std::string to_string(Wide v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  std::string digits;
  while (v != 0) {
    const int d = static_cast<int>(v % 10);
    digits.insert(digits.begin(), static_cast<char>('0' + (d < 0 ? -d : d)));
    v /= 10;
  }
  return negative ? "-" + digits : digits;
}

}  // namespace tierdesk::detail
