#include "tierdesk/billing/statement.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "billing/statement_lines.hpp"

namespace tierdesk {
namespace {

using std::chrono::seconds;
using std::chrono::sys_days;

Result<void> check_period(const StatementPeriod& p) {
  if (!p.first.ok() || !p.last.ok() || sys_days{p.last} < sys_days{p.first})
    return fail(Error::invalid(Errc::invalid_interval, "period",
                               fmt::format("{} … {}", p.first, p.last),
                               "valid dates with first <= last"));
  return {};
}

bool is_whole_month(const StatementPeriod& p) {
  return p.first == StatementPeriod::month(p.first.year() / p.first.month()).first &&
         p.last == StatementPeriod::month(p.first.year() / p.first.month()).last;
}

std::string month_label(std::chrono::year_month ym) {
  return fmt::format("{:04}-{:02}", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
}

std::string hours_label(seconds s) {
  return fmt::format("{}:{:02} h", s.count() / 3600, s.count() / 60 % 60);
}

Result<void> contingent_lines(const BillingRules& rules, const StatementInput& input,
                              const std::vector<ContingentDraw>& draws, Statement& out) {
  if (!rules.contingent) return {};
  if (!input.contingent) {
    if (draws.empty()) return {};
    return fail(Errc::missing_field,
                "contingent: work draws from the hour contingent, but the input has no account");
  }
  if (!is_whole_month(input.period))
    return fail(Error::invalid(Errc::invalid_argument, "period",
                               fmt::format("{} … {}", input.period.first, input.period.last),
                               "one calendar month for a contract with an hour contingent"));
  const auto ym = input.period.first.year() / input.period.first.month();
  auto month = run_month(*rules.contingent, *input.contingent, ym, draws);
  if (!month) return fail(month.error());
  const Money zero = Money::zero(rules.currency);
  std::vector<std::string> tickets;
  for (const auto& d : draws) tickets.push_back(d.ticket);
  std::sort(tickets.begin(), tickets.end());
  tickets.erase(std::unique(tickets.begin(), tickets.end()), tickets.end());
  std::string text = fmt::format("hour contingent {}: {} used of {}, {} left", month_label(ym),
                                 hours_label(month->used), hours_label(month->allowance),
                                 hours_label(month->remaining));
  if (month->expired > seconds{0})
    text += fmt::format(", {} carried over expired", hours_label(month->expired));
  out.lines.push_back({LineKind::contingent, std::move(text), detail::minutes_up(month->used),
                       LineUnit::minute, zero, zero, tickets});
  if (month->overage > seconds{0}) {
    out.lines.push_back({LineKind::overage,
                         fmt::format("hours beyond the contingent {}", month_label(ym)),
                         detail::minutes_up(month->overage), LineUnit::minute,
                         rules.contingent->overage_per_hour, month->overage_charge, tickets});
  }
  out.contingent = *month;
  return {};
}

Result<void> catalogue_lines(const BillingRules& rules, const StatementInput& input,
                             Statement& out) {
  std::vector<const CatalogueOrder*> orders;
  for (const auto& o : input.orders) {
    if (sys_days{input.period.first} <= sys_days{o.date} &&
        sys_days{o.date} <= sys_days{input.period.last})
      orders.push_back(&o);
  }
  std::stable_sort(orders.begin(), orders.end(), [](const auto* a, const auto* b) {
    return std::pair(sys_days{a->date}, a->item) < std::pair(sys_days{b->date}, b->item);
  });
  for (const auto* o : orders) {
    auto priced = price_order(rules.catalogue, *o);
    if (!priced) return fail(priced.error().within(fmt::format("orders[\"{}\"]", o->item)));
    const auto* item = *find_item(rules.catalogue, o->item);
    const LineUnit unit = item->kind == ItemKind::training ? LineUnit::session : LineUnit::piece;
    std::vector<std::string> tickets;
    if (!o->ticket.empty()) tickets.push_back(o->ticket);
    out.lines.push_back({LineKind::catalogue, priced->text, priced->quantity, unit,
                         priced->unit_price, priced->amount, tickets});
  }
  return {};
}

Result<void> subscription_lines(const BillingRules& rules, const StatementInput& input,
                                Statement& out) {
  if (!input.subscription) return {};
  const Subscription& s = *input.subscription;
  if (s.fee.currency() != rules.currency)
    return fail(Errc::currency_mismatch,
                fmt::format("subscription.fee: got {}, expected {}", s.fee.currency().code(),
                            rules.currency.code()));
  auto charges = charges_due(s, input.period.first, input.period.last);
  if (!charges) return fail(charges.error());
  for (const auto& c : *charges) {
    out.lines.push_back(
        {LineKind::subscription,
         fmt::format("{} {} … {} (due {})", s.name, c.term_first, c.term_last, c.due),
         1,
         LineUnit::term,
         c.amount,
         c.amount,
         {}});
  }
  return {};
}

// The ticket without its reversed entries, and one zero line per reversed entry in the period.
BillableTicket without_reversed(const BillableTicket& t, const BillingRules& rules,
                                Segment<Instant> period, Statement& out) {
  BillableTicket kept = t;
  kept.work.clear();
  kept.fees.clear();
  const Money zero = Money::zero(rules.currency);
  for (const auto& w : t.work) {
    if (!w.reversed) {
      kept.work.push_back(w);
      continue;
    }
    if (!period.contains(w.start)) continue;
    out.lines.push_back({LineKind::reversed,
                         fmt::format("reversed on {}: {} min from {} by {} ({})",
                                     format_utc(w.reversed->at), w.duration.count() / 60,
                                     format_utc(w.start), w.agent, w.reversed->reason),
                         detail::minutes_up(w.duration), LineUnit::minute, zero, zero, {t.ref}});
  }
  for (const auto& f : t.fees) {
    if (!f.reversed) {
      kept.fees.push_back(f);
      continue;
    }
    if (!period.contains(f.at)) continue;
    out.lines.push_back({LineKind::reversed,
                         fmt::format("reversed on {}: fee {} of {} ({})", format_utc(f.reversed->at),
                                     f.code, format_utc(f.at), f.reversed->reason),
                         1, LineUnit::piece, zero, zero, {t.ref}});
  }
  return kept;
}

Result<void> totals(const BillingRules& rules, Statement& out) {
  Money subtotal = Money::zero(rules.currency);
  for (const auto& line : out.lines) {
    auto sum = add(subtotal, line.amount);
    if (!sum) return fail(sum.error().within(fmt::format("line \"{}\"", line.text)));
    subtotal = *sum;
  }
  auto vat = percentage(subtotal, rules.vat);
  if (!vat) return fail(vat.error());
  auto total = add(subtotal, *vat);
  if (!total) return fail(total.error());
  out.subtotal = subtotal;
  out.vat_rate = rules.vat;
  out.vat = *vat;
  out.total = *total;
  return {};
}

}  // namespace

StatementPeriod StatementPeriod::month(std::chrono::year_month month) {
  return {month / std::chrono::day{1}, month / std::chrono::last};
}

Result<Statement> build_statement(const BillingRules& rules, const StatementInput& input) {
  if (auto ok = validate(rules); !ok) return fail(ok.error().within("rules"));
  if (auto ok = check_period(input.period); !ok) return fail(ok.error());
  const Segment<Instant> period{
      start_of_day(input.period.first, rules.zone),
      start_of_day(Date{sys_days{input.period.last} + std::chrono::days{1}}, rules.zone)};

  std::vector<EntitlementWindow> windows;
  for (const auto& order : input.orders) {
    auto granted = entitlement_windows(rules.catalogue, order, rules.zone);
    if (!granted) return fail(granted.error().within(fmt::format("orders[\"{}\"]", order.item)));
    windows.insert(windows.end(), granted->begin(), granted->end());
  }

  Statement out;
  out.customer = input.customer;
  out.period = input.period;
  std::vector<const BillableTicket*> tickets;
  tickets.reserve(input.tickets.size());
  for (const auto& t : input.tickets) tickets.push_back(&t);
  std::stable_sort(tickets.begin(), tickets.end(),
                   [](const auto* a, const auto* b) { return a->ref < b->ref; });
  for (std::size_t i = 1; i < tickets.size(); ++i) {
    if (tickets[i]->ref == tickets[i - 1]->ref)
      return fail(Error::invalid(Errc::conflict, "tickets", tickets[i]->ref,
                                 "each ticket reference once"));
  }
  const detail::TicketScope scope{rules, period, windows};
  std::vector<ContingentDraw> draws;
  for (const auto* t : tickets) {
    const BillableTicket kept = without_reversed(*t, rules, period, out);
    for (const auto& w : kept.work)
      if (period.contains(w.start)) out.worked += w.duration;
    if (auto ok = detail::append_ticket_lines(scope, kept, out.lines, draws); !ok)
      return fail(ok.error());
  }
  if (auto ok = contingent_lines(rules, input, draws, out); !ok) return fail(ok.error());
  if (auto ok = catalogue_lines(rules, input, out); !ok) return fail(ok.error());
  if (auto ok = subscription_lines(rules, input, out); !ok) return fail(ok.error());
  if (auto ok = totals(rules, out); !ok) return fail(ok.error());
  return out;
}

}  // namespace tierdesk
