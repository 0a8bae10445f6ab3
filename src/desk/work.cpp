#include "tierdesk/desk/work.hpp"

#include <tuple>

#include <fmt/format.h>

namespace tierdesk {

std::string_view to_string(WorkKind kind) {
  switch (kind) {
    case WorkKind::remote: return "remote";
    case WorkKind::on_site: return "on_site";
    case WorkKind::travel: return "travel";
    case WorkKind::phone: return "phone";
  }
  return "unknown";
}

std::string_view to_string(Role role) {
  switch (role) {
    case Role::support: return "support";
    case Role::project: return "project";
    case Role::senior: return "senior";
  }
  return "unknown";
}

Result<WorkKind> parse_work_kind(std::string_view text) {
  for (auto kind : {WorkKind::remote, WorkKind::on_site, WorkKind::travel, WorkKind::phone}) {
    if (to_string(kind) == text) return kind;
  }
  return fail(Error::invalid(Errc::invalid_argument, "kind", text,
                             "one of remote, on_site, travel, phone"));
}

Result<Role> parse_role(std::string_view text) {
  for (auto role : {Role::support, Role::project, Role::senior}) {
    if (to_string(role) == text) return role;
  }
  return fail(
      Error::invalid(Errc::invalid_argument, "role", text, "one of support, project, senior"));
}

Result<std::chrono::seconds> work_minutes(std::int64_t minutes) {
  // Checked before the conversion to seconds, which would overflow for huge counts.
  if (minutes < 1 || minutes > max_work.count() / 60)
    return fail(Error::invalid(Errc::invalid_argument, "minutes", std::to_string(minutes),
                               fmt::format("1 … {} (at most 24 h)", max_work.count() / 60)));
  return std::chrono::minutes(minutes);
}

Result<void> validate(const WorkEntry& entry) {
  using namespace std::chrono_literals;
  if (entry.ticket.empty())
    return fail(Errc::invalid_argument, "ticket: a work entry needs a ticket reference");
  if (entry.duration <= 0s || entry.duration > max_work)
    return fail(Error::invalid(Errc::invalid_argument, "duration",
                               fmt::format("{} s", entry.duration.count()),
                               "more than 0 s and at most 24 h"));
  return {};
}

bool work_order(const WorkEntry& a, const WorkEntry& b) {
  return std::tie(a.start, a.ticket, a.agent, a.duration, a.note) <
         std::tie(b.start, b.ticket, b.agent, b.duration, b.note);
}

}  // namespace tierdesk
