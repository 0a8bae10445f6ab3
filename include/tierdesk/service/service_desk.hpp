// Layer service — the contract book (contract_book.hpp), the service desk (this header),
// notices (notifier.hpp) and the SLA watch (sla_watch.hpp): what every host calls. Depends on
// base … report, never on a store backend.
// docs/architecture.md "Layers" has the picture and the include rule.
//
// The service desk: every operation on tickets, work and bills, run under the loaded contracts.
//
// This is the one object every host goes through (the CLI, the HTTP server, the Python
// module, an e-mail intake), so the same request gives the same ticket, clocks, queue, bill and
// report whichever door it came through. A ServiceDesk is cheap: a contract book (shared,
// immutable), a store connection, the scope it acts for and the notifier it reports to. Hosts
// make one per request or per thread; they parse, authorize, call and format, nothing else.
//
// What the contracts decide, here and nowhere else:
//  - opening: the customer's contract; the category (the contract's default when none is
//    given), the priority (the category's, else the contract's) and tier (the category's),
//    the assignee (the customer's fixed contact, else its team), the reference prefix and
//    year; JourFixe queueing for contracts that collect requests (urgent ones are handled
//    now); an urgent request by e-mail under a phone-only-emergencies contract is accepted as
//    an ordinary one, flagged "urgent-by-email" and the team notified; external ids are
//    idempotent per customer (another customer's id is a conflict that reveals nothing);
//  - every change is recomputed with the ticket's own contract: its SLA policy, calendars and
//    tier names, whichever process makes it;
//  - inbound messages: a repeated Message-ID is a duplicate; "[OO-2026-000123]" in the
//    subject, or a referenced Message-ID, threads the message to the customer's ticket as a
//    customer reply (reopening it when resolved);
//  - the contract's escalation rules after every change and at SLA warnings and breaches;
//  - work and fees: categories, fee codes and rates of the contract, work inside the ticket's
//    life; a correction reverses an entry (the tables stay append-only, the statement shows
//    the reversal), so a statement can never become unbuildable;
//  - the customer's month: statement, status e-mail and ticket report from the same records
//    (default category, contingent carried in, fees), so the hours agree everywhere; the
//    contingent used up by a work entry is a notice to the customer's project lead.
//
// Scope. A desk acts for the provider's staff (every customer) or for one customer. A customer
// scope sees and changes only its own tickets: another customer's ticket is "not found",
// exactly like a missing one; it opens only under its own contract, by e-mail or portal, and may
// not choose tier or assignee; it replies only as the customer; everything else is
// Errc::forbidden.
//
//   auto book = *ContractBook::load("examples/contracts");
//   auto store = *SqliteStore::open({.path = "desk.db"});
//   ServiceDesk desk(book, store);
//   auto t = desk.open({.customer = "nordlys", .channel = Channel::phone, .subject = "VPN down",
//                       .priority = "high", .by = {"anna", now}});
//   t->ticket.ref.str() == "OO-2026-000001", t->ticket.category == "support" (the default),
//   t->ticket.assignee == "mck" (nordlys' contact)
//   desk.open({.customer = "nordlys", .contract = "oneofice", …})
//     → not_found "contract: got "oneofice", expected one of 1und1-cloudpbx, …"
//   desk.charge_fee(ref, "on_call_non_critcal", by)
//     → invalid_argument "code: got "on_call_non_critcal", expected one of on_call_non_critical"
//
// Times are given, never read from a clock: the caller decides what "now" is.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tierdesk/service/contract_book.hpp"
#include "tierdesk/desk/desk.hpp"
#include "tierdesk/service/notifier.hpp"
#include "tierdesk/report/overview.hpp"
#include "tierdesk/billing/statement.hpp"
#include "tierdesk/report/status_mail.hpp"
#include "tierdesk/desk/desk_store.hpp"
#include "tierdesk/report/ticket_report.hpp"

namespace tierdesk {

// Whom a desk acts for.
struct Scope {
  std::string customer{};  // empty: the provider's staff; else this customer only

