#include <fmt/format.h>

#include "report/period.hpp"
#include "tierdesk/report/status_mail.hpp"

namespace tierdesk {
namespace {

std::string_view display_name(const StatusReport& r) {
  return r.customer_name.empty() ? std::string_view(r.customer) : std::string_view(r.customer_name);
}


std::string sla_text(const SlaSummary& sla, const Zone& zone) {
  if (sla.state == SlaState::none) return "no SLA";
  if (!sla.clock || !sla.due) return fmt::format("SLA {}", to_string(sla.state));
  return fmt::format("SLA {}: {} due {}", to_string(sla.state), *sla.clock,
                     report::local_minute(*sla.due, zone));
}

void append_exhausted(std::string& out, const StatusReport& r, const Zone& zone) {
  const auto& e = *r.contingent->exhausted;
  out += "*** CONTINGENT EXHAUSTED ***\n";
  out += fmt::format("The hour contingent for {} was used up on {}\n", report::month_text(r.month),
                     report::local_minute(e.at, zone));
  out += fmt::format("(ticket {}). Further work is billed as overage at month end.\n\n", e.ticket);
}

void append_open(std::string& out, const StatusReport& r, const Zone& zone) {
  out += fmt::format("Open requests: {}\n", r.open.size());
  if (r.open.empty()) out += "  none\n";
  for (const auto& o : r.open) {
    const auto tier = r.tiers.name(o.tier);
    out += fmt::format("  {}  {}\n", o.ref.str(), o.subject);
    out += fmt::format("      {}, {}, priority {}\n", to_string(o.status),
                       tier ? *tier : std::string_view("?"), o.priority.empty() ? "-" : o.priority);
    out += fmt::format("      {}\n", sla_text(o.sla, zone));
  }
  out += "\n";
}

void append_topics(std::string& out, const StatusReport& r) {
  out += fmt::format("Top topics in {}\n", report::month_text(r.month));
  if (r.topics.empty()) out += "  no new requests\n";
  for (const auto& t : r.topics)
    out += fmt::format("  {:<30}{:>4} {}\n", t.category, t.tickets,
                       t.tickets == 1 ? "ticket" : "tickets");
  out += "\n";
}

// With carried time that expires: what of the remaining time expires at the month's end, and
// what carries into the next month, by the last month it can be used in.
void append_expiry(std::string& out, const ContingentMonth& c) {
  if (c.expired.count() != 0)
    out +=
        fmt::format("  {:<28}{:>12}\n", "  expiring at month end", report::hours_text(c.expired));
  if (c.carry_out.count() == 0) return;
  out += fmt::format(
      "  {:<28}{:>12}\n",
      fmt::format("carried into {}", report::month_text(c.month + std::chrono::months{1})),
      report::hours_text(c.carry_out));
  for (const auto& lot : c.carry_out_lots)
    out += fmt::format(
        "  {:<28}{:>12}\n",
        fmt::format("  usable until {}", report::month_text(*usable_until(lot, c.carry_months))),
        report::hours_text(lot.time));
}

void append_hours(std::string& out, const StatusReport& r) {
  out += fmt::format("Hours in {}\n", report::month_text(r.month));
  out += fmt::format("  {:<28}{:>12}\n", "worked", report::hours_text(r.worked));
  if (!r.contingent) {
    out += "  (no hour contingent in this contract)\n";
    return;
  }
  const auto& c = *r.contingent;
  out += fmt::format("  {:<28}{:>12}\n", "contingent", report::hours_text(c.allowance));
  if (c.carried_in.count() != 0)
    out += fmt::format("  {:<28}{:>12}\n", "  of which carried over",
                       report::hours_text(c.carried_in));
  out += fmt::format("  {:<28}{:>12}\n", "used from the contingent", report::hours_text(c.used));
  out += fmt::format("  {:<28}{:>12}\n", "remaining", report::hours_text(c.remaining));
  if (c.carry_months > 0) append_expiry(out, c);
  if (c.overage.count() != 0)
    out += fmt::format("  {:<28}{:>12}  ({})\n", "overage", report::hours_text(c.overage),
                       fmt::format("{}", c.overage_charge));
}

}  // namespace

std::string status_subject(const StatusReport& r) {
  return fmt::format("Status {}, {}{}", display_name(r), report::month_text(r.month),
                     r.contingent_exhausted() ? " - contingent exhausted" : "");
}

std::string render_status_text(const StatusReport& r, const Zone& zone) {
  std::string out =
      fmt::format("Status report for {}, {}\n", display_name(r), report::month_text(r.month));
  out += fmt::format("as of {} ({})\n\n", report::local_minute(r.as_of, zone), zone.name());
  if (r.contingent_exhausted()) append_exhausted(out, r, zone);
  append_open(out, r, zone);
  append_topics(out, r);
  append_hours(out, r);
  return out;
}

Result<std::string> render_status_mail(const StatusReport& r, const MailEnvelope& envelope,
                                       const Zone& zone) {
  return render_mail({.from = envelope.from,
                      .to = envelope.to,
                      .subject = status_subject(r),
                      .date = envelope.date,
                      .message_id = envelope.message_id,
                      .body = render_status_text(r, zone)});
}

}  // namespace tierdesk
