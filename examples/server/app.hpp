// The HTTP application without the transport: authenticates a request, routes it, runs the
// handler on a leased store connection and turns the Reply into a response. The network side
// (http_server.hpp) feeds it parsed requests; tests may call it directly.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api.hpp"
#include "clock.hpp"
#include "router.hpp"
#include "store_pool.hpp"
#include "tierdesk/contract.hpp"
#include "tierdesk/desk.hpp"

namespace tierdesk::server {

struct AppConfig {
  std::string prefix = "TD";       // reference prefix of tickets opened here
  ClockFunction clocks{};          // the SLA clock cache (from --policy); none without
  TierNames tiers{};
  std::size_t body_limit = 64 * 1024;  // bytes; larger bodies answer 413
  std::string openapi{};           // the document served at /openapi.json
  std::vector<Contract> contracts{};  // from --contracts: defaults for opening, statements
};

class App {
 public:
  App(AppConfig config, StorePool& pool, const Clock& clock);

  // The response to one request (keep-alive is the caller's business).
  Response handle(const Request& request);
  // Like handle, but tells whether the request asked for the event stream (and was allowed).
  Response handle(const Request& request, bool& event_stream);

  const AppConfig& config() const { return config_; }
  const Clock& clock() const { return clock_; }
  StorePool& pool() { return pool_; }
  const Router& router() const { return router_; }

  // Called after every handler that changed a ticket (the SLA watcher re-arms).
  void on_tickets_changed(std::function<void()> f) { tickets_changed_ = std::move(f); }
  void tickets_changed() const {
    if (tickets_changed_) tickets_changed_();
  }

 private:
  Reply dispatch(const Request& request);
  AppConfig config_;
  StorePool& pool_;
  const Clock& clock_;
  Router router_;
  std::function<void()> tickets_changed_;
};

// The response for a reply, HTTP/1.1, with Content-Type and Content-Length set.
Response to_response(const Reply& reply, unsigned version);

}  // namespace tierdesk::server
