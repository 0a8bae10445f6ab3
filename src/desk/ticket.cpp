// Ticket references, channels, statuses, transitions and tier names.
#include "tierdesk/desk/ticket.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include <fmt/format.h>

#include "base/digits.hpp"

namespace tierdesk {
namespace {

constexpr std::array<std::string_view, 4> channel_names{"phone", "email", "portal", "on-call"};
constexpr std::array<std::string_view, 6> status_names{"new",     "open",     "pending-customer",
                                                       "on-hold", "resolved", "closed"};

std::string one_of(std::span<const std::string_view> names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += fmt::format("{}\"{}\"", i == 0 ? "one of " : ", ", names[i]);
  return out;
}

bool is_prefix_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Allowed moves, indexed [from][to].
constexpr bool allowed[6][6] = {
    //            new    open   pend   hold   resolved closed
    /* new */ {false, true, true, true, true, true},
    /* open */ {false, false, true, true, true, false},
    /* pend */ {false, true, false, true, true, false},
    /* hold */ {false, true, true, false, true, false},
    /* resolved */ {false, true, false, false, false, true},
    /* closed */ {false, false, false, false, false, false},
};

}  // namespace

Result<void> check_prefix(std::string_view prefix) {
  if (prefix.empty() || prefix.size() > 8 || !std::ranges::all_of(prefix, is_prefix_char))
    return fail(Error::invalid(Errc::invalid_argument, "prefix", prefix,
                               "1 to 8 upper-case letters or digits"));
  return {};
}

Result<TicketRef> TicketRef::parse(std::string_view text) {
  const auto bad = [&] {
    return fail(Error::invalid(Errc::invalid_argument, "reference", text,
                               "PREFIX-YEAR-NNNNNN, e.g. OO-2026-000123"));
  };
  const auto first = text.find('-');
  if (first == std::string_view::npos) return bad();
  const auto second = text.find('-', first + 1);
  if (second != first + 5) return bad();
  const auto prefix = text.substr(0, first);
  const auto year = text.substr(first + 1, 4);
  const auto seq = text.substr(second + 1);
  if (!check_prefix(prefix) || !std::ranges::all_of(year, is_digit) || seq.size() < 6 ||
      seq.size() > 18 || !std::ranges::all_of(seq, is_digit))
    return bad();
  TicketRef ref{std::string(prefix), 0, 0};
  std::from_chars(year.data(), year.data() + year.size(), ref.year);
  std::from_chars(seq.data(), seq.data() + seq.size(), ref.sequence);
  if (ref.sequence < 1 || (seq.size() > 6 && seq.front() == '0')) return bad();
  return ref;
}

std::string TicketRef::str() const {
  // As fmt::format("{}-{:04}-{:06}"), without parsing the format on every answer.
  std::string out;
  out.reserve(prefix.size() + 13);
  out += prefix;
  out += '-';
  detail::append_padded(out, year, 4);
  out += '-';
  detail::append_padded(out, sequence, 6);
  return out;
}

std::optional<TicketRef> find_ref_in_subject(std::string_view subject) {
  for (auto open = subject.find('['); open != std::string_view::npos;
       open = subject.find('[', open + 1)) {
    const auto close = subject.find(']', open + 1);
    if (close == std::string_view::npos) return std::nullopt;
    if (auto ref = TicketRef::parse(subject.substr(open + 1, close - open - 1))) return *ref;
  }
  return std::nullopt;
}

std::string_view to_string(Channel c) noexcept { return channel_names[static_cast<std::size_t>(c)]; }

Result<Channel> parse_channel(std::string_view text) {
  for (std::size_t i = 0; i < channel_names.size(); ++i)
    if (channel_names[i] == text) return static_cast<Channel>(i);
  return fail(Error::invalid(Errc::invalid_argument, "channel", text, one_of(channel_names)));
}

std::string_view to_string(TicketStatus s) noexcept {
  return status_names[static_cast<std::size_t>(s)];
}

Result<TicketStatus> parse_status(std::string_view text) {
  for (std::size_t i = 0; i < status_names.size(); ++i)
    if (status_names[i] == text) return static_cast<TicketStatus>(i);
  return fail(Error::invalid(Errc::invalid_argument, "status", text, one_of(status_names)));
}

Result<void> check_transition(TicketStatus from, TicketStatus to) {
  if (allowed[static_cast<std::size_t>(from)][static_cast<std::size_t>(to)]) return {};
  return fail(Errc::invalid_transition,
              fmt::format("status: cannot go from \"{}\" to \"{}\"", to_string(from), to_string(to)));
}

Result<std::string_view> TierNames::name(int tier) const {
  if (tier < min_tier || tier > max_tier)
    return fail(Error::invalid(Errc::invalid_argument, "tier", std::to_string(tier), "1, 2 or 3"));
  return std::string_view(names[static_cast<std::size_t>(tier - 1)]);
}

Result<int> TierNames::parse(std::string_view text) const {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<int>(i) + 1;
  if (text.size() == 1 && text[0] >= '1' && text[0] <= '3') return text[0] - '0';
  return fail(Error::invalid(Errc::invalid_argument, "tier", text,
                             fmt::format("1, 2, 3, \"{}\", \"{}\" or \"{}\"", names[0], names[1],
                                         names[2])));
}

bool Ticket::has_flag(std::string_view flag) const {
  return std::ranges::find(flags, flag) != flags.end();
}

}  // namespace tierdesk
