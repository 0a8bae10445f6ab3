// tierdesk.Calendar: business time over a loaded calendar, and the holiday presets.
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "module_convert.hpp"
#include "module_parts.hpp"
#include "tierdesk/calendar/calendar.hpp"
#include "tierdesk/calendar/calendar_json.hpp"
#include "tierdesk/calendar/holidays.hpp"

namespace tierdesk::python {

namespace {

using std::chrono::seconds;

// Local hours as ("HH:MM", "HH:MM") pairs; 24:00 has no datetime.time, so strings it is.
py::list hours_to_python(const LocalHours& hours) {
  py::list out;
  for (const Segment<TimeOfDay>& s : hours) {
    out.append(py::make_tuple(fmt::format("{}", s.begin), fmt::format("{}", s.end)));
  }
  return out;
}

std::string holiday_repr(const Holiday& h) {
  std::string hours;
  for (const Segment<TimeOfDay>& s : h.hours) {
    hours += fmt::format("{}{}–{}", hours.empty() ? " open " : ", ", s.begin, s.end);
  }
  return fmt::format("Holiday({} '{}'{})", h.date, h.name, hours);
}

py::list holidays_to_python(const std::vector<Holiday>& holidays) {
  py::list out;
  for (const Holiday& h : holidays) out.append(py::cast(h));
  return out;
}

std::vector<Instant> instants_from(const py::iterable& values, std::string_view field) {
  std::vector<Instant> out;
  std::size_t i = 0;
  for (py::handle v : values) {
    out.push_back(to_instant(v, fmt::format("{}[{}]", field, i)));
    ++i;
  }
  return out;
}

// Calendar::add for every start with the GIL released; the first failure raises, naming its
// index.
py::list add_many(const Calendar& cal, const py::iterable& starts, const py::object& delta) {
  const std::vector<Instant> in = instants_from(starts, "starts");
  const seconds d = to_seconds(delta, "delta");
  std::vector<Instant> out(in.size());
  std::optional<Error> failure;
  {
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < in.size(); ++i) {
      Result<Instant> r = cal.add(in[i], d);
      if (!r) {
        failure = r.error().within(fmt::format("starts[{}]", i));
        break;
      }
      out[i] = *r;
    }
  }
  if (failure) raise(*failure);
  py::list result(in.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    result[i] = from_instant(out[i]);
  }
  return result;
}

// Calendar::between for every (start, end) pair with the GIL released.
py::list between_many(const Calendar& cal, const py::iterable& starts, const py::iterable& ends) {
  const std::vector<Instant> a = instants_from(starts, "starts");
  const std::vector<Instant> b = instants_from(ends, "ends");
  if (a.size() != b.size()) {
    raise(Errc::invalid_argument, fmt::format("ends: got {} instants, expected {} like starts",
                                              b.size(), a.size()));
  }
  std::vector<seconds> out(a.size());
  std::optional<Error> failure;
  {
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < a.size(); ++i) {
      Result<seconds> r = cal.between(a[i], b[i]);
      if (!r) {
        failure = r.error().within(fmt::format("pair {}", i));
        break;
      }
      out[i] = *r;
    }
  }
  if (failure) raise(*failure);
  py::list result(a.size());
  for (std::size_t i = 0; i < out.size(); ++i) result[i] = from_seconds(out[i]);
  return result;
}

}  // namespace

