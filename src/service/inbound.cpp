// ServiceDesk::receive: a customer's message becomes a ticket, or a reply on one.
#include <algorithm>

#include <fmt/format.h>

#include "service/service_detail.hpp"
#include "tierdesk/service/service_desk.hpp"

namespace tierdesk {
namespace {

std::string_view domain_of(std::string_view address) {
  const auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view() : address.substr(at + 1);
}

// The address inside "Name <addr>", lower-cased; the text itself when it has no brackets.
std::string bare_address(std::string_view from) {
  const auto open = from.rfind('<');
  const auto close = from.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && open < close)
    from = from.substr(open + 1, close - open - 1);
  std::string out(from);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The customer a message comes from: the one whose address it is, else the only one of that
// domain.
Result<std::string> sender_customer(const ContractBook& book, std::string_view from) {
  const std::string address = bare_address(from);
  const std::string_view domain = domain_of(address);
  std::vector<std::string> same_domain;
  for (const auto& k : book.contracts()) {
    for (const auto& c : k.customers) {
      const std::string known = bare_address(c.email);
      if (known.empty()) continue;
      if (known == address) return c.id;
      if (!domain.empty() && domain_of(known) == domain) same_domain.push_back(c.id);
    }
  }
  if (same_domain.size() == 1) return same_domain.front();
  return fail(Error::invalid(Errc::not_found, "from", from,
                             same_domain.empty()
                                 ? "the address of a customer"
                                 : "an address that tells the customers of that domain apart"));
}

}  // namespace

Result<IntakeResult> ServiceDesk::receive(const InboundMessage& m) {
  if (auto ok = staff_only("receive"); !ok) return fail(ok.error());
  std::string customer = m.customer;
  if (customer.empty()) {
    auto found = sender_customer(book_, m.from);
    if (!found) return fail(found.error());
    customer = *found;
  }
  if (auto who = book_.customer(customer); !who) return fail(who.error());

  if (!m.message_id.empty()) {
    auto existing = store_.find_external(m.message_id);
    if (!existing) return fail(existing.error());
    if (*existing) {
      auto t = store_.ticket(**existing);
      if (!t) return fail(t.error());
      if (t->customer != customer) return fail(service::external_id_taken(m.message_id));
      return IntakeResult{std::move(*t), IntakeOutcome::duplicate};
    }
  }

  // The ticket the message answers: a reference in the subject, else the newest referenced
  // message that opened one. Only the customer's own open (or resolved) tickets count.
  std::optional<TicketRef> thread = find_ref_in_subject(m.subject);
  for (auto it = m.references.rbegin(); !thread && it != m.references.rend(); ++it) {
    auto opened = store_.find_external(*it);
    if (!opened) return fail(opened.error());
    thread = *opened;
  }
  if (thread) {
    auto t = store_.ticket(*thread);
    if (!t && !t.error().is(Errc::not_found)) return fail(t.error());
    if (t && t->customer == customer && t->status != TicketStatus::closed) {
      bool duplicate = false;
      const Actor by{m.from.empty() ? customer : m.from, m.at};
      auto after = change(*thread, m.at, [&](const Ticket& state, auto history) -> Result<Plan> {
        duplicate = !m.message_id.empty() && std::ranges::any_of(history, [&](const auto& e) {
          return e.kind == HistoryKind::customer_reply && e.get("message_id") == m.message_id;
        });
        if (duplicate) return Plan{};
        Payload p{{"body", m.body}, {"channel", std::string(to_string(m.channel))}};
        if (!m.message_id.empty()) p.emplace("message_id", m.message_id);
        if (!m.subject.empty()) p.emplace("subject", m.subject);
        Plan plan;
        plan.events.push_back({0, m.at, by.name, HistoryKind::customer_reply, "", std::move(p)});
        if (state.status == TicketStatus::resolved)
          plan.events.push_back({0, m.at, by.name, HistoryKind::reopened, "", {}});
        else if (state.status == TicketStatus::pending_customer)
          plan.events.push_back({0, m.at, by.name, HistoryKind::status, "open", {}});
        return plan;
      });
      if (!after) return fail(after.error());
      return IntakeResult{std::move(*after),
                          duplicate ? IntakeOutcome::duplicate : IntakeOutcome::appended};
    }
  }

  auto opened = open({.customer = customer,
                      .channel = m.channel,
                      .subject = m.subject.empty() ? std::string("(no subject)") : m.subject,
                      .body = m.body,
                      .external_id = m.message_id,
                      .urgent = m.urgent,
                      .by = {m.from.empty() ? customer : m.from, m.at}});
  if (!opened) return fail(opened.error());
  return IntakeResult{std::move(opened->ticket),
                      opened->created ? IntakeOutcome::opened : IntakeOutcome::duplicate};
}

}  // namespace tierdesk
