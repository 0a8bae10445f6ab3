// Notice kinds and their spelling in notification records.
#include <array>

#include "tierdesk/service/notifier.hpp"

namespace tierdesk {
namespace {

constexpr std::array<std::string_view, 7> notice_names{
    "sla_warning",     "sla_breach",      "escalated",           "de-escalated",
    "escalation-rule", "urgent-by-email", "contingent-exhausted"};
static_assert(notice_names.size() == static_cast<std::size_t>(NoticeKind::contingent_exhausted) + 1);

}  // namespace

std::string_view to_string(NoticeKind k) noexcept {
  return notice_names[static_cast<std::size_t>(k)];
}

Result<NoticeKind> parse_notice_kind(std::string_view text) {
  for (std::size_t i = 0; i < notice_names.size(); ++i)
    if (notice_names[i] == text) return static_cast<NoticeKind>(i);
  return fail(Error::invalid(Errc::invalid_argument, "notice kind", text,
                             "a kind of notice the desk sends"));
}

}  // namespace tierdesk
