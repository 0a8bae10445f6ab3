// tierdesk demo: a month of five providers' helpdesks in a fresh database, replayed through the
// library (intake, desk, work, fees), then due times, one status e-mail and one statement.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <random>

#include <fmt/ostream.h>

#include "contracts_cli.hpp"
#include "desk_cli.hpp"
#include "tierdesk/intake.hpp"
#include "tierdesk/statement_store.hpp"
#include "tierdesk/status_mail.hpp"
#include "tierdesk/ticket_clocks.hpp"

namespace po = boost::program_options;
using namespace std::chrono_literals;

namespace tierdesk::cli {
namespace {

constexpr std::string_view demo_usage = R"(usage:
  tierdesk demo [--db PATH (default tierdesk-demo.db)] [--contracts DIR] [--month YYYY-MM]

Creates a new ticket database, and replays a month (default 2026-11) of tickets, replies, work
and resolutions for every customer of every contract in --contracts DIR (default
$TIERDESK_CONTRACTS, else examples/contracts): requests arrive on working days by phone, e-mail
and the portal, through intake under each contract's terms. Then prints the SLA due times of
the next days, the status e-mail of the first customer with an hour contingent and the
statement of the first customer with a fee rule. The database is left for the other verbs
(`tierdesk overview --db tierdesk-demo.db --customer nordlys`). An existing file is never
overwritten. A progress bar is drawn on stderr when it is a terminal.
exit codes: 0 ok, 1 bad command line, 2 data error (the database exists, a bad contract, …)

example:
  tierdesk demo --db /tmp/demo.db
)";

constexpr std::string_view subjects[] = {
    "Cannot log on",        "Printer offline",        "Mailbox does not sync",
    "VPN drops",            "New user for accounts",  "Licence cannot be activated",
    "Question about a form", "Slow file server",      "Phone forwarding",
    "Error after update"};

struct Replay {
  std::mt19937 random{20261101};
  std::size_t tickets = 0;
  std::size_t entries = 0;

  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); }
};

Instant local_instant(const Zone& zone, std::chrono::local_days day, std::chrono::minutes at) {
  return zone.lookup(std::chrono::local_seconds{day} + at).first;
}

std::string month_label(std::chrono::year_month m) {
  return fmt::format("{:04}-{:02}", static_cast<int>(m.year()), static_cast<unsigned>(m.month()));
}

void progress(std::ostream& err, bool tty, std::size_t done, std::size_t total) {
  if (!tty || total == 0) return;
  const std::size_t width = 40, filled = done * width / total;
  fmt::print(err, "\rreplaying [{}{}] {:3}%", std::string(filled, '#'),
             std::string(width - filled, ' '), done * 100 / total);
  if (done == total) fmt::print(err, "\n");
  err.flush();
}

