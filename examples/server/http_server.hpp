// The network side: Boost.Beast HTTP/1.1 over Asio. An acceptor hands each connection to a
// session on its own strand, on one of the event loops in turn (one loop per network thread:
// a loop run by several threads wakes the others through a futex for almost every request); sessions keep connections alive between requests, reject bodies
// over the limit with 413 and malformed requests with 400, and never let one request take the
// process down. GET /events turns a connection into a Server-Sent-Events stream fed by publish().
//
// stop() is graceful: the acceptor closes, idle connections close, a request being handled is
// answered (with Connection: close) before its connection closes, and event streams end.
// A stream opened with a customer token carries only the events about that customer.
// When every connection is gone, io_context::run returns in each worker thread (the caller
// keeps loops without other work running until then, with a work guard it drops on stop).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "app.hpp"

namespace tierdesk::server {

class Session;

// How many connections fit in the descriptor limit (ulimit -n) beside `reserve` other open
// files; 0 when none do.
std::size_t connections_by_descriptors(std::size_t reserve);

class HttpServer {
 public:
  // At most `max_connections` are open at once (0: the descriptor limit, ulimit -n, less a
  // reserve of 64 for the database and the webhook); further connections wait in the listen
  // backlog until one closes. `log` hears what the server handles on its own (the limit
  // reached, accept failures); it may be empty.
  //
  // `writers`, when given, runs the requests that may write (every method but GET and HEAD):
  // a write waits for its group commit (docs/store.md), and holding a network thread meanwhile
  // would stall the connections it serves, while more waiting writers make larger commits.
  // Reads are answered on the network threads.
  //
  // The acceptor runs on `io`; connections are spread over `loops` in turn (none: all on `io`).
  HttpServer(boost::asio::io_context& io, App& app, std::size_t max_connections = 0,
             std::function<void(const std::string&)> log = {},
             boost::asio::thread_pool* writers = nullptr,
             std::vector<boost::asio::io_context*> loops = {});
  ~HttpServer();

  // Binds and starts accepting; port 0 picks a free port. Returns the bound endpoint.
  Result<boost::asio::ip::tcp::endpoint> listen(const std::string& host, unsigned short port);
  void stop();
  bool stopping() const;

  // Sends `data` (one JSON object) as an SSE event to every staff /events stream and to the
  // streams of `customer` (none when it is empty).
  void publish(std::string_view event, const std::string& data, std::string_view customer = {});

  App& app() { return app_; }
  boost::asio::thread_pool* writers() const { return writers_; }
  void add(const std::shared_ptr<Session>& session);
  // A session's destructor: its connection slot is free.
  void session_ended();
  std::size_t max_connections() const { return max_connections_; }
  // A stream for staff (`customer` empty) or for one customer.
  void add_stream(const std::shared_ptr<Session>& session, std::string customer);

 private:
  void accept();
  void back_off(const boost::system::error_code& ec);
  std::vector<boost::asio::io_context*> loops_;  // never empty
  std::size_t next_loop_ = 0;                     // on the acceptor's strand
  App& app_;
  std::function<void(const std::string&)> log_;
  boost::asio::thread_pool* writers_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_;               // on the acceptor's strand
  std::chrono::milliseconds retry_delay_{0};      // 0 while accepting works
  std::size_t max_connections_;
  std::atomic<std::size_t> open_connections_{0};
  bool paused_ = false;                           // at the limit (on the acceptor's strand)

  mutable std::mutex mutex_;
  bool stopping_ = false;
  std::vector<std::weak_ptr<Session>> sessions_;
  struct Stream {
    std::weak_ptr<Session> session;
    std::string customer;  // empty: staff
  };
  std::vector<Stream> streams_;
};

}  // namespace tierdesk::server
