// The service desk: every operation under the loaded contracts, whichever host calls it.
// Two test contracts (tests/data/desk-contracts/): acme-service (JourFixe, phone-only
// emergencies, a 2-hour contingent, escalation rules, notices in office hours) and beta-care.
#include "tierdesk/service/service_desk.hpp"

#include <algorithm>

#include <doctest/doctest.h>

#include "support/ticket_fixtures.hpp"
#include "tierdesk/service/sla_watch.hpp"
#include "tierdesk/base/limits.hpp"
#include "tierdesk/store/sqlite_store.hpp"
#include "tierdesk/contract/statement_store.hpp"

using namespace tierdesk;
using namespace std::chrono_literals;
using tierdesk::testing::utc;

namespace {

// Monday 2 November 2026, 09:00 in Berlin.
const Instant t0 = utc("2026-11-02T09:00:00+01:00");
constexpr auto november = std::chrono::year{2026} / std::chrono::November;

ContractBook test_book() {
  auto book = ContractBook::load(std::string(TIERDESK_SOURCE_DIR) + "/tests/data/desk-contracts");
  REQUIRE(book);
  return *std::move(book);
}

struct Fixture {
  ContractBook book = test_book();
  SqliteStore store = SqliteStore::open({.path = ":memory:"}).value();
  CollectingNotifier notices;
  ServiceDesk desk{book, store, Scope::staff(), &notices};

  Ticket open(TicketRequest r) {
    if (r.customer.empty()) r.customer = "acme";
    if (r.subject.empty()) r.subject = "Printer offline";
    if (r.by.at == Instant{}) r.by = {"anna@acme.example", t0};
    auto t = desk.open(r);
    if (!t) FAIL(t.error().message());
    return t->ticket;
  }
  std::size_t tickets() { return store.tickets({}).value().size(); }
  std::vector<HistoryKind> kinds(const TicketRef& ref) {
    std::vector<HistoryKind> out;
    const auto history = store.history(ref).value();
    for (const auto& e : history) out.push_back(e.kind);
    return out;
  }
};

const ClockEntry& clock(const std::vector<ClockEntry>& clocks, Metric m) {
  const auto it = std::ranges::find(clocks, ClockId::of(m), &ClockEntry::clock);
  REQUIRE(it != clocks.end());
  return *it;
}

}  // namespace

TEST_CASE("the book checks that contracts fit together and names what is unknown") {
  const auto book = test_book();
  REQUIRE(book.contracts().size() == 2);
  CHECK(book.contracts()[0].id == "acme-service");
  CHECK(book.customer("beta")->contract->id == "beta-care");
  CHECK(book.contract("acme-servce").error().message() ==
        "contract: got \"acme-servce\", expected one of acme-service, beta-care");
  CHECK(book.customer("gamma").error().code() == Errc::not_found);
  auto twice = ContractBook::make({book.contracts()[0], book.contracts()[0]});
  REQUIRE_FALSE(twice);
  CHECK(twice.error().message() == "contract acme-service: id: used by two contracts");
  CHECK(contracts_dir(std::string_view("/some/dir")).value() == "/some/dir");
}

TEST_CASE("opening fills in what the contract says: category, priority, assignee, queue") {
  Fixture d;
  const Ticket t = d.open({});
  CHECK(t.ref.str() == "AC-2026-000001");
  CHECK(t.contract == "acme-service");
  CHECK(t.category == "support");  // the contract's default, not "-"
  CHECK(t.priority == "normal");
  CHECK(t.tier == 1);
  CHECK(t.assignee == "mia");
  CHECK(t.jourfixe);  // an e-mail waits for the JourFixe
  CHECK(clock(d.store.clocks(t.ref).value(), Metric::response).state == ClockState::pending);

  const Ticket security = d.open({.category = "security", .subject = "Phishing"});
  CHECK(security.priority == "high");
  CHECK(security.tier == 3);  // tier 2 by the category, 3 by the rule "security-to-3rd"
  REQUIRE(d.notices.notices.size() == 1);
  CHECK(d.notices.notices[0].kind == NoticeKind::escalated);
  CHECK(d.notices.notices[0].recipient == "sec-team");

  const Ticket beta = d.open({.customer = "beta", .by = {"it@beta.example", t0}});
  CHECK(beta.ref.str() == "BC-2026-000001");
  CHECK_FALSE(beta.jourfixe);
  CHECK(clock(d.store.clocks(beta.ref).value(), Metric::response).due ==
        utc("2026-11-02T11:00:00+01:00"));
}

