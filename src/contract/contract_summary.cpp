#include <fmt/format.h>

#include "tierdesk/contract/contract.hpp"

namespace tierdesk {
namespace {

std::string minutes_text(std::chrono::seconds s) { return fmt::format("{} min", s.count() / 60); }

std::string rate_text(const HourlyRate& r) {
  return fmt::format("{} {}: {}/h", r.role ? to_string(*r.role) : "any role",
                     r.kind ? to_string(*r.kind) : "any kind", r.per_hour);
}

// ", carry-over up to 300 min, carried time expires after 2 months"; empty for expire.
std::string carry_text(const ContingentPolicy& p) {
  std::string text;
  if (p.carry_over == CarryOver::up_to)
    text = fmt::format(", carry-over up to {}", minutes_text(p.carry_limit));
  if (p.carry_over == CarryOver::all) text = ", carry-over all";
  if (p.carry_months > 0)
    text += fmt::format(", carried time expires after {} month(s)", p.carry_months);
  return text;
}

std::string category_text(const Category& c) {
  std::string text = fmt::format("{}: {}", c.name, to_string(c.treatment));
  if (!c.priority.empty()) text += fmt::format(", priority {}", c.priority);
  if (c.tier != min_tier) text += fmt::format(", tier {}", c.tier);
  if (!c.sla_applies) text += ", no SLA";
  if (c.threshold.mode != IncludedThreshold::Mode::none)
    text += fmt::format(", {} {}", to_string(c.threshold.mode), minutes_text(c.threshold.limit));
  if (c.rounding) text += fmt::format(", rounding {}", minutes_text(c.rounding->step));
  if (c.fixed_price) text += fmt::format(", {}", *c.fixed_price);
  if (!c.out_of_hours_surcharge) text += ", no out-of-hours surcharge";
  return text;
}

}  // namespace

std::string summary(const Contract& contract) {
  const BillingRules& r = contract.billing;
  std::string out = fmt::format("{}\n", contract.name);
  if (!contract.id.empty() || !contract.prefix.empty())
    out += fmt::format("  id {}, ticket prefix {}\n", contract.id.empty() ? "-" : contract.id,
                       contract.prefix.empty() ? "-" : contract.prefix);
  if (!contract.calendars.empty()) {
    std::string names;
    for (const auto& [name, cal] : contract.calendars)
      names += fmt::format("{}{} ({})", names.empty() ? "" : ", ", name, cal.zone().name());
    out += fmt::format("  calendars {}\n", names);
  }
  if (contract.sla) {
    const auto& spec = contract.sla->spec();
    std::string priorities;
    for (const auto& p : spec.priorities) priorities += (priorities.empty() ? "" : ", ") + p;
    out += fmt::format("  SLA policy {}: priorities {}, {} targets\n", spec.name, priorities,
                       spec.targets.size());
  }
  out += fmt::format("  currency {}, VAT {}, zone {}\n", r.currency.code(), format_percent(r.vat),
                     r.zone.name());
  for (const auto& rate : r.rates) out += fmt::format("  rate {}\n", rate_text(rate));
  out += fmt::format("  rounding up to {} {}, minimum {}\n", minutes_text(r.rounding.step),
                     r.rounding.scope == Rounding::Scope::per_entry ? "per entry" : "per ticket",
                     minutes_text(r.rounding.minimum));
  if (r.out_of_hours)
    out +=
        fmt::format("  out of hours +{} {}\n", format_percent(r.out_of_hours->surcharge),
                    r.out_of_hours->mode == OutOfHours::Mode::by_start ? "by start" : "per minute");
  if (r.on_site_days)
    out += fmt::format("  on-site day {} inside working hours, {} outside\n",
                       r.on_site_days->inside, r.on_site_days->outside);
  for (const auto& fee : r.fees) out += fmt::format("  fee {}: {}\n", fee.code, fee.amount);
  for (const auto& rule : contract.fee_rules) {
    std::string unless;
    for (const auto& p : rule.unless_priorities) unless += (unless.empty() ? "" : ", ") + p;
    out += fmt::format("  fee {} on every {} ticket{}\n", rule.fee, to_string(rule.channel),
                       unless.empty() ? "" : fmt::format(" unless priority {}", unless));
  }
  if (r.emergency)
    out += r.emergency->amount
               ? fmt::format("  emergency surcharge {}\n", *r.emergency->amount)
               : fmt::format("  emergency surcharge +{}\n", format_percent(r.emergency->percent));
  if (r.contingent)
    out += fmt::format("  contingent {} a month ({} in the first {} months), overage {}/h{}\n",
                       minutes_text(r.contingent->monthly),
                       minutes_text(r.contingent->start_phase_monthly),
                       r.contingent->start_phase_months, r.contingent->overage_per_hour,
                       carry_text(*r.contingent));
  if (!r.catalogue.empty()) out += fmt::format("  catalogue: {} items\n", r.catalogue.size());
  if (contract.subscription)
    out += fmt::format("  subscription {}: {} per {} month(s), {} days trial\n",
                       contract.subscription->name, contract.subscription->fee,
                       contract.subscription->term_months, contract.subscription->trial_days);
  for (const auto& c : r.categories)
    out += fmt::format("  category {}\n", category_text(c));
  for (const auto& e : contract.escalation)
    out += fmt::format("  escalation {}: {}{}{}\n", e.name, to_string(e.trigger),
                       e.trigger == EscalationTrigger::category ? " " + e.category
                                                                : " " + e.clock.str(),
                       e.to_tier > 0 ? fmt::format(" → tier {}", e.to_tier)
                                     : fmt::format(" → notify {}", e.notify));
  if (!contract.notice_hours.empty())
    out += fmt::format("  SLA notices in the hours of calendar {}\n", contract.notice_hours);
  for (const auto& k : contract.customers) {
    out += fmt::format("  customer {} ({}), since {}, contact {}, {} order(s)\n", k.id,
                       k.name.empty() ? "-" : k.name, k.start,
                       k.contact.empty() ? "-" : k.contact, k.orders.size());
    for (const auto& step : k.contingent_schedule)
      out += fmt::format("    contingent from {:04}-{:02}: {} a month\n",
                         static_cast<int>(step.from.year()),
                         static_cast<unsigned>(step.from.month()), minutes_text(step.monthly));
  }
  return out;
}

}  // namespace tierdesk
