#include "http_server.hpp"

#include <sys/resource.h>

#include <algorithm>

#include <boost/asio/strand.hpp>
#include <fmt/format.h>

#include "http_session.hpp"

namespace tierdesk::server {

namespace net = boost::asio;
using net::ip::tcp;

std::size_t connections_by_descriptors(std::size_t reserve) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 65536;
  return limit.rlim_cur > reserve ? static_cast<std::size_t>(limit.rlim_cur - reserve) : 0;
}

HttpServer::HttpServer(net::io_context& io, App& app, std::size_t max_connections,
                       std::function<void(const std::string&)> log, net::thread_pool* writers,
                       std::vector<net::io_context*> loops)
    : loops_(loops.empty() ? std::vector<net::io_context*>{&io} : std::move(loops)),
      app_(app),
      log_(std::move(log)),
      writers_(writers),
      acceptor_(net::make_strand(io)),
      retry_(acceptor_.get_executor()),
      max_connections_(max_connections > 0 ? max_connections
                                           : std::max<std::size_t>(1, connections_by_descriptors(64))) {}

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
  if (open_connections_.load() >= max_connections_) {
    paused_ = true;
    if (log_)
      log_(fmt::format("accept: {} connections open, the most this server takes; waiting for one "
                       "to close",
                       max_connections_));
    return;
  }
  auto& loop = *loops_[next_loop_++ % loops_.size()];
  acceptor_.async_accept(net::make_strand(loop), [this](boost::system::error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open()) return;  // stop()
    if (ec) return back_off(ec);
    if (retry_delay_.count() > 0 && log_) log_("accept: accepting again");
    retry_delay_ = {};
    socket.set_option(tcp::no_delay(true), ec);
    ++open_connections_;
    auto session = std::make_shared<Session>(std::move(socket), *this);
    add(session);
    session->start();
    accept();
  });
}

// Accepting failed with the listening socket still open: out of descriptors (EMFILE, ENFILE),
// of memory, or a connection reset before it was taken. Each passes when connections close,
// so wait (10 ms, doubling up to 1 s) and accept again; say so once per run of failures.
void HttpServer::back_off(const boost::system::error_code& ec) {
  using namespace std::chrono_literals;
  if (retry_delay_.count() == 0 && log_) log_(fmt::format("accept: {}; retrying", ec.message()));
  retry_delay_ = std::clamp(retry_delay_ * 2, std::chrono::milliseconds(10), std::chrono::milliseconds(1s));
  retry_.expires_after(retry_delay_);
  retry_.async_wait([this](boost::system::error_code e) {
    if (!e && acceptor_.is_open()) accept();
  });
}

void HttpServer::session_ended() {
  --open_connections_;
  net::post(acceptor_.get_executor(), [this] {
    if (!paused_ || !acceptor_.is_open()) return;
    paused_ = false;
    if (log_) log_("accept: accepting again");
    accept();
  });
}

void HttpServer::add(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(mutex_);
  std::erase_if(sessions_, [](const auto& w) { return w.expired(); });
  sessions_.push_back(session);
}

void HttpServer::add_stream(const std::shared_ptr<Session>& session, std::string customer) {
  std::lock_guard lock(mutex_);
  std::erase_if(streams_, [](const Stream& s) { return s.session.expired(); });
  streams_.push_back({session, std::move(customer)});
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
    retry_.cancel();
  });
  for (auto& w : sessions)
    if (auto s = w.lock()) s->stop();
}

void HttpServer::publish(std::string_view event, const std::string& data, std::string_view customer) {
  std::vector<std::shared_ptr<Session>> streams;
  {
    std::lock_guard lock(mutex_);
    std::erase_if(streams_, [](const Stream& s) { return s.session.expired(); });
    for (auto& s : streams_) {
      if (!s.customer.empty() && (customer.empty() || s.customer != customer)) continue;
      if (auto session = s.session.lock()) streams.push_back(std::move(session));
    }
  }
  const std::string message = fmt::format("event: {}\ndata: {}\n\n", event, data);
  for (auto& s : streams) s->push(message);
}

}  // namespace tierdesk::server
