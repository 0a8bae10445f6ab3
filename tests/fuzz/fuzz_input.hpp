// What every fuzz target shares: the input as text, and the repository's example files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

namespace tierdesk::fuzz {

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline std::filesystem::path source_dir() { return TIERDESK_SOURCE_DIR; }

}  // namespace tierdesk::fuzz
