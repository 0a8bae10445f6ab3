// The tierdesk Python module: a thin host over the library (docs/python.md).
#include <pybind11/pybind11.h>

#include "module_convert.hpp"
#include "module_parts.hpp"

PYBIND11_MODULE(tierdesk, m) {
  m.doc() =
      "tierdesk: business-time calendars, SLA clocks, tickets and billing for service desks. "
      "Instants are timezone-aware datetimes, durations timedeltas; errors raise "
      "tierdesk.Error subclasses carrying .code.";
  tierdesk::python::init_datetime_api();
  tierdesk::python::init_errors(m);
  tierdesk::python::init_calendar(m);
  tierdesk::python::init_sla(m);
  tierdesk::python::init_billing(m);
  tierdesk::python::init_store(m);
}