  static Scope staff() { return {}; }
  static Scope of_customer(std::string id) { return {std::move(id)}; }
  bool is_customer() const { return !customer.empty(); }
};

struct TicketRequest {
  std::string customer{};    // empty in a customer scope: the scope's customer
  std::string contract{};    // empty: the customer's; when given, it must be the customer's
  Channel channel = Channel::email;
  std::string category{};    // empty: the contract's default_category
  std::string priority{};    // empty: default_priority(contract, category)
  std::optional<int> tier{};  // empty: the category's
  std::string assignee{};    // empty: the customer's contact, else its team
  std::string subject{};
  std::string body{};
  std::string external_id{};  // the same id of the same customer never opens two tickets
  bool urgent = false;        // marked urgent by the customer
  Actor by{};
};

struct Opened {
  Ticket ticket;
  bool created = true;  // false: the external id named an existing ticket, returned as it is
};

// A message from a customer: an e-mail, a portal post.
struct InboundMessage {
  Channel channel = Channel::email;
  std::string customer{};  // empty: the customer whose address (or, when only one customer
                           // has it, whose domain) is `from`
  std::string from{};
  std::string message_id{};
  std::vector<std::string> references{};  // In-Reply-To and References ids, oldest first
  std::string subject{};
  std::string body{};
  bool urgent = false;
  Instant at{};
};

enum class IntakeOutcome : std::uint8_t { opened, appended, duplicate };
std::string_view to_string(IntakeOutcome o) noexcept;  // "opened", "appended", "duplicate"

struct IntakeResult {
  Ticket ticket;
  IntakeOutcome outcome = IntakeOutcome::opened;
};

// A list's `limit` from a signed number (a host's argument): 1 … limits::list_rows, else
// Errc::invalid_argument naming "limit" and the number.
Result<std::size_t> list_limit(std::int64_t limit);

// Flags the desk sets.
inline constexpr std::string_view urgent_by_email_flag = "urgent-by-email";

class ServiceDesk {
 public:
  ServiceDesk(const ContractBook& book, DeskStore& store, Scope scope = {},
              Notifier* notifier = nullptr)
      : book_(book), store_(store), scope_(std::move(scope)), notifier_(notifier) {}

  const ContractBook& book() const { return book_; }
  const Scope& scope() const { return scope_; }

  // --- tickets -------------------------------------------------------------------------
  Result<Opened> open(const TicketRequest& request);
  Result<IntakeResult> receive(const InboundMessage& message);

  Result<Ticket> ticket(const TicketRef& ref);
  // The filter as given; in a customer scope, only that customer's (another customer in the
  // filter is Errc::not_found); a customer or contract the book does not know is not_found.
  // A limit outside 1 … limits::list_rows or a tier outside 1 … 3
  // is Errc::invalid_argument.
  Result<std::vector<Ticket>> tickets(TicketFilter filter);
  Result<std::vector<HistoryEvent>> history(const TicketRef& ref);
  Result<std::vector<ClockEntry>> clocks(const TicketRef& ref);
  // The ticket with its clocks, as a "show" answers: one scope check and one read of each.
  struct TicketView {
    Ticket ticket;
    std::vector<ClockEntry> clocks;
  };
  Result<TicketView> show(const TicketRef& ref);
  // Due (and warning) instants of open tickets in `window` (staff only), at most `limit`
  // (1 … limits::list_rows).
  Result<std::vector<ClockAlarm>> due(Segment<Instant> window, AlarmFilter filter,
                                      std::size_t limit);

  Result<Ticket> set_status(const TicketRef& ref, TicketStatus to, const Actor& by);
  // A priority of the contract's SLA policy.
  Result<Ticket> set_priority(const TicketRef& ref, const std::string& priority, const Actor& by);
  // A category of the contract.
  Result<Ticket> set_category(const TicketRef& ref, const std::string& category, const Actor& by);
  Result<Ticket> assign(const TicketRef& ref, const std::string& assignee, const Actor& by);
  Result<Ticket> reply(const TicketRef& ref, ReplyKind kind, const std::string& body,
                       const Actor& by);
  Result<Ticket> escalate(const TicketRef& ref, int tier, const std::string& reason,
                          const Actor& by);
  // An emergency that displaced booked appointments (seed 002): the ticket carries the
  // contract's emergency surcharge. Errc::invalid_argument when the contract has none.
  Result<Ticket> mark_emergency(const TicketRef& ref, const std::string& reason, const Actor& by);

  // Tickets of `contract` waiting for its next JourFixe, by reference (staff only), and the
  // slot they wait for.
  struct JourFixeQueue {
    std::vector<Ticket> tickets;
    std::optional<Instant> next_slot;  // the next meeting at or after `now`
  };
  Result<JourFixeQueue> jourfixe_queue(std::string_view contract, Instant now);
  Result<Ticket> record_jourfixe(const TicketRef& ref, JourFixeOutcome outcome,
                                 const std::string& note, const Actor& by);

