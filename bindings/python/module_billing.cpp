// tierdesk.Money, tierdesk.Contract and statements: amounts are decimal.Decimal, never float.
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "module_convert.hpp"
#include "module_parts.hpp"
#include "tierdesk/contract/contract.hpp"
#include "tierdesk/billing/money.hpp"
#include "tierdesk/billing/statement.hpp"
#include "tierdesk/desk/work.hpp"

namespace tierdesk::python {

namespace {

py::object decimal_type;
py::object line_kind_enum;

// An exact Decimal with the currency's minor digits: 109500 DKK minor units → Decimal('1095.00').
py::object to_decimal(Money m) {
  return decimal_type(m.minor_units()).attr("scaleb")(-m.currency().exponent());
}

// A Decimal, int or str amount in `currency`; float is refused (it cannot hold 0.10 exactly).
Money to_money(py::handle amount, Currency currency, std::string_view field) {
  std::string text;
  if (py::isinstance(amount, decimal_type)) {
    text = py::str(py::module_::import("builtins").attr("format")(amount, "f"));
  } else if (py::isinstance<py::str>(amount) ||
             (py::isinstance<py::int_>(amount) && !py::isinstance<py::bool_>(amount))) {
    text = py::str(amount);
  } else {
    const std::string type_name = py::str(py::type::handle_of(amount).attr("__name__"));
    throw py::type_error(fmt::format(
        "{}: got {}, expected a decimal.Decimal, int or str amount (never float)", field, type_name));
  }
  Result<Money> m = Money::parse(text, currency);
  if (!m) raise(m.error().within(field));
  return *m;
}

WorkEntry make_work(std::string ticket, std::string agent, py::handle start, py::handle duration,
                    std::string_view kind, std::string_view role, std::string note) {
  return WorkEntry{std::move(ticket),
                   std::move(agent),
                   to_instant(start, "start"),
                   to_seconds(duration, "duration"),
                   unwrap(parse_work_kind(kind)),
                   unwrap(parse_role(role)),
                   std::move(note)};
}

BillableTicket make_ticket(std::string ref, std::string category, const py::iterable& work,
                           const py::iterable& fees, bool displaced_appointments) {
  BillableTicket t{std::move(ref), std::move(category), {}, {}, displaced_appointments};
  std::size_t i = 0;
  for (py::handle w : work) {
    if (!py::isinstance<WorkEntry>(w)) {
      throw py::type_error(fmt::format("work[{}]: expected a tierdesk.WorkEntry", i));
    }
    t.work.push_back(w.cast<WorkEntry>());
    ++i;
  }
  i = 0;
  for (py::handle f : fees) {
    const py::tuple pair(py::reinterpret_borrow<py::object>(f));
    if (pair.size() != 2) {
      throw py::type_error(fmt::format("fees[{}]: expected a (code, datetime) pair", i));
    }
    t.fees.push_back({pair[0].cast<std::string>(), to_instant(pair[1], fmt::format("fees[{}]", i))});
    ++i;
  }
  return t;
}

Statement make_statement(const Contract& contract, std::string customer, py::handle first,
                         py::handle last, const py::iterable& tickets) {
  StatementInput in;
  in.customer = std::move(customer);
  in.period = {to_date(first, "first"), to_date(last, "last")};
  std::size_t i = 0;
  for (py::handle t : tickets) {
    if (!py::isinstance<BillableTicket>(t)) {
      throw py::type_error(fmt::format("tickets[{}]: expected a tierdesk.BillableTicket", i));
    }
    in.tickets.push_back(t.cast<BillableTicket>());
    ++i;
  }
  return unwrap(build_statement(contract.billing, in));
}

std::string money_repr(const Money& m) {
  return fmt::format("Money('{}', '{}')", format_amount(m), m.currency().code());
}

}  // namespace

void init_billing(py::module_& m) {
  decimal_type = py::module_::import("decimal").attr("Decimal");
  std::vector<std::string_view> kinds;
  for (int i = 0; i <= static_cast<int>(LineKind::reversed); ++i) {
    kinds.push_back(to_string(static_cast<LineKind>(i)));
  }
  line_kind_enum = make_str_enum(m, "LineKind", kinds);

  py::class_<Money>(m, "Money", "An exact amount of one currency (integer minor units).")
      .def(py::init([](py::handle amount, std::string_view currency) {
             return to_money(amount, unwrap(Currency::of(currency)), "amount");
           }),
           py::arg("amount"), py::arg("currency"),
           "amount: a decimal.Decimal, int or str such as '1095.00'; currency: 'DKK', 'EUR', …")
      .def_property_readonly("amount", [](const Money& v) { return to_decimal(v); })
      .def_property_readonly("currency", [](const Money& v) { return std::string(v.currency().code()); })
      .def_property_readonly("minor_units", &Money::minor_units)
      .def("__eq__", [](const Money& a, const Money& b) { return a == b; })
      .def("__add__", [](const Money& a, const Money& b) { return unwrap(add(a, b)); })
      .def("__sub__", [](const Money& a, const Money& b) { return unwrap(subtract(a, b)); })
      .def("__str__", [](const Money& v) { return fmt::format("{}", v); })
      .def("__repr__", &money_repr);

  py::class_<Reversal>(m, "Reversal", "A correction: the entry no longer bills.")
      .def_property_readonly("at", [](const Reversal& r) { return from_instant(r.at); })
      .def_property_readonly("actor", [](const Reversal& r) { return r.actor; })
      .def_property_readonly("reason", [](const Reversal& r) { return r.reason; })
      .def("__eq__", [](const Reversal& a, const Reversal& b) { return a == b; })
      .def("__repr__", [](const Reversal& r) {
        return fmt::format("Reversal({}, '{}', '{}')", format_utc(r.at), r.actor, r.reason);
      });

  py::class_<WorkEntry>(m, "WorkEntry", "Who worked how long on which ticket, when and how.")
      .def(py::init(&make_work), py::arg("ticket"), py::arg("agent"), py::arg("start"),
           py::arg("duration"), py::arg("kind") = "remote", py::arg("role") = "support",
           py::arg("note") = "")
      .def_property_readonly("ticket", [](const WorkEntry& w) { return w.ticket; })
      .def_property_readonly("agent", [](const WorkEntry& w) { return w.agent; })
      .def_property_readonly("start", [](const WorkEntry& w) { return from_instant(w.start); })
      .def_property_readonly("duration", [](const WorkEntry& w) { return from_seconds(w.duration); })
      .def_property_readonly("kind", [](const WorkEntry& w) { return std::string(to_string(w.kind)); })
      .def_property_readonly("role", [](const WorkEntry& w) { return std::string(to_string(w.role)); })
      .def_property_readonly("note", [](const WorkEntry& w) { return w.note; })
      .def_property_readonly("entry", [](const WorkEntry& w) { return w.entry; },
                             "The seq of its work_logged event once stored (0 before); "
                             "ServiceDesk.reverse_entry takes it.")
      .def_property_readonly("reversed", [](const WorkEntry& w) { return w.reversed; },
                             "The Reversal when a correction reversed it, else None.")
      .def("__eq__", [](const WorkEntry& a, const WorkEntry& b) { return a == b; })
      .def("__repr__", [](const WorkEntry& w) {
        return fmt::format("WorkEntry('{}', '{}', {}, {} s, '{}', '{}'{}{})", w.ticket, w.agent,
                           format_utc(w.start), w.duration.count(), to_string(w.kind),
                           to_string(w.role),
                           w.entry != 0 ? fmt::format(", entry {}", w.entry) : "",
                           w.reversed ? ", reversed" : "");
      });

  py::class_<BillableTicket>(m, "BillableTicket", "A ticket's work and fees for a statement.")
      .def(py::init(&make_ticket), py::arg("ref"), py::arg("category"),
           py::arg("work") = py::list(), py::arg("fees") = py::list(),
           py::arg("displaced_appointments") = false,
           "fees: (code, datetime) pairs naming the contract's flat fees.")
      .def_property_readonly("ref", [](const BillableTicket& t) { return t.ref; })
      .def_property_readonly("category", [](const BillableTicket& t) { return t.category; })
      .def("__repr__", [](const BillableTicket& t) {
        return fmt::format("BillableTicket('{}', '{}', {} entries)", t.ref, t.category, t.work.size());
      });

  py::class_<StatementLine>(m, "StatementLine")
      .def_property_readonly("kind", [](const StatementLine& l) { return enum_member(line_kind_enum, to_string(l.kind)); })
      .def_property_readonly("text", [](const StatementLine& l) { return l.text; })
      .def_property_readonly("quantity", [](const StatementLine& l) { return l.quantity; })
      .def_property_readonly("unit", [](const StatementLine& l) { return std::string(to_string(l.unit)); })
      .def_property_readonly("unit_price", [](const StatementLine& l) { return to_decimal(l.unit_price); })
      .def_property_readonly("amount", [](const StatementLine& l) { return to_decimal(l.amount); })
      .def_property_readonly("tickets", [](const StatementLine& l) { return l.tickets; })
      .def("__repr__", [](const StatementLine& l) {
        return fmt::format("StatementLine('{}', {} {}, {})", l.text, l.quantity, to_string(l.unit), l.amount);
      });

  py::class_<Statement>(m, "Statement", "What a customer owes for a period; amounts ex VAT.")
      .def_property_readonly("customer", [](const Statement& s) { return s.customer; })
      .def_property_readonly("first", [](const Statement& s) { return from_date(s.period.first); })
      .def_property_readonly("last", [](const Statement& s) { return from_date(s.period.last); })
      .def_property_readonly("lines", [](const Statement& s) { return s.lines; })
      .def_property_readonly("currency", [](const Statement& s) { return std::string(s.total.currency().code()); })
      .def_property_readonly("subtotal", [](const Statement& s) { return to_decimal(s.subtotal); })
      .def_property_readonly("vat_rate", [](const Statement& s) { return format_percent(s.vat_rate); })
      .def_property_readonly("vat", [](const Statement& s) { return to_decimal(s.vat); })
      .def_property_readonly("total", [](const Statement& s) { return to_decimal(s.total); })
      .def_property_readonly("worked", [](const Statement& s) { return from_seconds(s.worked); },
                             "The time of the period's work, reversed entries not counted.")
      .def("to_json", [](const Statement& s) { return to_json(s); })
      .def("render_text", &render_text)
      .def("__repr__", [](const Statement& s) {
        return fmt::format("<tierdesk.Statement '{}' {} … {} total {}>", s.customer, s.period.first,
                           s.period.last, s.total);
      });

  py::class_<ContractCustomer>(m, "Customer", "A customer served under a contract.")
      .def_property_readonly("id", [](const ContractCustomer& c) { return c.id; })
      .def_property_readonly("name", [](const ContractCustomer& c) { return c.name; })
      .def_property_readonly("email", [](const ContractCustomer& c) { return c.email; })
      .def_property_readonly("contact", [](const ContractCustomer& c) { return c.contact; })
      .def_property_readonly("team", [](const ContractCustomer& c) { return c.team; })
      .def_property_readonly("lead", [](const ContractCustomer& c) { return c.lead; })
      .def_property_readonly("start", [](const ContractCustomer& c) { return from_date(c.start); })
      .def("__repr__", [](const ContractCustomer& c) {
        return fmt::format("<tierdesk.Customer '{}' '{}'>", c.id, c.name);
      });

  py::class_<Contract>(m, "Contract", "A provider's contract: billing rules, SLA, categories, "
                                      "customers (docs/billing.md).")
      .def_static(
          "from_json", [](std::string_view json) { return unwrap(parse_contract(json)); },
          py::arg("json"))
      .def_static(
          "from_file",
          [](const std::filesystem::path& path) { return unwrap(load_contract_file(path)); },
          py::arg("path"))
      .def_property_readonly("name", [](const Contract& c) { return c.name; })
      .def_property_readonly("id", [](const Contract& c) { return c.id; })
      .def_property_readonly("prefix", [](const Contract& c) { return c.prefix; })
      .def_property_readonly("default_category",
                             [](const Contract& c) { return c.default_category; })
      .def_property_readonly("categories",
                             [](const Contract& c) {
                               std::vector<std::string> out;
                               for (const Category& k : c.billing.categories) out.push_back(k.name);
                               return out;
                             })
      .def_property_readonly("customers", [](const Contract& c) { return c.customers; })
      .def_property_readonly("currency", [](const Contract& c) { return std::string(c.billing.currency.code()); })
      .def_property_readonly("vat_rate", [](const Contract& c) { return format_percent(c.billing.vat); })
      .def("summary", [](const Contract& c) { return summary(c); })
      .def("statement", &make_statement, py::arg("customer"), py::arg("first"), py::arg("last"),
           py::arg("tickets"),
           "The statement for the tickets' work and fees between the local dates first and last "
           "(inclusive).")
      .def("__repr__", [](const Contract& c) {
        const auto currency = c.billing.currency.code();
        if (c.id.empty()) return fmt::format("<tierdesk.Contract '{}' {}>", c.name, currency);
        return fmt::format("<tierdesk.Contract {} '{}' {}>", c.id, c.name, currency);
      });
}

}  // namespace tierdesk::python
