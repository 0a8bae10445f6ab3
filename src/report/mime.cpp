#include "tierdesk/report/mime.hpp"

#include <array>
#include <chrono>
#include <vector>

#include <fmt/format.h>

namespace tierdesk {
namespace {

constexpr std::string_view hex_digits = "0123456789ABCDEF";

void append_hex(std::string& out, unsigned char c) {
  out += '=';
  out += hex_digits[c >> 4];
  out += hex_digits[c & 0x0F];
}

// The quoted-printable tokens of one line: a literal character or an "=XX" escape each.
std::vector<std::string> qp_tokens(std::string_view line) {
  std::vector<std::string> tokens;
  tokens.reserve(line.size());
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    const bool blank = c == ' ' || c == '\t';
    const bool literal =
        (c >= 33 && c <= 126 && c != '=' && !(i == 0 && c == '.')) || (blank && !last);
    std::string token;
    if (literal) {
      token = static_cast<char>(c);
    } else {
      append_hex(token, c);
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

// One input line as one or more output lines of at most 76 characters, joined by soft breaks.
void append_qp_line(std::string& out, std::string_view line) {
  const auto tokens = qp_tokens(line);
  std::size_t width = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& token = tokens[i];
    const bool last = i + 1 == tokens.size();
    const std::size_t room = last ? 76 : 75;  // all but the last leave room for the "="
    if (width + token.size() > room) {
      out += "=\r\n";
      width = 0;
    }
    out += token;
    width += token.size();
  }
  out += "\r\n";
}

bool is_ascii_text(std::string_view s) {
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

// The byte length of the UTF-8 sequence that starts with `lead` (1 for stray bytes).
std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

// RFC 2047 "Q" encoding of one character (1 … 4 bytes).
std::string q_encode(std::string_view ch) {
  std::string out;
  if (ch.size() == 1) {
    const auto c = static_cast<unsigned char>(ch[0]);
    if (c == ' ') return "_";
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
        std::string_view("!*+-/").find(static_cast<char>(c)) != std::string_view::npos)
      return std::string(1, static_cast<char>(c));
  }
  for (const char b : ch) append_hex(out, static_cast<unsigned char>(b));
  return out;
}

std::string fold_ascii(std::string_view name, std::string_view value) {
  std::string out = fmt::format("{}:", name);
  std::size_t width = out.size();
  std::size_t pos = 0;
  while (pos <= value.size()) {
    auto end = value.find(' ', pos);
    if (end == std::string_view::npos) end = value.size();
    const auto word = value.substr(pos, end - pos);
    if (width + 1 + word.size() > max_mail_line && width > name.size() + 1) {
      out += "\r\n";
      width = 0;
    }
    out += ' ';
    out += word;
    width += 1 + word.size();
    pos = end + 1;
  }
  return out + "\r\n";
}

// Encoded-words, the first on the header's own line, each further one on a continuation line.
std::string fold_encoded(std::string_view name, std::string_view value) {
  constexpr std::string_view open = "=?utf-8?Q?";
  constexpr std::string_view close = "?=";
  constexpr std::size_t max_word = 75;
  constexpr std::size_t min_word = open.size() + close.size() + 12;
  std::string out = fmt::format("{}:", name);
  const std::size_t first_room = out.size() + 1 + min_word <= max_mail_line
                                     ? std::min(max_word, max_mail_line - out.size() - 1)
                                     : 0;
  bool first = first_room > 0;
  std::string word;
  const auto flush = [&] {
    out += first ? " " : "\r\n ";
    out += fmt::format("{}{}{}", open, word, close);
    word.clear();
    first = false;
  };
  for (std::size_t i = 0; i < value.size();) {
    const auto n = std::min(utf8_length(static_cast<unsigned char>(value[i])), value.size() - i);
    const auto encoded = q_encode(value.substr(i, n));
    const std::size_t room = first ? first_room : max_word;
    if (!word.empty() && open.size() + word.size() + encoded.size() + close.size() > room) flush();
    word += encoded;
    i += n;
  }
  if (!word.empty()) flush();
  return out + "\r\n";
}

Result<void> check_header_value(std::string_view field, std::string_view value, bool required) {
  if (required && value.empty())
    return fail(Errc::invalid_argument, fmt::format("{}: is empty", field));
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F)
      return fail(
          Errc::invalid_argument,
          fmt::format("{}: got {:?}, expected no line break or control character", field, value));
  }
  return {};
}

}  // namespace

std::string encode_quoted_printable(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    append_qp_line(out, line);
    pos = end + 1;
  }
  return out;
}

std::string header_field(std::string_view name, std::string_view value) {
  return is_ascii_text(value) ? fold_ascii(name, value) : fold_encoded(name, value);
}

std::string format_mail_date(Instant t) {
  using namespace std::chrono;
  constexpr std::array<std::string_view, 7> days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  constexpr std::array<std::string_view, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = floor<std::chrono::days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> tod{t - day};
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000", days[weekday{day}.c_encoding()],
                     static_cast<unsigned>(ymd.day()),
                     months[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                     tod.hours().count(), tod.minutes().count(), tod.seconds().count());
}

Result<std::string> render_mail(const MailMessage& m) {
  for (const auto& [field, value, required] :
       {std::tuple<std::string_view, std::string_view, bool>{"from", m.from, true},
        {"to", m.to, true},
        {"subject", m.subject, false},
        {"message_id", m.message_id, true}}) {
    auto ok = check_header_value(field, value, required);
    if (!ok) return fail(ok.error());
  }
  if (m.message_id.size() < 5 || m.message_id.front() != '<' || m.message_id.back() != '>' ||
      m.message_id.find('@') == std::string::npos)
    return fail(
        Error::invalid(Errc::invalid_argument, "message_id", m.message_id, "<local@domain>"));
  std::string out;
  out += header_field("From", m.from);
  out += header_field("To", m.to);
  out += header_field("Subject", m.subject);
  out += header_field("Date", format_mail_date(m.date));
  out += header_field("Message-ID", m.message_id);
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n";
  out += "\r\n";
  out += encode_quoted_printable(m.body);
  return out;
}

}  // namespace tierdesk
