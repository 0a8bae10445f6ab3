#include "host_json.hpp"

namespace tierdesk::host {

boost::json::object ticket_json(const Ticket& t, const TierNames& tiers) {
  boost::json::array flags;
  for (const auto& f : t.flags) flags.emplace_back(f);
  const auto tier_name = tiers.name(t.tier);
  return {{"ref", t.ref.str()},
          {"status", to_string(t.status)},
          {"customer", t.customer},
          {"contract", t.contract},
          {"channel", to_string(t.channel)},
          {"category", t.category},
          {"priority", t.priority},
          {"tier", t.tier},
          {"tier_name", tier_name ? *tier_name : std::string_view()},
          {"assignee", t.assignee},
          {"subject", t.subject},
          {"external_id", t.external_id},
          {"flags", std::move(flags)},
          {"jourfixe", t.jourfixe},
          {"created_at", format_utc(t.created_at)},
          {"updated_at", format_utc(t.updated_at)},
          {"version", t.version}};
}

boost::json::object event_json(const HistoryEvent& e) {
  boost::json::object payload;
  for (const auto& [key, value] : e.payload) payload[key] = value;
  return {{"seq", e.seq},          {"at", format_utc(e.at)}, {"actor", e.actor},
          {"kind", to_string(e.kind)}, {"value", e.value},   {"payload", std::move(payload)}};
}

boost::json::object clock_json(const ClockEntry& c) {
  boost::json::object o{
      {"clock", c.clock.str()}, {"state", to_string(c.state)}, {"open_breach", c.open_breach}};
  if (c.due) o["due"] = format_utc(*c.due);
  if (c.breached_at) o["breached_at"] = format_utc(*c.breached_at);
  boost::json::array warnings;
  for (const auto& w : c.warnings) warnings.emplace_back(format_utc(w));
  o["warnings"] = std::move(warnings);
  return o;
}

boost::json::object alarm_json(const ClockAlarm& a) {
  boost::json::object o{{"ref", a.ref.str()}, {"clock", a.clock.str()},
                        {"kind", a.kind == ClockAlarm::Kind::due ? "due" : "warning"},
                        {"at", format_utc(a.at)}};
  if (a.kind == ClockAlarm::Kind::warning) o["level"] = a.level;
  return o;
}

boost::json::object token_json(const ApiToken& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"role", to_string(t.role)},
          {"customer", t.customer},
          {"created_at", format_utc(t.created_at)},
          {"revoked", t.revoked}};
}

boost::json::object reversal_json(const Reversal& r) {
  return {{"at", format_utc(r.at)}, {"actor", r.actor}, {"reason", r.reason}};
}

namespace {

// The entry's number and, once a correction reversed it, the reversal.
void add_entry(boost::json::object& o, std::int64_t entry, const std::optional<Reversal>& reversed) {
  o["entry"] = entry;
  if (reversed) o["reversed"] = reversal_json(*reversed);
}

}  // namespace

boost::json::object work_json(const WorkEntry& e) {
  boost::json::object o{{"ticket", e.ticket},           {"start", format_utc(e.start)},
                        {"seconds", e.duration.count()}, {"kind", to_string(e.kind)},
                        {"role", to_string(e.role)},     {"agent", e.agent},
                        {"note", e.note}};
  add_entry(o, e.entry, e.reversed);
  return o;
}

boost::json::object fee_json(const StoredFee& f) {
  boost::json::object o{{"ref", f.ref.str()}, {"code", f.fee.code}, {"at", format_utc(f.fee.at)}};
  add_entry(o, f.fee.entry, f.fee.reversed);
  return o;
}

}  // namespace tierdesk::host
