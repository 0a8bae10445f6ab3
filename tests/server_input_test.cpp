// tierdesk-server in-process against requests an attacker or a careless client sends: bodies
// that are not declared JSON, a transfer coding it cannot decode, a key twice, the bearer scheme
// in another case, a client-supplied time. Each is refused with its status and message, and
// nothing is stored.
#include <doctest/doctest.h>

#include "server/test_server.hpp"

using namespace tierdesk;
using namespace tierdesk::test;
using http::verb;

namespace {

std::string str(const boost::json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

std::size_t ticket_count(TestServer& s) {
  return s.call(verb::get, "/tickets").json.at("tickets").as_array().size();
}

}  // namespace

TEST_CASE("a body is JSON by its Content-Type, and only chunked transfer coding is decoded") {
  TestServer s;
  auto with_type = [&](std::string type) {
    http::request<http::string_body> req{verb::post, "/tickets", 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::authorization, "Bearer " + std::string(agent_token));
    if (!type.empty()) req.set(http::field::content_type, type);
    req.body() = R"({"customer":"nordlys","subject":"VPN down"})";
    req.prepare_payload();
    return s.send(req);
  };
  auto form = with_type("application/x-www-form-urlencoded");  // curl -d; used to be read as JSON
  CHECK(form.status == 415);
  CHECK(form.error_code() == "unsupported_media_type");
  CHECK(form.error_message() ==
        "Content-Type: got \"application/x-www-form-urlencoded\", expected application/json");
  CHECK(with_type("").status == 415);
  CHECK(with_type("Application/JSON; charset=utf-8").status == 201);
  CHECK(ticket_count(s) == 1);

  // "gzip, chunked": the body would reach the JSON parser still compressed.
  boost::asio::io_context io;
  boost::beast::tcp_stream raw(io);
  raw.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), s.port));
  const std::string request = "POST /tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                              std::string(agent_token) +
                              "\r\nContent-Type: application/json\r\n"
                              "Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
  boost::asio::write(raw, boost::asio::buffer(request));
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(raw, buffer, res);
  CHECK(res.result_int() == 501);
  CHECK(std::string(boost::json::parse(res.body()).at("error").at("message").as_string()) ==
        "Transfer-Encoding: got \"gzip, chunked\", expected chunked alone");
  CHECK(ticket_count(s) == 1);
}

TEST_CASE("a key twice in a body is an error, not last-wins") {
  TestServer s;
  auto twice = s.call(verb::post, "/tickets", agent_token,
                      R"({"customer":"nordlys","subject":"VPN down","customer":"mueller"})");
  CHECK(twice.status == 400);
  CHECK(twice.error_code() == "parse_error");
  CHECK(twice.error_message() == "body: customer: key appears twice (again at line 1, column 53)");
  CHECK(ticket_count(s) == 0);
}

TEST_CASE("the Authorization scheme is case-insensitive; anything but Bearer and a token is 401") {
  TestServer s;
  auto with = [&](std::string value) {
    http::request<http::string_body> req{verb::get, "/tickets", 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::authorization, value);
    req.prepare_payload();
    return s.send(req);
  };
  CHECK(with("bearer " + std::string(agent_token)).status == 200);  // refused before
  CHECK(with("BEARER " + std::string(agent_token)).status == 200);
  auto basic = with("Basic " + std::string(agent_token));
  CHECK(basic.status == 401);
  CHECK(basic.error_message() == "Authorization: expected Bearer and a token");
  CHECK(with("Bearer").status == 401);
  CHECK(with("Bearer ").status == 401);
  CHECK(with("Bearerx " + std::string(agent_token)).status == 401);
}

TEST_CASE("X-Tierdesk-At is refused unless the server replays, and then only from staff") {
  TestServer live_server;
  TestServer replaying(preset_contracts(), 64 * 1024, /*replay=*/true);
  auto at = [&](std::string_view token, bool replay) {
    TestServer& s = replay ? replaying : live_server;
    http::request<http::string_body> req{verb::post, "/tickets", 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::authorization, "Bearer " + std::string(token));
    req.set("X-Tierdesk-At", "2026-11-16T09:00:00+01:00");
    req.set(http::field::content_type, "application/json");
    req.body() = R"({"customer":"nordlys","subject":"VPN down"})";
    req.prepare_payload();
    return s.send(req);
  };
  auto live = at(agent_token, false);
  CHECK(live.status == 403);
  CHECK(live.error_message() == "X-Tierdesk-At: only staff requests to a server started with --replay");
  CHECK(at(customer_token("nordlys"), true).status == 403);
  auto replayed = at(agent_token, true);
  REQUIRE(replayed.status == 201);
  CHECK(str(replayed.json, "created_at") == "2026-11-16T08:00:00Z");
  CHECK(replaying.call(verb::get, "/tickets").json.at("tickets").as_array().size() == 1);
  CHECK(live_server.call(verb::get, "/tickets").json.at("tickets").as_array().size() == 0);
}
