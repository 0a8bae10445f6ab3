#include <fmt/format.h>

#include "contract/contract_json.hpp"

namespace tierdesk::json {
namespace {

std::string names_list(std::initializer_list<std::string_view> names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

// Reads optional field `key` with `read` into `*out`, leaving it unchanged when absent.
template <class T, class Read>
Result<void> optional_into(const ObjectReader& obj, std::string_view key, Read&& read, T* out) {
  auto node = obj.optional(key);
  if (!node) return {};
  auto value = read(*node);
  if (!value) return fail(value.error());
  *out = *std::move(value);
  return {};
}

}  // namespace

Result<Money> read_money(const Node& node, Currency currency) {
  auto text = node.string();
  if (!text) return fail(text.error());
  auto m = Money::parse(*text, currency);
  if (!m) return fail(node.path().within(m.error()));
  return m;
}

Result<BasisPoints> read_percent(const Node& node) {
  auto text = node.string();
  if (!text) return fail(text.error());
  const auto bad = [&] {
    return fail(
        node.invalid(Errc::invalid_argument, "a percentage such as \"25 %\" or \"12.5 %\""));
  };
  std::string_view t = *text;
  if (t.empty() || t.back() != '%') return bad();
  t.remove_suffix(1);
  if (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  const auto dot = t.find('.');
  const auto whole = t.substr(0, dot);
  const auto frac = dot == std::string_view::npos ? std::string_view{} : t.substr(dot + 1);
  if (whole.empty() || whole.size() > 6 || frac.size() > 2 ||
      (dot != std::string_view::npos && frac.empty()))
    return bad();
  std::int64_t value = 0;
  for (char c : std::string(whole) + std::string(frac) + std::string(2 - frac.size(), '0')) {
    if (c < '0' || c > '9') return bad();
    value = value * 10 + (c - '0');
  }
  return BasisPoints{value};
}

Result<std::chrono::minutes> read_minutes(const Node& node) {
  auto n = node.integer(0, 1'000'000);
  if (!n) return fail(n.error());
  return std::chrono::minutes{*n};
}

Result<std::vector<std::string>> read_strings(const Node& node) {
  auto items = node.array();
  if (!items) return fail(items.error());
  std::vector<std::string> out;
  for (const auto& item : *items) {
    auto s = item.string();
    if (!s) return fail(s.error());
    out.emplace_back(*s);
  }
  return out;
}

Result<std::size_t> read_choice(const Node& node, std::initializer_list<std::string_view> names) {
  auto text = node.string();
  if (!text) return fail(text.error());
  std::size_t i = 0;
  for (auto n : names) {
    if (n == *text) return i;
    ++i;
  }
  return fail(node.invalid(Errc::invalid_argument, "one of " + names_list(names)));
}

Result<Rounding> read_rounding(const Node& node) {
  auto obj = node.object({"step_minutes", "minimum_minutes", "scope"});
  if (!obj) return fail(obj.error());
  Rounding r;
  auto step = obj->required("step_minutes");
  if (!step) return fail(step.error());
  auto step_minutes = step->integer(1, 1'000'000);
  if (!step_minutes) return fail(step_minutes.error());
  r.step = std::chrono::minutes{*step_minutes};
  if (auto ok = optional_into(*obj, "minimum_minutes", read_minutes, &r.minimum); !ok)
    return fail(ok.error());
  auto scope = obj->optional("scope");
  if (scope) {
    auto s = read_choice(*scope, {"per_entry", "per_ticket"});
    if (!s) return fail(s.error());
    r.scope = *s == 0 ? Rounding::Scope::per_entry : Rounding::Scope::per_ticket;
  }
  return r;
}

Result<ContingentPolicy> read_contingent(const Node& node, Currency currency) {
  auto obj = node.object({"monthly_minutes", "start_phase_minutes", "start_phase_months",
                          "carry_over", "carry_limit_minutes", "carry_months", "overage_per_hour"});
  if (!obj) return fail(obj.error());
  ContingentPolicy p;
  auto monthly = obj->required("monthly_minutes", read_minutes);
  if (!monthly) return fail(monthly.error());
  p.monthly = *monthly;
  if (auto ok = optional_into(*obj, "start_phase_minutes", read_minutes, &p.start_phase_monthly);
      !ok)
    return fail(ok.error());
  auto months = obj->optional("start_phase_months");
  if (months) {
    auto n = months->integer(0, 120);
    if (!n) return fail(n.error());
    p.start_phase_months = static_cast<int>(*n);
  }
  auto carry = obj->optional("carry_over");
  if (carry) {
    auto c = read_choice(*carry, {"expire", "up_to", "all"});
    if (!c) return fail(c.error());
    p.carry_over = *c == 0 ? CarryOver::expire : *c == 1 ? CarryOver::up_to : CarryOver::all;
  }
  if (auto ok = optional_into(*obj, "carry_limit_minutes", read_minutes, &p.carry_limit); !ok)
    return fail(ok.error());
  if (auto months_node = obj->optional("carry_months")) {
    auto n = months_node->integer(1, 120);
    if (!n) return fail(n.error());
    if (p.carry_over == CarryOver::expire)
      return fail(months_node->invalid(
          Errc::invalid_argument,
          "no \"carry_months\" unless \"carry_over\" is \"up_to\" or \"all\""));
    p.carry_months = static_cast<int>(*n);
  }
  auto rate =
      obj->required("overage_per_hour", [&](const Node& n) { return read_money(n, currency); });
  if (!rate) return fail(rate.error());
  p.overage_per_hour = *rate;
  return p;
}

}  // namespace tierdesk::json
