#include "tierdesk/base/zone.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <exception>

namespace tierdesk {
namespace {

date::local_seconds to_date(LocalSeconds l) {
  return date::local_seconds{l.time_since_epoch()};
}

}  // namespace

Result<Zone> Zone::locate(std::string_view name) {
  // date::locate_zone throws for unknown names; nothing may escape the API.
  try {
    return Zone(date::locate_zone(name));
  } catch (const std::exception&) {
    return fail(Error::invalid(Errc::unknown_zone, "zone", name, "an IANA time zone name"));
  }
}

Zone Zone::utc() {
  static const date::time_zone* tz = date::locate_zone("UTC");
  return Zone(tz);
}

std::string_view Zone::name() const { return tz_->name(); }

LocalSeconds Zone::to_local(Instant t) const {
  return LocalSeconds{tz_->to_local(t).time_since_epoch()};
}

std::chrono::seconds Zone::offset(Instant t) const { return tz_->get_info(t).offset; }

ZonePeriod Zone::period(Instant t) const {
  const date::sys_info info = tz_->get_info(t);
  return {info.begin, info.end, info.offset};
}

LocalLookup Zone::lookup(LocalSeconds local) const {
  const date::local_info info = tz_->get_info(to_date(local));
  const auto since = local.time_since_epoch();
  switch (info.result) {
    case date::local_info::unique: {
      const Instant t{since - info.first.offset};
      return {LocalLookup::Kind::unique, t, t};
    }
    case date::local_info::nonexistent:
      return {LocalLookup::Kind::skipped, info.first.end, info.first.end};
    case date::local_info::ambiguous:
      return {LocalLookup::Kind::repeated, Instant{since - info.first.offset},
              Instant{since - info.second.offset}};
  }
  return {};
}

std::string Zone::format_iso8601(Instant t) const {
  const auto off = offset(t);
  const auto local = t + off;
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const Date date{day};
  const std::chrono::hh_mm_ss tod{local - day};
  const auto abs_min = std::chrono::abs(std::chrono::duration_cast<std::chrono::minutes>(off));
  return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", date, tod.hours().count(),
                     tod.minutes().count(), tod.seconds().count(), off < off.zero() ? '-' : '+',
                     abs_min.count() / 60, abs_min.count() % 60);
}

}  // namespace tierdesk
