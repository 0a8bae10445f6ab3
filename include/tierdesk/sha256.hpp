// SHA-256 (FIPS 180-4), for storing API tokens as digests rather than in the clear.
//
//   sha256_hex("abc") ==
//     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
//
// A small self-contained implementation: the library needs one digest function, not a crypto
// library. Not constant-time with respect to the input length; tokens are fixed-length.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tierdesk {

using Sha256Digest = std::array<std::uint8_t, 32>;

// The digest of `data` (bytes of the string, no encoding applied).
Sha256Digest sha256(std::string_view data) noexcept;
// The digest as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace tierdesk
