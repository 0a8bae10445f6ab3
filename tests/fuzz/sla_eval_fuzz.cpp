// SLA evaluation lines (`tierdesk sla eval`): a ticket's events under the OneOffice policy,
// evaluated at a fixed instant.
#include <chrono>
#include <cstdlib>

#include "fuzz_input.hpp"
#include "tierdesk/sla/sla_json.hpp"

using namespace std::chrono_literals;

namespace {

const tierdesk::SlaPolicy& oneoffice() {
  static const tierdesk::SlaPolicy policy = [] {
    auto loaded =
        tierdesk::load_policy_file(tierdesk::fuzz::source_dir() / "examples/policies/oneoffice.json");
    if (!loaded) std::abort();
    return *loaded;
  }();
  return policy;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const tierdesk::Instant now = std::chrono::sys_days{std::chrono::year{2026} / 3 / 9} + 12h;
  auto clocks = tierdesk::compute_clocks_json(tierdesk::fuzz::text(data, size), oneoffice(), now);
  if (clocks) (void)tierdesk::to_json(*clocks, oneoffice());
  return 0;
}
