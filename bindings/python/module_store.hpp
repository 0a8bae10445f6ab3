// The state behind tierdesk.Store and tierdesk.Desk, shared by the store and report parts.
//
// A SqliteStore is used by one thread at a time, yet every call releases the GIL: each Store
// therefore carries a mutex that a call takes after releasing the GIL (never the other way
// round, so a thread waiting for the store never blocks the interpreter).
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include <pybind11/pybind11.h>

#include "module_convert.hpp"
#include "tierdesk/desk.hpp"
#include "tierdesk/sla_policy.hpp"
#include "tierdesk/sqlite_store.hpp"

namespace tierdesk::python {

struct PyStore {
  PyStore(SqliteStore s, std::string p) : store(std::move(s)), path(std::move(p)) {}
  SqliteStore store;
  std::string path;
  std::mutex mutex;
};

struct PyDesk {
  py::object owner;  // the tierdesk.Store, kept alive as long as the desk
  PyStore* store;
  std::optional<SlaPolicy> policy;
  Desk desk;
};

// Runs `f` (a library call returning a Result) with the GIL released and the store locked;
// the caller unwraps the result with the GIL held again.
template <class F>
auto with_store(PyStore& s, F&& f) {
  py::gil_scoped_release release;
  std::lock_guard lock(s.mutex);
  return std::forward<F>(f)();
}

// Binds Ticket, HistoryEvent, Fee, Alarm and the enums TicketStatus, Channel, HistoryKind
// (module_store_values.cpp).
void init_store_values(py::module_& m);
// Binds the report methods of tierdesk.Desk (module_store_reports.cpp).
void init_store_reports(py::module_& m, py::class_<PyDesk>& desk);

}  // namespace tierdesk::python
