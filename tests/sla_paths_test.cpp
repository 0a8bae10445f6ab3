// The engine answers the same whether its calendar queries go through the index snapshot
// (CalendarPath::indexed, what compute_clocks uses) or through Calendar::add and between each
// time (CalendarPath::general), over many random histories on every preset policy.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "sla/engine.hpp"
#include "tierdesk/sla/sla.hpp"
#include "tierdesk/sla/sla_json.hpp"

using namespace tierdesk;
using detail::CalendarPath;

namespace {

SlaPolicy preset(std::string_view name) {
  return load_policy_file(std::string(TIERDESK_SOURCE_DIR) + "/examples/policies/" +
                          std::string(name) + ".json")
      .value();
}

template <class T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

// A history of up to 12 events from a random instant in 2024–2031, with every kind of event
// (some histories are invalid on purpose: both paths must then fail alike).
std::vector<TicketEvent> random_history(std::mt19937_64& rng, const SlaPolicySpec& spec) {
  static const std::vector<EventKind> kinds = {EventKind::status,
                                               EventKind::status,
                                               EventKind::priority,
                                               EventKind::category,
                                               EventKind::tier,
                                               EventKind::agent_public_reply,
                                               EventKind::agent_internal_note,
                                               EventKind::customer_reply,
                                               EventKind::triaged,
                                               EventKind::accepted,
                                               EventKind::resolved,
                                               EventKind::reopened,
                                               EventKind::queued_for_jourfixe,
                                               EventKind::urgent,
                                               EventKind::closed};
  static const std::vector<std::string> statuses = {"open", "pending-customer", "on-hold",
                                                    "in-progress"};
  static const std::vector<std::string> tiers = {"1st-level", "2nd-level", "3rd-level"};
  std::vector<std::string> categories = {""};
  for (const auto& c : spec.categories) categories.push_back(c.name);
  const std::vector<std::int64_t> gaps = {0, 59, 600, 3600, 5 * 3600, 26 * 3600, 9 * 86400};

  std::uniform_int_distribution<std::int64_t> start(0, 8LL * 365 * 86400);
  Instant t = *parse_iso8601("2024-01-01T00:00:00Z") + std::chrono::seconds{start(rng)};
  std::vector<TicketEvent> events{{t, EventKind::created, {}}};
  events.push_back({t, EventKind::priority, pick(rng, spec.priorities)});
  const auto count = std::uniform_int_distribution<int>(0, 10)(rng);
  for (int i = 0; i < count; ++i) {
    t += std::chrono::seconds{std::uniform_int_distribution<std::int64_t>(0, pick(rng, gaps))(rng)};
    const EventKind kind = pick(rng, kinds);
    std::string value;
    if (kind == EventKind::status) value = pick(rng, statuses);
    if (kind == EventKind::priority) value = pick(rng, spec.priorities);
    if (kind == EventKind::category) value = pick(rng, categories);
    if (kind == EventKind::tier) value = pick(rng, tiers);
    events.push_back({t, kind, std::move(value)});
  }
  return events;
}

void check_same(const Clock& a, const Clock& b) {
  CHECK(a.state == b.state);
  CHECK(a.calendar == b.calendar);
  CHECK(a.target == b.target);
  CHECK(a.elapsed == b.elapsed);
  CHECK(a.remaining == b.remaining);
  CHECK(a.started_at == b.started_at);
  CHECK(a.due == b.due);
  CHECK(a.met_at == b.met_at);
  CHECK(a.breached_at == b.breached_at);
  CHECK(a.warnings == b.warnings);
  CHECK(a.cycles == b.cycles);
  CHECK(a.breaches == b.breaches);
}

// Runs `tickets` histories: the indexed path on one instance of the policy (its calendars'
// indexes grow as the histories reach new years, so both the snapshot and the fallback are
// taken), the general path on another.
void compare_paths(std::string_view policy_name, int tickets, std::uint64_t seed) {
  const SlaPolicy indexed = preset(policy_name);
  const SlaPolicy general = preset(policy_name);
  std::mt19937_64 rng(seed);
  int valid = 0;
  for (int n = 0; n < tickets; ++n) {
    const auto events = random_history(rng, indexed.spec());
    const Instant now =
        events.back().at +
        std::chrono::seconds{std::uniform_int_distribution<std::int64_t>(-86400, 20 * 86400)(rng)};
    TicketClocks a, b;
    auto ra = detail::compute_clocks_into(events, indexed, now, a, CalendarPath::indexed);
    auto rb = detail::compute_clocks_into(events, general, now, b, CalendarPath::general);
    INFO(policy_name, " ticket ", n);
    REQUIRE(ra.has_value() == rb.has_value());
    if (!ra) {
      CHECK(ra.error().code() == rb.error().code());
      CHECK(ra.error().message() == rb.error().message());
      continue;
    }
    ++valid;
    CHECK(a.priority == b.priority);
    CHECK(a.category == b.category);
    CHECK(a.jourfixe_slot == b.jourfixe_slot);
    for (std::size_t m = 0; m < metric_count; ++m) check_same(a.clocks[m], b.clocks[m]);
    for (std::size_t r = 0; r < max_ola; ++r) check_same(a.ola[r], b.ola[r]);
  }
  // Most histories are valid, so the comparison is not between two identical failures.
  CHECK(valid > tickets / 4);
}

}  // namespace

TEST_CASE("Indexed and general calendar paths give the same clocks: oneoffice") {
  compare_paths("oneoffice", 4000, 1);
}

TEST_CASE("Indexed and general calendar paths give the same clocks: roewaplan (OLA, restart)") {
  compare_paths("roewaplan", 4000, 2);
}

TEST_CASE("Indexed and general calendar paths give the same clocks: solutionbar (JourFixe)") {
  compare_paths("solutionbar", 4000, 3);
}

TEST_CASE("Indexed and general calendar paths give the same clocks: meinofficeplus") {
  compare_paths("meinofficeplus", 4000, 4);
}
