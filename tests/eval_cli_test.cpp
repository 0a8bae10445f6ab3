// The JSON-lines verbs of the CLI (`calendar eval`) against hostile lines: one too long to
// keep, keys twice. Each bad line gets its error and the next line its answer.
#include <fstream>
#include <string>

#include <doctest/doctest.h>

#include "support/cli_process.hpp"
#include "support/temp_dir.hpp"

namespace {

std::string calendar() {
  return std::string(TIERDESK_SOURCE_DIR) + "/examples/calendars/de-bw-office.json";
}

}  // namespace

TEST_CASE("a line over the limit is an error for that line; the next one is answered") {
  const auto input = tierdesk::testing::process_temp_dir().file("long-lines.jsonl");
  {
    std::ofstream out(input, std::ios::binary);
    out << std::string(3 * 1024 * 1024, 'x') << '\n'  // 3 MiB: used to be read and parsed whole
        << R"({"op":"add","start":"2026-12-23T16:30:00+01:00","minutes":120})" << '\n';
  }
  auto run = tierdesk::testing::run_cli("calendar eval --calendar " + calendar() + " < " + input,
                                        tierdesk::testing::CliOutput::stdout_only);
  CHECK(run.exit == 2);
  CHECK(run.out ==
        R"js({"error":{"code":"out_of_range","message":"line 1: longer than 1048576 bytes, the limit of a line"}})js"
        "\n"
        R"({"result":"2026-12-24T09:30:00+01:00"})"
        "\n");
}

TEST_CASE("a key twice in a line is an error, not last-wins") {
  const auto input = tierdesk::testing::process_temp_dir().file("twice.jsonl");
  {
    std::ofstream out(input, std::ios::binary);
    out << R"({"op":"add","start":"2026-12-23T16:30:00+01:00","minutes":1,"minutes":120})" << '\n';
  }
  auto run = tierdesk::testing::run_cli("calendar eval --calendar " + calendar() + " < " + input,
                                        tierdesk::testing::CliOutput::stdout_only);
  CHECK(run.exit == 2);
  CHECK(run.out ==
        R"js({"error":{"code":"parse_error","message":"line 1: minutes: key appears twice (again at line 1, column 69)"}})js"
        "\n");
}
