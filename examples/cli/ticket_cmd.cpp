// tierdesk ticket open | show | list | status | priority | category | assign | escalate |
// reply | emergency: each one call of the service desk.
#include <iostream>

#include <fmt/ostream.h>

#include "desk_cli.hpp"

namespace po = boost::program_options;

namespace tierdesk::cli {
namespace {

constexpr std::string_view ticket_usage = R"(usage:
  tierdesk ticket open --customer C --subject TEXT [--contract K] [--channel phone|email|portal|on-call]
                       [--category X] [--priority P] [--tier N] [--assignee A] [--external-id ID]
                       [--body TEXT] [--urgent]
      opens a ticket under the customer's contract (--contract, when given, must be it): the
      contract gives the prefix, the SLA clocks, the default category, priority, tier and
      assignee, and decides whether the request waits for the JourFixe. With an --external-id
      the customer used before, prints that ticket ("existing ticket …") and opens none.
  tierdesk ticket show REF                 the ticket and its SLA clocks
  tierdesk ticket list [--customer C] [--contract K] [--status S] [--tier N] [--assignee A]
                       [--open] [--limit N]
  tierdesk ticket status REF STATUS        new, open, pending-customer, on-hold, resolved, closed
  tierdesk ticket priority REF PRIORITY    a priority of the contract's SLA policy
  tierdesk ticket category REF NAME        a category of the contract
  tierdesk ticket assign REF NAME
  tierdesk ticket escalate REF --tier N --reason TEXT      (a lower tier de-escalates)
  tierdesk ticket reply REF (--public | --internal | --customer) --body TEXT
  tierdesk ticket emergency REF --reason TEXT
      an emergency that displaced booked appointments: the contract's emergency surcharge

every subcommand: [--db PATH (default tierdesk.db)] [--json] [--actor NAME] [--at ISO-8601]
                  [--contracts DIR (default $TIERDESK_CONTRACTS)]
exit codes: 0 ok, 1 bad command line, 2 data error (unknown contract, customer, category or
            ticket, forbidden transition, no contracts given, …)

example:
  tierdesk ticket open --customer nordlys --subject "VPN down" --priority high --channel phone \
                       --contracts /opt/tierdesk/contracts
  tierdesk ticket escalate OO-2026-000001 --tier 2 --reason "needs the network team"
  tierdesk ticket category OO-2026-000001 security
)";

struct Context {
  const po::variables_map& vm;
  const std::vector<std::string>& words;
  Io io;
  std::string verb;
  Session& session;
  Actor by;