TEST_CASE("no silent fallback: unknown contract, customer, category or priority write nothing") {
  Fixture d;
  const Actor by{"anna", t0};
  auto typo = d.desk.open({.customer = "acme", .contract = "acme-servce", .subject = "x", .by = by});
  CHECK(typo.error() == Error(Errc::not_found, "contract: got \"acme-servce\", expected one of "
                                                "acme-service, beta-care"));
  auto other = d.desk.open({.customer = "acme", .contract = "beta-care", .subject = "x", .by = by});
  CHECK(other.error().message() ==
        "contract: got \"beta-care\", expected acme-service, the contract of customer acme");
  CHECK(d.desk.open({.customer = "acmee", .subject = "x", .by = by}).error().code() ==
        Errc::not_found);
  CHECK(d.desk.open({.customer = "acme", .category = "suport", .subject = "x", .by = by})
            .error()
            .message() ==
        "category: got \"suport\", expected a category of contract acme-service (support, "
        "security, change)");
  CHECK(d.desk.open({.customer = "acme", .priority = "critical", .subject = "x", .by = by})
            .error()
            .message() ==
        "priority: got \"critical\", expected a priority of contract acme-service (urgent, high, "
        "normal)");
  CHECK(d.tickets() == 0);
}

TEST_CASE("external ids are idempotent per customer; another customer's id reveals nothing") {
  Fixture d;
  auto first = d.desk.open({.customer = "acme", .subject = "VPN", .external_id = "<m1@acme>",
                            .by = {"anna", t0}});
  REQUIRE(first);
  CHECK(first->created);
  auto again = d.desk.open({.customer = "acme", .subject = "VPN", .external_id = "<m1@acme>",
                            .by = {"anna", t0 + 1min}});
  REQUIRE(again);
  CHECK_FALSE(again->created);
  CHECK(again->ticket == first->ticket);
  auto stranger = d.desk.open({.customer = "beta", .subject = "probe", .external_id = "<m1@acme>",
                               .by = {"eve", t0}});
  REQUIRE_FALSE(stranger);
  CHECK(stranger.error() ==
        Error(Errc::conflict, "external_id: \"<m1@acme>\" cannot be used; choose another"));
  CHECK(d.tickets() == 1);
}

TEST_CASE("urgent requests: by phone now, by e-mail accepted as ordinary, flagged and notified") {
  Fixture d;
  const Ticket phoned = d.open({.channel = Channel::phone, .subject = "Server down", .urgent = true});
  CHECK(phoned.priority == "urgent");
  CHECK_FALSE(phoned.jourfixe);
  CHECK(phoned.flags.empty());
  const Ticket mailed = d.open({.channel = Channel::email, .subject = "Server down!", .urgent = true});
  CHECK(mailed.priority == "normal");
  CHECK(mailed.jourfixe);
  CHECK(mailed.has_flag(urgent_by_email_flag));
  REQUIRE(d.notices.notices.size() == 1);
  CHECK(d.notices.notices[0].kind == NoticeKind::urgent_by_email);
  CHECK(d.notices.notices[0].recipient == "team-blue");
  CHECK(d.notices.notices[0].customer == "acme");
}

