// The HTTP application without the transport: authenticates a request, routes it, makes the
// request's ServiceDesk (the token's scope: one customer for a customer token, the staff
// otherwise) on a leased store connection, runs the handler and turns the Reply into a
// response. The network side (http_server.hpp) feeds it parsed requests; tests may call it
// directly.
#pragma once

#include <chrono>
#include <functional>
#include <variant>
#include <string>
#include <vector>

#include "api.hpp"
#include "clock.hpp"
#include "router.hpp"
#include "store_pool.hpp"
#include "tierdesk/access/token_cache.hpp"
#include "tierdesk/service/contract_book.hpp"
#include "tierdesk/service/notifier.hpp"

namespace tierdesk::server {

struct AppConfig {
  ContractBook contracts;              // the provider contracts (--contracts DIR)
  std::size_t body_limit = 64 * 1024;  // bytes; larger bodies answer 413
  std::string openapi{};               // the document served at /openapi.json
  // Replaying recorded work (--replay): a staff request's "X-Tierdesk-At: <instant>" header is
  // its "now". Never for customer tokens; off in normal operation.
  bool client_time = false;
  // How long a token read from the store is trusted without reading it again (--token-ttl):
  // one revoked by `tierdesk token revoke` works for at most this long, one revoked by
  // DELETE /tokens/{id} stops at once. 0: every request reads its token.
  std::chrono::milliseconds token_ttl{1000};
};

// A request that asked for the event stream (and was allowed): whose events it carries.
struct EventStream {
  bool wanted = false;
  std::string customer{};  // empty: every notice (staff)
};

class App {
 public:
  // Every request's desk reports its notices to `notifier`.
  App(AppConfig config, StorePool& pool, const Clock& clock, Notifier& notifier);

  // The response to one request (keep-alive is the caller's business).
  Response handle(const Request& request);
  // Like handle, but tells whether the request asked for the event stream.
  Response handle(const Request& request, EventStream& stream);

  const AppConfig& config() const { return config_; }
  const Clock& clock() const { return clock_; }
  StorePool& pool() { return pool_; }
  const Router& router() const { return router_; }
  Notifier& notifier() const { return notifier_; }
  TokenCache& tokens() { return tokens_; }

  // Called after every handler that changed a ticket (the SLA watcher re-arms).
  void on_tickets_changed(std::function<void()> f) { tickets_changed_ = std::move(f); }
  void tickets_changed() const {
    if (tickets_changed_) tickets_changed_();
  }

 private:
  Reply dispatch(const Request& request);
  // The request's "now": the clock's, or X-Tierdesk-At when config().client_time allows it.
  std::variant<Instant, Reply> request_time(const Request& request, const ApiToken& who) const;
  AppConfig config_;
  StorePool& pool_;
  const Clock& clock_;
  Notifier& notifier_;
  Router router_;
  TokenCache tokens_;
  std::function<void()> tickets_changed_;
};

// The response for a reply, HTTP/1.1, with Content-Type and Content-Length set.
Response to_response(const Reply& reply, unsigned version);

}  // namespace tierdesk::server
