// IANA time zones (from the system's tz database through date::date-tz).
//
// A Zone converts instants to civil time and back. Going from civil time to an instant is
// not always a function, and lookup() says which case applies, as cctz does:
//
//   Zone berlin = *Zone::locate("Europe/Berlin");
//   // 2026-03-29 02:30 does not exist (clocks jump 02:00 → 03:00):
//   berlin.lookup(local 2026-03-29 02:30) → {skipped, first = second = 01:00Z (the jump)}
//   // 2026-10-25 02:30 happens twice (clocks fall back 03:00 → 02:00):
//   berlin.lookup(local 2026-10-25 02:30) → {repeated, first = 00:30Z, second = 01:30Z}
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "tierdesk/base/error.hpp"
#include "tierdesk/base/time.hpp"

namespace date {
class time_zone;
}

namespace tierdesk {

struct LocalLookup {
  enum class Kind { unique, skipped, repeated };
  Kind kind = Kind::unique;
  Instant first{};   // unique: the instant; skipped: the transition; repeated: earlier one
  Instant second{};  // unique: same as first; skipped: the transition; repeated: later one
};

// A stretch of UTC [begin, end) over which a zone keeps one offset from UTC.
struct ZonePeriod {
  Instant begin{};
  Instant end{};
  std::chrono::seconds offset{};
};

class Zone {
 public:
  // The zone named `name` ("Europe/Copenhagen"); Errc::unknown_zone naming it otherwise.
  static Result<Zone> locate(std::string_view name);
  // Coordinated Universal Time.
  static Zone utc();

  std::string_view name() const;
  LocalSeconds to_local(Instant t) const;
  std::chrono::seconds offset(Instant t) const;
  // The period of one offset that holds `t`.
  ZonePeriod period(Instant t) const;
  LocalLookup lookup(LocalSeconds local) const;

  // "2026-12-24T09:30:00+01:00": the instant in this zone's civil time with its offset.
  std::string format_iso8601(Instant t) const;

  friend bool operator==(const Zone& a, const Zone& b) { return a.tz_ == b.tz_; }

 private:
  explicit Zone(const date::time_zone* tz) : tz_(tz) {}
  const date::time_zone* tz_;
};

}  // namespace tierdesk