TEST_CASE("inbound messages: duplicates, threading by reference and by Message-ID") {
  Fixture d;
  auto mail = [&](std::string id, std::string subject, std::vector<std::string> refs = {},
                  std::string from = "Anna <Anna@acme.example>") {
    auto r = d.desk.receive({.from = std::move(from), .message_id = std::move(id),
                             .references = std::move(refs), .subject = std::move(subject),
                             .body = "text", .at = t0 + 1h});
    if (!r) FAIL(r.error().message());
    return *r;
  };
  const auto opened = mail("<m1@acme>", "Printer");
  CHECK(opened.outcome == IntakeOutcome::opened);
  CHECK(opened.ticket.customer == "acme");  // by the sender's domain
  CHECK(mail("<m1@acme>", "Printer").outcome == IntakeOutcome::duplicate);

  const auto reply = mail("<m2@acme>", "Re: [AC-2026-000001] Printer");
  CHECK(reply.outcome == IntakeOutcome::appended);
  CHECK(reply.ticket.ref == opened.ticket.ref);
  CHECK(d.kinds(opened.ticket.ref).back() == HistoryKind::customer_reply);
  CHECK(mail("<m2@acme>", "Re: [AC-2026-000001] Printer").outcome == IntakeOutcome::duplicate);
  const auto threaded = mail("<m3@acme>", "Re: Printer", {"<m1@acme>", "<m2@acme>"});
  CHECK(threaded.outcome == IntakeOutcome::appended);
  CHECK(threaded.ticket.ref == opened.ticket.ref);

  // Another customer naming that reference gets a ticket of its own.
  const auto beta = mail("<b1@beta>", "Re: [AC-2026-000001] Printer", {}, "it@beta.example");
  CHECK(beta.outcome == IntakeOutcome::opened);
  CHECK(beta.ticket.ref.str() == "BC-2026-000001");
  CHECK(d.desk.receive({.from = "x@nowhere.example", .subject = "hi", .at = t0}).error().code() ==
        Errc::not_found);
}

TEST_CASE("a customer scope sees and changes only its own tickets") {
  Fixture d;
  const Ticket mine = d.open({});
  const Ticket theirs = d.open({.customer = "beta", .by = {"it@beta.example", t0}});
  ServiceDesk beta(d.book, d.store, Scope::of_customer("beta"));
  CHECK(beta.ticket(mine.ref).error() == Error(Errc::not_found, "ticket AC-2026-000001: not found"));
  CHECK(beta.ticket(theirs.ref)->ref == theirs.ref);
  CHECK(beta.clocks(mine.ref).error().code() == Errc::not_found);
  CHECK(beta.show(mine.ref).error() == Error(Errc::not_found, "ticket AC-2026-000001: not found"));
  const auto shown = beta.show(theirs.ref).value();
  CHECK(shown.ticket == beta.ticket(theirs.ref).value());
  CHECK(shown.clocks == beta.clocks(theirs.ref).value());
  CHECK_FALSE(shown.clocks.empty());
  CHECK(beta.reply(mine.ref, ReplyKind::customer, "hi", {"eve", t0 + 1h}).error().code() ==
        Errc::not_found);
  CHECK(beta.reply(theirs.ref, ReplyKind::agent_public, "hi", {"eve", t0 + 1h}).error().code() ==
        Errc::forbidden);
  CHECK(beta.set_status(theirs.ref, TicketStatus::closed, {"eve", t0 + 1h}).error().code() ==
        Errc::forbidden);
  CHECK(beta.tickets({})->size() == 1);
  CHECK(beta.tickets({.customer = "acme"}).error().code() == Errc::not_found);
  CHECK(beta.open({.customer = "acme", .subject = "x", .by = {"eve", t0}}).error().code() ==
        Errc::forbidden);
  CHECK(beta.open({.contract = "acme-service", .subject = "x", .by = {"eve", t0}}).error().code() ==
        Errc::forbidden);
  CHECK(beta.open({.tier = 3, .subject = "x", .by = {"eve", t0}}).error().code() == Errc::forbidden);
  // A customer cannot claim a phone call (which would pass an urgent request as an emergency).
  CHECK(beta.open({.channel = Channel::phone, .subject = "x", .urgent = true, .by = {"eve", t0}})
            .error()
            .message() ==
        "channel: got \"phone\", expected email or portal for a customer's own request");
  CHECK(beta.open({.channel = Channel::on_call, .subject = "x", .by = {"eve", t0}}).error().code() ==
        Errc::forbidden);
  CHECK(beta.statement("acme", november).error().code() == Errc::not_found);
  CHECK(beta.open({.subject = "Own request", .by = {"eve", t0}})->ticket.customer == "beta");
}

