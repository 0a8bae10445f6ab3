// The network side: Boost.Beast HTTP/1.1 over Asio. An acceptor hands each connection to a
// session on its own strand; sessions keep connections alive between requests, reject bodies
// over the limit with 413 and malformed requests with 400, and never let one request take the
// process down. GET /events turns a connection into a Server-Sent-Events stream fed by publish().
//
// stop() is graceful: the acceptor closes, idle connections close, a request being handled is
// answered (with Connection: close) before its connection closes, and event streams end.
// When every connection is gone, io_context::run returns in each worker thread.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "app.hpp"

namespace tierdesk::server {

class Session;

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, App& app);
  ~HttpServer();

  // Binds and starts accepting; port 0 picks a free port. Returns the bound endpoint.
  Result<boost::asio::ip::tcp::endpoint> listen(const std::string& host, unsigned short port);
  void stop();
  bool stopping() const;

  // Sends `data` (one JSON object) as an SSE event to every /events stream.
  void publish(const std::string& event, const std::string& data);

  App& app() { return app_; }
  void add(const std::shared_ptr<Session>& session);
  void add_stream(const std::shared_ptr<Session>& session);

 private:
  void accept();
  boost::asio::io_context& io_;
  App& app_;
  boost::asio::ip::tcp::acceptor acceptor_;
  mutable std::mutex mutex_;
  bool stopping_ = false;
  std::vector<std::weak_ptr<Session>> sessions_;
  std::vector<std::weak_ptr<Session>> streams_;
};

}  // namespace tierdesk::server
