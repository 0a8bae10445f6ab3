// Shared plumbing of the verbs that work on a ticket database: opening the store, the
// common options (--db, --json, --actor, --at, --prefix), and printing tickets, events and
// errors the same way in every verb.
#pragma once

#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <boost/program_options.hpp>

#include "commands.hpp"
#include "host_json.hpp"
#include "tierdesk/desk.hpp"
#include "tierdesk/sqlite_store.hpp"

namespace tierdesk::cli {

// --db, --json, --actor, --at, --help; verbs add their own.
boost::program_options::options_description common_options();

// Parses `args` against `options`, words that are not options going to `positional`.
// On a bad command line prints `verb: message` and the usage, and returns exit_usage.
std::optional<int> parse_args(std::span<const std::string> args,
                              const boost::program_options::options_description& options,
                              boost::program_options::variables_map& vm,
                              std::vector<std::string>& positional, std::string_view verb,
                              std::string_view usage, Io io);

// The store named by --db (default ./tierdesk.db); `create` only for init.
Result<SqliteStore> open_store(const boost::program_options::variables_map& vm, bool create);
// --at as an instant, else now (whole seconds).
Result<Instant> now_or_at(const boost::program_options::variables_map& vm);
// --actor, else $USER, else "cli".
std::string actor_name(const boost::program_options::variables_map& vm);

// Prints "tierdesk VERB: code: message" and returns exit_data.
int data_error(Io io, std::string_view verb, const Error& error);
// Prints "tierdesk VERB: message", then the usage, and returns exit_usage.
int usage_error(Io io, std::string_view verb, std::string_view message, std::string_view usage);

using host::alarm_json;
using host::clock_json;
using host::event_json;
using host::ticket_json;
using host::work_json;
void print_ticket(std::ostream& out, const Ticket& t, const TierNames& tiers);
void print_ticket_line(std::ostream& out, const Ticket& t);
void print_event(std::ostream& out, const HistoryEvent& e);

}  // namespace tierdesk::cli