// One request of `customer` on `day`: opened by intake, answered, worked on, mostly resolved.
Result<void> replay_request(Replay& r, const Contract& contract, Desk& desk, Intake& intake,
                            const ContractCustomer& customer, std::chrono::local_days day) {
  const Zone& zone = contract.billing.zone;
  const auto& categories = contract.billing.categories;
  const auto& category =
      categories[static_cast<std::size_t>(r.between(0, static_cast<int>(categories.size()) - 1))];
  const Instant opened = local_instant(zone, day, std::chrono::minutes{r.between(7 * 60, 16 * 60)});
  const int channel = r.between(0, 2);
  InboundRequest request{
      .channel = channel == 0 ? Channel::phone : channel == 1 ? Channel::email : Channel::portal,
      .contract = contract.id,
      .from = customer.email.empty() ? customer.id : customer.email,
      .message_id = fmt::format("<demo.{}.{}@{}>", r.tickets, customer.id, contract.id),
      .subject = std::string(subjects[static_cast<std::size_t>(r.between(0, 9))]),
      .category = category.category,
      .at = opened};
  // Now and then a call to the on-call line in the evening, where the contract charges for it.
  if (!contract.fee_rules.empty() && r.between(0, 9) == 0) {
    request.channel = contract.fee_rules[0].channel;
    request.at = opened + 10h;
  }
  auto opened_ticket = intake.receive(request);
  if (!opened_ticket) return fail(opened_ticket.error());
  const Ticket& t = opened_ticket->ticket;
  ++r.tickets;
  const std::string agent = customer.contact.empty() ? "agent" : customer.contact;
  const Instant reply_at = request.at + std::chrono::minutes{r.between(5, 90)};
  if (auto ok = desk.reply(t.ref, ReplyKind::agent_public, "We are on it.", {agent, reply_at}); !ok)
    return fail(ok.error());
  WorkEntry work{.ticket = t.ref.str(), .agent = agent, .start = reply_at,
                 .duration = std::chrono::minutes{r.between(5, 120)}, .kind = WorkKind::remote,
                 .role = Role::support, .note = {}};
  if (category.category == "project") work.role = Role::project;
  if (contract.billing.on_site_days && category.category == "onsite") {
    work.kind = WorkKind::on_site;
    work.start = local_instant(zone, day + std::chrono::days{1}, 9h);
    work.duration = std::chrono::minutes{r.between(4, 8) * 60};
  }
  if (auto ok = desk.log_work(t.ref, work, {agent, work.end()}); !ok) return fail(ok.error());
  ++r.entries;
  if (r.between(0, 4) > 0)
    if (auto ok = desk.set_status(t.ref, TicketStatus::resolved, {agent, work.end() + 5min}); !ok)
      return fail(ok.error());
  return {};
}

struct Customer {
  const Contract* contract;
  const ContractCustomer* customer;
};

Result<void> replay(SqliteStore& store, const std::vector<Contract>& contracts,
                    std::chrono::year_month month, Replay& r, Io io) {
  std::vector<Customer> customers;
  for (const auto& c : contracts)
    for (const auto& k : c.customers) customers.push_back({&c, &k});
  const std::chrono::local_days first{month / 1};
  const std::chrono::local_days last{month / std::chrono::last};
  const auto days = static_cast<std::size_t>((last - first).count() + 1);
  const bool tty = ::isatty(STDERR_FILENO) == 1;
  std::size_t done = 0;
  for (const auto& [contract, customer] : customers) {
    DeskConfig config{.prefix = contract->prefix.empty() ? "TD" : contract->prefix,
                      .tiers = contract->tiers,
                      .zone = contract->billing.zone};
    if (contract->sla) config.clocks = sla_clock_function(*contract->sla, contract->tiers);
    Desk desk(store, config);
    Intake intake(desk, {terms_for(*contract, *customer)});
    for (auto day = first; day <= last; day += std::chrono::days{1}) {
      progress(io.err, tty, done++, customers.size() * days);
      const std::chrono::weekday wd{day};
      if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) continue;
      if (std::chrono::sys_days{std::chrono::year_month_day{day}} <
          std::chrono::sys_days{customer->start})
        continue;
      for (int n = r.between(0, 2); n > 0; --n)
        if (auto ok = replay_request(r, *contract, desk, intake, *customer, day); !ok)
          return fail(ok.error().within(fmt::format("{} {}", contract->id, customer->id)));
    }
  }
  progress(io.err, tty, customers.size() * days, customers.size() * days);
  return {};
}

Result<void> print_status_mail(SqliteStore& store, const std::vector<Contract>& contracts,
                               std::chrono::year_month month, Instant as_of, Io io) {
  for (const auto& c : contracts) {
    if (!c.billing.contingent || c.customers.empty()) continue;
    const auto& k = c.customers.front();
    const auto span = Segment<Instant>{start_of_day(month / 1, c.billing.zone),
                                       start_of_day((month + std::chrono::months{1}) / 1, c.billing.zone)};
    auto work = store.work({.customer = k.id, .started = span});
    if (!work) return fail(work.error());
    auto report = build_status_report(store, c.billing,
                                      {.customer = k.id, .month = month, .as_of = as_of,
                                       .work = *std::move(work),
                                       .contingent = ContingentAccount{k.start, k.carried_in},
                                       .tiers = c.tiers});
    if (!report) return fail(report.error());
    auto mail = render_status_mail(
        *report,
        {.from = fmt::format("{} <{}@{}.example>", c.name, k.lead.empty() ? "support" : k.lead, c.id),
         .to = k.email.empty() ? k.id + "@example.invalid" : k.email,
         .date = as_of,
         .message_id = fmt::format("<status.{}.{}@{}.example>", month_label(month), k.id, c.id)},
        c.billing.zone);
    if (!mail) return fail(mail.error());
    fmt::print(io.out, "\n== status e-mail: {} ({}) ==\n{}", k.id, c.name, *mail);
    return {};
  }
  return {};
}

