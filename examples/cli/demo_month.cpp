// The scripted month of `tierdesk demo`, every step a call of the service desk.
#include "demo_month.hpp"

#include <ostream>
#include <random>
#include <utility>

#include <fmt/ostream.h>

using namespace std::chrono_literals;

namespace tierdesk::cli {
namespace {

constexpr std::string_view subjects[] = {"Cannot log on",         "Printer offline",
                                         "Mailbox does not sync", "VPN drops",
                                         "New user for accounts", "Licence cannot be activated",
                                         "Question about a form", "Slow file server",
                                         "Phone forwarding",      "Error after update"};

struct Replay {
  ServiceDesk& desk;
  std::mt19937 random{20261101};
  DemoCounts counts{};
  bool corrected = false;

  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); }
  bool one_in(int n) { return between(1, n) == 1; }
};

Instant local_instant(const Zone& zone, std::chrono::local_days day, std::chrono::minutes at) {
  return zone.lookup(std::chrono::local_seconds{day} + at).first;
}

void progress(std::ostream& err, bool tty, std::size_t done, std::size_t total) {
  if (!tty || total == 0) return;
  const std::size_t width = 40, filled = done * width / total;
  fmt::print(err, "\rreplaying [{}{}] {:3}%", std::string(filled, '#'),
             std::string(width - filled, ' '), done * 100 / total);
  if (done == total) fmt::print(err, "\n");
  err.flush();
}

std::string agent_of(const ContractCustomer& c) { return c.contact.empty() ? "agent" : c.contact; }

// Work of `minutes` on the ticket from `start`, booked when it ends; the role and kind its
// category calls for in this script.
Result<Instant> work(Replay& r, const Contract& k, const Ticket& t, const std::string& agent,
                     Instant start, int minutes) {
  WorkEntry w{.agent = agent, .start = start, .duration = std::chrono::minutes{minutes}};
  if (t.category == "project") w.role = Role::project;
  if (t.category == "onsite" && k.billing.on_site_days) {
    w.kind = WorkKind::on_site;
    w.duration = std::chrono::minutes{r.between(4, 8) * 60};
  }
  if (auto ok = r.desk.log_work(t.ref, w, {agent, w.end()}); !ok) return fail(ok.error());
  ++r.counts["work entries"];
  return w.end();
}

// Work booked twice by mistake, and its correction.
Result<void> correct(Replay& r, const Contract& k, const Ticket& t, const std::string& agent,
                     Instant start) {
  auto end = work(r, k, t, agent, start, 30);
  if (!end) return fail(end.error());
  auto entries = r.desk.work({.ref = t.ref});
  if (!entries || entries->empty())
    return fail(entries ? Error(Errc::not_found, "work") : entries.error());
  if (auto ok =
          r.desk.reverse_entry(t.ref, entries->back().entry, "booked twice", {agent, *end + 1min});
      !ok)
    return fail(ok.error());
  ++r.counts["corrections"];
  r.corrected = true;
  return {};
}

// A request arriving at `at`: by e-mail through receive, else opened by an agent.
Result<Ticket> arrive(Replay& r, const Contract& k, const ContractCustomer& c, Instant at,
                      Channel channel, bool urgent) {
  const std::string subject(subjects[static_cast<std::size_t>(r.between(0, 9))]);
  const std::string id = fmt::format("<demo.{}.{}@{}.example>", r.counts["tickets"], c.id, k.id);
  ++r.counts["tickets"];
  if (channel == Channel::email) {
    auto got = r.desk.receive({.customer = c.email.empty() ? c.id : "",
                               .from = c.email,
                               .message_id = id,
                               .subject = subject,
                               .body = "Please help.",
                               .urgent = urgent,
                               .at = at});
    if (!got) return fail(got.error());
    return std::move(got->ticket);
  }
  const auto& categories = k.billing.categories;
  const bool pick = !categories.empty() && channel != Channel::on_call && r.one_in(2);
  auto opened =
      r.desk.open({.customer = c.id,
                   .channel = channel,
                   .category = pick ? categories[static_cast<std::size_t>(r.between(
                                                     0, static_cast<int>(categories.size()) - 1))]
                                          .name
                                    : "",
                   .subject = subject,
                   .urgent = urgent,
                   .by = {agent_of(c), at}});
  if (!opened) return fail(opened.error());
  return std::move(opened->ticket);
}

