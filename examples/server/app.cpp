#include "app.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <optional>
#include <string>
#include <variant>

#include <boost/url/parse.hpp>
#include <fmt/format.h>

namespace tierdesk::server {
namespace {

std::vector<Route> all_routes() {
  std::vector<Route> out = ticket_routes();
  for (auto& r : intake_routes()) out.push_back(r);
  for (auto& r : desk_routes()) out.push_back(r);
  for (auto& r : work_routes()) out.push_back(r);
  for (auto& r : statement_routes()) out.push_back(r);
  for (auto& r : admin_routes()) out.push_back(r);
  return out;
}

unsigned role_bit(AccessRole r) {
  switch (r) {
    case AccessRole::agent: return agents;
    case AccessRole::customer: return customers;
    case AccessRole::admin: return admins;
  }
  return 0;
}

// The token named by "Authorization: Bearer …", or the reply refusing the request.
std::variant<ApiToken, Reply> authenticate(const Request& request, Store& store, TokenCache& tokens) {
  const auto header = request[http::field::authorization];

  auto refuse = [](std::string_view message) {
    auto r = error_reply(http::status::unauthorized, "unauthorized", message);
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  };
  if (header.empty()) return refuse("Authorization: missing; expected Bearer and a token");
  // The scheme is case-insensitive (RFC 7235 §2.1, RFC 6750 §2.1): "bearer" is "Bearer".
  const std::string_view value = header;
  const auto space = value.find(' ');
  const auto scheme = value.substr(0, space);
  const bool bearer = space != std::string_view::npos && scheme.size() == 6 &&
                      std::ranges::equal(scheme, std::string_view("bearer"), [](char a, char b) {
                        return std::tolower(static_cast<unsigned char>(a)) == b;
                      });
  const auto credentials = bearer ? value.substr(space + 1) : std::string_view();
  if (credentials.empty()) return refuse("Authorization: expected Bearer and a token");
  auto found = tokens.find(store, token_digest(credentials), TokenCache::Clock::now());
  if (!found) return error_reply(found.error());
  if (!found->has_value() || (*found)->revoked) return refuse("Authorization: unknown or revoked token");
  // A customer token without its customer would act as staff: refuse it.
  if ((*found)->role == AccessRole::customer && (*found)->customer.empty())
    return refuse("Authorization: a customer token without its customer");
  return std::move(**found);
}

std::string lower_trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// What the server reads of a body: JSON, said so by Content-Type (parameters such as charset
// allowed), and no transfer coding but chunked alone (a "gzip, chunked" body would reach the
// JSON parser still compressed).
std::optional<Reply> refuse_body(const Request& request) {
  const std::string_view coding = request[http::field::transfer_encoding];
  if (!coding.empty() && lower_trimmed(coding) != "chunked")
    return error_reply(http::status::not_implemented, "not_implemented",
                       fmt::format("Transfer-Encoding: got \"{}\", expected chunked alone",
                                   echo(coding)));
  if (request.body().empty()) return std::nullopt;
  const std::string_view type = request[http::field::content_type];
  if (lower_trimmed(type.substr(0, type.find(';'))) != "application/json")
    return error_reply(http::status::unsupported_media_type, "unsupported_media_type",
                       fmt::format("Content-Type: got \"{}\", expected application/json",
                                   echo(type)));
  return std::nullopt;
}

// The desk a token acts through: its customer's for a customer token, the staff's otherwise.
Scope scope_of(const ApiToken& who) {
  return who.role == AccessRole::customer ? Scope::of_customer(who.customer) : Scope::staff();
}

}  // namespace

App::App(AppConfig config, StorePool& pool, const Clock& clock, Notifier& notifier)
    : config_(std::move(config)),
      pool_(pool),
      clock_(clock),
      notifier_(notifier),
      router_(all_routes()),
      tokens_({.ttl = config_.token_ttl}) {}

Reply App::dispatch(const Request& request) {
  auto target = boost::urls::parse_origin_form(request.target());
  if (!target) {
    return error_reply(http::status::bad_request, "bad_request",
                       fmt::format("request target \"{}\": not an origin-form URL",
                                   std::string_view(request.target())));
  }
  if (auto refused = refuse_body(request)) return std::move(*refused);
  const std::string path = target->path();
  const auto match = router_.match(request.method(), path);
  if (match.route == nullptr) {
    if (match.allowed.empty())
      return error_reply(http::status::not_found, "unknown_route", fmt::format("{}: no such resource", path));
    std::string allow;
    for (auto m : match.allowed) allow += (allow.empty() ? "" : ", ") + std::string(http::to_string(m));
    auto r = error_reply(http::status::method_not_allowed, "method_not_allowed",
                         fmt::format("{} {}: the resource allows {}",
                                     std::string_view(http::to_string(request.method())), path, allow));
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  auto store = pool_.lease();
  ApiToken who{.name = "anonymous"};
  if (match.route->access != anyone) {
    // Before the read batch: a token the cache does not hold is read from a new snapshot, so
    // one created a moment ago by `tierdesk token create` is found.
    auto auth = authenticate(request, *store, tokens_);
    if (auto* refused = std::get_if<Reply>(&auth)) return std::move(*refused);
    who = std::get<ApiToken>(std::move(auth));
    if ((match.route->access & role_bit(who.role)) == 0) {
      return error_reply(http::status::forbidden, "forbidden",
                         fmt::format("{} {}: not allowed for the {} role",
                                     std::string_view(http::to_string(request.method())), path,
                                     to_string(who.role)));
    }
  }
  // The request's queries share one read transaction until it writes (perhaps an earlier
  // request's: --snapshot-reuse).
  const auto reads = store->read_batch();
  auto now = request_time(request, who);
  if (auto* refused = std::get_if<Reply>(&now)) return std::move(*refused);
  ServiceDesk desk(config_.contracts, *store, scope_of(who), &notifier_);
  Context c{*this, desk, *store, request, who, std::get<Instant>(now), match.params, {}};
  for (auto param : target->params()) {
    // A parameter given twice is an error, as a key twice in a JSON body is: never last-wins.
    if (!c.query.emplace(param.key, param.value).second)
      return error_reply(Error(Errc::invalid_argument,
                               fmt::format("query parameter {}: given twice", echo(param.key))));
  }
  return match.route->handler(c);
}

std::variant<Instant, Reply> App::request_time(const Request& request, const ApiToken& who) const {
  const auto header = request["X-Tierdesk-At"];
  if (header.empty()) return clock_.now();
  if (!config_.client_time || who.role == AccessRole::customer) {
    return error_reply(http::status::forbidden, "forbidden",
                       "X-Tierdesk-At: only staff requests to a server started with --replay");
  }
  auto at = parse_iso8601(header);
  if (!at) return error_reply(at.error().within("X-Tierdesk-At"));
  return *at;
}

Response App::handle(const Request& request) {
  EventStream stream;
  return handle(request, stream);
}

Response App::handle(const Request& request, EventStream& stream) {
  Reply reply;
  try {
    reply = dispatch(request);
  } catch (const std::exception& e) {
    reply = error_reply(http::status::internal_server_error, "internal", e.what());
  }
  stream = {reply.event_stream, reply.stream_customer};
  return to_response(reply, request.version());
}

Response to_response(const Reply& reply, unsigned version) {
  Response res{reply.status, version};
  res.set(http::field::server, "tierdesk");
  res.set(http::field::content_type, reply.content_type);
  for (const auto& [name, value] : reply.headers) res.set(name, value);
  res.body() = reply.text ? *reply.text : boost::json::serialize(reply.body);
  if (!reply.text) res.body() += '\n';
  res.prepare_payload();
  return res;
}

}  // namespace tierdesk::server
