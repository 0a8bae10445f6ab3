// A fresh temporary directory per test process, so that two runs of the same test (ctest -j,
// two checkouts on one machine) never share a file. Removed with everything in it at exit.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

namespace tierdesk::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tierdesk-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }
  std::string file(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// This process's own directory, made on first use.
inline const TempDir& process_temp_dir() {
  static const TempDir dir;
  return dir;
}

// A path for a new database in this process's directory, with no file, journal or WAL left
// from an earlier case of the same process.
inline std::string fresh_db_file(std::string_view name) {
  const std::string path = process_temp_dir().file(name);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

}  // namespace tierdesk::testing
