// tierdesk.ServiceDesk, tickets: opening, inbound messages, lookups and the changes agents make.
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "module_store.hpp"

namespace tierdesk::python {

namespace {

py::object intake_outcome_enum;

std::string str_or_empty(py::handle value) {
  return value.is_none() ? std::string() : value.cast<std::string>();
}

Opened open_ticket(PyDesk& d, py::handle customer, py::handle contract, std::string subject,
                   std::string_view channel, py::handle category, py::handle priority,
                   std::optional<int> tier, py::handle assignee, py::handle external_id,
                   std::string body, bool urgent, py::handle at, const std::string& actor) {
  const TicketRequest r{.customer = str_or_empty(customer),
                        .contract = str_or_empty(contract),
                        .channel = unwrap(parse_channel(channel)),
                        .category = str_or_empty(category),
                        .priority = str_or_empty(priority),
                        .tier = tier,
                        .assignee = str_or_empty(assignee),
                        .subject = std::move(subject),
                        .body = std::move(body),
                        .external_id = str_or_empty(external_id),
                        .urgent = urgent,
                        .by = actor_arg(actor, at)};
  return call(d, [&](ServiceDesk& desk) { return desk.open(r); });
}

IntakeResult receive(PyDesk& d, std::string from, std::string subject, std::string body,
                     py::handle message_id, std::vector<std::string> references,
                     py::handle customer, std::string_view channel, bool urgent, py::handle at) {
  const InboundMessage message{.channel = unwrap(parse_channel(channel)),
                               .customer = str_or_empty(customer),
                               .from = std::move(from),
                               .message_id = str_or_empty(message_id),
                               .references = std::move(references),
                               .subject = std::move(subject),
                               .body = std::move(body),
                               .urgent = urgent,
                               .at = at_or_now(at, "at")};
  return call(d, [&](ServiceDesk& desk) { return desk.receive(message); });
}

std::vector<Ticket> tickets(PyDesk& d, py::handle customer, py::handle contract, py::handle status,
                            py::handle tier, py::handle assignee, bool open_only,
                            std::int64_t limit) {
  TicketFilter f{.open_only = open_only, .limit = unwrap(list_limit(limit))};
  if (!customer.is_none()) f.customer = customer.cast<std::string>();
  if (!contract.is_none()) f.contract = contract.cast<std::string>();
  if (!status.is_none()) f.status = unwrap(parse_status(status.cast<std::string>()));
  if (!tier.is_none()) f.tier = tier.cast<int>();
  if (!assignee.is_none()) f.assignee = assignee.cast<std::string>();
  return call(d, [&](ServiceDesk& desk) { return desk.tickets(f); });
}

std::vector<ClockAlarm> due(PyDesk& d, py::handle within, py::handle now, bool warnings,
                            std::int64_t limit) {
  const Instant from = at_or_now(now, "now");
  const Segment<Instant> window{from, from + to_seconds(within, "within")};
  const auto filter = warnings ? AlarmFilter::due_and_warnings : AlarmFilter::due_only;
  const std::size_t rows = unwrap(list_limit(limit));
  return call(d, [&](ServiceDesk& desk) { return desk.due(window, filter, rows); });
}

// A change of one ticket: `op(desk, ref, by)` for the reference text and the actor at `at`.
template <class Op>
Ticket change(PyDesk& d, std::string_view ref, py::handle at, const std::string& actor, Op op) {
  const TicketRef r = ref_arg(ref);
  const Actor by = actor_arg(actor, at);
  return call(d, [&](ServiceDesk& desk) { return op(desk, r, by); });
}

void bind_results(py::module_& m) {
  intake_outcome_enum = make_str_enum(m, "IntakeOutcome", {"opened", "appended", "duplicate"});

  py::class_<Opened>(m, "Opened",
                     "What open_ticket did: .ticket, and .created (False when the external id "
                     "named the customer's existing ticket, returned as it is). Unpacks as "
                     "(ticket, created).")
      .def_readonly("ticket", &Opened::ticket)
      .def_readonly("created", &Opened::created)
      .def("__iter__",
           [](const Opened& o) { return py::iter(py::make_tuple(o.ticket, o.created)); })
      .def("__repr__", [](const Opened& o) {
        return fmt::format("Opened({}, created={})", o.ticket.ref.str(),
                           o.created ? "True" : "False");
      });

  py::class_<IntakeResult>(m, "Received",
                           "What receive did: .outcome (IntakeOutcome: opened, appended or "
                           "duplicate) and .ticket. Unpacks as (outcome, ticket).")
      .def_property_readonly("outcome",
                             [](const IntakeResult& r) {
                               return enum_member(intake_outcome_enum, to_string(r.outcome));
                             })
      .def_readonly("ticket", &IntakeResult::ticket)
      .def("__iter__",
           [](const IntakeResult& r) {
             return py::iter(
                 py::make_tuple(enum_member(intake_outcome_enum, to_string(r.outcome)), r.ticket));
           })
      .def("__repr__", [](const IntakeResult& r) {
        return fmt::format("Received('{}', {})", to_string(r.outcome), r.ticket.ref.str());
      });

  py::class_<ServiceDesk::JourFixeQueue>(m, "JourFixeQueue",
                                         "Tickets waiting for a contract's next JourFixe.")
      .def_readonly("tickets", &ServiceDesk::JourFixeQueue::tickets)
      .def_property_readonly("next_slot", [](const ServiceDesk::JourFixeQueue& q) {
        return from_optional_instant(q.next_slot);
      });
}

}  // namespace

void init_desk_tickets(py::module_& m, py::class_<PyDesk>& cls) {
  bind_results(m);
  const auto kw_at = py::arg("at") = py::none();
  const auto kw_actor = py::arg("actor") = "python";

  cls.def("open_ticket", &open_ticket, py::kw_only(), py::arg("customer") = py::none(),
          py::arg("contract") = py::none(), py::arg("subject"), py::arg("channel") = "email",
          py::arg("category") = py::none(), py::arg("priority") = py::none(),
          py::arg("tier") = py::none(), py::arg("assignee") = py::none(),
          py::arg("external_id") = py::none(), py::arg("body") = "", py::arg("urgent") = false,
          kw_at, kw_actor,
          "Opens a ticket under the customer's contract at `at` (default now); what is not "
          "given comes from the contract. Returns Opened(ticket, created).")
      .def("receive", &receive, py::kw_only(), py::arg("from_"), py::arg("subject"),
           py::arg("body") = "", py::arg("message_id") = py::none(),
           py::arg("references") = std::vector<std::string>{}, py::arg("customer") = py::none(),
           py::arg("channel") = "email", py::arg("urgent") = false, kw_at,
           "A customer's message: a new ticket, a reply threaded by [REF] or references, or a "
           "duplicate of a Message-ID received before. Returns Received(outcome, ticket).")
      .def(
          "ticket",
          [](PyDesk& d, std::string_view ref) {
            const TicketRef r = ref_arg(ref);
            return call(d, [&](ServiceDesk& desk) { return desk.ticket(r); });
          },
          py::arg("ref"))
      .def("tickets", &tickets, py::kw_only(), py::arg("customer") = py::none(),
           py::arg("contract") = py::none(), py::arg("status") = py::none(),
           py::arg("tier") = py::none(), py::arg("assignee") = py::none(),
           py::arg("open_only") = false, py::arg("limit") = 1000, "Tickets by reference.")
      .def(
          "history",
          [](PyDesk& d, std::string_view ref) {
            const TicketRef r = ref_arg(ref);
            return call(d, [&](ServiceDesk& desk) { return desk.history(r); });
          },
          py::arg("ref"))
      .def(
          "clocks",
          [](PyDesk& d, std::string_view ref) {
            const TicketRef r = ref_arg(ref);
            return call(d, [&](ServiceDesk& desk) { return desk.clocks(r); });
          },
          py::arg("ref"), "The ticket's SLA clocks as the desk keeps them ([ClockEntry]).")
      .def("due", &due, py::kw_only(), py::arg("within"), py::arg("now") = py::none(),
           py::arg("warnings") = false, py::arg("limit") = 1000,
           "SLA instants of open tickets in [now, now + within), earliest first.")
      .def(
          "status",
          [](PyDesk& d, std::string_view ref, std::string_view status, py::handle at,
             const std::string& actor) {
            const TicketStatus to = unwrap(parse_status(status));
            return change(d, ref, at, actor, [&](ServiceDesk& desk, auto& r, auto& by) {
              return desk.set_status(r, to, by);
            });
          },
          py::arg("ref"), py::arg("status"), py::kw_only(), kw_at, kw_actor)
      .def(
          "priority",
          [](PyDesk& d, std::string_view ref, const std::string& priority, py::handle at,
             const std::string& actor) {
            return change(d, ref, at, actor, [&](ServiceDesk& desk, auto& r, auto& by) {
              return desk.set_priority(r, priority, by);
            });
          },
          py::arg("ref"), py::arg("priority"), py::kw_only(), kw_at, kw_actor)
      .def(
          "category",
          [](PyDesk& d, std::string_view ref, const std::string& category, py::handle at,
             const std::string& actor) {
            return change(d, ref, at, actor, [&](ServiceDesk& desk, auto& r, auto& by) {
              return desk.set_category(r, category, by);
            });
          },
          py::arg("ref"), py::arg("category"), py::kw_only(), kw_at, kw_actor)
      .def(
          "assign",
          [](PyDesk& d, std::string_view ref, const std::string& assignee, py::handle at,
             const std::string& actor) {
            return change(d, ref, at, actor, [&](ServiceDesk& desk, auto& r, auto& by) {
              return desk.assign(r, assignee, by);
            });
          },
          py::arg("ref"), py::arg("assignee"), py::kw_only(), kw_at, kw_actor)
      .def(
          "reply",
          [](PyDesk& d, std::string_view ref, const std::string& body, std::string_view kind,
             py::handle at, const std::string& actor) {
            const ReplyKind k = unwrap(parse_reply_kind(kind));
            return change(d, ref, at, actor, [&](ServiceDesk& desk, auto& r, auto& by) {
              return desk.reply(r, k, body, by);
            });
          },
          py::arg("ref"), py::arg("body"), py::kw_only(), py::arg("kind") = "public", kw_at,
          kw_actor, "kind: public (an agent's reply), internal (a note) or customer.")
      .def(
          "escalate",
          [](PyDesk& d, std::string_view ref, int tier, const std::string& reason, py::handle at,
             const std::string& actor) {
            return change(d, ref, at, actor, [&](ServiceDesk& desk, auto& r, auto& by) {
              return desk.escalate(r, tier, reason, by);
            });
          },
          py::arg("ref"), py::arg("tier"), py::arg("reason"), py::kw_only(), kw_at, kw_actor)
      .def(
          "mark_emergency",
          [](PyDesk& d, std::string_view ref, const std::string& reason, py::handle at,
             const std::string& actor) {
            return change(d, ref, at, actor, [&](ServiceDesk& desk, auto& r, auto& by) {
              return desk.mark_emergency(r, reason, by);
            });
          },
          py::arg("ref"), py::arg("reason"), py::kw_only(), kw_at, kw_actor,
          "An emergency that displaced booked appointments: the ticket carries the contract's "
          "emergency surcharge.")
      .def(
          "jourfixe_queue",
          [](PyDesk& d, const std::string& contract, py::handle now) {
            const Instant n = at_or_now(now, "now");
            return call(d, [&](ServiceDesk& desk) { return desk.jourfixe_queue(contract, n); });
          },
          py::arg("contract"), py::kw_only(), py::arg("now") = py::none(),
          "The contract's tickets waiting for its next JourFixe, and that meeting's slot.")
      .def(
          "record_jourfixe",
          [](PyDesk& d, std::string_view ref, std::string_view outcome, const std::string& note,
             py::handle at, const std::string& actor) {
            const JourFixeOutcome o = unwrap(parse_jourfixe_outcome(outcome));
            return change(d, ref, at, actor, [&](ServiceDesk& desk, auto& r, auto& by) {
              return desk.record_jourfixe(r, o, note, by);
            });
          },
          py::arg("ref"), py::arg("outcome"), py::arg("note") = "", py::kw_only(), kw_at, kw_actor,
          "outcome: resolved or carried_over.");
}

}  // namespace tierdesk::python
