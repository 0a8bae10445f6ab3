// The parts of the tierdesk Python module, one per concept; module.cpp calls them in order.
#pragma once

#include <pybind11/pybind11.h>

namespace tierdesk::python {

namespace py = pybind11;

void init_errors(py::module_& m);    // tierdesk.Error and its subclasses
void init_calendar(py::module_& m);  // Calendar, Holiday, preset_codes
void init_sla(py::module_& m);       // Policy, Event, Clock, TicketClocks, compute_clocks
void init_billing(py::module_& m);   // Money, WorkEntry, Customer, Contract, Statement
void init_store(py::module_& m);     // Store, ContractBook, ServiceDesk and what it answers

}  // namespace tierdesk::python
