#include "jsonl.hpp"

#include <istream>
#include <ostream>
#include <string>

#include <fmt/format.h>

#include "commands.hpp"

namespace tierdesk::cli {

int run_jsonl(std::istream& in, std::ostream& out, const Evaluator& eval) {
  int status = exit_ok;
  std::string line;
  for (long line_no = 1; std::getline(in, line); ++line_no) {
    if (std::all_of(line.begin(), line.end(), [](unsigned char c) { return std::isspace(c); })) {
      continue;
    }
    boost::system::error_code ec;
    const boost::json::value request = boost::json::parse(line, ec);
    Result<boost::json::object> answer =
        ec ? fail(Errc::parse_error, fmt::format("line {}: not JSON ({})", line_no, ec.message()))
        : !request.is_object()
            ? fail(Errc::parse_error, fmt::format("line {}: expected a JSON object", line_no))
            : eval(request.as_object());
    if (!answer) status = exit_data;
    out << boost::json::serialize(answer ? *answer : error_json(answer.error())) << '\n';
    out.flush();
  }
  return status;
}

}  // namespace tierdesk::cli