  // --- work and fees ---------------------------------------------------------------------
  // Books work on the ticket. The work must lie inside the ticket's life (from its creation,
  // ending no later than by.at, starting before it was closed), its role and kind must have a
  // rate where the category bills time, and the ticket's category must be one of the
  // contract's. An unset start (the epoch) means the work just ended. Returns the entry as
  // stored: its ticket, start and agent filled in, `entry` the number to reverse it by.
  Result<WorkEntry> log_work(const TicketRef& ref, WorkEntry entry, const Actor& by);
  // Charges a flat fee of the contract (BillingRules::fees) at by.at; returns it as stored.
  Result<StoredFee> charge_fee(const TicketRef& ref, const std::string& code, const Actor& by);
  // Reverses the work entry or fee recorded by event `entry` of the ticket's history (its
  // seq): it no longer bills, and the statement of its month lists it as reversed. A reason
  // is required. Errc::not_found for an entry that is no work or fee; Errc::conflict for one
  // reversed already.
  Result<Ticket> reverse_entry(const TicketRef& ref, std::int64_t entry, const std::string& reason,
                               const Actor& by);
  Result<std::vector<WorkEntry>> work(WorkFilter filter);
  Result<std::vector<StoredFee>> fees(WorkFilter filter);

  // --- the customer's month --------------------------------------------------------------
  Result<Statement> statement(std::string_view customer, std::chrono::year_month month);
  // The status e-mail's report: its hours and contingent are the statement's of that month.
  Result<StatusReport> status_report(std::string_view customer, std::chrono::year_month month,
                                     Instant as_of);
  Result<TicketReport> ticket_report(std::string_view customer, const ReportPeriod& period,
                                     Instant as_of);
  Result<CustomerOverview> overview(std::string_view customer, bool open_only, Instant as_of);
  // The status report as a ready-to-send message dated `as_of`. An envelope without a
  // recipient goes to the customer's address (Errc::missing_field when the contract has none);
  // the sender and message id are the caller's.
  Result<std::string> status_mail(std::string_view customer, std::chrono::year_month month,
                                  Instant as_of, const MailEnvelope& envelope);

  // --- the SLA watch (sla_watch.hpp) -------------------------------------------------------
  // Records that `alarm` was reached at `now`: a `notified` event and a notification on its
  // ticket (the clocks untouched), the contract's escalation rules for it, in one
  // transaction. `held_until`: the notice waits for business hours. Returns the notice.
  Result<Notice> record_alarm(const ClockAlarm& alarm, Instant now,
                              std::optional<Instant> held_until);
  // The instant a notice reached at `now` for a ticket of `contract` is delivered: `now`, or
  // the next opening of the contract's notice_hours calendar when it is closed.
  Result<Instant> delivery_time(const Contract& contract, Instant now) const;

  // The ticket's contract; Errc::not_found naming both when the book lacks it.
  Result<const Contract*> contract_of(const Ticket& ticket) const;

 private:
  struct Target {  // a ticket the scope may see, with its contract and that contract's desk
    Ticket ticket;
    const Contract* contract = nullptr;
    const DeskConfig* desk = nullptr;
  };
  Result<Target> target(const TicketRef& ref);
  Result<Target> target_of(Ticket ticket);  // target()'s checks on a ticket already read
  Result<void> staff_only(std::string_view what) const;
  Result<CustomerOf> visible_customer(std::string_view customer) const;
  // Runs `op` on the ticket's contract desk, hands what it stores to the notifier, then
  // applies the contract's category escalation rules when one matches.
  using DeskOp = std::function<Result<Ticket>(Desk& desk, const Target& target)>;
  Result<Ticket> with_desk(const TicketRef& ref, Instant now, const DeskOp& op);
  Result<Ticket> change(const TicketRef& ref, Instant now, const Desk::Decide& decide);
  Result<Ticket> follow_rules(const Target& t, Instant now);
  void publish(const Ticket& ticket, const std::vector<Notification>& notifications);
  Result<std::vector<Notification>> contingent_notices(const Target& t, const WorkEntry& entry,
                                                       Instant now);

  const ContractBook& book_;
  DeskStore& store_;
  Scope scope_;
  Notifier* notifier_;
};

}  // namespace tierdesk
