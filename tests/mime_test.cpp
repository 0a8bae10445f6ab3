// The wire format of mail: quoted-printable bodies, RFC 2047 header words, RFC 5322 dates.
#include "tierdesk/report/mime.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using tierdesk::encode_quoted_printable;
using tierdesk::header_field;

namespace {

std::vector<std::string> crlf_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto end = text.find("\r\n", pos);
    REQUIRE(end != std::string_view::npos);  // every line ends with CRLF
    lines.emplace_back(text.substr(pos, end - pos));
    pos = end + 2;
  }
  return lines;
}

// An independent decoder: soft breaks removed, =XX turned back into bytes, CRLF into "\n".
std::string decode_qp(std::string_view text) {
  std::string out;
  for (const auto& line : crlf_lines(text)) {
    const bool soft = !line.empty() && line.back() == '=';
    const std::string_view body(line.data(), line.size() - (soft ? 1 : 0));
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (body[i] == '=') {
        out += static_cast<char>(std::stoi(std::string(body.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else {
        out += body[i];
      }
    }
    if (!soft) out += '\n';
  }
  return out;
}

tierdesk::Instant utc(std::string_view iso) { return tierdesk::parse_iso8601(iso).value(); }

}  // namespace

TEST_CASE("quoted-printable: umlauts, '=', trailing blanks and a leading dot are encoded") {
  CHECK(encode_quoted_printable("Grüße\n") == "Gr=C3=BC=C3=9Fe\r\n");
  CHECK(encode_quoted_printable("a=b\n") == "a=3Db\r\n");
  CHECK(encode_quoted_printable("end \nend\t\n") == "end=20\r\nend=09\r\n");
  CHECK(encode_quoted_printable(".\n") == "=2E\r\n");
  CHECK(encode_quoted_printable("two words\r\nno newline") == "two words\r\nno newline\r\n");
  CHECK(encode_quoted_printable("") == "");
}

TEST_CASE("quoted-printable: a long line gets soft breaks, no line longer than 76") {
  const std::string line(100, 'x');
  const auto qp = encode_quoted_printable(line + "\n");
  CHECK(qp == std::string(75, 'x') + "=\r\n" + std::string(25, 'x') + "\r\n");

  std::string umlauts;
  for (int i = 0; i < 40; ++i) umlauts += "ü";
  const auto encoded = encode_quoted_printable("Büro: " + umlauts + " ende \n");
  const auto lines = crlf_lines(encoded);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "B=C3=BCro: =C3=BC=C3=BC=C3=BC=C3=BC=C3=BC=C3=BC=C3=BC=C3=BC=C3=BC=C3=BC=C3=");
  for (const auto& l : lines) CHECK(l.size() <= 76);
  CHECK(lines[3].ends_with("ende=20"));
  CHECK(decode_qp(encoded) == "Büro: " + umlauts + " ende \n");
}

TEST_CASE("header fields: ASCII as is, folded at blanks beyond 78 characters") {
  CHECK(header_field("To", "it@acme.example") == "To: it@acme.example\r\n");
  std::string words;
  for (int i = 0; i < 12; ++i) words += "request" + std::to_string(i) + " ";
  words += "end";
  const auto folded = header_field("Subject", words);
  const auto lines = crlf_lines(folded);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] ==
        "Subject: request0 request1 request2 request3 request4 request5 request6");  // 72
  CHECK(lines[1] == " request7 request8 request9 request10 request11 end");
}

TEST_CASE("header fields: non-ASCII text becomes RFC 2047 encoded-words") {
  CHECK(header_field("Subject", "Status für Müller") ==
        "Subject: =?utf-8?Q?Status_f=C3=BCr_M=C3=BCller?=\r\n");

  const std::string long_subject =
      "Status Müller Büroservice GmbH & Co. KG, 2026-11 - Stundenkontingent ausgeschöpft, "
      "Rückfragen bitte an die Zentrale";
  const auto field = header_field("Subject", long_subject);
  const auto lines = crlf_lines(field);
  REQUIRE(lines.size() == 3);  // Python's email.header decodes these three to the subject
  CHECK(lines[0] ==
        "Subject: =?utf-8?Q?Status_M=C3=BCller_B=C3=BCroservice_GmbH_=26_Co=2E_KG=2C_?=");
  CHECK(lines[1] == " =?utf-8?Q?2026-11_-_Stundenkontingent_ausgesch=C3=B6pft=2C_R=C3=BCckfrage?=");
  CHECK(lines[2] == " =?utf-8?Q?n_bitte_an_die_Zentrale?=");
  std::string decoded;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    CHECK(l.size() <= 78);
    const auto word = i == 0 ? l.substr(9) : l.substr(1);
    CHECK(word.size() <= 75);
    REQUIRE(word.starts_with("=?utf-8?Q?"));
    REQUIRE(word.ends_with("?="));
    std::string payload = word.substr(10, word.size() - 12);
    for (auto& c : payload) c = c == '_' ? ' ' : c;
    decoded += decode_qp(payload + "=\r\n");
    // a word never ends inside a UTF-8 character: its last byte is not a lead byte
    CHECK_FALSE(payload.ends_with("=C3"));
  }
  CHECK(decoded == long_subject);
}

TEST_CASE("mail dates are RFC 5322 date-times in UTC") {
  CHECK(tierdesk::format_mail_date(utc("2026-12-01T08:00:00Z")) ==
        "Tue, 01 Dec 2026 08:00:00 +0000");
  CHECK(tierdesk::format_mail_date(utc("2027-01-03T23:59:07+01:00")) ==
        "Sun, 03 Jan 2027 22:59:07 +0000");
}

TEST_CASE("render_mail: headers in order, MIME text/plain, quoted-printable body") {
  const tierdesk::MailMessage m{.from = "Solutionbar <status@solutionbar.example>",
                                .to = "it@acme.example",
                                .subject = "Status für Müller",
                                .date = utc("2026-12-01T08:00:00Z"),
                                .message_id = "<s1@solutionbar.example>",
                                .body = "Grüße\n"};
  const auto wire = tierdesk::render_mail(m);
  REQUIRE(wire);
  CHECK(*wire ==
        "From: Solutionbar <status@solutionbar.example>\r\n"
        "To: it@acme.example\r\n"
        "Subject: =?utf-8?Q?Status_f=C3=BCr_M=C3=BCller?=\r\n"
        "Date: Tue, 01 Dec 2026 08:00:00 +0000\r\n"
        "Message-ID: <s1@solutionbar.example>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "\r\n"
        "Gr=C3=BC=C3=9Fe\r\n");
}

TEST_CASE("render_mail refuses header injection, empty addresses and bad message ids") {
  tierdesk::MailMessage m{.from = "a@b.example",
                          .to = "c@d.example",
                          .subject = "hi",
                          .date = utc("2026-12-01T08:00:00Z"),
                          .message_id = "<x@y>",
                          .body = ""};
  auto injected = m;
  injected.subject = "hi\r\nBcc: everyone@example.com";
  auto r = tierdesk::render_mail(injected);
  REQUIRE_FALSE(r);
  CHECK(r.error().code() == tierdesk::Errc::invalid_argument);
  CHECK(r.error().message().starts_with("subject: got "));

  auto no_to = m;
  no_to.to.clear();
  r = tierdesk::render_mail(no_to);
  REQUIRE_FALSE(r);
  CHECK(r.error().message() == "to: is empty");

  auto bad_id = m;
  bad_id.message_id = "x@y";
  r = tierdesk::render_mail(bad_id);
  REQUIRE_FALSE(r);
  CHECK(r.error().message() == "message_id: got \"x@y\", expected <local@domain>");
}
