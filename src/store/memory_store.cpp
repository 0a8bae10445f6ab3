// MemoryStore: each call is its state's operation under the state's lock (store/memory_state.hpp).
#include "tierdesk/store/memory_store.hpp"

#include <type_traits>

#include "store/memory_state.hpp"

namespace tierdesk {

using store::memory::guarded;
using store::memory::State;

// Empty ordered containers and a mutex take no memory of their own: making the state can only
// fail in `new`, which std::nothrow turns into a null state.
static_assert(std::is_nothrow_default_constructible_v<State>);

MemoryStore::MemoryStore() noexcept : state_(new (std::nothrow) State) {}
MemoryStore::MemoryStore(MemoryStore&&) noexcept = default;
MemoryStore& MemoryStore::operator=(MemoryStore&&) noexcept = default;
MemoryStore::~MemoryStore() = default;

Result<std::vector<Ticket>> MemoryStore::create(std::string_view prefix, int year,
                                                std::span<const TicketChange> tickets) {
  return guarded(state_.get(), [&](State& s) { return s.create(prefix, year, tickets); });
}

Result<void> MemoryStore::update(const TicketChange& change) {
  return guarded(state_.get(), [&](State& s) { return s.update(change); });
}

Result<Ticket> MemoryStore::ticket(const TicketRef& ref) {
  return guarded(state_.get(), [&](State& s) { return s.ticket(ref); });
}

Result<std::optional<TicketRef>> MemoryStore::find_external(std::string_view external_id) {
  return guarded(state_.get(), [&](State& s) -> Result<std::optional<TicketRef>> {
    return s.find_external(external_id);
  });
}

Result<std::vector<HistoryEvent>> MemoryStore::history(const TicketRef& ref) {
  return guarded(state_.get(), [&](State& s) { return s.history(ref); });
}

Result<std::vector<Ticket>> MemoryStore::tickets(const TicketFilter& filter) {
  return guarded(state_.get(),
                 [&](State& s) -> Result<std::vector<Ticket>> { return s.tickets(filter); });
}

Result<std::vector<ClockEntry>> MemoryStore::clocks(const TicketRef& ref) {
  return guarded(state_.get(), [&](State& s) { return s.clocks(ref); });
}

Result<std::vector<Notification>> MemoryStore::notifications(const TicketRef& ref) {
  return guarded(state_.get(), [&](State& s) { return s.notifications(ref); });
}

Result<std::vector<ClockAlarm>> MemoryStore::alarms(Segment<Instant> window, AlarmFilter filter,
                                                    std::size_t limit) {
  return guarded(state_.get(), [&](State& s) -> Result<std::vector<ClockAlarm>> {
    return s.alarms(window, filter, limit);
  });
}

Result<std::optional<Instant>> MemoryStore::next_alarm(Instant from, AlarmFilter filter) {
  return guarded(state_.get(), [&](State& s) -> Result<std::optional<Instant>> {
    return s.next_alarm(from, filter);
  });
}

Result<std::vector<Ticket>> MemoryStore::breached_open(std::size_t limit) {
  return guarded(state_.get(),
                 [&](State& s) -> Result<std::vector<Ticket>> { return s.breached_open(limit); });
}

Result<std::vector<Ticket>> MemoryStore::jourfixe_batch(std::string_view contract) {
  return guarded(state_.get(), [&](State& s) -> Result<std::vector<Ticket>> {
    return s.jourfixe_batch(contract);
  });
}

Result<std::vector<WorkEntry>> MemoryStore::work(const WorkFilter& filter) {
  return guarded(state_.get(), [&](State& s) { return s.work(filter); });
}

Result<std::vector<StoredFee>> MemoryStore::fees(const WorkFilter& filter) {
  return guarded(state_.get(), [&](State& s) { return s.fees(filter); });
}

Result<ApiToken> MemoryStore::add_token(const ApiToken& token) {
  return guarded(state_.get(), [&](State& s) { return s.add_token(token); });
}

Result<std::optional<ApiToken>> MemoryStore::token_by_digest(std::string_view digest) {
  return guarded(state_.get(), [&](State& s) -> Result<std::optional<ApiToken>> {
    return s.token_by_digest(digest);
  });
}

Result<std::vector<ApiToken>> MemoryStore::tokens() {
  return guarded(state_.get(),
                 [&](State& s) -> Result<std::vector<ApiToken>> { return s.tokens(); });
}

Result<void> MemoryStore::revoke_token(std::int64_t id) {
  return guarded(state_.get(), [&](State& s) { return s.revoke_token(id); });
}

}  // namespace tierdesk
