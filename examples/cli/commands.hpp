// The verbs of the tierdesk command-line host. Each verb parses its own arguments, calls the
// library and formats the answer; business rules live in the library, never here.
#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace tierdesk::cli {

// Exit codes shared by every verb.
inline constexpr int exit_ok = 0;
inline constexpr int exit_usage = 1;  // bad command line
inline constexpr int exit_data = 2;   // bad input data, a failed operation

struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

// `args` are the words after the verb name.
using Command = int (*)(std::span<const std::string> args, Io io);

int run_calendar(std::span<const std::string> args, Io io);
int run_sla(std::span<const std::string> args, Io io);
int run_init(std::span<const std::string> args, Io io);
int run_ticket(std::span<const std::string> args, Io io);
int run_receive(std::span<const std::string> args, Io io);
int run_jourfixe(std::span<const std::string> args, Io io);
int run_due(std::span<const std::string> args, Io io);
int run_history(std::span<const std::string> args, Io io);
int run_work(std::span<const std::string> args, Io io);
int run_fee(std::span<const std::string> args, Io io);
int run_report(std::span<const std::string> args, Io io);
int run_overview(std::span<const std::string> args, Io io);
int run_contract(std::span<const std::string> args, Io io);
int run_statement(std::span<const std::string> args, Io io);
int run_demo(std::span<const std::string> args, Io io);
int run_token(std::span<const std::string> args, Io io);

}  // namespace tierdesk::cli
