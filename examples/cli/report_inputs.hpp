// Inputs of the report verbs that do not live in the ticket database: the contract, the SLA
// policy and the work entries (a JSON-lines file), and the mail envelope.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "tierdesk/contract.hpp"
#include "tierdesk/status_mail.hpp"
#include "tierdesk/work.hpp"

namespace tierdesk::cli {

// Work entries, one JSON object per line: {"ticket": "SB-2026-000001", "agent": "bo",
// "start": "2026-11-03T09:00:00+01:00", "minutes": 240, "kind": "remote", "role": "support",
// "note": "…"}; kind, role and note are optional. Errors name the file and line.
Result<std::vector<WorkEntry>> load_work_file(const std::string& path);

// --work FILE when given, else no entries.
Result<std::vector<WorkEntry>> work_option(const boost::program_options::variables_map& vm);

// The account for --contract-start (default 2000-01-01: the start phase long over), nothing
// carried in; empty when the contract has no contingent.
Result<std::optional<ContingentAccount>> contingent_option(
    const boost::program_options::variables_map& vm, const Contract& contract);

// --from (default "tierdesk <noreply@localhost>"), --to, --message-id (default derived from
// the customer, the month and the date), the date `at`.
MailEnvelope envelope_option(const boost::program_options::variables_map& vm,
                             const std::string& customer, const std::string& period, Instant at);

}  // namespace tierdesk::cli
