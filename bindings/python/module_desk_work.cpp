// tierdesk.ServiceDesk, work and fees: booking, charging, reversing and listing them.
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include "module_store.hpp"

namespace tierdesk::python {

namespace {

WorkEntry log_work(PyDesk& d, std::string_view ref, py::handle minutes, py::handle duration,
                   py::handle at, std::string_view kind, std::string_view role, std::string agent,
                   std::string note, py::handle logged_at, const std::string& actor) {
  if (minutes.is_none() == duration.is_none())
    raise(Errc::invalid_argument, "minutes, duration: give exactly one of them");
  const TicketRef r = ref_arg(ref);
  WorkEntry e{.ticket = r.str(), .agent = std::move(agent), .note = std::move(note)};
  if (!minutes.is_none()) {
    e.duration = unwrap(work_minutes(int64_arg(minutes, "minutes")));
  } else {
    e.duration = to_seconds(duration, "duration");
  }
  if (!at.is_none()) e.start = to_instant(at, "at");
  e.kind = unwrap(parse_work_kind(kind));
  e.role = unwrap(parse_role(role));
  const Actor by{actor, at_or_now(logged_at, "logged_at")};
  return call(d, [&](ServiceDesk& desk) { return desk.log_work(r, e, by); });
}

StoredFee charge_fee(PyDesk& d, std::string_view ref, const std::string& code, py::handle at,
                     const std::string& actor) {
  const TicketRef r = ref_arg(ref);
  const Actor by = actor_arg(actor, at);
  return call(d, [&](ServiceDesk& desk) { return desk.charge_fee(r, code, by); });
}

WorkFilter work_filter(py::handle ref, py::handle customer, py::handle contract, py::handle start,
                       py::handle end) {
  WorkFilter f;
  if (!ref.is_none()) f.ref = ref_arg(ref.cast<std::string>());
  if (!customer.is_none()) f.customer = customer.cast<std::string>();
  if (!contract.is_none()) f.contract = contract.cast<std::string>();
  if (start.is_none() != end.is_none())
    raise(Errc::invalid_argument, "start, end: give both or neither");
  if (!start.is_none())
    f.started = Segment<Instant>{to_instant(start, "start"), to_instant(end, "end")};
  return f;
}

}  // namespace

void init_desk_work(py::class_<PyDesk>& cls) {
  cls.def("log_work", &log_work, py::arg("ref"), py::kw_only(), py::arg("minutes") = py::none(),
          py::arg("duration") = py::none(), py::arg("at") = py::none(), py::arg("kind") = "remote",
          py::arg("role") = "support", py::arg("agent") = "", py::arg("note") = "",
          py::arg("logged_at") = py::none(), py::arg("actor") = "python",
          "Books work (minutes=int or duration=timedelta) started at `at` (default: it just "
          "ended); the history records it at logged_at (default now). Returns the stored "
          "WorkEntry, with its entry number.")
      .def("charge_fee", &charge_fee, py::arg("ref"), py::arg("code"), py::kw_only(),
           py::arg("at") = py::none(), py::arg("actor") = "python",
           "Charges a flat fee of the ticket's contract at `at`. Returns the stored Fee.")
      .def(
          "reverse_entry",
          [](PyDesk& d, std::string_view ref, std::int64_t entry, const std::string& reason,
             py::handle at, const std::string& actor) {
            const TicketRef r = ref_arg(ref);
            const Actor by = actor_arg(actor, at);
            return call(
                d, [&](ServiceDesk& desk) { return desk.reverse_entry(r, entry, reason, by); });
          },
          py::arg("ref"), py::arg("entry"), py::arg("reason"), py::kw_only(),
          py::arg("at") = py::none(), py::arg("actor") = "python",
          "Reverses the work entry or fee numbered `entry` (WorkEntry.entry, Fee.entry): it no "
          "longer bills and its month's statement lists it as reversed. Returns the ticket.")
      .def(
          "work",
          [](PyDesk& d, py::handle ref, py::handle customer, py::handle contract, py::handle start,
             py::handle end) {
            const WorkFilter f = work_filter(ref, customer, contract, start, end);
            return call(d, [&](ServiceDesk& desk) { return desk.work(f); });
          },
          py::kw_only(), py::arg("ref") = py::none(), py::arg("customer") = py::none(),
          py::arg("contract") = py::none(), py::arg("start") = py::none(),
          py::arg("end") = py::none(),
          "Work entries by start, reversed ones included; start/end select starts in "
          "[start, end).")
      .def(
          "fees",
          [](PyDesk& d, py::handle ref, py::handle customer, py::handle contract, py::handle start,
             py::handle end) {
            const WorkFilter f = work_filter(ref, customer, contract, start, end);
            return call(d, [&](ServiceDesk& desk) { return desk.fees(f); });
          },
          py::kw_only(), py::arg("ref") = py::none(), py::arg("customer") = py::none(),
          py::arg("contract") = py::none(), py::arg("start") = py::none(),
          py::arg("end") = py::none(),
          "Fees by instant; start/end select instants in [start, end).");
}

}  // namespace tierdesk::python