TEST_CASE("changes run under the ticket's own contract: categories, priorities, defaults") {
  Fixture d;
  const Ticket t = d.open({.channel = Channel::phone, .urgent = true});
  const Actor by{"mia", t0 + 5min};
  CHECK(d.desk.set_category(t.ref, "securty", by).error().code() == Errc::invalid_argument);
  CHECK(d.desk.set_priority(t.ref, "critical", by).error().code() == Errc::invalid_argument);
  auto moved = d.desk.set_category(t.ref, "security", by);
  REQUIRE(moved);
  CHECK(moved->category == "security");
  CHECK(moved->tier == 3);  // the category rule fired after the change
  CHECK(d.desk.assign(t.ref, "kai", by)->assignee == "kai");
  auto change = d.desk.set_category(t.ref, "change", {"mia", t0 + 6min});
  REQUIRE(change);
  CHECK(d.store.clocks(t.ref)->empty());  // the category is outside the SLA
}

TEST_CASE("work stays inside the ticket's life; fee codes are the contract's") {
  Fixture d;
  const Ticket t = d.open({.channel = Channel::phone, .urgent = true});
  WorkEntry early{.start = t0 - 1h, .duration = 30min};
  CHECK(d.desk.log_work(t.ref, early, {"mia", t0 + 1h}).error().message() ==
        "start: got \"2026-11-02T07:00:00Z\", expected an instant at or after AC-2026-000001 "
        "opened, 2026-11-02T08:00:00Z");
  WorkEntry future{.start = t0 + 30min, .duration = 60min};
  CHECK(d.desk.log_work(t.ref, future, {"mia", t0 + 1h}).error().code() == Errc::invalid_argument);
  CHECK(d.desk.charge_fee(t.ref, "after_hours_cal", {"mia", t0 + 1h}).error().message() ==
        "code: got \"after_hours_cal\", expected one of after_hours_call");
  CHECK(d.store.work({})->empty());
  CHECK(d.store.fees({})->empty());
  CHECK(d.desk.statement("acme", november));
}

TEST_CASE("a correction reverses an entry: the statement shows it and still builds") {
  Fixture d;
  const Ticket t = d.open({.channel = Channel::phone, .urgent = true});
  REQUIRE(d.desk.log_work(t.ref, {.start = t0 + 1h, .duration = 45min}, {"mia", t0 + 2h}));
  REQUIRE(d.desk.log_work(t.ref, {.start = t0 + 2h, .duration = 30min}, {"mia", t0 + 3h}));
  REQUIRE(d.desk.charge_fee(t.ref, "after_hours_call", {"mia", t0 + 3h}));
  const auto history = d.store.history(t.ref).value();
  const auto wrong = std::ranges::find(history, HistoryKind::work_logged, &HistoryEvent::kind)->seq;
  const auto fee = std::ranges::find(history, HistoryKind::fee_charged, &HistoryEvent::kind)->seq;
  REQUIRE(d.desk.reverse_entry(t.ref, wrong, "booked on the wrong ticket", {"lena", t0 + 4h}));
  REQUIRE(d.desk.reverse_entry(t.ref, fee, "not after hours", {"lena", t0 + 4h}));
  CHECK(d.desk.reverse_entry(t.ref, wrong, "again", {"lena", t0 + 5h}).error().code() ==
        Errc::conflict);
  CHECK(d.desk.reverse_entry(t.ref, 1, "not an entry", {"lena", t0 + 5h}).error().code() ==
        Errc::not_found);
  CHECK(d.desk.reverse_entry(t.ref, wrong, "", {"lena", t0 + 5h}).error().code() ==
        Errc::missing_field);
  const auto work = d.store.work({}).value();
  REQUIRE(work.size() == 2);
  CHECK(work[0].reversed == Reversal{t0 + 4h, "lena", "booked on the wrong ticket"});
  CHECK_FALSE(work[1].reversed);

  auto s = d.desk.statement("acme", november);
  REQUIRE(s);
  CHECK(s->worked == 30min);
  REQUIRE(s->contingent);
  CHECK(s->contingent->used == 30min);
  const auto reversed = std::ranges::count(s->lines, LineKind::reversed, &StatementLine::kind);
  CHECK(reversed == 2);
  CHECK(s->subtotal.minor_units() == 0);  // 30 min drawn from the 2-hour contingent, fee gone
}

