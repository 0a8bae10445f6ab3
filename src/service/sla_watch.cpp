// The SLA watch and the notice a reached alarm leaves on its ticket.
#include "tierdesk/service/sla_watch.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "service/service_detail.hpp"
#include "tierdesk/desk/escalation.hpp"
#include "tierdesk/service/service_desk.hpp"

namespace tierdesk {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t batch = 1000;

bool rule_for(const EscalationRule& r, const ClockAlarm& a) {
  if (r.clock != a.clock) return false;
  if (a.kind == ClockAlarm::Kind::due) return r.trigger == EscalationTrigger::breach;
  return r.trigger == EscalationTrigger::warning && r.warning_level == a.level;
}

}  // namespace

Result<Instant> ServiceDesk::delivery_time(const Contract& contract, Instant now) const {
  if (contract.notice_hours.empty()) return now;
  const auto it = contract.calendars.find(contract.notice_hours);
  if (it == contract.calendars.end())
    return fail(Errc::not_found, fmt::format("contract {}: notice_hours: no calendar \"{}\"",
                                             contract.id, contract.notice_hours));
  if (it->second.is_open(now)) return now;
  return it->second.next_open(now);
}

Result<Notice> ServiceDesk::record_alarm(const ClockAlarm& alarm, Instant now,
                                         std::optional<Instant> held_until) {
  if (auto ok = staff_only("watch"); !ok) return fail(ok.error());
  auto t = target(alarm.ref);
  if (!t) return fail(t.error());
  const bool due = alarm.kind == ClockAlarm::Kind::due;
  Notice notice{.kind = due ? NoticeKind::sla_breach : NoticeKind::sla_warning,
                .ref = alarm.ref,
                .customer = t->ticket.customer,
                .recipient = "desk",
                .text = due ? fmt::format("{} clock {} breached at {}", alarm.ref.str(), alarm.clock,
                                          format_utc(alarm.at))
                            : fmt::format("{} clock {} reached warning {} at {}", alarm.ref.str(),
                                          alarm.clock, alarm.level + 1, format_utc(alarm.at)),
                .at = alarm.at,
                .delivered_at = held_until.value_or(now),
                .clock = alarm.clock,
                .level = due ? 0 : alarm.level + 1};
  const std::string kind(to_string(notice.kind));
  Payload payload{{"kind", kind}, {"recipient", notice.recipient}, {"clock", alarm.clock.str()},
                  {"at", format_utc(alarm.at)}};
  if (!due) payload["level"] = std::to_string(notice.level);
  if (held_until) payload["held_until"] = format_utc(*held_until);
  std::vector<EscalationRule> rules;
  for (const auto& r : t->contract->escalation)
    if (rule_for(r, alarm)) rules.push_back(r);

  Desk desk(store_, *t->desk);
  auto done = desk.commit(alarm.ref, now, [&](const Ticket& state, auto history) -> Result<Plan> {
    Plan plan{.events = {{0, now, "sla-watch", HistoryKind::notified, kind, payload}},
              .notifications = {{0, alarm.ref, now, kind, notice.recipient, notice.text}}};
    if (rules.empty()) return plan;
    auto clocks = store_.clocks(alarm.ref);
    if (!clocks) return fail(clocks.error());
    auto more = escalations(state, history, *clocks, rules, now, t->desk->tiers);
    for (auto& e : more.events) plan.events.push_back(std::move(e));
    for (auto& n : more.notifications) plan.notifications.push_back(std::move(n));
    return plan;
  });
  if (!done) return fail(done.error());
  // The SLA notice itself is the watch's to deliver (it may be held); the rest goes now.
  std::vector<Notification> others(done->notifications.begin() + 1, done->notifications.end());
  publish(done->ticket, others);
  return notice;
}

Result<WatchStep> SlaWatch::fire(DeskStore& store, Instant now) {
  WatchStep step;
  ServiceDesk desk(book_, store, Scope::staff(), notifier_);
  Instant from = cursor_;
  for (;;) {
    auto alarms = store.alarms({from, now + 1s}, AlarmFilter::due_and_warnings, batch);
    if (!alarms) return fail(alarms.error());
    for (const auto& a : *alarms) {
      std::optional<Instant> held_until;
      if (auto t = store.ticket(a.ref); t) {
        if (auto k = desk.contract_of(*t); k) {
          if (auto at = desk.delivery_time(**k, now); at && *at > now) held_until = *at;
        }
      }
      auto notice = desk.record_alarm(a, now, held_until);
      if (!notice) {
        // The ticket cannot take the event (gone, or its contract is not loaded): the clock
        // was reached all the same, and someone must hear of it.
        step.problems.push_back(notice.error());
        notice = Notice{.kind = a.kind == ClockAlarm::Kind::due ? NoticeKind::sla_breach
                                                                : NoticeKind::sla_warning,
                        .ref = a.ref,
                        .customer = {},
                        .recipient = "desk",
                        .text = notice.error().message(),
                        .at = a.at,
                        .delivered_at = now,
                        .clock = a.clock,
                        .level = a.kind == ClockAlarm::Kind::due ? 0 : a.level + 1};
      }
      if (notice->delivered_at > now)
        held_.push_back(std::move(*notice));
      else
        step.delivered.push_back(std::move(*notice));
    }
    if (alarms->size() < batch) break;
    from = alarms->back().at;  // a full batch: continue after its last instant
    if (from > now) break;
    from += 1s;
  }
  cursor_ = now + 1s;
  std::ranges::stable_sort(held_, {}, &Notice::delivered_at);
  const auto released =
      std::ranges::partition_point(held_, [&](const Notice& n) { return n.delivered_at <= now; });
  for (auto it = held_.begin(); it != released; ++it) {
    it->delivered_at = now;
    step.delivered.push_back(std::move(*it));
  }
  held_.erase(held_.begin(), released);
  if (notifier_ != nullptr)
    for (const auto& n : step.delivered) notifier_->notify(n);
  return step;
}

Result<std::optional<Instant>> SlaWatch::next_wake(DeskStore& store) const {
  std::optional<Instant> wake;
  if (!held_.empty()) wake = held_.front().delivered_at;
  auto next = store.next_alarm(cursor_, AlarmFilter::due_and_warnings);
  if (!next) return fail(next.error());
  if (*next && (!wake || **next < *wake)) wake = **next;
  return wake;
}

}  // namespace tierdesk
