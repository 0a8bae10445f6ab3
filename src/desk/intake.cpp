// Intake under contract terms: duplicates, replies by reference, defaults, flags, JourFixe.
#include "tierdesk/intake.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "tierdesk/ticket_clocks.hpp"

namespace tierdesk {
namespace {

constexpr std::array<std::string_view, 6> billing_names{"included",  "included-up-to", "contingent",
                                                        "billable",  "quote-required", "fixed-price"};

bool by_voice(Channel c) { return c == Channel::phone || c == Channel::on_call; }

}  // namespace

std::string_view to_string(BillingTreatment b) noexcept {
  return billing_names[static_cast<std::size_t>(b)];
}

const CategoryTerms* ContractTerms::category(std::string_view name) const {
  const auto it = std::ranges::find(categories, name, &CategoryTerms::name);
  return it == categories.end() ? nullptr : &*it;
}

std::string ContractTerms::default_assignee() const {
  return fixed_contact.empty() || contact_absent ? team : fixed_contact;
}

const ContractTerms* Intake::contract(std::string_view id) const {
  const auto it = std::ranges::find(contracts_, id, &ContractTerms::id);
  return it == contracts_.end() ? nullptr : &*it;
}

Result<IntakeResult> Intake::receive(const InboundRequest& r) {
  const ContractTerms* terms = contract(r.contract);
  if (terms == nullptr) return fail(Errc::not_found, fmt::format("contract: unknown contract \"{}\"", r.contract));
  auto& store = desk_.store();
  if (!r.message_id.empty()) {
    auto existing = store.find_external(r.message_id);
    if (!existing) return fail(existing.error());
    if (*existing) {
      auto t = store.ticket(**existing);
      if (!t) return fail(t.error());
      return IntakeResult{std::move(*t), IntakeOutcome::duplicate};
    }
  }
  if (auto ref = find_ref_in_subject(r.subject)) {
    auto t = store.ticket(*ref);
    if (t && t->status != TicketStatus::closed && t->contract == r.contract) return append(*ref, r);
    if (!t && !t.error().is(Errc::not_found)) return fail(t.error());
  }
  return open(*terms, r);
}

Result<IntakeResult> Intake::append(const TicketRef& ref, const InboundRequest& r) {
  bool duplicate = false;
  auto after = desk_.change(ref, r.at, [&](const Ticket& t, std::span<const HistoryEvent> history) -> Result<Plan> {
    duplicate = !r.message_id.empty() && std::ranges::any_of(history, [&](const HistoryEvent& e) {
      return e.kind == HistoryKind::customer_reply && e.get("message_id") == r.message_id;
    });
    if (duplicate) return Plan{};
    Plan plan;
    Payload p{{"body", r.body}, {"channel", std::string(to_string(r.channel))}};
    if (!r.message_id.empty()) p.emplace("message_id", r.message_id);
    if (!r.subject.empty()) p.emplace("subject", r.subject);
    plan.events.push_back({0, r.at, r.from, HistoryKind::customer_reply, "", std::move(p)});
    if (t.status == TicketStatus::resolved)
      plan.events.push_back({0, r.at, r.from, HistoryKind::reopened, "", {}});
    else if (t.status == TicketStatus::pending_customer)
      plan.events.push_back({0, r.at, r.from, HistoryKind::status, "open", {}});
    return plan;
  });
  if (!after) return fail(after.error());
  return IntakeResult{std::move(*after), duplicate ? IntakeOutcome::duplicate : IntakeOutcome::appended};
}

Result<IntakeResult> Intake::open(const ContractTerms& terms, const InboundRequest& r) {
  const CategoryTerms* category = nullptr;
  if (!r.category.empty()) {
    category = terms.category(r.category);
    if (category == nullptr)
      return fail(Error::invalid(Errc::invalid_argument, "category", r.category,
                                 fmt::format("a category of contract \"{}\"", terms.id)));
  }
  const bool urgent_by_email = r.urgent && terms.emergencies_phone_only && !by_voice(r.channel);
  std::string priority = r.priority;
  if (priority.empty() && r.urgent && !urgent_by_email) priority = terms.urgent_priority;
  if (priority.empty() && category != nullptr) priority = category->default_priority;
  if (priority.empty()) priority = terms.default_priority;

  OpenRequest o{.customer = terms.customer,
                .contract = terms.id,
                .channel = r.channel,
                .category = r.category,
                .priority = priority,
                .tier = category != nullptr ? category->default_tier : min_tier,
                .assignee = terms.default_assignee(),
                .subject = r.subject,
                .external_id = r.message_id,
                .body = r.body,
                .by = {r.from.empty() ? terms.customer : r.from, r.at}};
  if (category != nullptr) o.details.emplace("billing", std::string(to_string(category->billing)));
  if (category != nullptr && !category->sla_applies)
    o.then.events.push_back({0, r.at, "intake", HistoryKind::flagged, std::string(no_sla_flag), {}});
  if (urgent_by_email) {
    const std::string recipient = terms.team.empty() ? o.assignee : terms.team;
    o.then.events.push_back({0, r.at, "intake", HistoryKind::flagged, std::string(urgent_by_email_flag),
                             {{"reason", "emergencies are accepted by phone only"}}});
    o.then.events.push_back({0, r.at, "intake", HistoryKind::notified, "",
                             {{"kind", std::string(urgent_by_email_flag)}, {"recipient", recipient}}});
    // Filled field by field: from a braced temporary, GCC 12 at -O3 reports its empty
    // TicketRef as maybe-uninitialized (a false positive that -Werror turns into an error).
    Notification& n = o.then.notifications.emplace_back();
    n.at = r.at;
    n.kind = urgent_by_email_flag;
    n.recipient = recipient;
    n.text = fmt::format("{} sent an urgent request by e-mail (\"{}\"); emergencies are taken by "
                         "phone only: call the customer back",
                         terms.customer, r.subject);
  }
  if (terms.jourfixe) {
    const bool handle_now = r.urgent && !urgent_by_email;
    o.then.events.push_back({0, r.at, "intake",
                             handle_now ? HistoryKind::urgent : HistoryKind::queued_for_jourfixe, "", {}});
  }
  auto t = desk_.open(o);
  if (!t) return fail(t.error());
  // A concurrent delivery of the same message may have won: report it as the duplicate it is.
  const bool ours = t->created_at == r.at && t->version == 1 + static_cast<std::int64_t>(o.then.events.size());
  return IntakeResult{std::move(*t), ours ? IntakeOutcome::opened : IntakeOutcome::duplicate};
}

Result<Ticket> record_jourfixe(Desk& desk, const TicketRef& ref, JourFixeOutcome outcome,
                               const std::string& note, const Actor& by) {
  return desk.change(ref, by.at, [&](const Ticket& t, auto) -> Result<Plan> {
    if (!t.jourfixe)
      return fail(Errc::invalid_transition,
                  fmt::format("{}: not in the JourFixe queue", ref.str()));
    const auto kind = outcome == JourFixeOutcome::resolved ? HistoryKind::resolved
                                                           : HistoryKind::jourfixe_carried_over;
    Payload p{{"jourfixe", "true"}};
    if (!note.empty()) p.emplace("note", note);
    return Plan{{{0, by.at, by.name, kind, "", std::move(p)}}, {}};
  });
}

}  // namespace tierdesk