TEST_CASE("the entry that uses the contingent up notifies the project lead, once") {
  Fixture d;
  const Ticket t = d.open({.channel = Channel::phone, .urgent = true});
  REQUIRE(d.desk.log_work(t.ref, {.start = t0 + 1h, .duration = 90min}, {"mia", t0 + 3h}));
  CHECK(d.notices.notices.empty());
  REQUIRE(d.desk.log_work(t.ref, {.start = t0 + 3h, .duration = 45min}, {"mia", t0 + 4h}));
  REQUIRE(d.notices.notices.size() == 1);
  const Notice& n = d.notices.notices[0];
  CHECK(n.kind == NoticeKind::contingent_exhausted);
  CHECK(n.recipient == "lena");
  CHECK(n.text ==
        "Acme GmbH: the hour contingent of 2026-11 (120 min) is used up by AC-2026-000001 (45 min "
        "of work from 2026-11-02T11:00:00Z); further work is billed as overage at month end");
  REQUIRE(d.desk.log_work(t.ref, {.start = t0 + 4h, .duration = 15min}, {"mia", t0 + 5h}));
  CHECK(d.notices.notices.size() == 1);
  CHECK(d.store.notifications(t.ref)->back().kind == "contingent-exhausted");

  // The status mail's hours are the statement's.
  auto mail = d.desk.status_report("acme", november, t0 + 6h);
  auto statement = d.desk.statement("acme", november);
  REQUIRE(mail);
  REQUIRE(statement);
  CHECK(mail->worked == statement->worked);
  CHECK(mail->worked == 150min);
  CHECK(mail->contingent == statement->contingent);
  CHECK(mail->contingent_exhausted());
}

TEST_CASE("an emergency marks the surcharge where the contract has one") {
  Fixture d;
  const Ticket t = d.open({.channel = Channel::phone, .urgent = true});
  CHECK(d.desk.mark_emergency(t.ref, "", {"mia", t0 + 1h}).error().code() == Errc::missing_field);
  REQUIRE(d.desk.mark_emergency(t.ref, "two appointments moved", {"mia", t0 + 1h}));
  REQUIRE(d.desk.log_work(t.ref, {.start = t0 + 1h, .duration = 30min}, {"mia", t0 + 2h}));
  auto s = d.desk.statement("acme", november);
  REQUIRE(s);
  CHECK(std::ranges::count(s->lines, LineKind::emergency, &StatementLine::kind) == 1);
  const Ticket beta = d.open({.customer = "beta", .by = {"it@beta.example", t0}});
  CHECK(d.desk.mark_emergency(beta.ref, "x", {"bo", t0 + 1h}).error().message() ==
        "emergency: contract beta-care has no emergency surcharge");
}

TEST_CASE("the JourFixe queue, its next slot and the meeting's outcomes") {
  Fixture d;
  const Ticket a = d.open({.subject = "A"});
  const Ticket b = d.open({.subject = "B"});
  auto q = d.desk.jourfixe_queue("acme-service", t0);
  REQUIRE(q);
  REQUIRE(q->tickets.size() == 2);
  CHECK(q->next_slot == utc("2026-11-03T09:00:00+01:00"));
  CHECK(d.desk.jourfixe_queue("beta-care", t0).error().code() == Errc::invalid_argument);
  const Actor meeting{"lena", utc("2026-11-03T10:00:00+01:00")};
  CHECK(d.desk.record_jourfixe(a.ref, JourFixeOutcome::resolved, "done", meeting)->status ==
        TicketStatus::resolved);
  CHECK(d.desk.record_jourfixe(b.ref, JourFixeOutcome::carried_over, "", meeting)->jourfixe);
  CHECK(d.desk.jourfixe_queue("acme-service", t0)->tickets.size() == 1);
}

