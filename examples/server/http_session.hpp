// One HTTP connection (http_server.hpp): read a request, answer it, repeat while keep-alive.
#pragma once

#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api.hpp"
#include "app.hpp"

namespace tierdesk::server {

class HttpServer;

// Events queued for one /events stream at most; a stream that falls further behind is closed.
inline constexpr std::size_t max_stream_backlog = 1024;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket&& socket, HttpServer& server);
  ~Session();  // tells the server a connection slot is free
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  void start();
  // Closes the connection once it is idle (at once if it is waiting for a request).
  void stop();
  // Queues an SSE message on an event stream.
  void push(std::string message);

 private:
  void read();
  void on_read(boost::beast::error_code ec);
  // Handles a request read whole, here or on the server's writer pool, then answers it.
  void handle(Request request);
  void answer(Response response, bool keep_alive, const EventStream& stream, unsigned version);
  void write(Response response, bool close_after);
  void on_write(bool close_after, boost::beast::error_code ec);
  void start_stream(unsigned version, std::string customer);
  void write_next_event();
  void drain();
  void close();

  boost::beast::tcp_stream stream_;
  HttpServer& server_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Response response_;
  bool idle_ = false;
  bool stopping_ = false;
  bool streaming_ = false;
  bool writing_ = false;
  bool unread_ = false;  // the request's body was not read: drain before closing
  std::deque<std::string> events_;
  std::string header_;
  std::array<char, 4096> sink_{};
};

}  // namespace tierdesk::server
