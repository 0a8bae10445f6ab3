#include "http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <fmt/format.h>

#include "http_server.hpp"

namespace tierdesk::server {

namespace beast = boost::beast;
namespace net = boost::asio;

namespace {
constexpr auto keep_alive_timeout = std::chrono::seconds(60);

bool is_protocol_error(const beast::error_code& ec) {
  return ec.category() == beast::http::make_error_code(http::error::bad_target).category();
}
}  // namespace

Session::Session(net::ip::tcp::socket&& socket, HttpServer& server)
    : stream_(std::move(socket)), server_(server) {}

Session::~Session() { server_.session_ended(); }

void Session::start() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
}

// A session waiting for a request stops reading: a read still pending ends with
// operation_aborted and the connection closes; a request read completely but not yet handled
// (its completion already queued on this strand) is handled and answered, then the connection
// closes. Closing the socket here instead would let that request change the desk unanswered.
void Session::stop() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->stopping_ = true;
    if (self->streaming_) return self->close();
    if (self->idle_) {
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);
    }
  });
}

void Session::read() {
  if (stopping_ || server_.stopping()) return close();
  parser_.emplace();
  parser_->body_limit(server_.app().config().body_limit);
  idle_ = true;
  stream_.expires_after(keep_alive_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void Session::on_read(beast::error_code ec) {
  idle_ = false;
  if (ec == http::error::body_limit) {
    const auto limit = server_.app().config().body_limit;
    auto reply = error_reply(http::status::payload_too_large, "payload_too_large",
                             fmt::format("body: more than {} bytes", limit));
    unread_ = true;
    return write(to_response(reply, parser_->get().version()), true);
  }
  if (ec && is_protocol_error(ec) && ec != http::error::end_of_stream && ec != http::error::partial_message) {
    auto reply = error_reply(http::status::bad_request, "bad_request", fmt::format("request: {}", ec.message()));
    unread_ = true;
    return write(to_response(reply, 11), true);
  }
  if (ec) return close();
  handle(parser_->release());
}

void Session::handle(Request request) {
  auto* writers = server_.writers();
  const auto method = request.method();
  if (writers == nullptr || method == http::verb::get || method == http::verb::head) {
    EventStream stream;
    Response response = server_.app().handle(request, stream);
    return answer(std::move(response), request.keep_alive(), stream, request.version());
  }
  // The work guard keeps the network threads running until the answer is back on the strand
  // (a stopping server has no other work left for them).
  net::post(*writers, [self = shared_from_this(), request = std::move(request),
                       work = net::make_work_guard(stream_.get_executor())]() mutable {
    EventStream stream;
    Response response = self->server_.app().handle(request, stream);
    net::post(self->stream_.get_executor(),
              [self, response = std::move(response), keep_alive = request.keep_alive(),
               stream = std::move(stream), version = request.version()]() mutable {
                self->answer(std::move(response), keep_alive, stream, version);
              });
  });
}

void Session::answer(Response response, bool keep_alive, const EventStream& stream,
                     unsigned version) {
  if (stream.wanted) return start_stream(version, stream.customer);
  const bool close_after = !keep_alive || stopping_ || server_.stopping();
  response.keep_alive(!close_after);
  write(std::move(response), close_after);
}

void Session::write(Response response, bool close_after) {
  response_ = std::move(response);
  if (close_after) response_.keep_alive(false);
  http::async_write(stream_, response_, [self = shared_from_this(), close_after](beast::error_code ec, std::size_t) {
    self->on_write(close_after, ec);
  });
}

void Session::on_write(bool close_after, beast::error_code ec) {
  if (!ec && unread_) return drain();
  if (ec || close_after || stopping_) return close();
  read();
}

// After answering a request whose body was not read (413, 400): stop sending, then read and
// drop what the client still sends, so that closing does not reset the connection before the
// client has read the answer.
void Session::drain() {
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  stream_.expires_after(std::chrono::seconds(5));
  stream_.async_read_some(net::buffer(sink_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (ec) return self->close();
    self->drain();
  });
}

// The response header, then one "event: …\ndata: …\n\n" block per message until the client
// goes away or the server stops.
void Session::start_stream(unsigned version, std::string customer) {
  streaming_ = true;
  stream_.expires_never();
  header_ = fmt::format(
      "HTTP/{}.{} 200 OK\r\nServer: tierdesk\r\nContent-Type: text/event-stream\r\n"
      "Cache-Control: no-cache\r\nConnection: close\r\n\r\n: tierdesk events\n\n",
      version / 10, version % 10);
  // Registered before the header goes out, so that a client that has read the header gets
  // every later event; events published meanwhile wait behind the header.
  server_.add_stream(shared_from_this(), std::move(customer));
  writing_ = true;
  net::async_write(stream_, net::buffer(header_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
    self->writing_ = false;
    if (ec) return self->close();
    self->write_next_event();
  });
  // Reading tells when the client hangs up; what it sends is ignored.
  stream_.async_read_some(net::buffer(sink_), [self = shared_from_this()](beast::error_code, std::size_t) {
    self->close();
  });
}

void Session::push(std::string message) {
  net::post(stream_.get_executor(), [self = shared_from_this(), m = std::move(message)]() mutable {
    if (!self->streaming_ || !self->stream_.socket().is_open()) return;
    // A client that does not read its stream is cut off rather than buffered without end; it
    // reconnects and reads what it missed from the store (notices are records there).
    if (self->events_.size() >= max_stream_backlog) return self->close();
    self->events_.push_back(std::move(m));
    if (!self->writing_) self->write_next_event();
  });
}

void Session::write_next_event() {
  if (events_.empty() || writing_ || !stream_.socket().is_open()) return;
  writing_ = true;
  net::async_write(stream_, net::buffer(events_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
    self->writing_ = false;
    self->events_.pop_front();
    if (ec) return self->close();
    self->write_next_event();
  });
}

void Session::close() {
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
  stream_.socket().close(ec);
}

}  // namespace tierdesk::server