// What the desk does with a request: a reply, maybe the customer's answer by e-mail, an
// escalation, work, a fee for an on-call call, and mostly a resolution. Requests waiting for
// the JourFixe only get the reply.
Result<void> handle(Replay& r, const Contract& k, const ContractCustomer& c, const Ticket& t) {
  const std::string agent = agent_of(c);
  Instant at = t.created_at + std::chrono::minutes{r.between(5, 90)};
  if (auto ok = r.desk.reply(t.ref, ReplyKind::agent_public, "We are on it.", {agent, at}); !ok)
    return fail(ok.error());
  ++r.counts["replies"];
  if (t.jourfixe) return {};
  if (!c.email.empty() && r.one_in(4)) {
    at += std::chrono::minutes{r.between(10, 60)};
    auto got = r.desk.receive({.from = c.email,
                               .message_id = fmt::format("<re.{}@{}.example>", t.ref.str(), c.id),
                               .subject = fmt::format("Re: [{}] {}", t.ref.str(), t.subject),
                               .body = "Thanks, it happens again.",
                               .at = at});
    if (!got) return fail(got.error());
    ++r.counts["customer replies"];
  }
  if (t.tier < max_tier && r.one_in(6)) {
    at += 5min;
    if (auto ok = r.desk.escalate(t.ref, t.tier + 1, "needs the next level", {agent, at}); !ok)
      return fail(ok.error());
    ++r.counts["escalations"];
  }
  if (t.channel == Channel::on_call && !k.billing.fees.empty()) {
    if (auto ok = r.desk.charge_fee(t.ref, k.billing.fees.front().code, {agent, at}); !ok)
      return fail(ok.error());
    ++r.counts["fees"];
  }
  auto end = work(r, k, t, agent, at + 5min, r.between(5, 120));
  if (!end) return fail(end.error());
  if (!r.corrected && !k.fee_rules.empty())
    if (auto ok = correct(r, k, t, agent, *end); !ok) return fail(ok.error());
  if (r.one_in(5)) return {};
  auto done = r.desk.set_status(t.ref, TicketStatus::resolved, {agent, *end + 1h});
  return done ? Result<void>{} : fail(done.error());
}

// The JourFixe of contract `k` when one falls on `day`: each waiting request is worked on and
// resolved, or now and then carried over.
Result<void> meeting(Replay& r, const Contract& k, std::chrono::local_days day) {
  const Zone& zone = k.billing.zone;
  auto queue = r.desk.jourfixe_queue(k.id, local_instant(zone, day, 0min));
  if (!queue) return fail(queue.error());
  if (!queue->next_slot ||
      *queue->next_slot >= local_instant(zone, day + std::chrono::days{1}, 0min))
    return {};
  for (const auto& t : queue->tickets) {
    const std::string agent = t.assignee.empty() ? "agent" : t.assignee;
    auto end = work(r, k, t, agent, *queue->next_slot, r.between(1, 4) * 15);
    if (!end) return fail(end.error());
    const bool carry = r.one_in(4);
    if (auto ok = r.desk.record_jourfixe(
            t.ref, carry ? JourFixeOutcome::carried_over : JourFixeOutcome::resolved,
            carry ? "waiting for parts" : "done", {agent, *end + 1min});
        !ok)
      return fail(ok.error());
    ++r.counts["JourFixe outcomes"];
  }
  return {};
}

