// The state behind tierdesk.Store and tierdesk.ServiceDesk, shared by the parts that bind the
// desk's operations.
//
// A SqliteStore is used by one thread at a time, yet every call releases the GIL: each Store
// therefore carries a mutex that a call takes after releasing the GIL (never the other way
// round, so a thread waiting for the store never blocks the interpreter). A ServiceDesk is the
// library's ServiceDesk over a Store and a ContractBook, both kept alive as long as the desk.
// Notices the desk hands out during a call are collected and given to the Python notifier once
// the call has returned, with the GIL held and the store unlocked.
#pragma once

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/pybind11.h>

#include "module_convert.hpp"
#include "tierdesk/service/contract_book.hpp"
#include "tierdesk/service/notifier.hpp"
#include "tierdesk/service/service_desk.hpp"
#include "tierdesk/store/sqlite_store.hpp"

namespace tierdesk::python {

struct PyStore {
  PyStore(SqliteStore s, std::string p) : store(std::move(s)), path(std::move(p)) {}
  SqliteStore store;
  std::string path;
  std::mutex mutex;
};

struct PyDesk {
  PyDesk(py::object store_object, py::object book_object, Scope scope, py::object notify);
  PyDesk(const PyDesk&) = delete;
  PyDesk& operator=(const PyDesk&) = delete;

  py::object store_owner;  // the tierdesk.Store
  py::object book_owner;   // the tierdesk.ContractBook
  PyStore* store;
  py::object notifier;  // a callable taking a tierdesk.Notice, or None
  CollectingNotifier collected;
  ServiceDesk desk;
};

// Hands `notices` to the desk's notifier, in order (GIL held). An exception the notifier
// raises propagates; the change that caused the notices is stored all the same.
void deliver(PyDesk& d, std::vector<Notice> notices);

// Runs `f(d.desk)` (a library call returning a Result) with the GIL released and the store
// locked, delivers the notices it caused, then unwraps the result (raising tierdesk.Error).
template <class F>
auto call(PyDesk& d, F&& f) {
  std::vector<Notice> notices;
  auto result = [&] {
    py::gil_scoped_release release;
    std::lock_guard lock(d.store->mutex);
    auto r = std::forward<F>(f)(d.desk);
    notices = std::exchange(d.collected.notices, {});
    return r;
  }();
  deliver(d, std::move(notices));
  return unwrap(std::move(result));
}

// A ticket reference such as "OO-2026-000001"; InvalidArgumentError otherwise.
TicketRef ref_arg(std::string_view text);
// `at`, or the current instant in whole seconds when None; `field` names it in errors.
Instant at_or_now(py::handle at, std::string_view field);
// The actor `name` acting at `at` (default now).
Actor actor_arg(const std::string& name, py::handle at);
// "2026-11" as a month; InvalidArgumentError naming `field` for anything else.
std::chrono::year_month month_arg(std::string_view text, std::string_view field);
// "2026-11".
std::string month_text(std::chrono::year_month m);

// Binds Ticket, HistoryEvent, Fee, Alarm, ClockEntry, Notice and the enums TicketStatus,
// Channel, HistoryKind, IntakeOutcome, NoticeKind (module_store_values.cpp).
void init_store_values(py::module_& m);
// Binds ContractBook and Customer (module_book.cpp).
void init_book(py::module_& m);
// Binds the ticket operations of tierdesk.ServiceDesk (module_desk.cpp).
void init_desk_tickets(py::module_& m, py::class_<PyDesk>& desk);
// Binds work, fees and their corrections (module_desk_work.cpp).
void init_desk_work(py::class_<PyDesk>& desk);
// Binds the customer's month: statement, reports, overview (module_desk_reports.cpp).
void init_desk_reports(py::module_& m, py::class_<PyDesk>& desk);

}  // namespace tierdesk::python
