// ServiceDesk: scope, lookups, opening and the changes agents make, under the ticket's contract.
#include "tierdesk/service/service_desk.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "service/service_detail.hpp"
#include "tierdesk/desk/escalation.hpp"
#include "tierdesk/base/limits.hpp"
#include "tierdesk/contract/statement_store.hpp"

namespace tierdesk {

using service::by_voice;
using service::not_found;

namespace {

// The category a new ticket gets: the request's, else the contract's default.
Result<const Category*> opening_category(const Contract& k, const std::string& requested) {
  const std::string& name = requested.empty() ? k.default_category : requested;
  if (name.empty())
    return fail(Error(Errc::missing_field,
                      fmt::format("category: required, contract {} has no default_category", k.id)));
  auto found = find_category(k.billing, name);
  if (!found)
    return fail(Error::invalid(Errc::invalid_argument, "category", name,
                               fmt::format("a category of contract {} ({})", k.id,
                                           service::category_names(k))));
  return *found;
}

Result<void> check_priority(const Contract& k, const std::string& priority) {
  if (!k.sla || k.sla->priority_index(priority) >= 0) return {};
  std::string known;
  for (const auto& p : k.sla->spec().priorities) known += (known.empty() ? "" : ", ") + p;
  return fail(Error::invalid(Errc::invalid_argument, "priority", priority,
                             fmt::format("a priority of contract {} ({})", k.id, known)));
}

HistoryEvent desk_event(Instant at, HistoryKind kind, std::string value = {}, Payload p = {}) {
  return {0, at, "desk", kind, std::move(value), std::move(p)};
}

}  // namespace

namespace {

Error bad_limit(std::string_view shown) {
  return Error::invalid(Errc::invalid_argument, "limit", shown,
                        fmt::format("a whole number from 1 to {}", limits::list_rows));
}

Result<void> check_limit(std::size_t limit) {
  if (limit >= 1 && limit <= limits::list_rows) return {};
  return fail(bad_limit(std::to_string(limit)));
}

}  // namespace

Result<std::size_t> list_limit(std::int64_t limit) {
  if (limit < 1) return fail(bad_limit(std::to_string(limit)));
  const auto n = static_cast<std::size_t>(limit);
  if (auto ok = check_limit(n); !ok) return fail(ok.error());
  return n;
}

std::string_view to_string(IntakeOutcome o) noexcept {
  switch (o) {
    case IntakeOutcome::opened: return "opened";
    case IntakeOutcome::appended: return "appended";
    case IntakeOutcome::duplicate: return "duplicate";
  }
  return "?";
}

Result<const Contract*> ServiceDesk::contract_of(const Ticket& ticket) const {
  auto k = book_.contract(ticket.contract);
  if (!k) return fail(k.error().within(ticket.ref.str()));
  return k;
}

Result<void> ServiceDesk::staff_only(std::string_view what) const {
  if (!scope_.is_customer()) return {};
  return fail(Errc::forbidden, fmt::format("{}: not for a customer", what));
}

Result<CustomerOf> ServiceDesk::visible_customer(std::string_view customer) const {
  if (scope_.is_customer() && customer != scope_.customer)
    return fail(Error(Errc::not_found, fmt::format("customer {}: not found", customer)));
  return book_.customer(customer);
}

Result<ServiceDesk::Target> ServiceDesk::target(const TicketRef& ref) {
  auto t = store_.ticket(ref);
  if (!t) return fail(t.error().is(Errc::not_found) ? not_found(ref) : t.error());
  return target_of(std::move(*t));
}

Result<ServiceDesk::Target> ServiceDesk::target_of(Ticket ticket) {
  if (scope_.is_customer() && ticket.customer != scope_.customer) return fail(not_found(ticket.ref));
  auto k = contract_of(ticket);
  if (!k) return fail(k.error());
  return Target{std::move(ticket), *k, book_.desk_config(**k)};
}

void ServiceDesk::publish(const Ticket& ticket, const std::vector<Notification>& notifications) {
  if (notifier_ == nullptr) return;
  for (const auto& n : notifications) {
    auto kind = parse_notice_kind(n.kind);
    if (!kind) continue;  // a record of a kind no notifier delivers
    notifier_->notify({.kind = *kind,
                       .ref = ticket.ref,
                       .customer = ticket.customer,
                       .recipient = n.recipient,
                       .text = n.text,
                       .at = n.at,
                       .delivered_at = n.at});
  }
}

Result<Ticket> ServiceDesk::follow_rules(const Target& t, Instant now) {
  const auto& rules = t.contract->escalation;
  const bool category_rule = std::ranges::any_of(rules, [&](const EscalationRule& r) {
    return r.trigger == EscalationTrigger::category && r.category == t.ticket.category;
  });
  if (!category_rule) return t.ticket;
  Desk desk(store_, *t.desk);
  auto done = desk.commit(t.ticket.ref, now, [&](const Ticket& state, auto history) -> Result<Plan> {
    auto clocks = store_.clocks(state.ref);
    if (!clocks) return fail(clocks.error());
    return escalations(state, history, *clocks, rules, now, t.desk->tiers);
  });
  if (!done) return fail(done.error());
  publish(done->ticket, done->notifications);
  return std::move(done->ticket);
}

Result<Ticket> ServiceDesk::with_desk(const TicketRef& ref, Instant now, const DeskOp& op) {
  auto t = target(ref);
  if (!t) return fail(t.error());
  Desk desk(store_, *t->desk);
  desk.on_commit([this](const Committed& c) { publish(c.ticket, c.notifications); });
  auto done = op(desk, *t);
  if (!done) return fail(done.error());
  t->ticket = std::move(*done);
  return follow_rules(*t, now);
}

Result<Ticket> ServiceDesk::change(const TicketRef& ref, Instant now, const Desk::Decide& decide) {
  return with_desk(ref, now, [&](Desk& desk, const Target&) { return desk.change(ref, now, decide); });
}

Result<Opened> ServiceDesk::open(const TicketRequest& r) {
  const std::string customer = r.customer.empty() ? scope_.customer : r.customer;
  if (customer.empty()) return fail(Errc::missing_field, "customer: required");
  if (scope_.is_customer() && customer != scope_.customer)
    return fail(Error::invalid(Errc::forbidden, "customer", customer,
                               fmt::format("\"{}\", the customer of this scope", scope_.customer)));
  if (scope_.is_customer() && (r.tier || !r.assignee.empty()))
    return fail(Errc::forbidden, "tier, assignee: set by the desk, not by a customer");
  // A phone or on-call request is one the desk's staff took; a customer claiming one would
  // pass as an emergency where the contract takes emergencies by phone only.
  if (scope_.is_customer() && service::by_voice(r.channel))
    return fail(Error::invalid(Errc::forbidden, "channel", to_string(r.channel),
                               "email or portal for a customer's own request"));
  auto who = book_.customer(customer);
  if (!who) return fail(who.error());
  const Contract& k = *who->contract;
  if (!r.contract.empty() && r.contract != k.id) {
    if (auto named = book_.contract(r.contract); !named) return fail(named.error());
    return fail(Error::invalid(scope_.is_customer() ? Errc::forbidden : Errc::invalid_argument,
                               "contract", r.contract,
                               fmt::format("{}, the contract of customer {}", k.id, customer)));
  }
  auto category = opening_category(k, r.category);
  if (!category) return fail(category.error());
  const bool urgent_by_email = r.urgent && k.emergencies_phone_only && !by_voice(r.channel);
  std::string priority = r.priority;
  if (priority.empty() && r.urgent && !urgent_by_email) priority = k.urgent_priority;
  if (priority.empty()) priority = default_priority(k, *category);
  if (auto ok = check_priority(k, priority); !ok) return fail(ok.error());
  if (r.subject.empty()) return fail(Errc::missing_field, "subject: required");

  if (!r.external_id.empty()) {
    auto existing = store_.find_external(r.external_id);
    if (!existing) return fail(existing.error());
    if (*existing) {
      auto t = store_.ticket(**existing);
      if (!t) return fail(t.error());
      if (t->customer != customer) return fail(service::external_id_taken(r.external_id));
      return Opened{std::move(*t), false};
    }
  }

  const auto& contact = who->customer->contact;
  const auto& team = who->customer->team;
  OpenRequest o{.customer = customer,
                .contract = k.id,
                .channel = r.channel,
                .category = (*category)->name,
                .priority = priority,
                .tier = r.tier.value_or((*category)->tier),
                .assignee = !r.assignee.empty() ? r.assignee : !contact.empty() ? contact : team,
                .subject = r.subject,
                .external_id = r.external_id,
                .body = r.body,
                .by = r.by};
  if (urgent_by_email) {
    const std::string recipient = !team.empty() ? team : o.assignee;
    o.then.events.push_back(desk_event(r.by.at, HistoryKind::flagged,
                                       std::string(urgent_by_email_flag),
                                       {{"reason", "emergencies are accepted by phone only"}}));
    o.then.events.push_back(desk_event(
        r.by.at, HistoryKind::notified, std::string(to_string(NoticeKind::urgent_by_email)),
        {{"kind", std::string(to_string(NoticeKind::urgent_by_email))},
         {"recipient", recipient}}));
    Notification& n = o.then.notifications.emplace_back();
    n.at = r.by.at;
    n.kind = to_string(NoticeKind::urgent_by_email);
    n.recipient = recipient;
    n.text = fmt::format("{} sent an urgent request by e-mail (\"{}\"); emergencies are taken by "
                         "phone only: call the customer back",
                         customer, r.subject);
  }
  if (k.jourfixe) {
    const bool handle_now = r.urgent && !urgent_by_email;
    o.then.events.push_back(desk_event(
        r.by.at, handle_now ? HistoryKind::urgent : HistoryKind::queued_for_jourfixe));
  }
  Desk desk(store_, *book_.desk_config(k));
  auto made = desk.create(o);
  if (!made) return fail(made.error());
  // A concurrent request with the same external id may have won the race.
  if (made->ticket.customer != customer) return fail(service::external_id_taken(r.external_id));
  if (!made->created) return Opened{std::move(made->ticket), false};
  publish(made->ticket, made->notifications);
  auto after = follow_rules({made->ticket, &k, book_.desk_config(k)}, r.by.at);
  if (!after) return fail(after.error());
  return Opened{std::move(*after), true};
}

Result<Ticket> ServiceDesk::ticket(const TicketRef& ref) {
  auto t = target(ref);
  if (!t) return fail(t.error());
  return std::move(t->ticket);
}

Result<std::vector<Ticket>> ServiceDesk::tickets(TicketFilter filter) {
  if (auto ok = check_limit(filter.limit); !ok) return fail(ok.error());
  if (filter.tier && (*filter.tier < min_tier || *filter.tier > max_tier))
    return fail(Error::invalid(Errc::invalid_argument, "tier", std::to_string(*filter.tier), "1, 2 or 3"));
  if (auto ok = service::scope_customer(scope_, filter.customer); !ok) return fail(ok.error());
  // No silent empty list for a name the contracts do not know.
  if (filter.customer)
    if (auto known = book_.customer(*filter.customer); !known) return fail(known.error());
  if (filter.contract)
    if (auto known = book_.contract(*filter.contract); !known) return fail(known.error());
  return store_.tickets(filter);
}

Result<std::vector<HistoryEvent>> ServiceDesk::history(const TicketRef& ref) {
  if (auto ok = staff_only("history"); !ok) return fail(ok.error());
  auto t = target(ref);
  if (!t) return fail(t.error());
  return store_.history(ref);
}

Result<std::vector<ClockEntry>> ServiceDesk::clocks(const TicketRef& ref) {
  auto t = target(ref);
  if (!t) return fail(t.error());
  return store_.clocks(ref);
}

Result<ServiceDesk::TicketView> ServiceDesk::show(const TicketRef& ref) {
  // The ticket and its clocks in one read, then target()'s checks.
  auto both = store_.ticket_with_clocks(ref);
  if (!both) return fail(both.error().is(Errc::not_found) ? not_found(ref) : both.error());
  auto t = target_of(std::move(both->ticket));
  if (!t) return fail(t.error());
  return TicketView{std::move(t->ticket), std::move(both->clocks)};
}

Result<std::vector<ClockAlarm>> ServiceDesk::due(Segment<Instant> window, AlarmFilter filter,
                                                 std::size_t limit) {
  if (auto ok = staff_only("due"); !ok) return fail(ok.error());
  if (auto ok = check_limit(limit); !ok) return fail(ok.error());
  return store_.alarms(window, filter, limit);
}

Result<Ticket> ServiceDesk::set_status(const TicketRef& ref, TicketStatus to, const Actor& by) {
  if (auto ok = staff_only("status"); !ok) return fail(ok.error());
  return with_desk(ref, by.at,
                   [&](Desk& desk, const Target&) { return desk.set_status(ref, to, by); });
}

Result<Ticket> ServiceDesk::set_priority(const TicketRef& ref, const std::string& priority,
                                         const Actor& by) {
  if (auto ok = staff_only("priority"); !ok) return fail(ok.error());
  return with_desk(ref, by.at, [&](Desk& desk, const Target& t) -> Result<Ticket> {
    if (auto ok = check_priority(*t.contract, priority); !ok) return fail(ok.error());
    return desk.set_priority(ref, priority, by);
  });
}

Result<Ticket> ServiceDesk::set_category(const TicketRef& ref, const std::string& category,
                                         const Actor& by) {
  if (auto ok = staff_only("category"); !ok) return fail(ok.error());
  return with_desk(ref, by.at, [&](Desk& desk, const Target& t) -> Result<Ticket> {
    if (category.empty()) return fail(Errc::invalid_argument, "category: must not be empty");
    if (auto found = opening_category(*t.contract, category); !found) return fail(found.error());
    return desk.set_category(ref, category, by);
  });
}

Result<Ticket> ServiceDesk::assign(const TicketRef& ref, const std::string& assignee,
                                   const Actor& by) {
  if (auto ok = staff_only("assignee"); !ok) return fail(ok.error());
  if (assignee.empty()) return fail(Errc::invalid_argument, "assignee: must not be empty");
  return with_desk(ref, by.at,
                   [&](Desk& desk, const Target&) { return desk.assign(ref, assignee, by); });
}

Result<Ticket> ServiceDesk::reply(const TicketRef& ref, ReplyKind kind, const std::string& body,
                                  const Actor& by) {
  if (scope_.is_customer() && kind != ReplyKind::customer)
    return fail(Error::invalid(Errc::forbidden, "kind", to_string(kind), "customer"));
  return with_desk(ref, by.at,
                   [&](Desk& desk, const Target&) { return desk.reply(ref, kind, body, by); });
}

Result<Ticket> ServiceDesk::escalate(const TicketRef& ref, int tier, const std::string& reason,
                                     const Actor& by) {
  if (auto ok = staff_only("escalate"); !ok) return fail(ok.error());
  return with_desk(ref, by.at,
                   [&](Desk& desk, const Target&) { return desk.escalate(ref, tier, reason, by); });
}

Result<Ticket> ServiceDesk::mark_emergency(const TicketRef& ref, const std::string& reason,
                                           const Actor& by) {
  if (auto ok = staff_only("emergency"); !ok) return fail(ok.error());
  return with_desk(ref, by.at, [&](Desk& desk, const Target& t) -> Result<Ticket> {
    if (!t.contract->billing.emergency)
      return fail(Errc::invalid_argument,
                  fmt::format("emergency: contract {} has no emergency surcharge", t.contract->id));
    if (reason.empty())
      return fail(Errc::missing_field, "reason: say which appointments the emergency displaced");
    return desk.flag(ref, displaced_appointments_flag, reason, by);
  });
}

Result<ServiceDesk::JourFixeQueue> ServiceDesk::jourfixe_queue(std::string_view contract,
                                                              Instant now) {
  if (auto ok = staff_only("jourfixe"); !ok) return fail(ok.error());
  auto k = book_.contract(contract);
  if (!k) return fail(k.error());
  if (!(*k)->jourfixe)
    return fail(Errc::invalid_argument,
                fmt::format("contract {}: requests do not wait for a JourFixe", contract));
  auto queued = store_.jourfixe_batch(contract);
  if (!queued) return fail(queued.error());
  JourFixeQueue q{std::move(*queued), std::nullopt};
  if ((*k)->sla && (*k)->sla->jourfixe() != nullptr) {
    auto slot = (*k)->sla->jourfixe()->next_slot(now);
    if (!slot) return fail(slot.error());
    q.next_slot = *slot;
  }
  return q;
}

Result<Ticket> ServiceDesk::record_jourfixe(const TicketRef& ref, JourFixeOutcome outcome,
                                            const std::string& note, const Actor& by) {
  if (auto ok = staff_only("jourfixe"); !ok) return fail(ok.error());
  return with_desk(ref, by.at, [&](Desk& desk, const Target&) {
    return desk.record_jourfixe(ref, outcome, note, by);
  });
}

}  // namespace tierdesk