  std::string opt(const char* name) const { return option(vm, name); }
  bool has(const char* name) const { return vm.count(name) > 0; }
};

int usage(const Context& c, std::string_view message) {
  return usage_error(c.io, c.verb, message, ticket_usage);
}

// Prints the ticket as text or JSON; `created` (open only) says whether it is new.
int answer(const Context& c, const Result<Ticket>& t, std::optional<bool> created = {}) {
  if (!t) return data_error(c.io, c.verb, t.error());
  const auto tiers = c.session.tiers(*t);
  if (c.has("json")) {
    auto out = ticket_json(*t, tiers);
    if (created) out["created"] = *created;
    c.io.out << boost::json::serialize(out) << '\n';
    return exit_ok;
  }
  if (created && !*created)
    fmt::print(c.io.out, "existing ticket: external id {} was used before, nothing opened\n",
               t->external_id);
  print_ticket(c.io.out, *t, tiers);
  return exit_ok;
}

int run_open(const Context& c) {
  if (!c.words.empty()) return usage(c, fmt::format("open takes no words, got \"{}\"", c.words[0]));
  for (const char* required : {"customer", "subject"})
    if (!c.has(required)) return usage(c, fmt::format("open needs --{}", required));
  auto channel = parse_channel(c.has("channel") ? c.opt("channel") : "email");
  if (!channel) return usage(c, channel.error().within("--channel").message());
  auto opened = c.session.desk().open(
      {.customer = c.opt("customer"),
       .contract = c.opt("contract"),
       .channel = *channel,
       .category = c.opt("category"),
       .priority = c.opt("priority"),
       .tier = c.has("tier") ? std::optional(c.vm["tier"].as<int>()) : std::nullopt,
       .assignee = c.opt("assignee"),
       .subject = c.opt("subject"),
       .body = c.opt("body"),
       .external_id = c.opt("external-id"),
       .urgent = c.has("urgent"),
       .by = c.by});
  if (!opened) return data_error(c.io, c.verb, opened.error());
  return answer(c, opened->ticket, opened->created);
}

int run_list(const Context& c) {
  if (!c.words.empty()) return usage(c, fmt::format("list takes no words, got \"{}\"", c.words[0]));
  TicketFilter f;
  if (c.has("customer")) f.customer = c.opt("customer");
  if (c.has("contract")) f.contract = c.opt("contract");
  if (c.has("assignee")) f.assignee = c.opt("assignee");
  if (c.has("tier")) f.tier = c.vm["tier"].as<int>();
  if (c.has("status")) {
    auto s = parse_status(c.opt("status"));
    if (!s) return usage(c, s.error().within("--status").message());
    f.status = *s;
  }
  f.open_only = c.has("open");
  auto limit = limit_option(c.vm, f.limit);
  if (!limit) return usage(c, limit.error().message());
  f.limit = *limit;
  auto found = c.session.desk().tickets(f);
  if (!found) return data_error(c.io, c.verb, found.error());
  if (c.has("json")) {
    boost::json::array out;
    for (const auto& t : *found) out.push_back(ticket_json(t, c.session.tiers(t)));
    c.io.out << boost::json::serialize(boost::json::object{{"tickets", std::move(out)}}) << '\n';
  } else {
    for (const auto& t : *found) print_ticket_line(c.io.out, t);
  }
  return exit_ok;
}

int run_show(const Context& c, const TicketRef& ref) {
  auto shown = c.session.desk().show(ref);
  if (!shown) return data_error(c.io, c.verb, shown.error());
  const Ticket& t = shown->ticket;
  if (c.has("json")) {
    auto out = ticket_json(t, c.session.tiers(t));
    boost::json::array cs;
    for (const auto& clock : shown->clocks) cs.push_back(clock_json(clock));
    out["clocks"] = std::move(cs);
    c.io.out << boost::json::serialize(out) << '\n';
    return exit_ok;
  }
  print_ticket(c.io.out, t, c.session.tiers(t));
  for (const auto& clock : shown->clocks) print_clock(c.io.out, clock);
  return exit_ok;
}

int run_reply(const Context& c, const TicketRef& ref) {
  const auto kinds = c.vm.count("public") + c.vm.count("internal") + c.vm.count("customer-reply");
  if (kinds != 1) return usage(c, "reply needs exactly one of --public, --internal, --customer");
  if (!c.has("body")) return usage(c, "reply needs --body TEXT");
  const ReplyKind kind = c.has("public")     ? ReplyKind::agent_public
                         : c.has("internal") ? ReplyKind::agent_internal
                                             : ReplyKind::customer;
  return answer(c, c.session.desk().reply(ref, kind, c.opt("body"), c.by));
}

// The subcommands that take REF and act on that ticket.
int run_on_ticket(const Context& c, std::string_view sub) {
  const bool named = sub == "status" || sub == "priority" || sub == "category" || sub == "assign";
  const std::size_t want = named ? 2 : 1;
  if (c.words.empty()) return usage(c, fmt::format("{} needs a ticket reference", sub));
  if (c.words.size() != want)
    return usage(c, fmt::format("{} takes {} word(s) after the subcommand, got {}", sub, want,
                                c.words.size()));
  auto ref = TicketRef::parse(c.words[0]);
  if (!ref) return usage(c, ref.error().message());
  ServiceDesk& desk = c.session.desk();
  if (sub == "show") return run_show(c, *ref);
  if (sub == "reply") return run_reply(c, *ref);
  if (sub == "status") {
    auto to = parse_status(c.words[1]);
    if (!to) return usage(c, to.error().message());
    return answer(c, desk.set_status(*ref, *to, c.by));
  }
  if (sub == "priority") return answer(c, desk.set_priority(*ref, c.words[1], c.by));
  if (sub == "category") return answer(c, desk.set_category(*ref, c.words[1], c.by));
  if (sub == "assign") return answer(c, desk.assign(*ref, c.words[1], c.by));
  if (sub == "escalate") {
    if (!c.has("tier") || !c.has("reason"))
      return usage(c, "escalate needs --tier N and --reason TEXT");
    return answer(c, desk.escalate(*ref, c.vm["tier"].as<int>(), c.opt("reason"), c.by));
  }
  if (!c.has("reason")) return usage(c, "emergency needs --reason TEXT");
  return answer(c, desk.mark_emergency(*ref, c.opt("reason"), c.by));
}

}  // namespace

int run_ticket(std::span<const std::string> args, Io io) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    fmt::print(args.empty() ? io.err : io.out, "{}", ticket_usage);
    return args.empty() ? exit_usage : exit_ok;
  }
  const std::string sub = args[0];
  constexpr std::string_view subs[] = {"open",     "show",   "list",     "status", "priority",
                                       "category", "assign", "escalate", "reply",  "emergency"};
  if (std::find(std::begin(subs), std::end(subs), sub) == std::end(subs))
    return usage_error(io, "ticket", fmt::format("unknown subcommand \"{}\"", sub), ticket_usage);
  auto opts = desk_options();
  opts.add_options()("customer", po::value<std::string>())("contract", po::value<std::string>())(
      "subject", po::value<std::string>())("channel", po::value<std::string>())(
      "category", po::value<std::string>())("priority", po::value<std::string>())(
      "tier", po::value<int>())("assignee", po::value<std::string>())(
      "external-id", po::value<std::string>())("body", po::value<std::string>())("urgent", "")(
      "status", po::value<std::string>())("open", "")("limit", po::value<std::string>())(
      "reason", po::value<std::string>())("public", "")("internal", "")("customer-reply", "");
  po::variables_map vm;
  std::vector<std::string> words;
  // --customer is both a filter (list) and a reply kind (reply): reply spells it as a flag.
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (sub == "reply")
    std::replace(rest.begin(), rest.end(), std::string("--customer"),
                 std::string("--customer-reply"));
  const std::string verb = "ticket " + sub;
  if (auto done = parse_args(rest, opts, vm, words, verb, ticket_usage, io)) return *done;
  auto at = now_or_at(vm);
  if (!at) return usage_error(io, verb, at.error().message(), ticket_usage);
  auto session = Session::open(vm, io);
  if (!session) return data_error(io, verb, session.error());
  const Context c{vm, words, io, verb, **session, {actor_name(vm), *at}};
  if (sub == "open") return run_open(c);
  if (sub == "list") return run_list(c);
  return run_on_ticket(c, sub);
}

}  // namespace tierdesk::cli
