// tierdesk ticket open | show | list | status | priority | escalate | reply
#include <iostream>

#include <fmt/ostream.h>

#include "contract_open.hpp"
#include "contracts_cli.hpp"
#include "desk_cli.hpp"
#include "tierdesk/sla_json.hpp"
#include "tierdesk/ticket_clocks.hpp"

namespace po = boost::program_options;

namespace tierdesk::cli {
namespace {

constexpr std::string_view ticket_usage = R"(usage:
  tierdesk ticket open --customer C --contract K --subject TEXT [--channel phone|email|portal|on-call]
                       [--category X] [--priority P] [--tier N] [--assignee A] [--external-id ID]
                       [--body TEXT] [--prefix OO]
  tierdesk ticket show REF
  tierdesk ticket list [--customer C] [--status S] [--tier N] [--assignee A] [--open] [--limit N]
  tierdesk ticket status REF STATUS        new, open, pending-customer, on-hold, resolved, closed
  tierdesk ticket priority REF PRIORITY
  tierdesk ticket escalate REF --tier N --reason TEXT      (a lower tier de-escalates)
  tierdesk ticket reply REF (--public | --internal | --customer) --body TEXT

every subcommand: [--db PATH (default tierdesk.db)] [--json] [--actor NAME] [--at ISO-8601]
                  [--policy SLA.json]   keep the SLA clock cache (for `tierdesk due`) on every change
                  [--contracts DIR]     provider contracts (default $TIERDESK_CONTRACTS, else
                                        examples/contracts): the ticket's contract gives the SLA
                                        policy when --policy is not given, and `open` takes the
                                        prefix, the category's priority and tier, "no-sla" for a
                                        category outside the SLA and the customer's contact
exit codes: 0 ok, 1 bad command line, 2 data error (unknown ticket, forbidden transition, …)

example:
  tierdesk ticket open --prefix OO --policy examples/policies/oneoffice.json --priority high \
                       --customer acme --contract acme-2026 --subject "VPN down"
  tierdesk ticket open --contract oneoffice --customer nordlys --channel on-call \
                       --category support --subject "Printer offline"
  tierdesk ticket escalate OO-2026-000001 --tier 2 --reason "needs the network team"
)";

struct Context {
  po::variables_map& vm;
  std::vector<std::string>& words;
  Io io;
  std::string_view verb;
  ClockFunction clocks;  // from --policy or the contract; empty without
  const Contract* contract = nullptr;  // the ticket's contract, when the directory has it
  TierNames tiers{};
};

int usage(const Context& c, std::string_view message) {
  return usage_error(c.io, c.verb, message, ticket_usage);
}

// Prints the ticket as text or JSON.
int answer(const Context& c, const Ticket& t, const TierNames& tiers) {
  if (c.vm.count("json")) {
    c.io.out << boost::json::serialize(ticket_json(t, tiers)) << '\n';
  } else {
    print_ticket(c.io.out, t, tiers);
  }
  return exit_ok;
}

std::string option(const Context& c, const char* name) {
  return c.vm.count(name) ? c.vm[name].as<std::string>() : std::string();
}

int run_open(const Context& c, SqliteStore& store, Actor by) {
  if (!c.words.empty()) return usage(c, fmt::format("open takes no words, got \"{}\"", c.words[0]));
  for (const char* required : {"customer", "contract", "subject"})
    if (!c.vm.count(required)) return usage(c, fmt::format("open needs --{}", required));
  auto channel = parse_channel(c.vm.count("channel") ? option(c, "channel") : "email");
  if (!channel) return usage(c, channel.error().message());
  std::string prefix = c.vm.count("prefix") ? option(c, "prefix") : "TD";
  OpenRequest request{.customer = option(c, "customer"),
                      .contract = option(c, "contract"),
                      .channel = *channel,
                      .category = option(c, "category"),
                      .priority = option(c, "priority"),
                      .tier = c.vm.count("tier") ? c.vm["tier"].as<int>() : min_tier,
                      .assignee = option(c, "assignee"),
                      .subject = option(c, "subject"),
                      .external_id = option(c, "external-id"),
                      .body = option(c, "body"),
                      .by = by};
  if (c.contract != nullptr) {
    if (auto ok = host::apply_contract_defaults(*c.contract, request, c.vm.count("tier") > 0, "--category"); !ok)
      return data_error(c.io, c.verb, ok.error());
    if (!c.vm.count("prefix") && !c.contract->prefix.empty()) prefix = c.contract->prefix;
  }
  if (request.priority.empty()) request.priority = "normal";
  if (auto ok = check_prefix(prefix); !ok) return usage(c, ok.error().message());
  DeskConfig config{.prefix = prefix, .tiers = c.tiers, .clocks = c.clocks};
  if (c.contract != nullptr) config.zone = c.contract->billing.zone;
  Desk desk(store, config);
  auto t = desk.open(request);
  if (!t) return data_error(c.io, c.verb, t.error());
  return answer(c, *t, desk.config().tiers);
}

int run_list(const Context& c, SqliteStore& store) {
  if (!c.words.empty()) return usage(c, fmt::format("list takes no words, got \"{}\"", c.words[0]));
  TicketFilter f;
  if (c.vm.count("customer")) f.customer = option(c, "customer");
  if (c.vm.count("contract")) f.contract = option(c, "contract");
  if (c.vm.count("assignee")) f.assignee = option(c, "assignee");
  if (c.vm.count("tier")) f.tier = c.vm["tier"].as<int>();
  if (c.vm.count("status")) {
    auto s = parse_status(option(c, "status"));
    if (!s) return usage(c, s.error().message());
    f.status = *s;
  }
  f.open_only = c.vm.count("open") > 0;
  if (c.vm.count("limit")) f.limit = c.vm["limit"].as<std::size_t>();
  auto found = store.tickets(f);
  if (!found) return data_error(c.io, c.verb, found.error());
  if (c.vm.count("json")) {
    boost::json::array out;
    for (const auto& t : *found) out.push_back(ticket_json(t, TierNames{}));
    c.io.out << boost::json::serialize(boost::json::object{{"tickets", std::move(out)}}) << '\n';
  } else {
    for (const auto& t : *found) print_ticket_line(c.io.out, t);
  }
  return exit_ok;
}

// show, status, priority, escalate, reply: REF first.
int run_on_ticket(const Context& c, std::string_view sub, SqliteStore& store, Actor by) {
  if (c.words.empty()) return usage(c, fmt::format("{} needs a ticket reference", sub));
  auto ref = TicketRef::parse(c.words[0]);
  if (!ref) return usage(c, ref.error().message());
  const std::size_t want = (sub == "status" || sub == "priority") ? 2 : 1;
  if (c.words.size() != want)
    return usage(c, fmt::format("{} takes {} word(s) after the subcommand, got {}", sub, want, c.words.size()));
  Desk desk(store, {.prefix = ref->prefix, .tiers = c.tiers, .clocks = c.clocks});
  Result<Ticket> t = fail(Errc::invalid_argument, "unreachable");
  if (sub == "show") {
    t = store.ticket(*ref);
    if (t && c.vm.count("json")) {
      auto clocks = store.clocks(*ref);
      if (!clocks) return data_error(c.io, c.verb, clocks.error());
      auto out = ticket_json(*t, desk.config().tiers);
      boost::json::array cs;
      for (const auto& clock : *clocks) cs.push_back(clock_json(clock));
      out["clocks"] = std::move(cs);
      c.io.out << boost::json::serialize(out) << '\n';
      return exit_ok;
    }
  } else if (sub == "status") {
    auto to = parse_status(c.words[1]);
    if (!to) return usage(c, to.error().message());
    t = desk.set_status(*ref, *to, by);
  } else if (sub == "priority") {
    t = desk.set_priority(*ref, c.words[1], by);
  } else if (sub == "escalate") {
    if (!c.vm.count("tier") || !c.vm.count("reason")) return usage(c, "escalate needs --tier N and --reason TEXT");
    t = desk.escalate(*ref, c.vm["tier"].as<int>(), option(c, "reason"), by);
  } else {
    const int kinds = static_cast<int>(c.vm.count("public") + c.vm.count("internal") + c.vm.count("customer-reply"));
    if (kinds != 1) return usage(c, "reply needs exactly one of --public, --internal, --customer");
    if (!c.vm.count("body")) return usage(c, "reply needs --body TEXT");
    const ReplyKind kind = c.vm.count("public") ? ReplyKind::agent_public
                           : c.vm.count("internal") ? ReplyKind::agent_internal
                                                    : ReplyKind::customer;
    t = desk.reply(*ref, kind, option(c, "body"), by);
  }
  if (!t) return data_error(c.io, c.verb, t.error());
  return answer(c, *t, desk.config().tiers);
}

}  // namespace

