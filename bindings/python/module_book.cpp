// tierdesk.ContractBook: the provider contracts a ServiceDesk runs on, loaded once.
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "module_store.hpp"

namespace tierdesk::python {

namespace {

// The directory by the library's rule (contracts_dir): `path` when given, else
// $TIERDESK_CONTRACTS; then ContractBook::load.
ContractBook load_book(py::handle path) {
  std::optional<std::string> given;
  if (!path.is_none()) given = path.cast<std::filesystem::path>().string();
  const std::filesystem::path dir = unwrap(contracts_dir(given));
  Result<ContractBook> book = fail(Errc::io_error, "not loaded");
  {
    py::gil_scoped_release release;
    book = ContractBook::load(dir);
  }
  return unwrap(std::move(book));
}

std::vector<const Contract*> contracts_of(const ContractBook& book) {
  std::vector<const Contract*> out;
  for (const Contract& c : book.contracts()) out.push_back(&c);
  return out;
}

std::string book_repr(const ContractBook& book) {
  std::string ids;
  for (const Contract& c : book.contracts()) ids += (ids.empty() ? "" : ", ") + c.id;
  return fmt::format("<tierdesk.ContractBook {}>", ids);
}

}  // namespace

void init_book(py::module_& m) {
  py::class_<ContractBook>(
      m, "ContractBook",
      "The provider contracts a desk runs on: every *.json file of one directory, checked to fit "
      "together. Immutable; share one between desks and threads.")
      .def(py::init(&load_book), py::arg("path") = py::none(),
           "path: the directory of contract files; None: $TIERDESK_CONTRACTS (NotFoundError "
           "when neither is given). Never the working directory.")
      .def_static("load", &load_book, py::arg("path") = py::none(), "ContractBook(path).")
      .def_property_readonly("contracts", &contracts_of,
                             py::return_value_policy::reference_internal, "The contracts by id.")
      .def(
          "contract",
          [](const ContractBook& b, std::string_view id) { return unwrap(b.contract(id)); },
          py::arg("id"), py::return_value_policy::reference_internal,
          "The contract with this id; NotFoundError naming it and the known ids.")
      .def(
          "customer",
          [](const ContractBook& b, std::string_view id) {
            return *unwrap(b.customer(id)).customer;
          },
          py::arg("id"), "The customer with this id (a copy); NotFoundError naming it.")
      .def(
          "contract_of",
          [](const ContractBook& b, std::string_view customer) {
            return unwrap(b.customer(customer)).contract;
          },
          py::arg("customer"), py::return_value_policy::reference_internal,
          "The contract the customer is served under; NotFoundError naming it.")
      .def("__repr__", &book_repr);
}

}  // namespace tierdesk::python
