#include "http_server.hpp"

#include <boost/asio/strand.hpp>
#include <fmt/format.h>

#include "http_session.hpp"

namespace tierdesk::server {

namespace net = boost::asio;
using net::ip::tcp;

HttpServer::HttpServer(net::io_context& io, App& app) : io_(io), app_(app), acceptor_(net::make_strand(io)) {}

HttpServer::~HttpServer() = default;

Result<tcp::endpoint> HttpServer::listen(const std::string& host, unsigned short port) {
  boost::system::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (ec) return fail(Error::invalid(Errc::invalid_argument, "listen", host, "an IP address"));
  const tcp::endpoint endpoint(address, port);
  auto what = [&](std::string_view step) {
    return Error(Errc::io_error, fmt::format("listen {}:{}: {}: {}", host, port, step, ec.message()));
  };
  if (acceptor_.open(endpoint.protocol(), ec); ec) return fail(what("open"));
  if (acceptor_.set_option(net::socket_base::reuse_address(true), ec); ec) return fail(what("reuse_address"));
  if (acceptor_.bind(endpoint, ec); ec) return fail(what("bind"));
  if (acceptor_.listen(net::socket_base::max_listen_connections, ec); ec) return fail(what("listen"));
  auto bound = acceptor_.local_endpoint(ec);
  if (ec) return fail(what("local_endpoint"));
  accept();
  return bound;
}

void HttpServer::accept() {
  acceptor_.async_accept(net::make_strand(io_), [this](boost::system::error_code ec, tcp::socket socket) {
    if (ec) return;  // closed by stop(), or out of descriptors: either way stop accepting
    socket.set_option(tcp::no_delay(true), ec);
    auto session = std::make_shared<Session>(std::move(socket), *this);
    add(session);
    session->start();
    accept();
  });
}

void HttpServer::add(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(mutex_);
  std::erase_if(sessions_, [](const auto& w) { return w.expired(); });
  sessions_.push_back(session);
}

void HttpServer::add_stream(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(mutex_);
  std::erase_if(streams_, [](const auto& w) { return w.expired(); });
  streams_.push_back(session);
}

bool HttpServer::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void HttpServer::stop() {
  std::vector<std::weak_ptr<Session>> sessions;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    sessions.swap(sessions_);
    streams_.clear();
  }
  net::post(acceptor_.get_executor(), [this] {
    boost::system::error_code ec;
    acceptor_.close(ec);
  });
  for (auto& w : sessions)
    if (auto s = w.lock()) s->stop();
}

void HttpServer::publish(const std::string& event, const std::string& data) {
  std::vector<std::shared_ptr<Session>> streams;
  {
    std::lock_guard lock(mutex_);
    std::erase_if(streams_, [](const auto& w) { return w.expired(); });
    for (auto& w : streams_)
      if (auto s = w.lock()) streams.push_back(std::move(s));
  }
  const std::string message = fmt::format("event: {}\ndata: {}\n\n", event, data);
  for (auto& s : streams) s->push(message);
}

}  // namespace tierdesk::server
