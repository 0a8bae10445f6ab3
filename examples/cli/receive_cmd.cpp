// tierdesk receive: an inbound message from a customer (ServiceDesk::receive) — a new ticket,
// a reply threaded to one, or a duplicate of a message received before.
#include <iostream>

#include <fmt/ostream.h>

#include "desk_cli.hpp"

namespace po = boost::program_options;

namespace tierdesk::cli {
namespace {

constexpr std::string_view receive_usage = R"(usage:
  tierdesk receive --from ADDRESS --subject TEXT [--body TEXT] [--message-id <ID@DOMAIN>]
                   [--reference <ID@DOMAIN>]… [--customer C] [--channel email|portal|phone|on-call]
                   [--urgent] [--at ISO-8601 (default now)]
                   [--db PATH (default tierdesk.db)] [--json] [--contracts DIR]

A message from a customer, as an e-mail gateway hands it over. The desk decides what it is:
  opened     a new ticket under the customer's contract (as `ticket open` would)
  appended   a reply on the customer's ticket named "[OO-2026-000001]" in the subject, or on
             the ticket a --reference (In-Reply-To, References; repeatable, oldest first)
             opened; a resolved ticket reopens
  duplicate  the --message-id was received before: nothing changes
The customer is --customer, else the one whose address (or, alone in it, whose domain) --from
is. Prints the outcome and the ticket.
exit codes: 0 ok, 1 bad command line, 2 data error (unknown sender or customer, no contracts
            given, …)

example:
  tierdesk receive --from "Nordlys IT <it@nordlys.example>" --subject "Re: [OO-2026-000001] Printer" \
                   --body "Still offline." --message-id "<r1@nordlys.example>"
)";

}  // namespace

int run_receive(std::span<const std::string> args, Io io) {
  constexpr std::string_view verb = "receive";
  auto opts = desk_options();
  opts.add_options()("from", po::value<std::string>())("subject", po::value<std::string>())(
      "body", po::value<std::string>())("message-id", po::value<std::string>())(
      "reference", po::value<std::vector<std::string>>())("customer", po::value<std::string>())(
      "channel", po::value<std::string>())("urgent", "");
  po::variables_map vm;
  std::vector<std::string> words;
  if (auto done = parse_args(args, opts, vm, words, verb, receive_usage, io)) return *done;
  if (!words.empty())
    return usage_error(io, verb, fmt::format("unexpected word \"{}\"", words[0]), receive_usage);
  for (const char* required : {"from", "subject"})
    if (!vm.count(required))
      return usage_error(io, verb, fmt::format("receive needs --{}", required), receive_usage);
  auto channel = parse_channel(vm.count("channel") ? option(vm, "channel") : "email");
  if (!channel)
    return usage_error(io, verb, channel.error().within("--channel").message(), receive_usage);
  auto at = now_or_at(vm);
  if (!at) return usage_error(io, verb, at.error().message(), receive_usage);
  auto session = Session::open(vm, io);
  if (!session) return data_error(io, verb, session.error());
  auto got = (*session)->desk().receive(
      {.channel = *channel,
       .customer = option(vm, "customer"),
       .from = option(vm, "from"),
       .message_id = option(vm, "message-id"),
       .references = vm.count("reference") ? vm["reference"].as<std::vector<std::string>>()
                                           : std::vector<std::string>{},
       .subject = option(vm, "subject"),
       .body = option(vm, "body"),
       .urgent = vm.count("urgent") > 0,
       .at = *at});
  if (!got) return data_error(io, verb, got.error());
  const auto tiers = (*session)->tiers(got->ticket);
  if (vm.count("json")) {
    io.out << boost::json::serialize(
                  boost::json::object{{"outcome", to_string(got->outcome)},
                                      {"ticket", ticket_json(got->ticket, tiers)}})
           << '\n';
  } else {
    fmt::print(io.out, "{} {}\n", to_string(got->outcome), got->ticket.ref.str());
    print_ticket(io.out, got->ticket, tiers);
  }
  return exit_ok;
}

}  // namespace tierdesk::cli
