// How requests come in and wait: POST /messages (an inbound e-mail or portal message, threaded
// or opening a ticket), GET /jourfixe (a contract's JourFixe queue) and
// POST /tickets/{ref}/jourfixe (the meeting's outcome for a queued ticket).
#include <fmt/format.h>

#include "app.hpp"
#include "request_fields.hpp"

namespace tierdesk::server {
namespace {

// In-Reply-To and References of one message: more is no e-mail a desk answers.
constexpr std::size_t max_references = 100;

// {"from", "subject"?, "body"?, "message_id"?, "references"?: [ids, oldest first],
//  "customer"?, "channel"?, "urgent"?} → {"outcome": "opened"|"appended"|"duplicate",
//  "ticket": {…}}; 201 with Location when it opened a ticket, else 200.
Reply receive(Context& c) {
  TRY_FIELD(body, c.body());
  if (auto ok = host::only_fields(*body, {"from", "subject", "body", "message_id", "references",
                                          "customer", "channel", "urgent"});
      !ok)
    return error_reply(ok.error());
  TRY_FIELD(from, host::string_field(*body, "from"));
  TRY_FIELD(subject, optional_string(*body, "subject"));
  TRY_FIELD(text, optional_string(*body, "body"));
  TRY_FIELD(message_id, optional_string(*body, "message_id"));
  TRY_FIELD(references, optional_strings(*body, "references", max_references));
  TRY_FIELD(customer, optional_string(*body, "customer"));
  TRY_FIELD(channel_text, optional_string(*body, "channel", "email"));
  TRY_FIELD(channel, parse_channel(*channel_text));
  TRY_FIELD(urgent, optional_bool(*body, "urgent"));
  TRY_FIELD(result, c.desk.receive({.channel = *channel,
                                    .customer = *customer,
                                    .from = std::string(*from),
                                    .message_id = *message_id,
                                    .references = std::move(*references),
                                    .subject = *subject,
                                    .body = *text,
                                    .urgent = *urgent,
                                    .at = c.now}));
  Reply r;
  r.body = {{"outcome", to_string(result->outcome)}, {"ticket", c.ticket_json(result->ticket)}};
  if (result->outcome != IntakeOutcome::duplicate) c.app.tickets_changed();
  if (result->outcome == IntakeOutcome::opened) {
    r.status = http::status::created;
    r.headers.emplace_back("Location", "/tickets/" + result->ticket.ref.str());
  }
  return r;
}

// ?contract=K → {"contract", "next_slot": ISO|null, "tickets": […]}
Reply jourfixe_queue(Context& c) {
  if (auto ok = only_query(c, {"contract"}); !ok) return error_reply(ok.error());
  const auto* contract = c.query_value("contract");
  if (contract == nullptr)
    return error_reply(Error(Errc::missing_field, "contract: missing, e.g. ?contract=solutionbar"));
  TRY_FIELD(queue, c.desk.jourfixe_queue(*contract, c.now));
  boost::json::array tickets;
  for (const auto& t : queue->tickets) tickets.push_back(c.ticket_json(t));
  Reply r;
  r.body = {{"contract", *contract},
            {"next_slot", queue->next_slot ? boost::json::value(format_utc(*queue->next_slot))
                                           : boost::json::value()},
            {"tickets", std::move(tickets)}};
  return r;
}

// {"outcome": "resolved"|"carried_over", "note"?}
Reply record_jourfixe(Context& c) {
  TRY_FIELD(ref, c.ref());
  TRY_FIELD(body, c.body());
  if (auto ok = host::only_fields(*body, {"outcome", "note"}); !ok) return error_reply(ok.error());
  TRY_FIELD(outcome_text, host::string_field(*body, "outcome"));
  TRY_FIELD(outcome, parse_jourfixe_outcome(*outcome_text));
  TRY_FIELD(note, optional_string(*body, "note"));
  return changed(c, c.desk.record_jourfixe(*ref, *outcome, *note, c.actor()));
}

}  // namespace

std::vector<Route> intake_routes() {
  using enum http::verb;
  return {
      {post, "/messages", receive, agents},
      {get, "/jourfixe", jourfixe_queue, agents},
      {post, "/tickets/{ref}/jourfixe", record_jourfixe, agents},
  };
}

}  // namespace tierdesk::server
