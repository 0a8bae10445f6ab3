// ServiceDesk: work, fees and their corrections under the ticket's contract, and the notice
// that the month's hour contingent is used up.
#include <algorithm>

#include <fmt/format.h>

#include "service/service_detail.hpp"
#include "tierdesk/service/service_desk.hpp"
#include "tierdesk/contract/statement_store.hpp"

namespace tierdesk {
namespace {

std::chrono::year_month month_of(Instant t, const Zone& zone) {
  const std::chrono::year_month_day d{std::chrono::floor<std::chrono::days>(zone.to_local(t))};
  return d.year() / d.month();
}

std::string month_text(std::chrono::year_month m) {
  return fmt::format("{:04}-{:02}", static_cast<int>(m.year()), static_cast<unsigned>(m.month()));
}

// The ticket's category under its contract (the default when it has none).
Result<const Category*> billing_category(const Contract& k, const Ticket& t) {
  const std::string& name = t.category.empty() ? k.default_category : t.category;
  auto found = find_category(k.billing, name);
  if (!found)
    return fail(Error::invalid(Errc::invalid_argument, "category", name,
                               fmt::format("a category of contract {} ({}); set the ticket's "
                                           "category first",
                                           k.id, service::category_names(k)))
                    .within(t.ref.str()));
  return found;
}

// Whether the statement can price time of this role and kind in `category`.
Result<void> check_rate(const Contract& k, const Category& category, const WorkEntry& w) {
  if (category.treatment != Treatment::billable) return {};
  if (w.kind == WorkKind::on_site && k.billing.on_site_days) return {};
  if (auto rate = hourly_rate(k.billing, w.role, w.kind); !rate)
    return fail(Error::invalid(Errc::invalid_argument, "role",
                               fmt::format("{} ({})", to_string(w.role), to_string(w.kind)),
                               fmt::format("a role and kind contract {} has a rate for", k.id)));
  return {};
}

// When the ticket was closed, if it is.
std::optional<Instant> closed_at(std::span<const HistoryEvent> history) {
  for (auto it = history.rbegin(); it != history.rend(); ++it)
    if (it->kind == HistoryKind::closed) return it->at;
  return std::nullopt;
}

}  // namespace

Result<std::vector<Notification>> ServiceDesk::contingent_notices(const Target& t,
                                                                  const WorkEntry& entry,
                                                                  Instant now) {
  const Contract& k = *t.contract;
  std::vector<Notification> out;
  if (!k.billing.contingent) return out;
  auto category = billing_category(k, t.ticket);
  if (!category) return fail(category.error());
  if ((*category)->treatment != Treatment::contingent) return out;
  auto who = book_.customer(t.ticket.customer);
  if (!who) return fail(who.error());
  const auto month = month_of(entry.start, k.billing.zone);
  const auto& c = *who->customer;
  if (month < c.carried_in_month.value_or(c.start.year() / c.start.month())) return out;
  auto before = statement_from_store(store_, k, c.id, month);
  if (!before) return fail(before.error());
  if (!before->contingent || before->contingent->exhausted) return out;
  auto after = statement_from_store(store_, k, c.id, month, std::span(&entry, 1));
  if (!after) return fail(after.error());
  if (!after->contingent || !after->contingent->exhausted) return out;
  const auto& m = *after->contingent;
  Notification& n = out.emplace_back();
  n.at = now;
  n.kind = to_string(NoticeKind::contingent_exhausted);
  n.recipient = !c.lead.empty() ? c.lead : !c.contact.empty() ? c.contact : c.team;
  n.text = fmt::format(
      "{}: the hour contingent of {} ({} min) is used up by {} ({} min of work from {}); further "
      "work is billed as overage at month end",
      c.name.empty() ? c.id : c.name, month_text(month), m.allowance.count() / 60,
      t.ticket.ref.str(), entry.duration.count() / 60, format_utc(entry.start));
  return out;
}

namespace {

// The seq of the first event of `kind` a commit stored: the entry number of what it recorded.
std::int64_t first_seq(const Committed& done, HistoryKind kind) {
  const auto it = std::ranges::find(done.events, kind, &HistoryEvent::kind);
  return it == done.events.end() ? 0 : it->seq;
}

}  // namespace

Result<WorkEntry> ServiceDesk::log_work(const TicketRef& ref, WorkEntry entry, const Actor& by) {
  if (auto ok = staff_only("work"); !ok) return fail(ok.error());
  std::optional<WorkEntry> stored;
  auto done = with_desk(ref, by.at, [&](Desk& desk, const Target& t) -> Result<Ticket> {
    auto plan = work_plan(ref, std::move(entry), by);
    if (!plan) return fail(plan.error());
    const WorkEntry& w = plan->work.front();
    auto category = billing_category(*t.contract, t.ticket);
    if (!category) return fail(category.error());
    if (auto ok = check_rate(*t.contract, **category, w); !ok) return fail(ok.error().within(ref.str()));
    if (w.start < t.ticket.created_at)
      return fail(Error::invalid(Errc::invalid_argument, "start", format_utc(w.start),
                                 fmt::format("an instant at or after {} opened, {}", ref.str(),
                                             format_utc(t.ticket.created_at))));
    if (w.end() > by.at)
      return fail(Error::invalid(
          Errc::invalid_argument, "start", format_utc(w.start),
          fmt::format("work that has ended when it is booked ({}), not at {}", format_utc(by.at),
                      format_utc(w.end()))));
    auto notices = contingent_notices(t, w, by.at);
    if (!notices) return fail(notices.error());
    for (const auto& n : *notices)
      plan->events.push_back({0, by.at, "desk", HistoryKind::notified, n.kind,
                              {{"kind", n.kind}, {"recipient", n.recipient}}});
    plan->notifications = std::move(*notices);
    auto committed = desk.commit(ref, by.at, [&](const Ticket&, auto history) -> Result<Plan> {
      if (auto closed = closed_at(history); closed && w.start >= *closed)
        return fail(Error::invalid(Errc::invalid_argument, "start", format_utc(w.start),
                                   fmt::format("work started before {} was closed, {}", ref.str(),
                                               format_utc(*closed))));
      return *plan;
    });
    if (!committed) return fail(committed.error());
    stored = w;
    stored->entry = first_seq(*committed, HistoryKind::work_logged);
    return std::move(committed->ticket);
  });
  if (!done) return fail(done.error());
  return std::move(*stored);
}

Result<StoredFee> ServiceDesk::charge_fee(const TicketRef& ref, const std::string& code,
                                          const Actor& by) {
  if (auto ok = staff_only("fee"); !ok) return fail(ok.error());
  if (code.empty()) return fail(Errc::missing_field, "code: a fee needs a code");
  std::optional<StoredFee> stored;
  auto done = with_desk(ref, by.at, [&](Desk& desk, const Target& t) -> Result<Ticket> {
    const auto& fees = t.contract->billing.fees;
    if (!find_fee(t.contract->billing, code)) {
      std::string known;
      for (const auto& f : fees) known += (known.empty() ? "" : ", ") + f.code;
      return fail(Error::invalid(Errc::invalid_argument, "code", code,
                                 known.empty() ? fmt::format("a fee, but contract {} has none",
                                                             t.contract->id)
                                               : "one of " + known));
    }
    Plan plan;
    plan.events.push_back({0, by.at, by.name, HistoryKind::fee_charged, "", {{"code", code}}});
    plan.fees.push_back({code, by.at});
    auto committed = desk.commit(ref, by.at, [&](const Ticket&, auto) -> Result<Plan> { return plan; });
    if (!committed) return fail(committed.error());
    stored = StoredFee{ref, plan.fees.front()};
    stored->fee.entry = first_seq(*committed, HistoryKind::fee_charged);
    return std::move(committed->ticket);
  });
  if (!done) return fail(done.error());
  return std::move(*stored);
}

Result<Ticket> ServiceDesk::reverse_entry(const TicketRef& ref, std::int64_t entry,
                                          const std::string& reason, const Actor& by) {
  if (auto ok = staff_only("reverse"); !ok) return fail(ok.error());
  if (reason.empty()) return fail(Errc::missing_field, "reason: say why the entry is reversed");
  return change(ref, by.at, [&](const Ticket&, auto history) -> Result<Plan> {
    const auto it = std::ranges::find(history, entry, &HistoryEvent::seq);
    if (it == history.end() ||
        (it->kind != HistoryKind::work_logged && it->kind != HistoryKind::fee_charged))
      return fail(Error::invalid(Errc::not_found, "entry", std::to_string(entry),
                                 fmt::format("the seq of a work_logged or fee_charged event of {}",
                                             ref.str())));
    const std::string key = std::to_string(entry);
    if (std::ranges::any_of(history, [&](const HistoryEvent& e) {
          return e.kind == HistoryKind::entry_reversed && e.get("entry") == key;
        }))
      return fail(Errc::conflict, fmt::format("entry: {} event {} is reversed already", ref.str(),
                                              entry));
    Plan plan;
    plan.events.push_back(
        {0, by.at, by.name, HistoryKind::entry_reversed, "", {{"entry", key}, {"reason", reason}}});
    plan.reversals.push_back({entry, {by.at, by.name, reason}});
    return plan;
  });
}

Result<std::vector<WorkEntry>> ServiceDesk::work(WorkFilter filter) {
  if (auto ok = service::scope_customer(scope_, filter.customer); !ok) return fail(ok.error());
  return store_.work(filter);
}

Result<std::vector<StoredFee>> ServiceDesk::fees(WorkFilter filter) {
  if (auto ok = service::scope_customer(scope_, filter.customer); !ok) return fail(ok.error());
  return store_.fees(filter);
}

}  // namespace tierdesk
