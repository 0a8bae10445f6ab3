// Shared plumbing of the verbs that work on a ticket database: the common options (--db,
// --json, --actor, --at, --contracts), the session every verb on tickets, work, fees and
// reports goes through (the contract book, the store and one ServiceDesk over them), and
// printing tickets, events and errors the same way in every verb.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <boost/program_options.hpp>

#include "commands.hpp"
#include "host_json.hpp"
#include "json_fields.hpp"
#include "tierdesk/service/service_desk.hpp"
#include "tierdesk/store/sqlite_store.hpp"

namespace tierdesk::cli {

// --db, --json, --actor, --at, --help; verbs add their own.
boost::program_options::options_description common_options();
// common_options() and --contracts DIR: the verbs that go through the service desk.
boost::program_options::options_description desk_options();

// Parses `args` against `options`, words that are not options going to `positional`.
// On a bad command line prints `verb: message` and the usage, and returns exit_usage.
std::optional<int> parse_args(std::span<const std::string> args,
                              const boost::program_options::options_description& options,
                              boost::program_options::variables_map& vm,
                              std::vector<std::string>& positional, std::string_view verb,
                              std::string_view usage, Io io);

// The store named by --db (default ./tierdesk.db); `create` only for init and demo.
Result<SqliteStore> open_store(const boost::program_options::variables_map& vm, bool create);
// The contracts of --contracts DIR, else of $TIERDESK_CONTRACTS (contracts_dir()).
Result<ContractBook> load_book(const boost::program_options::variables_map& vm);
// --at as an instant, else now (whole seconds).
Result<Instant> now_or_at(const boost::program_options::variables_map& vm);
// --actor, else $USER, else "cli".
std::string actor_name(const boost::program_options::variables_map& vm);
// "2026-11" as a month; Errc::invalid_argument naming --month otherwise.
Result<std::chrono::year_month> parse_month(const std::string& text);
// "2026-11".
std::string month_text(std::chrono::year_month month);
// The string option `name`, empty when not given.
std::string option(const boost::program_options::variables_map& vm, const char* name);

// The contract book, the store and the service desk over both; every notice the desk hands
// out is printed on stderr ("notice urgent-by-email for team-nord: …").
class Session {
 public:
  static Result<std::unique_ptr<Session>> open(const boost::program_options::variables_map& vm,
                                               Io io);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  ServiceDesk& desk() { return desk_; }
  const ContractBook& book() const { return book_; }
  // The tier names of the ticket's contract (the defaults when the book lacks it).
  TierNames tiers(const Ticket& t) const;

 private:
  Session(ContractBook book, SqliteStore store, Io io);
  ContractBook book_;
  SqliteStore store_;
  FunctionNotifier notifier_;
  ServiceDesk desk_;
};

// Prints "tierdesk VERB: code: message" and returns exit_data.
int data_error(Io io, std::string_view verb, const Error& error);
// Prints "tierdesk VERB: message", then the usage, and returns exit_usage.
int usage_error(Io io, std::string_view verb, std::string_view message, std::string_view usage);

using host::alarm_json;
using host::clock_json;
using host::event_json;
using host::fee_json;
using host::ticket_json;
using host::token_json;
using host::work_json;
void print_ticket(std::ostream& out, const Ticket& t, const TierNames& tiers);
void print_ticket_line(std::ostream& out, const Ticket& t);
void print_clock(std::ostream& out, const ClockEntry& c);
void print_event(std::ostream& out, const HistoryEvent& e);
// --limit N (1 … host::max_list_limit), `otherwise` when absent.
Result<std::size_t> limit_option(const boost::program_options::variables_map& vm,
                                 std::size_t otherwise);

// "30 min", "1 min 30 s".
std::string minutes_text(std::chrono::seconds d);

// Text from the store or the command line as a terminal may show it: control characters (C0
// including line breaks, DEL, C1) and malformed UTF-8 become visible escapes ("\x1b",
// "\u{9b}"), so a customer's subject cannot retitle, clear or forge lines in a terminal.
// `multi_line` keeps the line breaks ("\n") of a rendered report.
std::string terminal_text(std::string_view text, bool multi_line = false);

}  // namespace tierdesk::cli