int run_ticket(std::span<const std::string> args, Io io) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    fmt::print(args.empty() ? io.err : io.out, "{}", ticket_usage);
    return args.empty() ? exit_usage : exit_ok;
  }
  const std::string sub = args[0];
  constexpr std::string_view subs[] = {"open", "show", "list", "status", "priority", "escalate", "reply"};
  if (std::find(std::begin(subs), std::end(subs), sub) == std::end(subs))
    return usage_error(io, "ticket", fmt::format("unknown subcommand \"{}\"", sub), ticket_usage);
  auto opts = common_options();
  opts.add_options()("prefix", po::value<std::string>())("customer", po::value<std::string>())(
      "contract", po::value<std::string>())("subject", po::value<std::string>())(
      "channel", po::value<std::string>())("category", po::value<std::string>())(
      "priority", po::value<std::string>())("tier", po::value<int>())(
      "assignee", po::value<std::string>())("external-id", po::value<std::string>())(
      "body", po::value<std::string>())("status", po::value<std::string>())("open", "")(
      "limit", po::value<std::size_t>())("reason", po::value<std::string>())("public", "")(
      "internal", "")("customer-reply", "")("policy", po::value<std::string>())(
      "contracts", po::value<std::string>());
  po::variables_map vm;
  std::vector<std::string> words;
  // --customer is both a filter (list) and a reply kind (reply): reply spells it as a flag.
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (sub == "reply")
    std::replace(rest.begin(), rest.end(), std::string("--customer"), std::string("--customer-reply"));
  const std::string verb = "ticket " + sub;
  if (auto done = parse_args(rest, opts, vm, words, verb, ticket_usage, io)) return *done;
  Context c{vm, words, io, verb, {}};
  if (vm.count("policy")) {
    auto policy = load_policy_file(vm["policy"].as<std::string>());
    if (!policy) return data_error(io, verb, policy.error());
    c.clocks = sla_clock_function(std::move(*policy));
  }
  auto by = now_or_at(vm);
  if (!by) return usage(c, by.error().message());
  auto store = open_store(vm, false);
  if (!store) return data_error(io, verb, store.error());
  // The ticket's contract: --contract for open, the stored ticket's otherwise.
  std::string contract_id = sub == "open" ? option(c, "contract") : std::string();
  if (sub != "open" && sub != "list" && !words.empty()) {
    if (auto ref = TicketRef::parse(words[0]))
      if (auto t = store->ticket(*ref)) contract_id = t->contract;
  }
  auto contracts = load_contracts(contracts_dir(vm));
  if (!contracts) return data_error(io, verb, contracts.error());
  if (auto found = find_contract(*contracts, contract_id); found && !contract_id.empty()) {
    c.contract = *found;
    c.tiers = c.contract->tiers;
    if (!vm.count("policy") && c.contract->sla)
      c.clocks = sla_clock_function(*c.contract->sla, c.contract->tiers);
  }
  const Actor actor{actor_name(vm), *by};
  if (sub == "open") return run_open(c, *store, actor);
  if (sub == "list") return run_list(c, *store);
  return run_on_ticket(c, sub, *store, actor);
}

}  // namespace tierdesk::cli
