// Calendars, policies and event builders shared by the SLA tests. Holidays are written out as
// rules here (not taken from the presets) so that these tests check clocks, not holiday tables.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tierdesk/calendar/calendar.hpp"
#include "tierdesk/sla/sla.hpp"
#include "tierdesk/sla/sla_policy.hpp"

namespace tierdesk::sla_testing {

using namespace std::chrono_literals;

inline Instant at(std::string_view iso) { return parse_iso8601(iso).value(); }

inline LocalHours hours(std::string_view b, std::string_view e) {
  return {{TimeOfDay::parse(b).value(), TimeOfDay::parse(e).value()}};
}

inline std::vector<HolidayRule> easter_holidays() {
  return {{"Good Friday", EasterOffset{-2}, {}, {}, {}},
          {"Easter Monday", EasterOffset{1}, {}, {}, {}},
          {"Ascension", EasterOffset{39}, {}, {}, {}},
          {"Whit Monday", EasterOffset{50}, {}, {}, {}},
          {"New Year", FixedDate{1, 1}, {}, {}, {}},
          {"Christmas Day", FixedDate{12, 25}, {}, {}, {}},
          {"Boxing Day", FixedDate{12, 26}, {}, {}, {}}};
}

// OneOffice: Mon–Thu 08–16, Fri 08–15 Europe/Copenhagen, Danish holidays (abridged).
inline Calendar oneoffice_office() {
  CalendarSpec spec;
  spec.name = "dk-oneoffice";
  spec.zone = "Europe/Copenhagen";
  for (unsigned wd = 1; wd <= 4; ++wd) spec.week.days[wd] = hours("08:00", "16:00");
  spec.week.days[5] = hours("08:00", "15:00");
  spec.holidays = easter_holidays();
  spec.holidays.push_back({"Maundy Thursday", EasterOffset{-3}, {}, {}, {}});
  return Calendar::compile(std::move(spec)).value();
}

// Every day 00:00–24:00 in `zone`.
inline Calendar around_the_clock(std::string_view zone) {
  CalendarSpec spec;
  spec.name = "always-" + std::string(zone);
  spec.zone = std::string(zone);
  for (auto& d : spec.week.days) d = hours("00:00", "24:00");
  return Calendar::compile(std::move(spec)).value();
}

// Mon–Fri `from`–`to` Europe/Berlin with German nationwide holidays (abridged).
inline Calendar german_weekdays(std::string_view from, std::string_view to) {
  CalendarSpec spec;
  spec.name = "de-weekdays";
  spec.zone = "Europe/Berlin";
  for (unsigned wd = 1; wd <= 5; ++wd) spec.week.days[wd] = hours(from, to);
  spec.holidays = easter_holidays();
  spec.holidays.push_back({"Epiphany (BW)", FixedDate{1, 6}, {}, {}, {}});
  return Calendar::compile(std::move(spec)).value();
}

inline SlaTarget row(std::string priority, Metric m, std::chrono::seconds within,
                     std::string calendar) {
  return SlaTarget{std::move(priority), {}, m, within, std::move(calendar)};
}

// The OneOffice matrix (High 1h/2h, Medium 2h/4h, Normal 4h/8h, Low 24h/36h on office hours),
// triage within 1 h for every case, and critical cases 1h/4h on the 24/7 on-call calendar.
inline SlaPolicySpec oneoffice_spec() {
  SlaPolicySpec s;
  s.name = "oneoffice";
  s.priorities = {"critical", "high", "medium", "normal", "low"};
  s.default_priority = "normal";
  s.pause_statuses = {"pending-customer", "on-hold"};
  s.warnings_permille = {750, 900};
  s.targets = {{"", "", Metric::triage, 1h, "office"},
               row("critical", Metric::triage, 1h, "oncall"),
               row("critical", Metric::response, 1h, "oncall"),
               row("critical", Metric::resolution, 4h, "oncall"),
               row("high", Metric::response, 1h, "office"),
               row("high", Metric::resolution, 2h, "office"),
               row("medium", Metric::response, 2h, "office"),
               row("medium", Metric::resolution, 4h, "office"),
               row("normal", Metric::response, 4h, "office"),
               row("normal", Metric::resolution, 8h, "office"),
               row("low", Metric::response, 24h, "office"),
               row("low", Metric::resolution, 36h, "office")};
  return s;
}

inline CalendarSet oneoffice_calendars() {
  return {{"office", oneoffice_office()}, {"oncall", around_the_clock("Europe/Copenhagen")}};
}

inline SlaPolicy oneoffice(ReopenRule reopen = ReopenRule::continue_clock) {
  SlaPolicySpec s = oneoffice_spec();
  s.reopen = reopen;
  return SlaPolicy::compile(std::move(s), oneoffice_calendars()).value();
}

// A ticket's history, written the way the tests read best.
class History {
 public:
  History& add(std::string_view when, EventKind kind, std::string value = {}) {
    events_.push_back(TicketEvent{at(when), kind, std::move(value)});
    return *this;
  }
  History& created(std::string_view when, std::string priority = {}) {
    add(when, EventKind::created);
    if (!priority.empty()) add(when, EventKind::priority, std::move(priority));
    return *this;
  }
  std::span<const TicketEvent> events() const { return events_; }

 private:
  std::vector<TicketEvent> events_;
};

inline TicketClocks clocks(const History& h, const SlaPolicy& p, std::string_view now) {
  return compute_clocks(h.events(), p, at(now)).value();
}

}  // namespace tierdesk::sla_testing
