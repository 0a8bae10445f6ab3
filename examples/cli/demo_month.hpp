// The month `tierdesk demo` replays: for every customer of every contract, requests on working
// days by phone, e-mail (through receive) and the portal, agents' replies, customers' e-mail
// replies threaded by "[REF]" in the subject, escalations, work, on-call fees, one emergency
// that displaced booked appointments (contracts with an emergency surcharge), the JourFixe
// meetings of the contracts that hold them and one correction of work booked twice. Every
// step is one call of the service desk; the script only decides what happens when, with a
// fixed seed, so two runs give the same database.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <map>
#include <string>

#include "tierdesk/service/service_desk.hpp"

namespace tierdesk::cli {

// How often each step happened: "tickets", "replies", "work entries", "corrections", …
using DemoCounts = std::map<std::string, std::size_t>;

// Replays `month` through `desk` for the contracts of `book`, drawing a progress bar on
// `progress_to` when `tty`. Errors name the contract and ticket.
Result<DemoCounts> replay_month(ServiceDesk& desk, const ContractBook& book,
                                std::chrono::year_month month, std::ostream& progress_to, bool tty);

// "117 tickets, 116 replies, …, 1 correction, …".
std::string summary(const DemoCounts& counts);

}  // namespace tierdesk::cli
