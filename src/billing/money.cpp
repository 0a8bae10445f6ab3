#include "tierdesk/billing/money.hpp"

#include <limits>

#include "billing/wide.hpp"

namespace tierdesk {
namespace {

struct KnownCurrency {
  std::string_view code;
  int exponent;
};

constexpr KnownCurrency known_currencies[] = {
    {"DKK", 2}, {"EUR", 2}, {"SEK", 2}, {"NOK", 2}, {"CHF", 2},
    {"GBP", 2}, {"USD", 2}, {"PLN", 2}, {"CZK", 2}, {"JPY", 0},
};

Error bad_amount(std::string_view text, std::string_view why) {
  return Error::invalid(Errc::invalid_argument, "amount", text, why);
}

// The digits of `text`, which is either plain digits or groups separated by commas: the first
// group of one to three digits, every other of exactly three ("1,095").
Result<std::string> integer_digits(std::string_view text, std::string_view whole) {
  if (text.empty()) return fail(bad_amount(whole, "digits before the decimal point"));
  std::string digits;
  std::size_t group = 0;
  bool first_group = true;
  for (char c : text) {
    if (c == ',') {
      if (group == 0 || group > 3 || (!first_group && group != 3))
        return fail(bad_amount(whole, "commas only between groups of three digits"));
      first_group = false;
      group = 0;
      continue;
    }
    if (c < '0' || c > '9') return fail(bad_amount(whole, "a number such as 1095.00"));
    digits.push_back(c);
    ++group;
  }
  if (!first_group && group != 3)
    return fail(bad_amount(whole, "commas only between groups of three digits"));
  return digits;
}

Result<Money> checked(detail::Wide value, Currency currency) {
  if (!detail::fits_int64(value))
    return fail(Errc::overflow, fmt::format("amount: {} {} minor units exceed the int64 range",
                                            detail::to_string(value), currency.code()));
  return Money::from_minor(static_cast<std::int64_t>(value), currency);
}

Result<void> same_currency(Money a, Money b, std::string_view op) {
  if (a.currency() == b.currency()) return {};
  return fail(Errc::currency_mismatch, fmt::format("{}: cannot combine {} with {}", op,
                                                   a.currency().code(), b.currency().code()));
}

}  // namespace

Result<Currency> Currency::of(std::string_view code) {
  for (const auto& known : known_currencies) {
    if (known.code == code) return Currency({code[0], code[1], code[2]}, known.exponent);
  }
  return fail(Error::invalid(Errc::invalid_argument, "currency", code,
                             "an ISO 4217 code such as DKK or EUR"));
}

Result<Money> Money::parse(std::string_view text, Currency currency) {
  std::string_view rest = text;
  const bool negative = !rest.empty() && rest.front() == '-';
  if (negative) rest.remove_prefix(1);
  const auto dot = rest.find('.');
  const auto int_part = rest.substr(0, dot);
  const auto frac_part = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
  if (dot != std::string_view::npos && frac_part.empty())
    return fail(bad_amount(text, "digits after the decimal point"));
  if (static_cast<int>(frac_part.size()) > currency.exponent())
    return fail(bad_amount(
        text, fmt::format("at most {} decimals for {}", currency.exponent(), currency.code())));
  auto digits = integer_digits(int_part, text);
  if (!digits) return fail(digits.error());
  for (char c : frac_part) {
    if (c < '0' || c > '9') return fail(bad_amount(text, "a number such as 1095.00"));
  }
  std::string all =
      *digits + std::string(frac_part) + std::string(currency.exponent() - frac_part.size(), '0');
  detail::Wide value = 0;
  for (char c : all) {
    value = value * 10 + (c - '0');
    if (value > detail::Wide{std::numeric_limits<std::int64_t>::max()} + 1)
      return fail(Errc::overflow, fmt::format("amount: \"{}\" exceeds the int64 range", text));
  }
  return checked(negative ? -value : value, currency);
}

Result<Money> Money::parse(std::string_view text) {
  const auto space = text.rfind(' ');
  if (space == std::string_view::npos)
    return fail(bad_amount(text, "an amount and a currency such as \"1,095.00 DKK\""));
  auto currency = Currency::of(text.substr(space + 1));
  if (!currency) return fail(currency.error());
  return parse(text.substr(0, space), *currency);
}

Result<Money> add(Money a, Money b) {
  if (auto ok = same_currency(a, b, "add"); !ok) return fail(ok.error());
  return checked(detail::Wide{a.minor_units()} + b.minor_units(), a.currency());
}

Result<Money> subtract(Money a, Money b) {
  if (auto ok = same_currency(a, b, "subtract"); !ok) return fail(ok.error());
  return checked(detail::Wide{a.minor_units()} - b.minor_units(), a.currency());
}

Result<Money> multiply(Money m, std::int64_t count) {
  return checked(detail::Wide{m.minor_units()} * count, m.currency());
}

Result<Money> scale(Money m, std::int64_t numerator, std::int64_t denominator) {
  if (denominator <= 0)
    return fail(Errc::invalid_argument,
                fmt::format("denominator: got {}, expected a positive number", denominator));
  return checked(detail::divide_half_up(detail::Wide{m.minor_units()} * numerator, denominator),
                 m.currency());
}

Result<Money> percentage(Money m, BasisPoints rate) { return scale(m, rate.value, 10000); }

Result<Money> time_charge(Money per_hour, std::chrono::seconds worked, BasisPoints surcharge) {
  detail::Wide product = 0;
  const detail::Wide factor =
      detail::Wide{worked.count()} * (10000 + detail::Wide{surcharge.value});
  if (__builtin_mul_overflow(detail::Wide{per_hour.minor_units()}, factor, &product))
    return fail(Errc::overflow, fmt::format("time charge: {} for {} s overflows",
                                            per_hour.minor_units(), worked.count()));
  return checked(detail::divide_half_up(product, detail::Wide{3600} * 10000), per_hour.currency());
}

std::string format_amount(Money m) {
  const auto minor = m.minor_units();
  const std::uint64_t magnitude =
      minor < 0 ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
  std::uint64_t unit = 1;
  for (int i = 0; i < m.currency().exponent(); ++i) unit *= 10;
  const std::string whole = std::to_string(magnitude / unit);
  std::string out = minor < 0 ? "-" : "";
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(whole[i]);
  }
  if (m.currency().exponent() > 0)
    out += fmt::format(".{:0{}}", magnitude % unit, m.currency().exponent());
  return out;
}

std::string format_percent(BasisPoints rate) {
  const auto v = rate.value;
  const auto magnitude = v < 0 ? -v : v;
  std::string text = fmt::format("{}{}", v < 0 ? "-" : "", magnitude / 100);
  if (magnitude % 100 != 0) {
    std::string frac = fmt::format("{:02}", magnitude % 100);
    if (frac.back() == '0') frac.pop_back();
    text += "." + frac;
  }
  return text + " %";
}

}  // namespace tierdesk
