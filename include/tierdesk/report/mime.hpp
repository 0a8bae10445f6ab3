// Internet mail on the wire: an RFC 5322 message with a MIME text/plain body.
//
// A report that is to be sent by mail (the status e-mail of seed 002) is rendered once, here,
// into the exact bytes a mail server accepts: header fields in a fixed order, CRLF line ends,
// no line longer than 78 characters, header text outside ASCII as RFC 2047 encoded-words and
// the UTF-8 body as quoted-printable (RFC 2045) with soft line breaks.
//
//   MailMessage m{.from = "Solutionbar <status@solutionbar.example>",
//                 .to = "it@acme.example", .subject = "Status für Müller",
//                 .date = 2026-12-01T08:00:00Z, .message_id = "<s1@solutionbar.example>",
//                 .body = "Grüße\n"};
//   *render_mail(m) ==
//     "From: Solutionbar <status@solutionbar.example>\r\n"
//     "To: it@acme.example\r\n"
//     "Subject: =?utf-8?Q?Status_f=C3=BCr_M=C3=BCller?=\r\n"
//     "Date: Tue, 01 Dec 2026 08:00:00 +0000\r\n"
//     "Message-ID: <s1@solutionbar.example>\r\n"
//     "MIME-Version: 1.0\r\n"
//     "Content-Type: text/plain; charset=utf-8\r\n"
//     "Content-Transfer-Encoding: quoted-printable\r\n"
//     "\r\n"
//     "Gr=C3=BC=C3=9Fe\r\n"
#pragma once

#include <string>
#include <string_view>

#include "tierdesk/base/error.hpp"
#include "tierdesk/base/time.hpp"

namespace tierdesk {

inline constexpr std::size_t max_mail_line = 78;

// `text` (UTF-8, lines separated by "\n" or "\r\n") as quoted-printable: CRLF line ends, each
// output line at most 76 characters, "=" soft breaks, trailing blanks encoded (=20, =09).
std::string encode_quoted_printable(std::string_view text);

// One header field, "Name: value\r\n", folded with CRLF SP into lines of at most 78
// characters. ASCII values fold at blanks (only a single word longer than a line stays whole:
// it cannot fold, and RFC 5322 allows up to 998 characters); other values become RFC 2047
// Q encoded-words ("=?utf-8?Q?…?="), each at most 75 characters and never splitting a UTF-8
// character.
std::string header_field(std::string_view name, std::string_view value);

// "Tue, 01 Dec 2026 08:00:00 +0000" (RFC 5322 date-time, in UTC).
std::string format_mail_date(Instant t);

struct MailMessage {
  std::string from{};  // "Name <address>" or an address
  std::string to{};
  std::string subject{};  // UTF-8
  Instant date{};
  std::string message_id{};  // "<local@domain>"
  std::string body{};        // UTF-8 text, "\n" line ends
};

// The message as sent. Errc::invalid_argument naming the field when from, to or message_id is
// empty, when a header value holds a line break or a control character, or when the
// message id is not "<…@…>".
Result<std::string> render_mail(const MailMessage& message);

}  // namespace tierdesk
