// tierdesk.Store and tierdesk.Desk: tickets, their history, work and fees in a SQLite file.
#include "module_store.hpp"

#include <chrono>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "module_parts.hpp"
#include "tierdesk/ticket_clocks.hpp"

namespace tierdesk::python {

namespace {

TicketRef ref_arg(std::string_view text) { return unwrap(TicketRef::parse(text)); }

// `at`, or the current instant in whole seconds when None.
Instant at_or_now(py::handle at, std::string_view field) {
  if (at.is_none())
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return to_instant(at, field);
}

Actor actor_arg(const std::string& actor, py::handle at) { return {actor, at_or_now(at, "at")}; }

Synchronous synchronous_arg(std::string_view text) {
  if (text == "off") return Synchronous::off;
  if (text == "normal") return Synchronous::normal;
  if (text == "full") return Synchronous::full;
  raise(Error::invalid(Errc::invalid_argument, "synchronous", text, "off, normal or full"));
}

std::unique_ptr<PyStore> open_store(const std::string& path, std::string_view synchronous) {
  const SqliteOptions options{.path = path, .synchronous = synchronous_arg(synchronous)};
  Result<SqliteStore> store = fail(Errc::storage_error, "not opened");
  {
    py::gil_scoped_release release;
    store = SqliteStore::open(options);
  }
  return std::make_unique<PyStore>(unwrap(std::move(store)), path);
}

std::unique_ptr<PyDesk> make_desk(py::object store, std::string prefix, py::object policy,
                                  std::string_view zone) {
  unwrap(check_prefix(prefix));
  const Zone reference_zone = unwrap(Zone::locate(zone));
  auto* s = store.cast<PyStore*>();
  std::optional<SlaPolicy> p;
  ClockFunction clocks;
  if (!policy.is_none()) {
    p = policy.cast<SlaPolicy>();
    clocks = sla_clock_function(*p);
  }
  auto* raw = new PyDesk{store, s, std::move(p),
                         Desk(s->store, {.prefix = std::move(prefix), .clocks = clocks,
                                         .zone = reference_zone})};
  return std::unique_ptr<PyDesk>(raw);
}

Ticket open_ticket(PyDesk& d, std::string customer, std::string contract, std::string subject,
                   std::string channel, std::string priority, std::string category, int tier,
                   std::string assignee, std::string external_id, std::string body, py::handle at,
                   std::string actor) {
  OpenRequest r{.customer = std::move(customer),
                .contract = std::move(contract),
                .channel = unwrap(parse_channel(channel)),
                .category = std::move(category),
                .priority = std::move(priority),
                .tier = tier,
                .assignee = std::move(assignee),
                .subject = std::move(subject),
                .external_id = std::move(external_id),
                .body = std::move(body),
                .by = actor_arg(actor, at)};
  return unwrap(with_store(*d.store, [&] { return d.desk.open(r); }));
}

Ticket reply(PyDesk& d, std::string_view ref, const std::string& body, std::string_view kind,
             py::handle at, const std::string& actor) {
  ReplyKind k = ReplyKind::agent_public;
  if (kind == "internal")
    k = ReplyKind::agent_internal;
  else if (kind == "customer")
    k = ReplyKind::customer;
  else if (kind != "public")
    raise(Error::invalid(Errc::invalid_argument, "kind", kind, "public, internal or customer"));
  const auto r = ref_arg(ref);
  const auto by = actor_arg(actor, at);
  return unwrap(with_store(*d.store, [&] { return d.desk.reply(r, k, body, by); }));
}

// The entry as the desk stores it: ticket, agent and start filled in.
WorkEntry log_work(PyDesk& d, std::string_view ref, py::handle minutes, py::handle duration,
                   py::handle at, std::string_view kind, std::string_view role, std::string agent,
                   std::string note, py::handle logged_at, const std::string& actor) {
  if (minutes.is_none() == duration.is_none())
    raise(Errc::invalid_argument, "minutes, duration: give exactly one of them");
  const auto r = ref_arg(ref);
  WorkEntry e{.ticket = r.str(), .agent = std::move(agent), .note = std::move(note)};
  if (!minutes.is_none()) {
    if (!py::isinstance<py::int_>(minutes) || py::isinstance<py::bool_>(minutes))
      throw py::type_error("minutes: expected an int");
    e.duration = std::chrono::minutes(minutes.cast<std::int64_t>());
  } else {
    e.duration = to_seconds(duration, "duration");
  }
  if (!at.is_none()) e.start = to_instant(at, "at");
  e.kind = unwrap(parse_work_kind(kind));
  e.role = unwrap(parse_role(role));
  const Actor by{actor, at_or_now(logged_at, "logged_at")};
  unwrap(with_store(*d.store, [&] { return d.desk.log_work(r, e, by); }));
  if (e.agent.empty()) e.agent = actor;
  if (e.start == Instant{}) e.start = by.at - e.duration;
  return e;
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

void init_store(py::module_& m) {
  init_store_values(m);

  py::class_<PyStore>(m, "Store", "A ticket database: one SQLite file (docs/store.md).")
      .def(
          py::init(&open_store), py::arg("path"), py::arg("synchronous") = "full",
          "Opens (creating it when missing) and migrates the file; synchronous: off, normal, full.")
      .def_static(
          "memory", [] { return open_store(":memory:", "full"); },
          "A private in-memory database (for tests and scratch work).")
      .def_property_readonly("path", [](const PyStore& s) { return s.path; })
      .def_property_readonly("schema_version",
                             [](const PyStore& s) { return s.store.schema_version(); })
      .def("__repr__", [](const PyStore& s) {
        return fmt::format("<tierdesk.Store '{}' schema {}>", s.path, s.store.schema_version());
      });

  py::class_<PyDesk> desk(m, "Desk", "The operations agents perform on tickets of one Store.");
  desk.def(py::init(&make_desk), py::arg("store"), py::arg("prefix") = "TD",
           py::arg("policy") = py::none(), py::arg("zone") = "UTC",
           "prefix: the reference prefix (OO → OO-2026-000001); policy: a tierdesk.Policy that "
           "keeps the SLA clock cache (for due()) on every change; zone: the IANA time zone whose "
           "calendar year numbers new references.")
      .def_property_readonly("prefix", [](const PyDesk& d) { return d.desk.config().prefix; })
      .def("open_ticket", &open_ticket, py::kw_only(), py::arg("customer"), py::arg("contract"),
           py::arg("subject") = "", py::arg("channel") = "email", py::arg("priority") = "normal",
           py::arg("category") = "", py::arg("tier") = 1, py::arg("assignee") = "",
           py::arg("external_id") = "", py::arg("body") = "", py::arg("at") = py::none(),
           py::arg("actor") = "python",
           "Opens a ticket at `at` (default now); the same external_id never opens two.")
      .def(
          "status",
          [](PyDesk& d, std::string_view ref, std::string_view status, py::handle at,
             const std::string& actor) {
            const auto r = ref_arg(ref);
            const auto to = unwrap(parse_status(status));
            const auto by = actor_arg(actor, at);
            return unwrap(with_store(*d.store, [&] { return d.desk.set_status(r, to, by); }));
          },
          py::arg("ref"), py::arg("status"), py::kw_only(), py::arg("at") = py::none(),
          py::arg("actor") = "python")
      .def("reply", &reply, py::arg("ref"), py::arg("body"), py::kw_only(),
           py::arg("kind") = "public", py::arg("at") = py::none(), py::arg("actor") = "python",
           "kind: public (an agent's reply), internal (a note) or customer.")
      .def(
          "escalate",
          [](PyDesk& d, std::string_view ref, int tier, const std::string& reason, py::handle at,
             const std::string& actor) {
            const auto r = ref_arg(ref);
            const auto by = actor_arg(actor, at);
            return unwrap(
                with_store(*d.store, [&] { return d.desk.escalate(r, tier, reason, by); }));
          },
          py::arg("ref"), py::arg("tier"), py::arg("reason"), py::kw_only(),
          py::arg("at") = py::none(), py::arg("actor") = "python")
      .def("log_work", &log_work, py::arg("ref"), py::kw_only(), py::arg("minutes") = py::none(),
           py::arg("duration") = py::none(), py::arg("at") = py::none(), py::arg("kind") = "remote",
           py::arg("role") = "support", py::arg("agent") = "", py::arg("note") = "",
           py::arg("logged_at") = py::none(), py::arg("actor") = "python",
           "Books work (minutes=int or duration=timedelta) started at `at` (default: it just "
           "ended); "
           "the history records it at logged_at (default now). Returns the stored WorkEntry.")
      .def(
          "charge_fee",
          [](PyDesk& d, std::string_view ref, const std::string& code, py::handle at,
             const std::string& actor) {
            const auto r = ref_arg(ref);
            const auto by = actor_arg(actor, at);
            return unwrap(with_store(*d.store, [&] { return d.desk.charge_fee(r, code, by); }));
          },
          py::arg("ref"), py::arg("code"), py::kw_only(), py::arg("at") = py::none(),
          py::arg("actor") = "python")
      .def(
          "ticket",
          [](PyDesk& d, std::string_view ref) {
            const auto r = ref_arg(ref);
            return unwrap(with_store(*d.store, [&] { return d.store->store.ticket(r); }));
          },
          py::arg("ref"))
      .def(
          "tickets",
          [](PyDesk& d, py::handle customer, py::handle contract, py::handle status,
             py::handle tier, py::handle assignee, bool open_only, std::size_t limit) {
            TicketFilter f{.open_only = open_only, .limit = limit};
            if (!customer.is_none()) f.customer = customer.cast<std::string>();
            if (!contract.is_none()) f.contract = contract.cast<std::string>();
            if (!status.is_none()) f.status = unwrap(parse_status(status.cast<std::string>()));
            if (!tier.is_none()) f.tier = tier.cast<int>();
            if (!assignee.is_none()) f.assignee = assignee.cast<std::string>();
            return unwrap(with_store(*d.store, [&] { return d.store->store.tickets(f); }));
          },
          py::kw_only(), py::arg("customer") = py::none(), py::arg("contract") = py::none(),
          py::arg("status") = py::none(), py::arg("tier") = py::none(),
          py::arg("assignee") = py::none(), py::arg("open_only") = false, py::arg("limit") = 1000,
          "Tickets by reference.")
      .def(
          "history",
          [](PyDesk& d, std::string_view ref) {
            const auto r = ref_arg(ref);
            return unwrap(with_store(*d.store, [&] { return d.store->store.history(r); }));
          },
          py::arg("ref"))
      .def(
          "work",
          [](PyDesk& d, py::handle ref, py::handle customer, py::handle contract, py::handle start,
             py::handle end) {
            const auto f = work_filter(ref, customer, contract, start, end);
            return unwrap(with_store(*d.store, [&] { return d.store->store.work(f); }));
          },
          py::kw_only(), py::arg("ref") = py::none(), py::arg("customer") = py::none(),
          py::arg("contract") = py::none(), py::arg("start") = py::none(),
          py::arg("end") = py::none(),
          "Work entries by start; start/end select starts in [start, end).")
      .def(
          "fees",
          [](PyDesk& d, py::handle ref, py::handle customer, py::handle contract, py::handle start,
             py::handle end) {
            const auto f = work_filter(ref, customer, contract, start, end);
            return unwrap(with_store(*d.store, [&] { return d.store->store.fees(f); }));
          },
          py::kw_only(), py::arg("ref") = py::none(), py::arg("customer") = py::none(),
          py::arg("contract") = py::none(), py::arg("start") = py::none(),
          py::arg("end") = py::none(),
          "Fees by instant; start/end select instants in [start, end).")
      .def(
          "due",
          [](PyDesk& d, py::handle within, py::handle now, bool warnings, std::size_t limit) {
            const auto from = at_or_now(now, "now");
            const Segment<Instant> window{from, from + to_seconds(within, "within")};
            const auto filter = warnings ? AlarmFilter::due_and_warnings : AlarmFilter::due_only;
            return unwrap(
                with_store(*d.store, [&] { return d.store->store.alarms(window, filter, limit); }));
          },
          py::kw_only(), py::arg("within"), py::arg("now") = py::none(),
          py::arg("warnings") = false, py::arg("limit") = 1000,
          "SLA instants of open tickets in [now, now + within), earliest first.")
      .def("__repr__", [](const PyDesk& d) {
        return fmt::format("<tierdesk.Desk '{}' on '{}'{}>", d.desk.config().prefix, d.store->path,
                           d.policy ? fmt::format(" policy '{}'", d.policy->spec().name) : "");
      });
  init_store_reports(m, desk);
}

}  // namespace tierdesk::python
