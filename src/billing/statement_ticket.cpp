#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "billing/statement_lines.hpp"
#include "billing/ticket_time.hpp"

namespace tierdesk::detail {
namespace {

using std::chrono::seconds;

struct TicketWork {
  std::vector<const WorkEntry*> regular;
  std::vector<const WorkEntry*> on_site;
  std::map<std::string, seconds> entitled;  // by window name
};

const EntitlementWindow* window_for(const TicketScope& scope, const std::string& category,
                                    Instant at) {
  for (const auto& w : scope.windows) {
    if (w.window.contains(at) &&
        std::find(w.categories.begin(), w.categories.end(), category) != w.categories.end())
      return &w;
  }
  return nullptr;
}

Result<TicketWork> select_work(const TicketScope& scope, const BillableTicket& t) {
  std::vector<const WorkEntry*> in_period;
  for (std::size_t i = 0; i < t.work.size(); ++i) {
    const WorkEntry& e = t.work[i];
    if (!scope.period.contains(e.start)) continue;
    if (auto ok = validate(e); !ok)
      return fail(ok.error().within(fmt::format("tickets[\"{}\"].work[{}]", t.ref, i)));
    in_period.push_back(&e);
  }
  std::sort(in_period.begin(), in_period.end(),
            [](const WorkEntry* a, const WorkEntry* b) { return work_order(*a, *b); });
  TicketWork out;
  for (const WorkEntry* e : in_period) {
    if (const auto* w = window_for(scope, t.category, e->start)) {
      out.entitled[w->name] += e->duration;
    } else if (scope.rules.on_site_days && e->kind == WorkKind::on_site) {
      out.on_site.push_back(e);
    } else {
      out.regular.push_back(e);
    }
  }
  return out;
}

seconds total_time(const std::vector<const WorkEntry*>& entries) {
  seconds total{0};
  for (const auto* e : entries) total += e->duration;
  return total;
}

class LineWriter {
 public:
  LineWriter(Currency currency, const BillableTicket& t, std::vector<StatementLine>& out)
      : ticket_(t), out_(out), zero_(Money::zero(currency)) {}

  void unpriced(LineKind kind, std::string_view what, seconds time) {
    if (time <= seconds{0}) return;
    out_.push_back(
        {kind, label(what), minutes_up(time), LineUnit::minute, zero_, zero_, {ticket_.ref}});
  }
  void priced(LineKind kind, std::string_view what, std::int64_t quantity, LineUnit unit,
              Money unit_price, Money amount) {
    out_.push_back({kind, label(what), quantity, unit, unit_price, amount, {ticket_.ref}});
  }
  std::string label(std::string_view what) const {
    return fmt::format("{} {}: {}", ticket_.ref, ticket_.category, what);
  }

