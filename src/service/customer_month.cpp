// ServiceDesk: a customer's month — statement, status e-mail, ticket report, overview — from
// the same records under the customer's contract.
#include <fmt/format.h>

#include "tierdesk/service/service_desk.hpp"
#include "tierdesk/contract/statement_store.hpp"

namespace tierdesk {

Result<Statement> ServiceDesk::statement(std::string_view customer, std::chrono::year_month month) {
  auto who = visible_customer(customer);
  if (!who) return fail(who.error());
  return statement_from_store(store_, *who->contract, customer, month);
}

Result<StatusReport> ServiceDesk::status_report(std::string_view customer,
                                                std::chrono::year_month month, Instant as_of) {
  auto who = visible_customer(customer);
  if (!who) return fail(who.error());
  return build_status_report(store_, *who->contract, *who->customer, month, as_of);
}

Result<std::string> ServiceDesk::status_mail(std::string_view customer,
                                             std::chrono::year_month month, Instant as_of,
                                             const MailEnvelope& envelope) {
  auto report = status_report(customer, month, as_of);
  if (!report) return fail(report.error());
  const auto who = book_.customer(customer);
  MailEnvelope to = envelope;
  if (to.to.empty()) to.to = who->customer->email;
  if (to.to.empty())
    return fail(Errc::missing_field,
                fmt::format("to: customer {} has no e-mail address in its contract", customer));
  return render_status_mail(*report, to, who->contract->billing.zone);
}

Result<TicketReport> ServiceDesk::ticket_report(std::string_view customer,
                                                const ReportPeriod& period, Instant as_of) {
  auto who = visible_customer(customer);
  if (!who) return fail(who.error());
  return build_ticket_report(store_, *who->contract, *who->customer, period, as_of);
}

Result<CustomerOverview> ServiceDesk::overview(std::string_view customer, bool open_only,
                                               Instant as_of) {
  auto who = visible_customer(customer);
  if (!who) return fail(who.error());
  return build_overview(store_, {.customer = std::string(customer),
                                 .as_of = as_of,
                                 .open_only = open_only,
                                 .tiers = who->contract->tiers});
}

}  // namespace tierdesk
