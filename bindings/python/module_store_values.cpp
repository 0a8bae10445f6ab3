// The values tierdesk.ServiceDesk answers with: Ticket, HistoryEvent, Fee, Alarm, ClockEntry,
// Notice, and their enums.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "module_store.hpp"
#include "tierdesk/service/notifier.hpp"

namespace tierdesk::python {

namespace {

py::object status_enum;
py::object channel_enum;
py::object history_kind_enum;
py::object clock_state_enum;  // tierdesk.ClockState, made by init_sla
py::object notice_kind_enum;

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
      .def_property_readonly(
          "entry", [](const StoredFee& f) { return f.fee.entry; },
          "The seq of its fee_charged event; ServiceDesk.reverse_entry takes it.")
      .def_property_readonly(
          "reversed", [](const StoredFee& f) { return f.fee.reversed; },
          "The Reversal when a correction reversed it, else None.")
      .def("__eq__", [](const StoredFee& a, const StoredFee& b) { return a == b; })
      .def("__repr__", [](const StoredFee& f) {
        return fmt::format("Fee('{}', '{}', {}, entry {}{})", f.ref.str(), f.fee.code,
                           format_utc(f.fee.at), f.fee.entry, f.fee.reversed ? ", reversed" : "");
      });

  py::class_<ClockEntry>(m, "ClockEntry", "One SLA clock of a ticket as the desk keeps it.")
      .def_property_readonly(
          "clock", [](const ClockEntry& c) { return c.clock.str(); },
          "'response', 'resolution', 'ola:2nd level', …")
      .def_property_readonly(
          "state",
          [](const ClockEntry& c) { return enum_member(clock_state_enum, to_string(c.state)); })
      .def_property_readonly("due",
                             [](const ClockEntry& c) { return from_optional_instant(c.due); })
      .def_property_readonly(
          "breached_at", [](const ClockEntry& c) { return from_optional_instant(c.breached_at); })
      .def_property_readonly("open_breach", [](const ClockEntry& c) { return c.open_breach; })
      .def_property_readonly("warnings",
                             [](const ClockEntry& c) {
                               py::list out;
                               for (Instant w : c.warnings) out.append(from_instant(w));
                               return out;
                             })
      .def("__eq__", [](const ClockEntry& a, const ClockEntry& b) { return a == b; })
      .def("__repr__", [](const ClockEntry& c) {
        return fmt::format("ClockEntry('{}', '{}'{})", c.clock.str(), to_string(c.state),
                           c.due ? fmt::format(", due {}", format_utc(*c.due)) : "");
      });

  py::class_<Notice>(m, "Notice", "What the desk tells someone once a change is stored.")
      .def_property_readonly(
          "kind", [](const Notice& n) { return enum_member(notice_kind_enum, to_string(n.kind)); })
      .def_property_readonly("ref", [](const Notice& n) { return n.ref.str(); })
      .def_property_readonly("customer", [](const Notice& n) { return n.customer; })
      .def_property_readonly("recipient", [](const Notice& n) { return n.recipient; })
      .def_property_readonly("text", [](const Notice& n) { return n.text; })
      .def_property_readonly("at", [](const Notice& n) { return from_instant(n.at); })
      .def_property_readonly("delivered_at",
                             [](const Notice& n) { return from_instant(n.delivered_at); })
      .def_property_readonly("clock",
                             [](const Notice& n) -> py::object {
                               if (!n.clock) return py::none();
                               return py::str(n.clock->str());
                             })
      .def_property_readonly("level", [](const Notice& n) { return n.level; })
      .def("__repr__", [](const Notice& n) {
        return fmt::format("Notice('{}', '{}', '{}', {})", to_string(n.kind), n.ref.str(),
                           n.recipient, format_utc(n.at));
      });

  py::class_<ClockAlarm>(m, "Alarm", "A due or warning instant of one SLA clock.")
      .def_property_readonly("ref", [](const ClockAlarm& a) { return a.ref.str(); })
      .def_property_readonly("clock", [](const ClockAlarm& a) { return a.clock.str(); })
      .def_property_readonly(
          "kind",
          [](const ClockAlarm& a) { return a.kind == ClockAlarm::Kind::due ? "due" : "warning"; })
      .def_property_readonly("level", [](const ClockAlarm& a) { return a.level; })
      .def_property_readonly("at", [](const ClockAlarm& a) { return from_instant(a.at); })
      .def("__repr__", [](const ClockAlarm& a) {
        return fmt::format("Alarm('{}', '{}', '{}', {})", a.ref.str(), a.clock.str(),
                           a.kind == ClockAlarm::Kind::due ? "due" : "warning", format_utc(a.at));
      });
}

}  // namespace

void init_store_values(py::module_& m) {
  status_enum = make_str_enum(m, "TicketStatus",
                              names<TicketStatus>(5, [](TicketStatus s) { return to_string(s); }));
  channel_enum =
      make_str_enum(m, "Channel", names<Channel>(3, [](Channel c) { return to_string(c); }));
  history_kind_enum =
      make_str_enum(m, "HistoryKind",
                    names<HistoryKind>(static_cast<int>(HistoryKind::entry_reversed),
                                       [](HistoryKind k) { return to_string(k); }));
  notice_kind_enum =
      make_str_enum(m, "NoticeKind",
                    names<NoticeKind>(static_cast<int>(NoticeKind::contingent_exhausted),
                                      [](NoticeKind k) { return to_string(k); }));
  clock_state_enum = m.attr("ClockState");
  bind_values(m);
}

}  // namespace tierdesk::python
