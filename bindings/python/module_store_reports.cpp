// The reports over a Desk's stored tickets and work: Desk.status_report and Desk.ticket_report.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "module_store.hpp"
#include "tierdesk/contract.hpp"
#include "tierdesk/status_mail.hpp"
#include "tierdesk/ticket_report.hpp"

namespace tierdesk::python {

namespace {

// The contingent account as the period begins: the contract's first day (default 2000-01-01,
// the start phase long over), nothing carried in; none without a contingent.
std::optional<ContingentAccount> account(const Contract& contract, py::handle contract_start) {
  if (!contract.billing.contingent) return std::nullopt;
  const Date start = contract_start.is_none() ? Date{std::chrono::year{2000} / 1 / 1}
                                              : to_date(contract_start, "contract_start");
  return ContingentAccount{start, std::chrono::seconds{0}};
}

StatusReport status_report(PyDesk& d, const Contract& contract, const std::string& customer,
                           std::string_view month, py::handle as_of, py::handle contract_start,
                           std::size_t top_topics) {
  const auto period = unwrap(parse_report_period(month));
  if (period.months != 1)
    raise(Error::invalid(Errc::invalid_argument, "month", month, "one month such as 2026-11"));
  StatusReportInput in{.customer = customer,
                       .month = period.first,
                       .as_of = to_instant(as_of, "as_of"),
                       .contingent = account(contract, contract_start),
                       .top_topics = top_topics};
  return unwrap(with_store(*d.store, [&]() -> Result<StatusReport> {
    auto work = d.store->store.work({.customer = customer});
    if (!work) return fail(work.error());
    in.work = std::move(*work);
    return build_status_report(d.store->store, contract.billing, in);
  }));
}

TicketReport ticket_report(PyDesk& d, const Contract& contract, const std::string& customer,
                           std::string_view period, py::handle as_of, py::handle policy,
                           py::handle contract_start) {
  const SlaPolicy* p = d.policy ? &*d.policy : nullptr;
  if (!policy.is_none()) p = policy.cast<const SlaPolicy*>();
  if (p == nullptr) raise(Errc::missing_field, "policy: the desk has none; pass policy=");
  TicketReportInput in{.customer = customer,
                       .period = unwrap(parse_report_period(period)),
                       .as_of = to_instant(as_of, "as_of"),
                       .contingent = account(contract, contract_start)};
  return unwrap(with_store(*d.store, [&]() -> Result<TicketReport> {
    auto work = d.store->store.work({.customer = customer});
    if (!work) return fail(work.error());
    in.work = std::move(*work);
    return build_ticket_report(d.store->store, *p, contract.billing, in);
  }));
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
    line["sla"] = std::string(to_string(l.sla.state));
    line["clock"] = l.sla.clock;
    line["due"] = from_optional_instant(l.sla.due);
    out.append(line);
  }
  return out;
}

std::string month_text(std::chrono::year_month m) {
  return fmt::format("{:04}-{:02}", static_cast<int>(m.year()), static_cast<unsigned>(m.month()));
}

}  // namespace

void init_store_reports(py::module_& m, py::class_<PyDesk>& desk) {
  py::class_<StatusReport>(m, "StatusReport", "The status e-mail of one customer for one month.")
      .def_property_readonly("customer", [](const StatusReport& r) { return r.customer; })
      .def_property_readonly("month", [](const StatusReport& r) { return month_text(r.month); })
      .def_property_readonly("as_of", [](const StatusReport& r) { return from_instant(r.as_of); })
      .def_property_readonly("open", &open_lines,
                             "Open requests: dicts of ref, subject, status, tier, "
                             "priority, sla, clock, due.")
      .def_property_readonly("topics",
                             [](const StatusReport& r) {
                               std::vector<std::pair<std::string, std::size_t>> out;
                               for (const auto& t : r.topics)
                                 out.emplace_back(t.category, t.tickets);
                               return out;
                             })
      .def_property_readonly("worked", [](const StatusReport& r) { return from_seconds(r.worked); })
      .def_property_readonly("contingent_exhausted", &StatusReport::contingent_exhausted)
      .def_property_readonly("subject", [](const StatusReport& r) { return status_subject(r); })
      .def("to_json", [](const StatusReport& r) { return to_json(r); })
      .def(
          "render_text",
          [](const StatusReport& r, std::string_view zone) {
            return render_status_text(r, unwrap(Zone::locate(zone)));
          },
          py::arg("zone") = "UTC", "Plain text, instants in the IANA zone given.")
      .def(
          "render_mail",
          [](const StatusReport& r, std::string to, std::string sender, std::string message_id,
             std::string_view zone) {
            const MailEnvelope e{std::move(sender), std::move(to), r.as_of, std::move(message_id)};
            return unwrap(render_status_mail(r, e, unwrap(Zone::locate(zone))));
          },
          py::kw_only(), py::arg("to"), py::arg("sender"), py::arg("message_id"),
          py::arg("zone") = "UTC", "A complete RFC 5322 message dated as_of.")
      .def("__repr__", [](const StatusReport& r) {
        return fmt::format("<tierdesk.StatusReport '{}' {} open={} worked={} s>", r.customer,
                           month_text(r.month), r.open.size(), r.worked.count());
      });

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

  desk.def("status_report", &status_report, py::kw_only(), py::arg("contract"), py::arg("customer"),
           py::arg("month"), py::arg("as_of"), py::arg("contract_start") = py::none(),
           py::arg("top_topics") = 5,
           "The status e-mail report over the stored tickets and work; month: '2026-11'.")
      .def("ticket_report", &ticket_report, py::kw_only(), py::arg("contract"), py::arg("customer"),
           py::arg("period"), py::arg("as_of"), py::arg("policy") = py::none(),
           py::arg("contract_start") = py::none(),
           "The ticket report over the stored tickets and work; period: '2026-11', '2026-Q4' or "
           "'2026'; policy: default the desk's.");
}

}  // namespace tierdesk::python
