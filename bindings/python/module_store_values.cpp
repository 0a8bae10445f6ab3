// The values tierdesk.Desk answers with: Ticket, HistoryEvent, Fee, Alarm, and their enums.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "module_store.hpp"

namespace tierdesk::python {

namespace {

py::object status_enum;
py::object channel_enum;
py::object history_kind_enum;

template <class T, class F>
std::vector<std::string_view> names(int last, F name) {
  std::vector<std::string_view> out;
  for (int i = 0; i <= last; ++i) out.push_back(name(static_cast<T>(i)));
  return out;
}

py::dict payload_dict(const Payload& p) {
  py::dict out;
  for (const auto& [key, value] : p) out[py::str(key)] = value;
  return out;
}

std::string ticket_repr(const Ticket& t) {
  return fmt::format("<tierdesk.Ticket {} {} tier {} '{}'>", t.ref.str(), to_string(t.status),
                     t.tier, t.subject);
}

void bind_values(py::module_& m) {
  py::class_<Ticket>(m, "Ticket", "A ticket's current state, the fold of its history.")
      .def_property_readonly("ref", [](const Ticket& t) { return t.ref.str(); })
      .def_property_readonly("customer", [](const Ticket& t) { return t.customer; })
      .def_property_readonly("contract", [](const Ticket& t) { return t.contract; })
      .def_property_readonly(
          "channel",
          [](const Ticket& t) { return enum_member(channel_enum, to_string(t.channel)); })
      .def_property_readonly("category", [](const Ticket& t) { return t.category; })
      .def_property_readonly("priority", [](const Ticket& t) { return t.priority; })
      .def_property_readonly(
          "status", [](const Ticket& t) { return enum_member(status_enum, to_string(t.status)); })
      .def_property_readonly("tier", [](const Ticket& t) { return t.tier; })
      .def_property_readonly("assignee", [](const Ticket& t) { return t.assignee; })
      .def_property_readonly("subject", [](const Ticket& t) { return t.subject; })
      .def_property_readonly("external_id", [](const Ticket& t) { return t.external_id; })
      .def_property_readonly("flags", [](const Ticket& t) { return t.flags; })
      .def_property_readonly("jourfixe", [](const Ticket& t) { return t.jourfixe; })
      .def_property_readonly("created_at",
                             [](const Ticket& t) { return from_instant(t.created_at); })
      .def_property_readonly("updated_at",
                             [](const Ticket& t) { return from_instant(t.updated_at); })
      .def_property_readonly("version", [](const Ticket& t) { return t.version; })
      .def("__eq__", [](const Ticket& a, const Ticket& b) { return a == b; })
      .def("__repr__", &ticket_repr);

  py::class_<HistoryEvent>(m, "HistoryEvent", "One entry of a ticket's append-only history.")
      .def_property_readonly("seq", [](const HistoryEvent& e) { return e.seq; })
      .def_property_readonly("at", [](const HistoryEvent& e) { return from_instant(e.at); })
      .def_property_readonly("actor", [](const HistoryEvent& e) { return e.actor; })
      .def_property_readonly(
          "kind",
          [](const HistoryEvent& e) { return enum_member(history_kind_enum, to_string(e.kind)); })
      .def_property_readonly("value", [](const HistoryEvent& e) { return e.value; })
      .def_property_readonly("payload",
                             [](const HistoryEvent& e) { return payload_dict(e.payload); })
      .def("__repr__", [](const HistoryEvent& e) {
        return fmt::format("HistoryEvent({}, {}, '{}', '{}'{})", e.seq, format_utc(e.at), e.actor,
                           to_string(e.kind),
                           e.value.empty() ? "" : fmt::format(", '{}'", e.value));
      });

  py::class_<StoredFee>(m, "Fee", "A flat fee charged on a ticket.")
      .def_property_readonly("ref", [](const StoredFee& f) { return f.ref.str(); })
      .def_property_readonly("code", [](const StoredFee& f) { return f.fee.code; })
      .def_property_readonly("at", [](const StoredFee& f) { return from_instant(f.fee.at); })
      .def("__eq__", [](const StoredFee& a, const StoredFee& b) { return a == b; })
      .def("__repr__", [](const StoredFee& f) {
        return fmt::format("Fee('{}', '{}', {})", f.ref.str(), f.fee.code, format_utc(f.fee.at));
      });

  py::class_<ClockAlarm>(m, "Alarm", "A due or warning instant of one SLA clock.")
      .def_property_readonly("ref", [](const ClockAlarm& a) { return a.ref.str(); })
      .def_property_readonly("clock", [](const ClockAlarm& a) { return a.clock; })
      .def_property_readonly(
          "kind",
          [](const ClockAlarm& a) { return a.kind == ClockAlarm::Kind::due ? "due" : "warning"; })
      .def_property_readonly("level", [](const ClockAlarm& a) { return a.level; })
      .def_property_readonly("at", [](const ClockAlarm& a) { return from_instant(a.at); })
      .def("__repr__", [](const ClockAlarm& a) {
        return fmt::format("Alarm('{}', '{}', '{}', {})", a.ref.str(), a.clock,
                           a.kind == ClockAlarm::Kind::due ? "due" : "warning", format_utc(a.at));
      });
}

}  // namespace

void init_store_values(py::module_& m) {
  status_enum = make_str_enum(m, "TicketStatus",
                              names<TicketStatus>(5, [](TicketStatus s) { return to_string(s); }));
  channel_enum =
      make_str_enum(m, "Channel", names<Channel>(3, [](Channel c) { return to_string(c); }));
  history_kind_enum = make_str_enum(m, "HistoryKind",
                                    names<HistoryKind>(static_cast<int>(HistoryKind::fee_charged),
                                                       [](HistoryKind k) { return to_string(k); }));
  bind_values(m);
}

}  // namespace tierdesk::python
