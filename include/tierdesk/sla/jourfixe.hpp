// JourFixe: a recurring appointment in local time at which batched requests are handled.
//
// Some providers (seed 002, Solutionbar) collect ordinary requests until the next JourFixe, an
// on-site meeting that recurs in wall-clock time, e.g. every second Tuesday at 09:00 starting
// from an anchor date. A ticket queued for the JourFixe starts its SLA clocks at the next slot
// (sla.hpp), unless it is urgent.
//
// A slot is a civil date plus a time of day in the zone of the JourFixe's calendar. A slot on
// a date the calendar is closed all day (a public holiday) does not take place; the next one
// counts. A slot time that the clocks skip on a DST switch day lands on the transition; one
// that happens twice takes its first occurrence.
//
//   JourFixeSpec spec{.anchor = 2026-03-03 (a Tuesday), .at = 09:00, .every_weeks = 2};
//   JourFixe jf = *JourFixe::compile(spec, office);   // office: Europe/Berlin, DE-BW holidays
//   jf.next_slot(2026-03-04T10:00+01:00) == 2026-03-17T09:00+01:00
//   jf.next_slot(2026-03-17T09:00+01:00) == 2026-03-17T09:00+01:00   // a slot is its own next
//   jf.next_slot(2026-03-18T08:00+01:00) == 2026-03-31T09:00+02:00   // after the DST switch
#pragma once

#include <chrono>
#include <string>

#include "tierdesk/calendar/calendar.hpp"
#include "tierdesk/base/error.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk {

struct JourFixeSpec {
  Date anchor{};         // the date of one slot; the others are every_weeks apart
  TimeOfDay at{};        // local time of day of each slot, before 24:00
  int every_weeks = 1;   // 1 … 52
  std::string calendar;  // the policy calendar whose zone and closed days apply
  friend bool operator==(const JourFixeSpec&, const JourFixeSpec&) = default;
};

class JourFixe {
 public:
  // Validates the spec (anchor a real date, `at` before 24:00, every_weeks in 1 … 52) against
  // the calendar giving its zone and closed days. Errors name the field.
  static Result<JourFixe> compile(const JourFixeSpec& spec, Calendar calendar);

  const JourFixeSpec& spec() const { return spec_; }
  const Calendar& calendar() const { return calendar_; }

  // The first slot at or after t (slots before the anchor count too, the series runs both
  // ways). Errc::never_opens when no slot in the next ten years falls on an open day.
  Result<Instant> next_slot(Instant t) const;

 private:
  JourFixe(JourFixeSpec spec, Calendar calendar)
      : spec_(std::move(spec)), calendar_(std::move(calendar)) {}
  Instant slot_on(std::chrono::local_days day) const;

  JourFixeSpec spec_;
  Calendar calendar_;
};

}  // namespace tierdesk
