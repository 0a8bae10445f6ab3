// tierdesk.ServiceDesk, the customer's month: statement, status e-mail, ticket report and
// overview, all from the same records under the customer's contract.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "module_store.hpp"

namespace tierdesk::python {

namespace {

py::object sla_state_enum;

py::dict sla_dict(const SlaSummary& s) {
  py::dict out;
  out["state"] = enum_member(sla_state_enum, to_string(s.state));
  out["clock"] = s.clock ? py::object(py::str(s.clock->str())) : py::object(py::none());
  out["due"] = from_optional_instant(s.due);
  return out;
}

py::list open_lines(const StatusReport& r) {
  py::list out;
  for (const auto& l : r.open) {
    py::dict line;
    line["ref"] = l.ref.str();
    line["subject"] = l.subject;
    line["status"] = std::string(to_string(l.status));
    line["tier"] = l.tier;
    line["priority"] = l.priority;
    const py::dict sla = sla_dict(l.sla);
    line["sla"] = sla["state"];
    line["clock"] = sla["clock"];
    line["due"] = sla["due"];
    out.append(line);
  }
  return out;
}

void bind_status_report(py::module_& m) {
  py::class_<StatusReport>(m, "StatusReport", "The status e-mail of one customer for one month.")
      .def_property_readonly("customer", [](const StatusReport& r) { return r.customer; })
      .def_property_readonly("month", [](const StatusReport& r) { return month_text(r.month); })
      .def_property_readonly("as_of", [](const StatusReport& r) { return from_instant(r.as_of); })
      .def_property_readonly("open", &open_lines,
                             "Open requests: dicts of ref, subject, status, tier, priority, sla "
                             "(an SlaState), clock, due.")
      .def_property_readonly("topics",
                             [](const StatusReport& r) {
                               std::vector<std::pair<std::string, std::size_t>> out;
                               for (const auto& t : r.topics)
                                 out.emplace_back(t.category, t.tickets);
                               return out;
                             })
      .def_property_readonly(
          "worked", [](const StatusReport& r) { return from_seconds(r.worked); },
          "The month's hours: those of the month's statement.")
      .def_property_readonly("contingent_exhausted", &StatusReport::contingent_exhausted)
      .def_property_readonly("subject", [](const StatusReport& r) { return status_subject(r); })
      .def("to_json", [](const StatusReport& r) { return to_json(r); })
      .def(
          "render_text",
          [](const StatusReport& r, std::string_view zone) {
            return render_status_text(r, unwrap(Zone::locate(zone)));
          },
          py::arg("zone") = "UTC", "Plain text, instants in the IANA zone given.")
      .def("__repr__", [](const StatusReport& r) {
        return fmt::format("<tierdesk.StatusReport '{}' {} open={} worked={} s>", r.customer,
                           month_text(r.month), r.open.size(), r.worked.count());
      });
}

void bind_ticket_report(py::module_& m) {
  py::class_<TicketReport>(m, "TicketReport", "The ticket report for a month, quarter or year.")
      .def_property_readonly("customer", [](const TicketReport& r) { return r.customer; })
      .def_property_readonly("period", [](const TicketReport& r) { return r.period.label; })
      .def_property_readonly("tickets", [](const TicketReport& r) { return r.tickets; })
      .def("to_json", [](const TicketReport& r) { return to_json(r); })
      .def("render_text", &render_ticket_report_text)
      .def("render_svg", &render_ticket_chart_svg)
      .def("__repr__", [](const TicketReport& r) {
        return fmt::format("<tierdesk.TicketReport '{}' {} tickets={}>", r.customer, r.period.label,
                           r.tickets);
      });
}

void bind_overview(py::module_& m) {
  py::class_<OverviewLine>(m, "OverviewLine", "One ticket of an overview.")
      .def_readonly("ticket", &OverviewLine::ticket)
      .def_readonly("clocks", &OverviewLine::clocks)
      .def_property_readonly(
          "sla", [](const OverviewLine& l) { return sla_dict(l.sla); },
          "A dict of state (an SlaState), clock and due.");

  py::class_<CustomerOverview>(m, "Overview", "Every ticket of one customer with its SLA state.")
      .def_property_readonly("customer", [](const CustomerOverview& o) { return o.customer; })
      .def_property_readonly("as_of",
                             [](const CustomerOverview& o) { return from_instant(o.as_of); })
      .def_readonly("tickets", &CustomerOverview::tickets)
      .def_readonly("open", &CustomerOverview::open)
      .def("to_json", [](const CustomerOverview& o) { return to_json(o); })
      .def(
          "render_text",
          [](const CustomerOverview& o, std::string_view zone) {
            return render_overview_text(o, unwrap(Zone::locate(zone)));
          },
          py::arg("zone") = "UTC")
      .def("__repr__", [](const CustomerOverview& o) {
        return fmt::format("<tierdesk.Overview '{}' tickets={} open={}>", o.customer,
                           o.tickets.size(), o.open);
      });
}

}  // namespace

void init_desk_reports(py::module_& m, py::class_<PyDesk>& cls) {
  std::vector<std::string_view> states;
  for (int i = 0; i <= static_cast<int>(SlaState::met); ++i)
    states.push_back(to_string(static_cast<SlaState>(i)));
  sla_state_enum = make_str_enum(m, "SlaState", states);
  bind_status_report(m);
  bind_ticket_report(m);
  bind_overview(m);

  cls.def(
         "statement",
         [](PyDesk& d, const std::string& customer, std::string_view month) {
           const auto mo = month_arg(month, "month");
           return call(d, [&](ServiceDesk& desk) { return desk.statement(customer, mo); });
         },
         py::arg("customer"), py::arg("month"),
         "The customer's statement for a month ('2026-11') under its contract: work, fees, "
         "the hour contingent, catalogue orders and subscription, reversals shown.")
      .def(
          "status_report",
          [](PyDesk& d, const std::string& customer, std::string_view month, py::handle as_of) {
            const auto mo = month_arg(month, "month");
            const Instant at = at_or_now(as_of, "as_of");
            return call(d, [&](ServiceDesk& desk) { return desk.status_report(customer, mo, at); });
          },
          py::arg("customer"), py::arg("month"), py::kw_only(), py::arg("as_of") = py::none(),
          "The status e-mail's report; its hours are the month's statement's.")
      .def(
          "status_mail",
          [](PyDesk& d, const std::string& customer, std::string_view month, py::handle as_of,
             std::string to, std::string sender, std::string message_id) {
            const auto mo = month_arg(month, "month");
            const Instant at = at_or_now(as_of, "as_of");
            const MailEnvelope e{std::move(sender), std::move(to), at, std::move(message_id)};
            return call(d,
                        [&](ServiceDesk& desk) { return desk.status_mail(customer, mo, at, e); });
          },
          py::arg("customer"), py::arg("month"), py::kw_only(), py::arg("as_of") = py::none(),
          py::arg("to"), py::arg("sender"), py::arg("message_id"),
          "The status report as a complete RFC 5322 message dated as_of.")
      .def(
          "ticket_report",
          [](PyDesk& d, const std::string& customer, std::string_view period, py::handle as_of) {
            const ReportPeriod p = unwrap(parse_report_period(period));
            const Instant at = at_or_now(as_of, "as_of");
            return call(d, [&](ServiceDesk& desk) { return desk.ticket_report(customer, p, at); });
          },
          py::arg("customer"), py::arg("period"), py::kw_only(), py::arg("as_of") = py::none(),
          "period: '2026-11', '2026-Q4' or '2026'.")
      .def(
          "overview",
          [](PyDesk& d, const std::string& customer, bool open_only, py::handle as_of) {
            const Instant at = at_or_now(as_of, "as_of");
            return call(d,
                        [&](ServiceDesk& desk) { return desk.overview(customer, open_only, at); });
          },
          py::arg("customer"), py::kw_only(), py::arg("open_only") = false,
          py::arg("as_of") = py::none(), "Every ticket of the customer, its status and clocks.");
}

}  // namespace tierdesk::python