TEST_CASE("the watch: every warning and breach of a ticket, notices recorded, clocks intact") {
  Fixture d;
  // An urgent phone call: 10 min response, 20 min resolution on the 24/7 calendar, warnings
  // at 50 % and 75 %. Saturday night, outside office hours: the notices are held.
  const Instant sat = utc("2026-11-07T22:00:00+01:00");
  const Ticket t = d.open({.channel = Channel::phone, .urgent = true, .by = {"anna", sat}});
  SlaWatch watch(d.book, &d.notices, sat);
  auto step = watch.fire(d.store, sat + 1h);
  REQUIRE(step);
  CHECK(step->delivered.empty());
  CHECK(watch.held() == 6);  // 2 warnings and the breach of each of two clocks
  CHECK(d.desk.due({sat, sat + 2h}, AlarmFilter::due_only, 10)->size() == 2);  // still running
  const auto clocks = d.store.clocks(t.ref).value();
  CHECK(clock(clocks, Metric::response).due == sat + 10min);
  CHECK(clock(clocks, Metric::resolution).due == sat + 20min);
  CHECK(d.store.ticket(t.ref)->tier == 2);  // "resolution-breach" moved it
  const auto history = d.store.history(t.ref).value();
  CHECK(std::ranges::count(history, HistoryKind::notified, &HistoryEvent::kind) >= 6);
  CHECK(history.back().get("rule") == "resolution-breach");

  // Monday 08:00 the office opens and the held notices go out, in order.
  const Instant monday = utc("2026-11-09T08:00:00+01:00");
  CHECK(*watch.next_wake(d.store) == monday);
  step = watch.fire(d.store, monday);
  REQUIRE(step);
  REQUIRE(step->delivered.size() == 6);
  CHECK(step->delivered[0].kind == NoticeKind::sla_warning);
  CHECK(step->delivered[0].clock == ClockId::of(Metric::response));
  CHECK(step->delivered[0].at == sat + 5min);
  CHECK(step->delivered[0].delivered_at == monday);
  CHECK(step->delivered[5].kind == NoticeKind::sla_breach);
  CHECK(step->delivered[5].clock == ClockId::of(Metric::resolution));

  // The agent answers and resolves: the clocks stop and the ticket leaves the due list.
  REQUIRE(d.desk.reply(t.ref, ReplyKind::agent_public, "on it", {"mia", monday + 1min}));
  REQUIRE(d.desk.set_status(t.ref, TicketStatus::resolved, {"mia", monday + 2min}));
  CHECK(d.desk.due({sat, monday + 1h}, AlarmFilter::due_and_warnings, 10)->empty());
}

TEST_CASE("a stored ticket without category is billed and reported under the default category") {
  // Tickets written before the desk applied the contract's default category have none; the
  // status mail and ticket report used to fail with `category: no billing rules for ""` while
  // the statement billed them.
  Fixture d;
  tierdesk::Desk plain(d.store, *d.book.desk_config(d.book.contracts()[0]));
  auto legacy = plain.open({.customer = "acme", .contract = "acme-service",
                            .channel = Channel::phone, .priority = "normal", .subject = "Old",
                            .by = {"anna", t0}});
  REQUIRE(legacy);
  CHECK(legacy->category.empty());
  REQUIRE(d.desk.log_work(legacy->ref, {.start = t0 + 1h, .duration = 30min}, {"mia", t0 + 2h}));
  auto statement = d.desk.statement("acme", november);
  REQUIRE(statement);
  CHECK(statement->worked == 30min);
  auto mail = d.desk.status_report("acme", november, t0 + 3h);
  REQUIRE(mail);
  CHECK(mail->worked == 30min);
  CHECK(mail->topics == std::vector<TopicCount>{{"support", 1}});
  auto report = d.desk.ticket_report("acme", *parse_report_period("2026-11"), t0 + 3h);
  REQUIRE(report);
  CHECK(report->by_category == std::vector<Count>{{"support", 1}});
  CHECK(report->billing.contingent_minutes == 30);
}

TEST_CASE("lists ask for 1 to 100000 rows and tiers 1 to 3, in every host alike") {
  Fixture d;
  CHECK(d.desk.tickets({.limit = 0}).error().message() ==
        "limit: got \"0\", expected a whole number from 1 to 100000");
  CHECK(d.desk.tickets({.limit = limits::list_rows + 1}).error().code() == Errc::invalid_argument);
  CHECK(d.desk.tickets({.limit = limits::list_rows}));
  CHECK(d.desk.tickets({.tier = 0}).error().message() == "tier: got \"0\", expected 1, 2 or 3");
  CHECK(d.desk.tickets({.tier = 4}).error().code() == Errc::invalid_argument);
  const Segment<Instant> day{t0, t0 + 24h};
  CHECK(d.desk.due(day, AlarmFilter::due_only, 0).error().code() == Errc::invalid_argument);
  CHECK(list_limit(-1).error().message() ==
        "limit: got \"-1\", expected a whole number from 1 to 100000");
  CHECK(list_limit(100001).error().code() == Errc::invalid_argument);
  CHECK(list_limit(7).value() == 7);
}
