#include "module_convert.hpp"

#include <Python.h>
#include <datetime.h>

#include <fmt/format.h>

namespace tierdesk::python {

namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;

[[noreturn]] void type_error(std::string_view field, py::handle value, std::string_view expected) {
  const std::string type_name = py::str(py::type::handle_of(value).attr("__name__"));
  throw py::type_error(fmt::format("{}: got {}, expected {}", field, type_name, expected));
}

std::string python_repr(py::handle value) { return py::repr(value); }

// The seconds of a timedelta (days * 86400 + seconds), refusing fractions of a second.
seconds timedelta_seconds(PyObject* delta, std::string_view field) {
  if (PyDateTime_DELTA_GET_MICROSECONDS(delta) != 0) {
    raise(Error::invalid(Errc::invalid_argument, field, python_repr(delta),
                         "whole seconds (tierdesk counts time in seconds)"));
  }
  return days{PyDateTime_DELTA_GET_DAYS(delta)} + seconds{PyDateTime_DELTA_GET_SECONDS(delta)};
}

}  // namespace

void init_datetime_api() {
  PyDateTime_IMPORT;
  if (PyDateTimeAPI == nullptr) throw py::error_already_set();
}

Instant to_instant(py::handle value, std::string_view field) {
  PyObject* obj = value.ptr();
  if (!PyDateTime_Check(obj)) type_error(field, value, "a timezone-aware datetime.datetime");
  // datetime.timezone.utc needs no utcoffset() call (the common case for batches).
  seconds utc_offset{0};
  if (PyDateTime_DATE_GET_TZINFO(obj) != PyDateTime_TimeZone_UTC) {
    const py::object offset = value.attr("utcoffset")();
    if (offset.is_none()) {
      raise(Error::invalid(Errc::invalid_argument, field, python_repr(value),
                           "a timezone-aware datetime (naive datetimes are ambiguous; set tzinfo)"));
    }
    utc_offset = timedelta_seconds(offset.ptr(), field);
  }
  if (PyDateTime_DATE_GET_MICROSECOND(obj) != 0) {
    raise(Error::invalid(Errc::invalid_argument, field, python_repr(value),
                         "whole seconds (use .replace(microsecond=0))"));
  }
  const std::chrono::year_month_day ymd{
      std::chrono::year{PyDateTime_GET_YEAR(obj)},
      std::chrono::month{static_cast<unsigned>(PyDateTime_GET_MONTH(obj))},
      std::chrono::day{static_cast<unsigned>(PyDateTime_GET_DAY(obj))}};
  const seconds wall = std::chrono::hours{PyDateTime_DATE_GET_HOUR(obj)} +
                       std::chrono::minutes{PyDateTime_DATE_GET_MINUTE(obj)} +
                       seconds{PyDateTime_DATE_GET_SECOND(obj)};
  return Instant{sys_days{ymd}.time_since_epoch() + wall - utc_offset};
}

py::object from_instant(Instant t) {
  const sys_days day = std::chrono::floor<days>(t);
  const std::chrono::year_month_day ymd{day};
  const int year = static_cast<int>(ymd.year());
  if (year < 1 || year > 9999) {
    raise(Errc::out_of_range,
          fmt::format("instant {}: outside the years 1 … 9999 a datetime can hold",
                      t.time_since_epoch().count()));
  }
  const std::chrono::hh_mm_ss<seconds> hms{t - day};
  PyObject* dt = PyDateTimeAPI->DateTime_FromDateAndTime(
      year, static_cast<int>(static_cast<unsigned>(ymd.month())),
      static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(hms.hours().count()),
      static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()), 0,
      PyDateTime_TimeZone_UTC, PyDateTimeAPI->DateTimeType);
  if (dt == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(dt);
}

py::object from_optional_instant(const std::optional<Instant>& t) {
  if (!t) return py::none();
  return from_instant(*t);
}

seconds to_seconds(py::handle value, std::string_view field) {
  if (!PyDelta_Check(value.ptr())) type_error(field, value, "a datetime.timedelta");
  return timedelta_seconds(value.ptr(), field);
}

py::object from_seconds(seconds d) {
  const auto whole_days = std::chrono::floor<days>(d);
  const seconds rest = d - whole_days;
  PyObject* delta = PyDelta_FromDSU(static_cast<int>(whole_days.count()),
                                    static_cast<int>(rest.count()), 0);
  if (delta == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(delta);
}

Date to_date(py::handle value, std::string_view field) {
  PyObject* obj = value.ptr();
  if (!PyDate_Check(obj) || PyDateTime_Check(obj)) type_error(field, value, "a datetime.date");
  return Date{std::chrono::year{PyDateTime_GET_YEAR(obj)},
              std::chrono::month{static_cast<unsigned>(PyDateTime_GET_MONTH(obj))},
              std::chrono::day{static_cast<unsigned>(PyDateTime_GET_DAY(obj))}};
}

py::object from_date(Date d) {
  PyObject* date = PyDate_FromDate(static_cast<int>(d.year()),
                                   static_cast<int>(static_cast<unsigned>(d.month())),
                                   static_cast<int>(static_cast<unsigned>(d.day())));
  if (date == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(date);
}

py::object make_str_enum(py::module_& m, const char* name,
                         const std::vector<std::string_view>& values) {
  py::list members;
  for (std::string_view v : values) {
    std::string key(v);
    for (char& c : key) {
      if (c == '-' || c == ' ' || c == ':') c = '_';
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    members.append(py::make_tuple(key, std::string(v)));
  }
  py::object type = py::module_::import("enum").attr("StrEnum")(name, members);
  type.attr("__module__") = m.attr("__name__");
  m.attr(name) = type;
  return type;
}

py::object enum_member(const py::object& enum_type, std::string_view value) {
  return enum_type(py::str(value.data(), value.size()));
}

std::int64_t int64_arg(py::handle value, std::string_view field) {
  if (!py::isinstance<py::int_>(value) || py::isinstance<py::bool_>(value))
    throw py::type_error(fmt::format("{}: expected an int", field));
  int overflow = 0;
  const long long n = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
  if (overflow != 0)
    raise(Error::invalid(Errc::invalid_argument, field, py::str(value).cast<std::string>(),
                         "a whole number of 64 bits"));
  return n;
}

}  // namespace tierdesk::python