// An urgent call about an emergency that displaced booked appointments (contracts with an
// emergency surcharge), handled at once.
Result<void> emergency(Replay& r, const Contract& k, const ContractCustomer& c, Instant at) {
  auto t = arrive(r, k, c, at, Channel::phone, true);
  if (!t) return fail(t.error());
  const std::string agent = agent_of(c);
  if (auto ok = r.desk.mark_emergency(t->ref, "the afternoon's booked appointments were moved",
                                      {agent, at + 5min});
      !ok)
    return fail(ok.error());
  ++r.counts["emergencies"];
  auto end = work(r, k, *t, agent, at + 10min, 120);
  if (!end) return fail(end.error());
  auto done = r.desk.set_status(t->ref, TicketStatus::resolved, {agent, *end + 5min});
  return done ? Result<void>{} : fail(done.error());
}

Result<void> replay_day(Replay& r, const Contract& k, std::chrono::local_days day) {
  if (k.jourfixe)
    if (auto ok = meeting(r, k, day); !ok) return fail(ok.error());
  const Zone& zone = k.billing.zone;
  for (const auto& c : k.customers) {
    if (std::chrono::sys_days{day.time_since_epoch()} < std::chrono::sys_days{c.start}) continue;
    if (k.billing.emergency && r.counts["emergencies"] == 0 &&
        std::chrono::year_month_day{day}.day() >= std::chrono::day{10})
      if (auto ok = emergency(r, k, c, local_instant(zone, day, 14h)); !ok) return fail(ok.error());
    for (int n = r.between(0, 2); n > 0; --n) {
      Instant at = local_instant(zone, day, std::chrono::minutes{r.between(7 * 60, 16 * 60)});
      const int pick = r.between(0, 2);
      Channel channel = pick == 0 ? Channel::phone : pick == 1 ? Channel::email : Channel::portal;
      if (!k.fee_rules.empty() && r.one_in(10)) {  // a call to the on-call line in the evening
        channel = k.fee_rules.front().channel;
        at += 10h;
      }
      auto t = arrive(r, k, c, at, channel, k.jourfixe && r.one_in(6));
      if (!t) return fail(t.error());
      if (auto ok = handle(r, k, c, *t); !ok) return fail(ok.error().within(t->ref.str()));
    }
  }
  return {};
}

}  // namespace

Result<DemoCounts> replay_month(ServiceDesk& desk, const ContractBook& book,
                                std::chrono::year_month month, std::ostream& progress_to,
                                bool tty) {
  Replay r{desk};
  const std::chrono::local_days first{month / 1};
  const std::chrono::local_days last{month / std::chrono::last};
  const auto days = static_cast<std::size_t>((last - first).count() + 1);
  const std::size_t total = book.contracts().size() * days;
  std::size_t done = 0;
  for (const auto& k : book.contracts()) {
    for (auto day = first; day <= last; day += std::chrono::days{1}) {
      progress(progress_to, tty, done++, total);
      const std::chrono::weekday wd{day};
      if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) continue;
      if (auto ok = replay_day(r, k, day); !ok) return fail(ok.error().within(k.id));
    }
  }
  progress(progress_to, tty, total, total);
  return std::move(r.counts);
}

// "117 tickets, 1 correction, …" in this order.
std::string summary(const DemoCounts& counts) {
  constexpr std::pair<const char*, const char*> names[] = {
      {"tickets", "ticket"},
      {"replies", "reply"},
      {"customer replies", "customer reply"},
      {"escalations", "escalation"},
      {"work entries", "work entry"},
      {"corrections", "correction"},
      {"fees", "fee"},
      {"emergencies", "emergency"},
      {"JourFixe outcomes", "JourFixe outcome"}};
  std::string out;
  for (const auto& [plural, singular] : names)
    if (auto it = counts.find(plural); it != counts.end() && it->second > 0)
      out += fmt::format("{}{} {}", out.empty() ? "" : ", ", it->second,
                         it->second == 1 ? singular : plural);
  return out;
}

}  // namespace tierdesk::cli