 private:
  const BillableTicket& ticket_;
  std::vector<StatementLine>& out_;
  Money zero_;
};

// Time lines of a billable ticket; adds their amounts to *time_sum.
Result<void> billable_lines(const TicketScope& scope, const Category& cat,
                            const TicketWork& work, LineWriter& writer, Money* time_sum) {
  const BillingRules& rules = scope.rules;
  auto pieces = split_pieces(rules, cat.out_of_hours_surcharge, work.regular);
  if (!pieces) return fail(pieces.error());
  apply_threshold(*pieces, cat.threshold);
  const auto classes = billed_by_class(*pieces, cat.rounding.value_or(rules.rounding));
  for (const auto& [cls, billed] : classes) {
    auto rate = hourly_rate(rules, cls.role, cls.kind);
    if (!rate) return fail(rate.error());
    const BasisPoints surcharge = cls.out_of_hours ? rules.out_of_hours->surcharge : BasisPoints{};
    auto amount = time_charge(*rate, billed, surcharge);
    auto extra = percentage(*rate, surcharge);
    if (!amount || !extra) return fail(!amount ? amount.error() : extra.error());
    auto unit_price = add(*rate, *extra);
    auto sum = add(*time_sum, *amount);
    if (!unit_price || !sum) return fail(!unit_price ? unit_price.error() : sum.error());
    *time_sum = *sum;
    std::string what = fmt::format("{}, {}", to_string(cls.role), to_string(cls.kind));
    if (cls.out_of_hours)
      what += fmt::format(", outside normal hours +{}", format_percent(surcharge));
    writer.priced(LineKind::time, what, billed.count() / 60, LineUnit::minute, *unit_price,
                  *amount);
  }
  seconds free{0};
  for (const auto& p : *pieces) free += p.free;
  writer.unpriced(LineKind::included,
                  fmt::format("included ({} {} min)", to_string(cat.threshold.mode),
                              cat.threshold.limit.count() / 60),
                  free);
  return {};
}

Result<void> contingent_lines(const TicketScope& scope, const BillableTicket& t,
                              const Category& cat, const TicketWork& work, LineWriter& writer,
                              std::vector<ContingentDraw>& draws) {
  auto pieces = split_pieces(scope.rules, false, work.regular);
  if (!pieces) return fail(pieces.error());
  apply_threshold(*pieces, cat.threshold);
  const auto per_entry =
      billed_by_entry(*pieces, work.regular.size(), cat.rounding.value_or(scope.rules.rounding));
  seconds total{0};
  for (std::size_t i = 0; i < per_entry.size(); ++i) {
    if (per_entry[i] <= seconds{0}) continue;
    draws.push_back({t.ref, work.regular[i]->start, per_entry[i]});
    total += per_entry[i];
  }
  writer.unpriced(LineKind::contingent, "drawn from the hour contingent", total);
  return {};
}

Result<void> on_site_lines(const TicketScope& scope, const TicketWork& work, LineWriter& writer,
                           Money* time_sum) {
  if (work.on_site.empty()) return {};
  const OnSiteDayRates& rates = *scope.rules.on_site_days;
  auto days = count_on_site_days(rates, work.on_site);
  if (!days) return fail(days.error());
  for (const auto& [count, price, what] :
       {std::tuple{days->inside, rates.inside, "on-site day within working hours"},
        std::tuple{days->outside, rates.outside, "on-site day outside working hours"}}) {
    if (count == 0) continue;
    auto amount = multiply(price, count);
    if (!amount) return fail(amount.error());
    auto sum = add(*time_sum, *amount);
    if (!sum) return fail(sum.error());
    *time_sum = *sum;
    writer.priced(LineKind::on_site_day, what, count, LineUnit::day, price, *amount);
  }
  return {};
}

Result<void> fee_lines(const TicketScope& scope, const BillableTicket& t, LineWriter& writer,
                       Money time_sum) {
  std::vector<const TicketFee*> fees;
  for (const auto& f : t.fees) {
    if (scope.period.contains(f.at)) fees.push_back(&f);
  }
  std::sort(fees.begin(), fees.end(), [](const TicketFee* a, const TicketFee* b) {
    return std::tie(a->at, a->code) < std::tie(b->at, b->code);
  });
  for (const TicketFee* f : fees) {
    auto fee = find_fee(scope.rules, f->code);
    if (!fee) return fail(fee.error().within(fmt::format("tickets[\"{}\"]", t.ref)));
    writer.priced(LineKind::fee, (*fee)->text, 1, LineUnit::piece, (*fee)->amount, (*fee)->amount);
  }
  const auto& emergency = scope.rules.emergency;
  if (!t.displaced_appointments || !emergency) return {};
  if (emergency->amount) {
    writer.priced(LineKind::emergency, "emergency surcharge (appointments displaced)", 1,
                  LineUnit::piece, *emergency->amount, *emergency->amount);
    return {};
  }
  auto amount = percentage(time_sum, emergency->percent);
  if (!amount) return fail(amount.error());
  writer.priced(LineKind::emergency,
                fmt::format("emergency surcharge +{} (appointments displaced)",
                            format_percent(emergency->percent)),
                1, LineUnit::piece, *amount, *amount);
  return {};
}

}  // namespace

Result<void> append_ticket_lines(const TicketScope& scope, const BillableTicket& t,
                                 std::vector<StatementLine>& lines,
                                 std::vector<ContingentDraw>& draws) {
  auto cat = find_category(scope.rules, t.category);
  if (!cat) return fail(cat.error().within(fmt::format("tickets[\"{}\"]", t.ref)));
  auto work = select_work(scope, t);
  if (!work) return fail(work.error());
  LineWriter writer(scope.rules.currency, t, lines);
  Money time_sum = Money::zero(scope.rules.currency);
  Result<void> done;
  switch ((*cat)->treatment) {
    case Treatment::billable: done = billable_lines(scope, **cat, *work, writer, &time_sum); break;
    case Treatment::included:
      writer.unpriced(LineKind::included, "included", total_time(work->regular));
      break;
    case Treatment::quote_required:
      writer.unpriced(LineKind::needs_quote, "needs quote (no charge until quoted)",
                      total_time(work->regular));
      break;
    case Treatment::fixed_price:
      if (!work->regular.empty()) {
        writer.priced(LineKind::fixed_price, "fixed price", 1, LineUnit::piece,
                      *(*cat)->fixed_price, *(*cat)->fixed_price);
        time_sum = *(*cat)->fixed_price;
      }
      break;
    case Treatment::contingent:
      done = contingent_lines(scope, t, **cat, *work, writer, draws);
      break;
  }
  if (!done) return fail(done.error().within(fmt::format("tickets[\"{}\"]", t.ref)));
  for (const auto& [name, time] : work->entitled)
    writer.unpriced(LineKind::included, fmt::format("included ({})", name), time);
  if (auto ok = on_site_lines(scope, *work, writer, &time_sum); !ok)
    return fail(ok.error().within(fmt::format("tickets[\"{}\"]", t.ref)));
  return fee_lines(scope, t, writer, time_sum);
}

}  // namespace tierdesk::detail
