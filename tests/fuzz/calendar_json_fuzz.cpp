// Calendar files: any text given to load_calendar either fails with an error or yields a
// calendar whose questions answer within the library's budgets.
#include <chrono>

#include "fuzz_input.hpp"
#include "tierdesk/calendar/calendar_json.hpp"

using namespace std::chrono_literals;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto calendar = tierdesk::load_calendar(tierdesk::fuzz::text(data, size));
  if (!calendar) return 0;
  // 2026-03-02 (a Monday) and a week of questions around it.
  const tierdesk::Instant start = std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + 7h;
  (void)calendar->is_open(start);
  (void)calendar->next_open(start);
  (void)calendar->add(start, 90min);
  (void)calendar->between(start, start + 24h * 7);
  (void)tierdesk::to_json(calendar->spec());
  return 0;
}
