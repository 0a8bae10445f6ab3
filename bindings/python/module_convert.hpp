// Conversions between Python values and tierdesk's value types, and the error translation.
//
// Instants are timezone-aware datetime objects in and UTC-aware datetime objects out (naive
// datetimes are refused: a wall-clock time without a zone is ambiguous); durations are
// timedelta; both must be whole seconds, the library's resolution. A failed Result raises the
// tierdesk.Error subclass of its code (module_errors.cpp).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pybind11/pybind11.h>

#include "tierdesk/base/error.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk::python {

namespace py = pybind11;

// Imports the datetime C API; call once from the module's init.
void init_datetime_api();

// Sets the Python exception for `error` and throws py::error_already_set.
[[noreturn]] void raise(const Error& error);
// raise(Error(code, message)).
[[noreturn]] void raise(Errc code, std::string message);
// A Python int as a 64-bit number: TypeError for another type (bool included), InvalidArgumentError
// naming `field` and the number when it does not fit.
std::int64_t int64_arg(pybind11::handle value, std::string_view field);

// *result, or raise(result.error()).
template <class T>
T unwrap(Result<T>&& result) {
  if (!result) raise(result.error());
  return std::move(*result);
}
inline void unwrap(Result<void>&& result) {
  if (!result) raise(result.error());
}

// A timezone-aware datetime with whole seconds as an Instant; `field` names the argument in
// errors (TypeError for a non-datetime, InvalidArgumentError for a naive one).
Instant to_instant(py::handle value, std::string_view field);
// A UTC-aware datetime.
py::object from_instant(Instant t);
py::object from_optional_instant(const std::optional<Instant>& t);

// A timedelta with whole seconds as seconds.
std::chrono::seconds to_seconds(py::handle value, std::string_view field);
py::object from_seconds(std::chrono::seconds d);

// A datetime.date as a Date, and back.
Date to_date(py::handle value, std::string_view field);
py::object from_date(Date d);

// A str subclass of enum.StrEnum named `name` with one member per value; members are named
// after their values in upper case ("on-hold" → ON_HOLD).
py::object make_str_enum(py::module_& m, const char* name,
                         const std::vector<std::string_view>& values);

// The member of `enum_type` whose value is `value`.
py::object enum_member(const py::object& enum_type, std::string_view value);

}  // namespace tierdesk::python