void init_calendar(py::module_& m) {
  py::class_<Holiday>(m, "Holiday", "A public holiday: a civil date in the calendar's zone.")
      .def_property_readonly("date", [](const Holiday& h) { return from_date(h.date); })
      .def_property_readonly("name", [](const Holiday& h) { return h.name; })
      .def_property_readonly(
          "hours", [](const Holiday& h) { return hours_to_python(h.hours); },
          "Open hours on a partial day as (\"HH:MM\", \"HH:MM\") pairs; empty: closed all day.")
      .def("__eq__", [](const Holiday& a, const Holiday& b) { return a == b; })
      .def("__repr__", &holiday_repr);

  py::class_<Calendar>(m, "Calendar",
                       "A business calendar: zone, weekly hours, holidays and overrides. "
                       "Immutable; safe to share between threads.")
      .def_static(
          "from_json",
          [](std::string_view json) { return unwrap(load_calendar(json)); }, py::arg("json"),
          "The calendar described by a JSON text (docs/formats.md).")
      .def_static(
          "from_file",
          [](const std::filesystem::path& path) { return unwrap(load_calendar_file(path)); },
          py::arg("path"), "The calendar in a JSON file.")
      .def_static("always_open", &Calendar::always_open, "A 24/7 calendar in UTC.")
      .def_property_readonly("name", [](const Calendar& c) { return c.spec().name; })
      .def_property_readonly("zone", [](const Calendar& c) { return std::string(c.zone().name()); },
                             "The IANA zone name, e.g. 'Europe/Berlin'.")
      .def("to_json", [](const Calendar& c) { return to_json(c.spec()); },
           "The calendar as JSON, every holiday as an explicit rule.")
      .def(
          "is_open", [](const Calendar& c, py::handle at) { return c.is_open(to_instant(at, "at")); },
          py::arg("at"))
      .def(
          "next_open",
          [](const Calendar& c, py::handle at) {
            return from_instant(unwrap(c.next_open(to_instant(at, "at"))));
          },
          py::arg("at"), "at when open, else the start of the next open interval.")
      .def(
          "next_close",
          [](const Calendar& c, py::handle at) {
            return from_instant(unwrap(c.next_close(to_instant(at, "at"))));
          },
          py::arg("at"), "The end of the open interval containing at, or of the next one.")
      .def(
          "add",
          [](const Calendar& c, py::handle start, py::handle delta) {
            return from_instant(
                unwrap(c.add(to_instant(start, "start"), to_seconds(delta, "delta"))));
          },
          py::arg("start"), py::arg("delta"),
          "The instant `delta` of business time after start (before it when negative).")
      .def(
          "between",
          [](const Calendar& c, py::handle start, py::handle end) {
            return from_seconds(
                unwrap(c.between(to_instant(start, "start"), to_instant(end, "end"))));
          },
          py::arg("start"), py::arg("end"),
          "Business time inside [start, end) as a timedelta; negative when end < start.")
      .def(
          "open_intervals",
          [](const Calendar& c, py::handle start, py::handle end) {
            const Segment<Instant> range{to_instant(start, "start"), to_instant(end, "end")};
            py::list out;
            for (const Segment<Instant>& s : unwrap(c.open_intervals(range))) {
              out.append(py::make_tuple(from_instant(s.begin), from_instant(s.end)));
            }
            return out;
          },
          py::arg("start"), py::arg("end"),
          "The open intervals clipped to [start, end), as (begin, end) pairs.")
      .def(
          "holidays", [](const Calendar& c, int year) { return holidays_to_python(c.holidays(year)); },
          py::arg("year"))
      .def(
          "hours_on",
          [](const Calendar& c, py::handle day) { return hours_to_python(c.hours_on(to_date(day, "day"))); },
          py::arg("day"), "The local open hours on a date after holidays and overrides.")
      .def("add_many", &add_many, py::arg("starts"), py::arg("delta"),
           "add(start, delta) for every start, computed with the GIL released.")
      .def("between_many", &between_many, py::arg("starts"), py::arg("ends"),
           "between(start, end) pairwise, computed with the GIL released.")
      .def("__repr__", [](const Calendar& c) {
        return fmt::format("<tierdesk.Calendar '{}' zone='{}'>", c.spec().name, c.zone().name());
      });

  m.def(
      "preset_codes",
      [] {
        std::vector<std::string> out;
        for (std::string_view code : preset_codes()) out.emplace_back(code);
        return out;
      },
      "The holiday preset codes: 'DE', 'DE-BB', …, 'DK'.");
  m.def(
      "preset_holidays",
      [](std::string_view code, int year) {
        const std::vector<HolidayRule> rules = unwrap(preset(code));
        return holidays_to_python(holidays_in(rules, year));
      },
      py::arg("code"), py::arg("year"), "The holidays of a preset in a year.");
}

}  // namespace tierdesk::python
