#include "jsonl.hpp"

#include <algorithm>
#include <cctype>
#include <istream>
#include <ostream>
#include <string>

#include <fmt/format.h>

#include "commands.hpp"
#include "tierdesk/base/json_check.hpp"
#include "tierdesk/base/limits.hpp"

namespace tierdesk::cli {

namespace {

// The next line of `in` without its "\n", keeping at most limits::json_line_bytes of it (the
// rest is read past); false at the end of the input.
bool next_line(std::istream& in, std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  std::streambuf* buf = in.rdbuf();
  bool any = false;
  for (int c = buf->sbumpc(); c != std::char_traits<char>::eof(); c = buf->sbumpc()) {
    any = true;
    if (c == '\n') return true;
    if (line.size() < limits::json_line_bytes)
      line += static_cast<char>(c);
    else
      too_long = true;
  }
  return any;
}

}  // namespace

int run_jsonl(std::istream& in, std::ostream& out, const Evaluator& eval) {
  int status = exit_ok;
  std::string line;
  bool too_long = false;
  for (long line_no = 1; next_line(in, line, too_long); ++line_no) {
    if (!too_long &&
        std::all_of(line.begin(), line.end(), [](unsigned char c) { return std::isspace(c); })) {
      continue;
    }
    boost::system::error_code ec;
    const boost::json::value request =
        too_long ? boost::json::value() : boost::json::parse(line, ec);
    auto unique = too_long || ec ? Result<void>() : check_unique_keys(line);
    Result<boost::json::object> answer =
        too_long ? fail(Errc::out_of_range, fmt::format("line {}: longer than {} bytes, the limit "
                                                        "of a line",
                                                        line_no, limits::json_line_bytes))
        : ec ? fail(Errc::parse_error, fmt::format("line {}: not JSON ({})", line_no, ec.message()))
        : !unique ? fail(unique.error().within(fmt::format("line {}", line_no)))
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
