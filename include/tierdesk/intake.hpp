// Intake: how requests from phone, e-mail, portal and the on-call line become tickets, under
// the terms of the customer's contract.
//
// A contract lists its request categories (billing treatment, default priority and tier,
// whether the SLA applies), the customer's fixed contact and the team that stands in when the
// contact is absent (seed 002: requests go to the team, never only to a person), whether
// emergencies are accepted by phone only, and whether ordinary requests wait for the JourFixe.
//
// Intake::receive is idempotent on the message id: a second delivery of the same e-mail
// returns the ticket the first one opened or updated. A subject carrying an existing
// reference ("Re: [OO-2026-000123] …") adds the message to that ticket as a customer reply
// (reopening it when resolved). An e-mail marked urgent under a phone-only emergency contract
// is accepted as an ordinary request and flagged "urgent-by-email", with a notification to
// the team, so someone calls the customer back.
//
//   Intake intake(desk, {solutionbar_acme});
//   auto r = intake.receive({.channel = Channel::email, .contract = "acme-service",
//                            .message_id = "<x1@acme>", .subject = "Server down",
//                            .urgent = true, .at = now});
//   r->outcome == IntakeOutcome::opened; r->ticket.has_flag("urgent-by-email")
//   intake.receive(same message)->outcome == IntakeOutcome::duplicate
#pragma once

#include <chrono>
#include <span>
#include <string>
#include <vector>

#include "tierdesk/desk.hpp"
#include "tierdesk/ticket.hpp"

namespace tierdesk {

enum class BillingTreatment : std::uint8_t {
  included,             // part of the fee
  included_up_to,       // free up to `threshold` per ticket (OneOffice: 15 minutes)
  contingent,           // drawn from the monthly hour contingent
  billable,             // billed at a rate
  quote_required,       // change requests: an explicit offer first
  fixed_price,
};
std::string_view to_string(BillingTreatment b) noexcept;

struct CategoryTerms {
  std::string name;
  BillingTreatment billing = BillingTreatment::included;
  std::chrono::minutes threshold{0};  // included_up_to
  std::string default_priority{};     // empty: the contract's
  int default_tier = min_tier;
  bool sla_applies = true;            // false: the ticket is flagged "no-sla" (no clocks)
  friend bool operator==(const CategoryTerms&, const CategoryTerms&) = default;
};

struct ContractTerms {
  std::string id;
  std::string customer;
  std::vector<CategoryTerms> categories{};
  std::string default_priority = "normal";
  std::string urgent_priority{};      // the priority an urgent request gets where allowed
  std::string fixed_contact{};        // the customer's fixed contact person
  bool contact_absent = false;
  std::string team{};                 // the fallback when the contact is absent or missing
  bool emergencies_phone_only = false;
  bool jourfixe = false;              // ordinary requests wait for the next JourFixe
  friend bool operator==(const ContractTerms&, const ContractTerms&) = default;

  // The category's terms; nullptr when the contract does not list it.
  const CategoryTerms* category(std::string_view name) const;
  // The fixed contact, or the team when the contact is absent or not set.
  std::string default_assignee() const;
};

struct InboundRequest {
  Channel channel = Channel::email;
  std::string contract;
  std::string from{};          // the sender: an address or a name
  std::string message_id{};    // e.g. the e-mail Message-ID
  std::string subject{};
  std::string body{};
  std::string category{};
  std::string priority{};      // empty: the category's, else the contract's default
  bool urgent = false;         // marked urgent by the customer
  Instant at{};
};

enum class IntakeOutcome : std::uint8_t { opened, appended, duplicate };

struct IntakeResult {
  Ticket ticket;
  IntakeOutcome outcome = IntakeOutcome::opened;
};

// Flags intake sets.
inline constexpr std::string_view urgent_by_email_flag = "urgent-by-email";

class Intake {
 public:
  Intake(Desk& desk, std::vector<ContractTerms> contracts)
      : desk_(desk), contracts_(std::move(contracts)) {}

  // Errc::not_found for an unknown contract; Errc::invalid_argument for a category the
  // contract does not list.
  Result<IntakeResult> receive(const InboundRequest& request);

  const ContractTerms* contract(std::string_view id) const;

 private:
  Result<IntakeResult> append(const TicketRef& ref, const InboundRequest& request);
  Result<IntakeResult> open(const ContractTerms& terms, const InboundRequest& request);

  Desk& desk_;
  std::vector<ContractTerms> contracts_;
};

// JourFixe outcomes for a queued ticket: resolved at the meeting, or carried over to the next.
enum class JourFixeOutcome : std::uint8_t { resolved, carried_over };

// Records the outcome (a resolved event, or jourfixe_carried_over) with the meeting's note.
// Errc::invalid_transition when the ticket is not in the JourFixe queue.
Result<Ticket> record_jourfixe(Desk& desk, const TicketRef& ref, JourFixeOutcome outcome,
                               const std::string& note, const Actor& by);

}  // namespace tierdesk
