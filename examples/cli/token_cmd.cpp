// tierdesk token create | list | revoke: API tokens for tierdesk-server.
#include <charconv>
#include <iostream>

#include <fmt/ostream.h>

#include "desk_cli.hpp"
#include "tierdesk/access/access.hpp"

namespace po = boost::program_options;

namespace tierdesk::cli {
namespace {

constexpr std::string_view token_usage = R"(usage:
  tierdesk token create --role agent|customer|admin [--customer C] [--name NAME]
  tierdesk token list
  tierdesk token revoke ID

every subcommand: [--db PATH (default tierdesk.db)] [--json] [--actor NAME] [--at ISO-8601]

create prints the secret once, on its own line (with --json as "token"); the database keeps
only its SHA-256 digest. A customer token needs --customer, a customer of the contracts in
--contracts DIR (default $TIERDESK_CONTRACTS), and sees only that customer's tickets. --name
defaults to --actor.
exit codes: 0 ok, 1 bad command line, 2 data error

example:
  tierdesk token create --role customer --customer nordlys --name portal
)";

// A customer token is bound to a customer of the contracts; --customer is required.
Result<void> customer_of_book(const po::variables_map& vm) {
  if (!vm.count("customer"))
    return fail(Errc::missing_field, "--customer: required for a customer token");
  auto book = load_book(vm);
  if (!book) return fail(book.error());
  if (auto who = book->customer(vm["customer"].as<std::string>()); !who) return fail(who.error());
  return {};
}

}  // namespace

int run_token(std::span<const std::string> args, Io io) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    fmt::print(args.empty() ? io.err : io.out, "{}", token_usage);
    return args.empty() ? exit_usage : exit_ok;
  }
  const std::string sub = args[0];
  if (sub != "create" && sub != "list" && sub != "revoke")
    return usage_error(io, "token", fmt::format("unknown subcommand \"{}\"", sub), token_usage);
  const std::string verb = "token " + sub;
  auto opts = desk_options();
  opts.add_options()("role", po::value<std::string>())("customer", po::value<std::string>())(
      "name", po::value<std::string>());
  po::variables_map vm;
  std::vector<std::string> words;
  if (auto done = parse_args(args.subspan(1), opts, vm, words, verb, token_usage, io)) return *done;
  if (sub == "revoke" ? words.size() != 1 : !words.empty())
    return usage_error(io, verb, sub == "revoke" ? "revoke needs one token id" : "unexpected words",
                       token_usage);
  auto now = now_or_at(vm);
  if (!now) return usage_error(io, verb, now.error().message(), token_usage);
  auto store = open_store(vm, false);
  if (!store) return data_error(io, verb, store.error());
  const bool json = vm.count("json") > 0;

  if (sub == "create") {
    if (!vm.count("role")) return usage_error(io, verb, "create needs --role", token_usage);
    auto role = parse_access_role(vm["role"].as<std::string>());
    if (!role) return usage_error(io, verb, role.error().within("--role").message(), token_usage);
    if (*role == AccessRole::customer)
      if (auto known = customer_of_book(vm); !known) return data_error(io, verb, known.error());
    auto issued =
        issue_token(*store, {.name = vm.count("name") ? vm["name"].as<std::string>() : actor_name(vm),
                             .role = *role,
                             .customer = vm.count("customer") ? vm["customer"].as<std::string>() : "",
                             .created_at = *now});
    if (!issued) return data_error(io, verb, issued.error());
    const ApiToken* added = &issued->token;
    if (json) {
      auto out = token_json(*added);
      out["token"] = issued->secret;
      io.out << boost::json::serialize(out) << '\n';
    } else {
      fmt::print(io.out, "{}\n", issued->secret);
      fmt::print(io.err, "token {} ({}, {}{}): shown once, keep it safe\n", added->id, added->name,
                 to_string(added->role), added->customer.empty() ? "" : " of " + added->customer);
    }
    return exit_ok;
  }
  if (sub == "list") {
    auto all = store->tokens();
    if (!all) return data_error(io, verb, all.error());
    if (json) {
      boost::json::array out;
      for (const auto& t : *all) out.push_back(token_json(t));
      io.out << boost::json::serialize(boost::json::object{{"tokens", std::move(out)}}) << '\n';
    } else {
      for (const auto& t : *all)
        fmt::print(io.out, "{:>4}  {:<8}  {:<16}  {:<16}  {}{}\n", t.id, to_string(t.role), t.name,
                   t.customer.empty() ? "-" : t.customer, format_utc(t.created_at),
                   t.revoked ? "  revoked" : "");
    }
    return exit_ok;
  }
  std::int64_t id = 0;
  const auto& text = words[0];
  if (std::from_chars(text.data(), text.data() + text.size(), id).ec != std::errc())
    return usage_error(io, verb, fmt::format("token id: got \"{}\", expected a number", text),
                       token_usage);
  if (auto ok = store->revoke_token(id); !ok) return data_error(io, verb, ok.error());
  if (json) {
    io.out << boost::json::serialize(boost::json::object{{"id", id}, {"revoked", true}}) << '\n';
  } else {
    fmt::print(io.out, "token {} revoked\n", id);
  }
  return exit_ok;
}

}  // namespace tierdesk::cli
