// Calendar evaluation requests (`tierdesk calendar eval` lines, POST /calendar/eval items):
// each line is parsed as the hosts parse it (JSON, unique keys, an object) and evaluated
// against the Baden-Württemberg office calendar.
#include <cstdlib>
#include <string>

#include <boost/json.hpp>

#include "calendar_eval.hpp"
#include "fuzz_input.hpp"
#include "tierdesk/calendar/calendar_json.hpp"
#include "tierdesk/base/json_check.hpp"

namespace {

const tierdesk::Calendar& office() {
  static const tierdesk::Calendar calendar = [] {
    auto loaded = tierdesk::load_calendar_file(tierdesk::fuzz::source_dir() /
                                               "examples/calendars/de-bw-office.json");
    if (!loaded) std::abort();
    return *loaded;
  }();
  return calendar;
}

void evaluate_line(std::string_view line) {
  boost::system::error_code ec;
  const boost::json::value request = boost::json::parse(line, ec);
  if (ec || !request.is_object() || !tierdesk::check_unique_keys(line)) return;
  tierdesk::host::Evaluation evaluation(office());
  if (auto answer = tierdesk::host::evaluate(evaluation, request.as_object()))
    (void)boost::json::serialize(*answer);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = tierdesk::fuzz::text(data, size);
  while (!input.empty()) {
    const auto end = input.find('\n');
    evaluate_line(input.substr(0, end));
    if (end == std::string_view::npos) break;
    input.remove_prefix(end + 1);
  }
  return 0;
}
