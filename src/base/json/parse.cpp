// json::parse: Boost.JSON's parser for the value, plus a second pass over the text with a
// basic_parser handler that rejects duplicate keys (Boost.JSON keeps the last one silently);
// and the bounded reading of configuration files.
#include <cerrno>
#include <cstdio>
#include <memory>
#include <optional>
#include <system_error>
#include <string>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parser.hpp>

#include "base/json/reader.hpp"
#include "tierdesk/base/json_check.hpp"
#include "tierdesk/base/limits.hpp"

namespace tierdesk::json {
namespace {

using boost::system::error_code;
using JsonStringView = boost::json::string_view;

// "line 3, column 7" of the character at `offset` (columns count UTF-8 characters from 1).
std::string location(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return fmt::format("line {}, column {}", line, column);
}

// Walks a well-formed document and stops at the first key an object already has.
class DuplicateKeyFinder {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  std::optional<Path> duplicate;

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) { return enter(true); }
  bool on_object_end(std::size_t, error_code&) { return leave(); }
  bool on_array_begin(error_code&) { return enter(false); }
  bool on_array_end(std::size_t, error_code&) { return leave(); }
  bool on_key_part(JsonStringView s, std::size_t, error_code&) {
    partial_key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(JsonStringView s, std::size_t, error_code& ec) {
    Frame& frame = frames_.back();
    frame.key = partial_key_ + std::string(s.data(), s.size());
    partial_key_.clear();
    if (!frame.keys.insert(frame.key).second) {
      duplicate = frame.path.field(frame.key);
      ec = boost::json::error::syntax;
      return false;
    }
    return true;
  }
  bool on_string_part(JsonStringView, std::size_t, error_code&) { return true; }
  bool on_string(JsonStringView, std::size_t, error_code&) { return scalar(); }
  bool on_number_part(JsonStringView, error_code&) { return true; }
  bool on_int64(std::int64_t, JsonStringView, error_code&) { return scalar(); }
  bool on_uint64(std::uint64_t, JsonStringView, error_code&) { return scalar(); }
  bool on_double(double, JsonStringView, error_code&) { return scalar(); }
  bool on_bool(bool, error_code&) { return scalar(); }
  bool on_null(error_code&) { return scalar(); }
  bool on_comment_part(JsonStringView, error_code&) { return true; }
  bool on_comment(JsonStringView, error_code&) { return true; }

 private:
  struct Frame {
    Path path;
    bool is_object = false;
    std::size_t elements = 0;
    std::string key;
    std::unordered_set<std::string> keys;
  };

  Path child_path() const {
    if (frames_.empty()) return Path();
    const Frame& frame = frames_.back();
    return frame.is_object ? frame.path.field(frame.key) : frame.path.index(frame.elements);
  }
  bool enter(bool is_object) {
    frames_.push_back(Frame{child_path(), is_object, 0, {}, {}});
    return true;
  }
  bool leave() {
    frames_.pop_back();
    return scalar();
  }
  bool scalar() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().elements;
    return true;
  }

  std::vector<Frame> frames_;
  std::string partial_key_;
};

Error malformed(std::string_view text, std::size_t offset, std::string_view what) {
  return Error(Errc::parse_error, fmt::format("{}: {}", location(text, offset), what));
}

}  // namespace

Result<boost::json::value> parse(std::string_view text) {
  boost::json::parser parser;
  error_code ec;
  const std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (ec) return fail(malformed(text, consumed, fmt::format("malformed JSON ({})", ec.message())));
  if (consumed < text.size()) {
    return fail(malformed(text, consumed, "malformed JSON (text after the end of the document)"));
  }
  boost::json::value value = parser.release();
  if (auto ok = check_unique_keys(text); !ok) return fail(ok.error());
  return value;
}

}  // namespace tierdesk::json

namespace tierdesk {

Result<void> check_unique_keys(std::string_view text) {
  json::error_code ec;
  boost::json::basic_parser<json::DuplicateKeyFinder> finder(boost::json::parse_options{});
  const std::size_t at = finder.write_some(false, text.data(), text.size(), ec);
  if (const auto& duplicate = finder.handler().duplicate) {
    return fail(duplicate->error(Errc::parse_error, fmt::format("key appears twice (again at {})",
                                                                json::location(text, at))));
  }
  return {};
}

}  // namespace tierdesk

namespace tierdesk::json {

Result<std::string> read_config_file(const std::filesystem::path& path) {
  struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  const auto cannot = [&](const char* what) {
    return fail(Errc::io_error, fmt::format("{}: cannot {} ({})", path.string(), what,
                                            std::generic_category().message(errno)));
  };
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return cannot("open");
  std::string text;
  char buffer[8192];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    text.append(buffer, n);
    if (text.size() > limits::config_file_bytes)
      return fail(Errc::out_of_range,
                  fmt::format("{}: larger than {} bytes, the limit of a configuration file",
                              path.string(), limits::config_file_bytes));
  }
  if (std::ferror(file.get())) return cannot("read");
  return text;
}

}  // namespace tierdesk::json
