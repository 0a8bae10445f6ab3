// SLA policy files: any text given to load_policy either fails with an error or compiles into a
// policy whose clocks can be computed for a ticket opened under each of its priorities.
#include <chrono>

#include "fuzz_input.hpp"
#include "tierdesk/sla/sla_json.hpp"

using namespace std::chrono_literals;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Calendar files named by the policy are read relative to the example policies.
  auto policy =
      tierdesk::load_policy(tierdesk::fuzz::text(data, size), tierdesk::fuzz::source_dir() / "examples/policies");
  if (!policy) return 0;
  const tierdesk::Instant opened = std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + 7h;
  for (const auto& priority : policy->spec().priorities) {
    const std::string line = R"({"priority":")" + priority +
                             R"(","events":[{"at":"2026-03-02T07:00:00Z","type":"created"}]})";
    if (auto clocks = tierdesk::compute_clocks_json(line, *policy, opened + 48h))
      (void)tierdesk::to_json(*clocks, *policy);
  }
  return 0;
}
