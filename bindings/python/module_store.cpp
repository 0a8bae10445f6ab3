// tierdesk.Store (a SQLite file) and tierdesk.ServiceDesk (the library's ServiceDesk over a
// Store and a ContractBook): construction, notices and the argument helpers its parts share.
#include "module_store.hpp"

#include <chrono>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "module_parts.hpp"
#include "tierdesk/report/ticket_report.hpp"

namespace tierdesk::python {

namespace {

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

std::unique_ptr<PyDesk> make_desk(py::object store, py::object book, py::handle customer,
                                  py::object notifier) {
  if (!py::isinstance<PyStore>(store)) throw py::type_error("store: expected a tierdesk.Store");
  if (!py::isinstance<ContractBook>(book))
    throw py::type_error("book: expected a tierdesk.ContractBook");
  if (!notifier.is_none() && !PyCallable_Check(notifier.ptr()))
    throw py::type_error("notifier: expected a callable taking a tierdesk.Notice, or None");
  Scope scope =
      customer.is_none() ? Scope::staff() : Scope::of_customer(customer.cast<std::string>());
  return std::make_unique<PyDesk>(std::move(store), std::move(book), std::move(scope),
                                  std::move(notifier));
}

std::string desk_repr(const PyDesk& d) {
  const std::string who = d.desk.scope().is_customer()
                              ? fmt::format("customer '{}'", d.desk.scope().customer)
                              : std::string("staff");
  return fmt::format("<tierdesk.ServiceDesk on '{}' for {}>", d.store->path, who);
}

}  // namespace

PyDesk::PyDesk(py::object store_object, py::object book_object, Scope scope, py::object notify)
    : store_owner(std::move(store_object)),
      book_owner(std::move(book_object)),
      store(store_owner.cast<PyStore*>()),
      notifier(std::move(notify)),
      desk(*book_owner.cast<const ContractBook*>(), store->store, std::move(scope),
           notifier.is_none() ? nullptr : &collected) {}

void deliver(PyDesk& d, std::vector<Notice> notices) {
  for (Notice& n : notices) d.notifier(py::cast(std::move(n)));
}

TicketRef ref_arg(std::string_view text) { return unwrap(TicketRef::parse(text)); }

Instant at_or_now(py::handle at, std::string_view field) {
  if (at.is_none())
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return to_instant(at, field);
}

Actor actor_arg(const std::string& name, py::handle at) { return {name, at_or_now(at, "at")}; }

std::chrono::year_month month_arg(std::string_view text, std::string_view field) {
  auto period = parse_report_period(text);
  if (!period || period->months != 1)
    raise(Error::invalid(Errc::invalid_argument, field, text, "one month such as 2026-11"));
  return period->first;
}

std::string month_text(std::chrono::year_month m) {
  return fmt::format("{:04}-{:02}", static_cast<int>(m.year()), static_cast<unsigned>(m.month()));
}

void init_store(py::module_& m) {
  init_store_values(m);
  init_book(m);

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

  py::class_<PyDesk> desk(
      m, "ServiceDesk",
      "Every operation on tickets, work and bills of one Store, run under the loaded contracts "
      "(the library's ServiceDesk; docs/python.md).");
  desk.def(py::init(&make_desk), py::arg("store"), py::arg("book"), py::kw_only(),
           py::arg("customer") = py::none(), py::arg("notifier") = py::none(),
           "customer: act for that customer only (its tickets, its contract); None: the "
           "provider's staff. notifier: a callable given each tierdesk.Notice the desk hands "
           "out, after the call that caused it returns.")
      .def_property_readonly("customer",
                             [](const PyDesk& d) -> py::object {
                               if (!d.desk.scope().is_customer()) return py::none();
                               return py::str(d.desk.scope().customer);
                             })
      .def_property_readonly("book", [](const PyDesk& d) { return d.book_owner; })
      .def_property_readonly("store", [](const PyDesk& d) { return d.store_owner; })
      .def("__repr__", &desk_repr);
  init_desk_tickets(m, desk);
  init_desk_work(desk);
  init_desk_reports(m, desk);
}

}  // namespace tierdesk::python
