// Notices: what the desk tells someone once a change is stored, and the seam that delivers it.
//
// A Notice is an SLA warning or breach the watch reached (sla_watch.hpp), an escalation, an
// urgent request by e-mail under a phone-only contract, or an hour contingent used up. The
// desk stores each as a `notified` event and a notification record with the change that
// caused it, then hands it to the Notifier it was given (service_desk.hpp). Hosts implement
// the Notifier: the HTTP server streams notices as Server-Sent Events and posts them to a
// webhook; tests collect them.
//
//   CollectingNotifier got;
//   ServiceDesk desk(book, store, {}, &got);
//   desk.log_work(ref, 11 h of support, …);  // uses up Solutionbar's 10 h contingent
//   got.notices[0].kind == NoticeKind::contingent_exhausted, got.notices[0].recipient == "petra"
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tierdesk/base/error.hpp"
#include "tierdesk/sla/sla_policy.hpp"
#include "tierdesk/desk/ticket.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk {

enum class NoticeKind : std::uint8_t {
  sla_warning,           // a running clock reached a warning fraction
  sla_breach,            // a running clock went over its target
  escalated,             // moved to a higher tier (by hand or by a rule)
  de_escalated,          // moved to a lower tier
  escalation_rule,       // a rule fired that only notifies
  urgent_by_email,       // an urgent request by e-mail where emergencies are taken by phone only
  contingent_exhausted,  // the customer's hour contingent of the month is used up
};
// The spelling of notification records: "sla_warning", "sla_breach", "escalated",
// "de-escalated", "escalation-rule", "urgent-by-email", "contingent-exhausted".
std::string_view to_string(NoticeKind k) noexcept;
Result<NoticeKind> parse_notice_kind(std::string_view text);

struct Notice {
  NoticeKind kind = NoticeKind::sla_warning;
  TicketRef ref;
  std::string customer;
  std::string recipient;   // an agent, a team, the project lead or "desk"
  std::string text;
  Instant at{};            // what it is about: the warning or breach instant, or the change
  Instant delivered_at{};  // when it is handed over (later when held for business hours)
  std::optional<ClockId> clock{};  // sla_warning, sla_breach
  int level = 0;                   // sla_warning: the warning, from 1
  friend bool operator==(const Notice&, const Notice&) = default;
};

class Notifier {
 public:
  virtual ~Notifier() = default;
  // Called after the change that caused the notice is stored. Must not block for long.
  virtual void notify(const Notice& notice) = 0;
};

// Calls a function for each notice.
class FunctionNotifier final : public Notifier {
 public:
  explicit FunctionNotifier(std::function<void(const Notice&)> f) : f_(std::move(f)) {}
  void notify(const Notice& notice) override { f_(notice); }

 private:
  std::function<void(const Notice&)> f_;
};

// Hands each notice to every notifier added, in order.
class FanOutNotifier final : public Notifier {
 public:
  void add(Notifier& n) { targets_.push_back(&n); }
  void notify(const Notice& notice) override {
    for (auto* t : targets_) t->notify(notice);
  }

 private:
  std::vector<Notifier*> targets_;
};

// Keeps every notice (tests, batch jobs that report at the end).
class CollectingNotifier final : public Notifier {
 public:
  void notify(const Notice& notice) override { notices.push_back(notice); }
  std::vector<Notice> notices;
};

}  // namespace tierdesk
