// Desk: reading, deciding, recomputing clocks and storing in one transaction.
#include "tierdesk/desk/desk.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "tierdesk/base/limits.hpp"

namespace tierdesk {
namespace {

constexpr int max_attempts = 5;

Error over_budget(std::string_view field, std::size_t size, std::size_t limit) {
  return Error(Errc::out_of_range,
               fmt::format("{}: {} bytes, more than the limit of {}", field, size, limit));
}

// The field an event's value stands for, in errors.
std::string_view value_field(HistoryKind kind) {
  switch (kind) {
    case HistoryKind::status: return "status";
    case HistoryKind::priority: return "priority";
    case HistoryKind::category: return "category";
    case HistoryKind::tier: return "tier";
    case HistoryKind::assigned: return "assignee";
    case HistoryKind::flagged: return "flag";
    default: return "value";
  }
}

// The budgets of stored text (limits.hpp), checked on every event before it is stored: the
// actor, the event's value and the names and codes of its payload up to name_bytes, a body
// (replies, messages) up to body_bytes, every other text (subject, reason, note, sender,
// Message-ID) up to line_bytes.
Result<void> check_budgets(const HistoryEvent& e) {
  if (e.actor.size() > limits::name_bytes) return fail(over_budget("actor", e.actor.size(), limits::name_bytes));
  if (e.value.size() > limits::name_bytes)
    return fail(over_budget(value_field(e.kind), e.value.size(), limits::name_bytes));
  for (const auto& [key, value] : e.payload) {
    const bool name = key == "customer" || key == "contract" || key == "category" ||
                      key == "priority" || key == "assignee" || key == "external_id" ||
                      key == "agent" || key == "code";
    const std::size_t limit = key == "body" ? limits::body_bytes
                              : name        ? limits::name_bytes
                                            : limits::line_bytes;
    if (value.size() > limit) return fail(over_budget(key, value.size(), limit));
  }
  return {};
}

// The calendar year of `t` in `zone`.
int local_year(const Zone& zone, Instant t) {
  const std::chrono::year_month_day d{std::chrono::floor<std::chrono::days>(zone.to_local(t))};
  return static_cast<int>(d.year());
}

HistoryEvent event(const Actor& by, HistoryKind kind, std::string value = {}, Payload payload = {}) {
  return {0, by.at, by.name, kind, std::move(value), std::move(payload)};
}

Result<Plan> single(HistoryEvent e) { return Plan{{std::move(e)}, {}}; }

constexpr std::array<std::string_view, 3> reply_names{"public", "internal", "customer"};
constexpr std::array<std::string_view, 2> outcome_names{"resolved", "carried_over"};

}  // namespace

std::string_view to_string(ReplyKind k) noexcept { return reply_names[static_cast<std::size_t>(k)]; }

Result<ReplyKind> parse_reply_kind(std::string_view text) {
  for (std::size_t i = 0; i < reply_names.size(); ++i)
    if (reply_names[i] == text) return static_cast<ReplyKind>(i);
  return fail(Error::invalid(Errc::invalid_argument, "kind", text, "public, internal or customer"));
}

std::string_view to_string(JourFixeOutcome o) noexcept {
  return outcome_names[static_cast<std::size_t>(o)];
}

Result<JourFixeOutcome> parse_jourfixe_outcome(std::string_view text) {
  for (std::size_t i = 0; i < outcome_names.size(); ++i)
    if (outcome_names[i] == text) return static_cast<JourFixeOutcome>(i);
  return fail(Error::invalid(Errc::invalid_argument, "outcome", text, "resolved or carried_over"));
}

Result<std::vector<ClockEntry>> Desk::clocks_for(const Ticket& state,
                                                 std::span<const HistoryEvent> history,
                                                 Instant now) const {
  if (!config_.clocks) return std::vector<ClockEntry>{};
  return config_.clocks(state, history, now);
}

bool Desk::keeps_clocks(std::span<const HistoryEvent> events) {
  // A flag may switch the SLA off ("no-sla"), so flags recompute.
  return std::ranges::all_of(events, [](const HistoryEvent& e) {
    return !is_sla_kind(e.kind) && e.kind != HistoryKind::flagged;
  });
}

Result<Ticket> Desk::open(const OpenRequest& r) {
  auto made = create(r);
  if (!made) return fail(made.error());
  return std::move(made->ticket);
}

Result<Committed> Desk::create(const OpenRequest& r) {
  const auto existing_ticket = [&]() -> Result<std::optional<Ticket>> {
    auto existing = store_.find_external(r.external_id);
    if (!existing) return fail(existing.error());
    if (!*existing) return std::optional<Ticket>{};
    auto t = store_.ticket(**existing);
    if (!t) return fail(t.error());
    return std::optional<Ticket>(std::move(*t));
  };
  if (!r.external_id.empty()) {
    auto existing = existing_ticket();
    if (!existing) return fail(existing.error());
    if (*existing) return Committed{std::move(**existing), {}, false};
  }
  if (r.customer.empty()) return fail(Errc::missing_field, "customer: required");
  if (r.contract.empty()) return fail(Errc::missing_field, "contract: required");
  if (r.tier < min_tier || r.tier > max_tier)
    return fail(Error::invalid(Errc::invalid_argument, "tier", std::to_string(r.tier), "1, 2 or 3"));
  Payload p{{"customer", r.customer}, {"contract", r.contract},
            {"channel", std::string(to_string(r.channel))}, {"tier", std::to_string(r.tier)}};
  for (const auto& [key, value] :
       {std::pair<const char*, const std::string*>{"category", &r.category}, {"priority", &r.priority},
        {"assignee", &r.assignee}, {"subject", &r.subject}, {"external_id", &r.external_id},
        {"body", &r.body}})
    if (!value->empty()) p.emplace(key, *value);
  for (const auto& [key, value] : r.details) p.emplace(key, value);
  TicketChange c;
  c.events.push_back({1, r.by.at, r.by.name, HistoryKind::created, "", std::move(p)});
  for (const auto& e : r.then.events) {
    c.events.push_back(e);
    c.events.back().seq = static_cast<std::int64_t>(c.events.size());
    if (c.events.back().at == Instant{}) c.events.back().at = r.by.at;
  }
  if (c.events.size() > limits::events_per_ticket)
    return fail(Error(Errc::out_of_range,
                      fmt::format("history: {} events, more than the limit of {} a ticket",
                                  c.events.size(), limits::events_per_ticket)));
  for (const auto& e : c.events)
    if (auto ok = check_budgets(e); !ok) return fail(ok.error());
  const int year = local_year(config_.zone, r.by.at);
  auto state = fold(TicketRef{config_.prefix, year, 1}, c.events);
  if (!state) return fail(state.error());
  c.state = std::move(*state);
  c.notifications = r.then.notifications;
  c.work = r.then.work;
  c.fees = r.then.fees;
  for (auto& n : c.notifications)
    if (n.at == Instant{}) n.at = r.by.at;
  auto clocks = clocks_for(c.state, c.events, r.by.at);
  if (!clocks) return fail(clocks.error().within("new ticket"));
  c.clocks = std::move(*clocks);
  auto made = store_.create(config_.prefix, year, std::span(&c, 1));
  if (made) {
    Committed done{std::move(made->front()), std::move(c.notifications), true, std::move(c.events)};
    if (on_commit_) on_commit_(done);
    return done;
  }
  // Two deliveries of one message racing: the loser returns the winner's ticket.
  if (made.error().is(Errc::conflict) && !r.external_id.empty()) {
    auto existing = existing_ticket();
    if (existing && *existing) return Committed{std::move(**existing), {}, false};
  }
  return fail(made.error());
}

Result<Ticket> Desk::change(const TicketRef& ref, Instant now, const Decide& decide) {
  auto done = commit(ref, now, decide);
  if (!done) return fail(done.error());
  return std::move(done->ticket);
}

Result<Committed> Desk::commit(const TicketRef& ref, Instant now, const Decide& decide) {
  for (int attempt = 1;; ++attempt) {
    auto history = store_.history(ref);
    if (!history) return fail(history.error());
    auto state = fold(ref, *history);
    if (!state) return fail(state.error());
    auto plan = decide(*state, *history);
    if (!plan) return fail(plan.error());
    if (plan->events.empty()) return Committed{std::move(*state)};
    if (history->size() + plan->events.size() > limits::events_per_ticket)
      return fail(Error(Errc::out_of_range,
                        fmt::format("{}: history: {} events, more than the limit of {} a ticket",
                                    ref.str(), history->size() + plan->events.size(),
                                    limits::events_per_ticket)));
    for (const auto& e : plan->events)
      if (auto ok = check_budgets(e); !ok) return fail(ok.error().within(ref.str()));
    TicketChange c;
    c.state = std::move(*state);
    for (auto& e : plan->events) {
      e.seq = c.state.version + 1;
      if (e.at == Instant{}) e.at = now;
      if (auto ok = apply(c.state, e, e.seq); !ok) {
        Error err = ok.error();
        return fail(Error(err.code() == Errc::invalid_event ? Errc::invalid_transition : err.code(),
                          fmt::format("{}: {}", ref.str(), err.message())));
      }
      history->push_back(e);
    }
    for (auto& n : plan->notifications) {
      n.ref = ref;
      if (n.at == Instant{}) n.at = now;
    }
    auto clocks =
        keeps_clocks(plan->events) ? store_.clocks(ref) : clocks_for(c.state, *history, now);
    if (!clocks) return fail(clocks.error().within(ref.str()));
    c.clocks = std::move(*clocks);
    c.events = std::move(plan->events);
    c.notifications = std::move(plan->notifications);
    c.work = std::move(plan->work);
    c.fees = std::move(plan->fees);
    c.reversals = std::move(plan->reversals);
    auto ok = store_.update(c);
    if (ok) {
      Committed done{std::move(c.state), std::move(c.notifications), false, std::move(c.events)};
      if (on_commit_) on_commit_(done);
      return done;
    }
    if (!ok.error().is(Errc::conflict) || attempt == max_attempts) return fail(ok.error());
  }
}

Result<Ticket> Desk::set_status(const TicketRef& ref, TicketStatus to, const Actor& by) {
  return change(ref, by.at, [&](const Ticket& t, auto) -> Result<Plan> {
    if (auto ok = check_transition(t.status, to); !ok)
      return fail(ok.error().within(ref.str()));
    if (to == TicketStatus::resolved) return single(event(by, HistoryKind::resolved));
    if (to == TicketStatus::closed) return single(event(by, HistoryKind::closed));
    if (t.status == TicketStatus::resolved) return single(event(by, HistoryKind::reopened));
    return single(event(by, HistoryKind::status, std::string(to_string(to))));
  });
}

Result<Ticket> Desk::set_priority(const TicketRef& ref, const std::string& priority, const Actor& by) {
  if (priority.empty()) return fail(Errc::invalid_argument, "priority: must not be empty");
  return change(ref, by.at, [&](const Ticket& t, auto) -> Result<Plan> {
    if (t.priority == priority) return Plan{};
    return single(event(by, HistoryKind::priority, priority));
  });
}

Result<Ticket> Desk::set_category(const TicketRef& ref, const std::string& category, const Actor& by) {
  if (category.empty()) return fail(Errc::invalid_argument, "category: must not be empty");
  return change(ref, by.at, [&](const Ticket& t, auto) -> Result<Plan> {
    if (t.category == category) return Plan{};
    return single(event(by, HistoryKind::category, category));
  });
}

Result<Ticket> Desk::escalate(const TicketRef& ref, int tier, const std::string& reason, const Actor& by) {
  if (tier < min_tier || tier > max_tier)
    return fail(Error::invalid(Errc::invalid_argument, "tier", std::to_string(tier), "1, 2 or 3"));
  if (reason.empty()) return fail(Errc::invalid_argument, "reason: an escalation needs a reason");
  return change(ref, by.at, [&](const Ticket& t, auto) -> Result<Plan> {
    if (t.tier == tier)
      return fail(Errc::invalid_argument, fmt::format("tier: {} is already at tier {}", ref.str(), tier));
    Plan plan;
    plan.events.push_back(event(by, HistoryKind::tier, std::to_string(tier),
                                {{"reason", reason}, {"from", std::to_string(t.tier)}}));
    const auto name = config_.tiers.name(tier);
    plan.notifications.push_back({0, ref, by.at, tier > t.tier ? "escalated" : "de-escalated",
                                  std::string(name ? *name : std::string_view()),
                                  fmt::format("{} moved to {}: {}", ref.str(),
                                              name ? *name : std::string_view(), reason)});
    plan.events.push_back(event(by, HistoryKind::notified, "",
                                {{"kind", plan.notifications.back().kind},
                                 {"recipient", plan.notifications.back().recipient}}));
    return plan;
  });
}

Result<Ticket> Desk::assign(const TicketRef& ref, const std::string& assignee, const Actor& by) {
  return change(ref, by.at, [&](const Ticket& t, auto) -> Result<Plan> {
    if (t.assignee == assignee) return Plan{};
    return single(event(by, HistoryKind::assigned, assignee));
  });
}

Result<Ticket> Desk::reply(const TicketRef& ref, ReplyKind kind, const std::string& body, const Actor& by) {
  if (body.empty()) return fail(Errc::invalid_argument, "body: a reply needs text");
  return change(ref, by.at, [&](const Ticket& t, auto) -> Result<Plan> {
    if (t.status == TicketStatus::closed)
      return fail(Errc::invalid_transition, fmt::format("{}: the ticket is closed", ref.str()));
    Plan plan;
    switch (kind) {
      case ReplyKind::agent_public:
        plan.events.push_back(event(by, HistoryKind::agent_public_reply, "", {{"body", body}}));
        if (t.status == TicketStatus::new_ticket)
          plan.events.push_back(event(by, HistoryKind::status, "open"));
        break;
      case ReplyKind::agent_internal:
        plan.events.push_back(event(by, HistoryKind::agent_internal_note, "", {{"body", body}}));
        break;
      case ReplyKind::customer:
        plan.events.push_back(event(by, HistoryKind::customer_reply, "", {{"body", body}}));
        if (t.status == TicketStatus::pending_customer)
          plan.events.push_back(event(by, HistoryKind::status, "open"));
        if (t.status == TicketStatus::resolved) plan.events.push_back(event(by, HistoryKind::reopened));
        break;
    }
    return plan;
  });
}

Result<Ticket> Desk::record_jourfixe(const TicketRef& ref, JourFixeOutcome outcome,
                                    const std::string& note, const Actor& by) {
  return change(ref, by.at, [&](const Ticket& t, auto) -> Result<Plan> {
    if (!t.jourfixe)
      return fail(Errc::invalid_transition, fmt::format("{}: not in the JourFixe queue", ref.str()));
    const auto kind = outcome == JourFixeOutcome::resolved ? HistoryKind::resolved
                                                           : HistoryKind::jourfixe_carried_over;
    Payload p{{"jourfixe", "true"}};
    if (!note.empty()) p.emplace("note", note);
    return single(event(by, kind, "", std::move(p)));
  });
}

Result<Ticket> Desk::flag(const TicketRef& ref, std::string_view flag, const std::string& reason,
                          const Actor& by) {
  if (flag.empty()) return fail(Errc::invalid_argument, "flag: must not be empty");
  return change(ref, by.at, [&](const Ticket& t, auto) -> Result<Plan> {
    if (t.has_flag(flag)) return Plan{};
    Payload p;
    if (!reason.empty()) p.emplace("reason", reason);
    return single(event(by, HistoryKind::flagged, std::string(flag), std::move(p)));
  });
}

Result<Plan> work_plan(const TicketRef& ref, WorkEntry entry, const Actor& by) {
  const auto name = ref.str();
  if (entry.ticket.empty()) entry.ticket = name;
  if (entry.ticket != name)
    return fail(Error::invalid(Errc::invalid_argument, "ticket", entry.ticket, name));
  if (auto ok = validate(entry); !ok) return fail(ok.error().within(name));
  if (entry.agent.empty()) entry.agent = by.name;
  if (entry.start == Instant{}) entry.start = by.at - entry.duration;
  Payload p{{"start", format_utc(entry.start)},
            {"seconds", std::to_string(entry.duration.count())},
            {"kind", std::string(to_string(entry.kind))},
            {"role", std::string(to_string(entry.role))},
            {"agent", entry.agent}};
  if (!entry.note.empty()) p.emplace("note", entry.note);
  Plan plan;
  plan.events.push_back(event(by, HistoryKind::work_logged, "", std::move(p)));
  plan.work.push_back(std::move(entry));
  return plan;
}

Result<Ticket> Desk::log_work(const TicketRef& ref, WorkEntry entry, const Actor& by) {
  auto plan = work_plan(ref, std::move(entry), by);
  if (!plan) return fail(plan.error());
  return change(ref, by.at, [&](const Ticket&, auto) -> Result<Plan> { return *plan; });
}

Result<Ticket> Desk::charge_fee(const TicketRef& ref, std::string code, const Actor& by) {
  if (code.empty()) return fail(Errc::invalid_argument, "code: a fee needs a code");
  return change(ref, by.at, [&](const Ticket&, auto) -> Result<Plan> {
    Plan plan;
    plan.events.push_back(event(by, HistoryKind::fee_charged, "", {{"code", code}}));
    plan.fees.push_back({code, by.at});
    return plan;
  });
}

}  // namespace tierdesk
