# Every dependency comes from the system (Debian packages); nothing is downloaded.
find_package(Threads REQUIRED)
find_package(Boost 1.81 CONFIG REQUIRED COMPONENTS json date_time)
find_package(date CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)

# expected<T, E>: tl::expected when installed, else C++23 std::expected. The choice is
# written into the generated tierdesk/config.hpp so that consumers compile against the same type.
find_package(tl-expected CONFIG QUIET)
if(tl-expected_FOUND)
  set(TIERDESK_USE_TL_EXPECTED 1)
  message(STATUS "tierdesk: using tl::expected")
else()
  set(TIERDESK_USE_TL_EXPECTED 0)
  message(STATUS "tierdesk: using std::expected")
endif()

# The embedded ticket store (CMake's FindSQLite3 provides SQLite::SQLite3).
find_package(SQLite3 REQUIRED)

# SHA-256 of API tokens and their random secrets (OpenSSL's libcrypto, OpenSSL::Crypto).
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