Result<void> print_statement(SqliteStore& store, const std::vector<Contract>& contracts,
                             std::chrono::year_month month, Io io) {
  for (const auto& c : contracts) {
    if (c.fee_rules.empty() || c.customers.empty()) continue;
    auto s = statement_from_store(store, c, c.customers.front().id, month);
    if (!s) return fail(s.error());
    fmt::print(io.out, "\n== statement: {} ({}) ==\n{}", c.customers.front().id, c.name,
               render_text(*s));
    return {};
  }
  return {};
}

}  // namespace

int run_demo(std::span<const std::string> args, Io io) {
  constexpr std::string_view verb = "demo";
  auto opts = common_options();
  opts.add_options()("contracts", po::value<std::string>())("month", po::value<std::string>());
  po::variables_map vm;
  std::vector<std::string> words;
  std::vector<std::string> with_db(args.begin(), args.end());
  if (std::find(with_db.begin(), with_db.end(), "--db") == with_db.end())
    with_db.insert(with_db.end(), {"--db", "tierdesk-demo.db"});
  if (auto done = parse_args(with_db, opts, vm, words, verb, demo_usage, io)) return *done;
  if (!words.empty())
    return usage_error(io, verb, fmt::format("unexpected word \"{}\"", words[0]), demo_usage);
  const std::string month_text = vm.count("month") ? vm["month"].as<std::string>() : "2026-11";
  auto first = parse_date(month_text + "-01");
  if (month_text.size() != 7 || !first)
    return usage_error(io, verb, fmt::format("--month: got \"{}\", expected YYYY-MM", month_text),
                       demo_usage);
  const auto month = first->year() / first->month();
  const auto path = vm["db"].as<std::string>();
  std::error_code ec;
  if (path != ":memory:" && std::filesystem::exists(path, ec))
    return data_error(io, verb,
                      Error(Errc::conflict, fmt::format("{}: exists; the demo only creates a new "
                                                        "database (remove it or give --db)",
                                                        path)));
  auto contracts = load_contracts(contracts_dir(vm));
  if (!contracts) return data_error(io, verb, contracts.error());
  if (contracts->empty())
    return data_error(io, verb, Error(Errc::not_found, "no contracts found (give --contracts DIR)"));
  auto store = open_store(vm, true);
  if (!store) return data_error(io, verb, store.error());
  Replay r;
  if (auto ok = replay(*store, *contracts, month, r, io); !ok) return data_error(io, verb, ok.error());
  const Instant end = start_of_day((month + std::chrono::months{1}) / 1, Zone::utc()) - 1h;
  fmt::print(io.out, "{}: {} tickets and {} work entries for {} contracts, {}\n", path, r.tickets,
             r.entries, contracts->size(), month_label(month));
  auto alarms = store->alarms({end - std::chrono::days{7}, end + std::chrono::days{7}},
                              AlarmFilter::due_only, 10);
  if (!alarms) return data_error(io, verb, alarms.error());
  fmt::print(io.out, "\n== SLA clocks still running, due around the month's end ==\n");
  for (const auto& a : *alarms)
    fmt::print(io.out, "{}  {}  {} due\n", format_utc(a.at), a.ref.str(), a.clock);
  if (auto ok = print_status_mail(*store, *contracts, month, end, io); !ok)
    return data_error(io, verb, ok.error());
  if (auto ok = print_statement(*store, *contracts, month, io); !ok)
    return data_error(io, verb, ok.error());
  return exit_ok;
}

}  // namespace tierdesk::cli
