// tierdesk.Error and one subclass per Errc, e.g. tierdesk.UnknownZoneError with
// .code == "unknown_zone". Codes that describe bad input also derive from ValueError,
// not_found from LookupError, io_error from OSError, overflow from OverflowError, so generic
// handlers catch them too.
#include <array>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "module_convert.hpp"
#include "module_parts.hpp"

namespace tierdesk::python {

namespace {

constexpr int first_code = static_cast<int>(Errc::invalid_argument);
constexpr int last_code = static_cast<int>(Errc::missing_field);

// Classes indexed by the code's numeric value; filled once by init_errors.
std::array<PyObject*, last_code + 1> error_classes{};

// "unknown_zone" → "UnknownZoneError", "io_error" → "IoError".
std::string class_name(std::string_view code) {
  std::string name;
  bool upper = true;
  for (char c : code) {
    if (c == '_') {
      upper = true;
      continue;
    }
    name += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  if (!name.ends_with("Error")) name += "Error";
  return name;
}

py::object builtin_base(Errc code) {
  py::module_ builtins = py::module_::import("builtins");
  switch (code) {
    case Errc::not_found: return builtins.attr("LookupError");
    case Errc::io_error: return builtins.attr("OSError");
    case Errc::overflow: return builtins.attr("OverflowError");
    case Errc::conflict:
    case Errc::storage_error:
    case Errc::unauthorized:
    case Errc::forbidden: return py::none();
    default: return builtins.attr("ValueError");
  }
}

}  // namespace

void init_errors(py::module_& m) {
  py::module_ builtins = py::module_::import("builtins");
  py::object type = builtins.attr("type");
  py::dict base_attrs;
  base_attrs["__module__"] = m.attr("__name__");
  base_attrs["__doc__"] =
      "A tierdesk library error. .code is the stable error name (e.g. 'unknown_zone'), "
      ".message the library's message naming the field and value at fault.";
  base_attrs["code"] = py::none();
  py::object base = type("Error", py::make_tuple(builtins.attr("Exception")), base_attrs);
  m.attr("Error") = base;
  error_classes[0] = base.ptr();

  for (int value = first_code; value <= last_code; ++value) {
    const auto code = static_cast<Errc>(value);
    const std::string_view code_name = to_string(code);
    py::dict attrs;
    attrs["__module__"] = m.attr("__name__");
    attrs["__doc__"] = fmt::format("tierdesk error with code '{}'.", code_name);
    attrs["code"] = py::str(code_name.data(), code_name.size());
    const py::object extra = builtin_base(code);
    const py::tuple bases = extra.is_none() ? py::make_tuple(base) : py::make_tuple(base, extra);
    py::object cls = type(class_name(code_name), bases, attrs);
    m.attr(class_name(code_name).c_str()) = cls;
    error_classes[static_cast<std::size_t>(value)] = cls.inc_ref().ptr();
  }
}

void raise(const Error& error) {
  const int value = static_cast<int>(error.code());
  PyObject* cls = value >= first_code && value <= last_code
                      ? error_classes[static_cast<std::size_t>(value)]
                      : error_classes[0];
  const std::string_view code_name = to_string(error.code());
  py::object instance =
      py::reinterpret_borrow<py::object>(cls)(fmt::format("{}: {}", code_name, error.message()));
  instance.attr("code") = py::str(code_name.data(), code_name.size());
  instance.attr("message") = error.message();
  PyErr_SetObject(cls, instance.ptr());
  throw py::error_already_set();
}

void raise(Errc code, std::string message) { raise(Error(code, std::move(message))); }

}  // namespace tierdesk::python
