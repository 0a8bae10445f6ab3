#include "report_inputs.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "jsonl.hpp"

namespace po = boost::program_options;

namespace tierdesk::cli {
namespace {

Result<WorkEntry> work_entry(const boost::json::object& o) {
  if (auto ok = only_fields(o, {"ticket", "agent", "start", "minutes", "kind", "role", "note"});
      !ok)
    return fail(ok.error());
  auto ticket = string_field(o, "ticket");
  if (!ticket) return fail(ticket.error());
  auto start = instant_field(o, "start");
  if (!start) return fail(start.error());
  auto minutes = int_field(o, "minutes");
  if (!minutes) return fail(minutes.error());
  WorkEntry e;
  e.ticket = std::string(*ticket);
  e.start = *start;
  e.duration = std::chrono::minutes{*minutes};
  if (o.contains("agent")) {
    auto agent = string_field(o, "agent");
    if (!agent) return fail(agent.error());
    e.agent = *agent;
  }
  if (o.contains("kind")) {
    auto kind = string_field(o, "kind");
    if (!kind) return fail(kind.error());
    auto k = parse_work_kind(*kind);
    if (!k) return fail(k.error().within("kind"));
    e.kind = *k;
  }
  if (o.contains("role")) {
    auto role = string_field(o, "role");
    if (!role) return fail(role.error());
    auto r = parse_role(*role);
    if (!r) return fail(r.error().within("role"));
    e.role = *r;
  }
  if (o.contains("note")) {
    auto note = string_field(o, "note");
    if (!note) return fail(note.error());
    e.note = *note;
  }
  if (auto ok = validate(e); !ok) return fail(ok.error());
  return e;
}

std::string domain_of(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos) return "localhost";
  auto domain = address.substr(at + 1);
  if (const auto end = domain.find('>'); end != std::string_view::npos)
    domain = domain.substr(0, end);
  return domain.empty() ? "localhost" : std::string(domain);
}

}  // namespace

Result<std::vector<WorkEntry>> load_work_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return fail(Errc::io_error, fmt::format("{}: cannot be read", path));
  std::vector<WorkEntry> entries;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    boost::system::error_code ec;
    const auto value = boost::json::parse(line, ec);
    if (ec || !value.is_object())
      return fail(Errc::parse_error, fmt::format("{}:{}: expected a JSON object", path, number));
    auto entry = work_entry(value.as_object());
    if (!entry) return fail(entry.error().within(fmt::format("{}:{}", path, number)));
    entries.push_back(std::move(*entry));
  }
  return entries;
}

Result<std::vector<WorkEntry>> work_option(const po::variables_map& vm) {
  if (!vm.count("work")) return std::vector<WorkEntry>{};
  return load_work_file(vm["work"].as<std::string>());
}

Result<std::optional<ContingentAccount>> contingent_option(const po::variables_map& vm,
                                                           const Contract& contract) {
  if (!contract.billing.contingent) return std::optional<ContingentAccount>{};
  const auto text =
      vm.count("contract-start") ? vm["contract-start"].as<std::string>() : "2000-01-01";
  auto start = parse_date(text);
  if (!start) return fail(start.error().within("--contract-start"));
  return std::optional<ContingentAccount>{ContingentAccount{*start, std::chrono::seconds{0}}};
}

MailEnvelope envelope_option(const po::variables_map& vm, const std::string& customer,
                             const std::string& period, Instant at) {
  MailEnvelope e;
  e.from = vm.count("from") ? vm["from"].as<std::string>() : "tierdesk <noreply@localhost>";
  e.to = vm.count("to") ? vm["to"].as<std::string>() : "";
  e.date = at;
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a of the customer: an id without blanks
  for (const char c : customer) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  e.message_id = vm.count("message-id")
                     ? vm["message-id"].as<std::string>()
                     : fmt::format("<status.{}.{:016x}.{}@{}>", period, hash,
                                   at.time_since_epoch().count(), domain_of(e.from));
  return e;
}

}  // namespace tierdesk::cli
