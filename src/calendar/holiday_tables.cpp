// The holiday presets as data: one table of statutory public holidays, each row naming the
// regions it applies to and the years it is law. "DE" rows reach the nationwide preset and
// every state. Sources and the regional days left out are in docs/holidays.md.
#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tierdesk/calendar/holidays.hpp"

namespace tierdesk {
namespace {

using namespace std::chrono_literals;
using std::chrono::Wednesday;

constexpr std::array<std::string_view, 18> codes = {
    "DE",    "DE-BB", "DE-BE", "DE-BW", "DE-BY", "DE-HB", "DE-HE", "DE-HH", "DE-MV",
    "DE-NI", "DE-NW", "DE-RP", "DE-SH", "DE-SL", "DE-SN", "DE-ST", "DE-TH", "DK",
};

struct PresetRow {
  std::string_view name;
  HolidayWhen when;
  std::string_view regions;  // preset codes separated by spaces
  std::optional<int> valid_from{};
  std::optional<int> valid_until{};
};

// Easter-relative days.
constexpr EasterOffset maundy_thursday{-3};
constexpr EasterOffset good_friday{-2};
constexpr EasterOffset easter_day{0};
constexpr EasterOffset easter_monday{1};
constexpr EasterOffset prayer_day{26};  // Danish Store bededag: 4th Friday after Easter
constexpr EasterOffset ascension{39};
constexpr EasterOffset whit_sunday{49};
constexpr EasterOffset whit_monday{50};
constexpr EasterOffset corpus_christi{60};

constexpr std::string_view reformation_always = "DE-BB DE-MV DE-SN DE-ST DE-TH";
constexpr std::string_view reformation_from_2018 = "DE-HB DE-HH DE-NI DE-SH";

constexpr std::array rows = {
    // Germany: nationwide (Einigungsvertrag for 3 October, state laws for the rest).
    PresetRow{"Neujahr", FixedDate{1, 1}, "DE"},
    PresetRow{"Karfreitag", good_friday, "DE"},
    PresetRow{"Ostermontag", easter_monday, "DE"},
    PresetRow{"Tag der Arbeit", FixedDate{5, 1}, "DE"},
    PresetRow{"Christi Himmelfahrt", ascension, "DE"},
    PresetRow{"Pfingstmontag", whit_monday, "DE"},
    PresetRow{"Tag der Deutschen Einheit", FixedDate{10, 3}, "DE"},
    PresetRow{"Reformationstag", OneOff{2017y / 10 / 31}, "DE"},  // 500th anniversary
    PresetRow{"1. Weihnachtstag", FixedDate{12, 25}, "DE"},
    PresetRow{"2. Weihnachtstag", FixedDate{12, 26}, "DE"},
    // Germany: the states.
    PresetRow{"Heilige Drei Könige", FixedDate{1, 6}, "DE-BW DE-BY DE-ST"},
    PresetRow{"Internationaler Frauentag", FixedDate{3, 8}, "DE-BE", 2019},
    PresetRow{"Internationaler Frauentag", FixedDate{3, 8}, "DE-MV", 2023},
    PresetRow{"Ostersonntag", easter_day, "DE-BB"},
    PresetRow{"Tag der Befreiung", OneOff{2020y / 5 / 8}, "DE-BE"},  // 75th anniversary
    PresetRow{"Tag der Befreiung", OneOff{2025y / 5 / 8}, "DE-BE"},  // 80th anniversary
    PresetRow{"Pfingstsonntag", whit_sunday, "DE-BB"},
    PresetRow{"Fronleichnam", corpus_christi, "DE-BW DE-BY DE-HE DE-NW DE-RP DE-SL"},
    PresetRow{"Mariä Himmelfahrt", FixedDate{8, 15}, "DE-BY DE-SL"},
    PresetRow{"Weltkindertag", FixedDate{9, 20}, "DE-TH", 2019},
    PresetRow{"Reformationstag", FixedDate{10, 31}, reformation_always},
    PresetRow{"Reformationstag", FixedDate{10, 31}, reformation_from_2018, 2018},
    PresetRow{"Allerheiligen", FixedDate{11, 1}, "DE-BW DE-BY DE-NW DE-RP DE-SL"},
    PresetRow{"Buß- und Bettag", WeekdayBefore{11, 23, Wednesday}, "DE-SN"},
    // Denmark (helligdagsloven).
    PresetRow{"Nytårsdag", FixedDate{1, 1}, "DK"},
    PresetRow{"Skærtorsdag", maundy_thursday, "DK"},
    PresetRow{"Langfredag", good_friday, "DK"},
    PresetRow{"Påskedag", easter_day, "DK"},
    PresetRow{"2. påskedag", easter_monday, "DK"},
    PresetRow{"Store bededag", prayer_day, "DK", std::nullopt, 2023},  // abolished from 2024
    PresetRow{"Kristi himmelfartsdag", ascension, "DK"},
    PresetRow{"Pinsedag", whit_sunday, "DK"},
    PresetRow{"2. pinsedag", whit_monday, "DK"},
    PresetRow{"Juledag", FixedDate{12, 25}, "DK"},
    PresetRow{"2. juledag", FixedDate{12, 26}, "DK"},
};

// Calls f(token) for each space-separated token of `list`; stops early when f returns true.
template <class F>
constexpr bool any_token(std::string_view list, F f) {
  while (!list.empty()) {
    const auto end = list.find(' ');
    const std::string_view token = list.substr(0, end);
    if (!token.empty() && f(token)) return true;
    list = end == std::string_view::npos ? std::string_view{} : list.substr(end + 1);
  }
  return false;
}

constexpr bool is_code(std::string_view code) {
  return std::ranges::find(codes, code) != codes.end();
}

// A typo in a row's regions ("DE-BX") is a compile error, not a silently missing holiday.
constexpr bool every_region_known() {
  return std::ranges::all_of(rows, [](const PresetRow& row) {
    return !any_token(row.regions, [](std::string_view t) { return !is_code(t); });
  });
}
static_assert(every_region_known());

// Whether `row` belongs to preset `code`: listed directly, or nationwide for a German state.
constexpr bool applies_to(const PresetRow& row, std::string_view code) {
  return any_token(row.regions, [code](std::string_view t) {
    return t == code || (t == "DE" && code.starts_with("DE-"));
  });
}

}  // namespace

Result<std::vector<HolidayRule>> preset(std::string_view code) {
  if (!is_code(code)) {
    return fail(Error::invalid(Errc::unknown_preset, "preset", code,
                               fmt::format("one of {}", fmt::join(codes, ", "))));
  }
  std::vector<HolidayRule> rules;
  for (const PresetRow& row : rows) {
    if (!applies_to(row, code)) continue;
    rules.push_back({std::string(row.name), row.when, row.valid_from, row.valid_until, {}});
  }
  return rules;
}

std::span<const std::string_view> preset_codes() { return codes; }

}  // namespace tierdesk
