# TIERDESK_BUILD_FUZZERS: everything is compiled with libFuzzer's coverage instrumentation
# (the targets in tests/fuzz/ link the fuzzer itself). libFuzzer is clang's; clang-16 builds
# libstdc++ 12's <expected> once __cpp_concepts reads 202002 (libstdc++ 12 gates std::expected
# on that value, which clang 16 reports as 201907). docs/fuzzing.md says more.
if(TIERDESK_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TIERDESK_BUILD_FUZZERS needs clang (e.g. -DCMAKE_CXX_COMPILER=clang++-16), "
                        "not ${CMAKE_CXX_COMPILER_ID}")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link -U__cpp_concepts -D__cpp_concepts=202002L
                      -Wno-builtin-macro-redefined)
endif()
