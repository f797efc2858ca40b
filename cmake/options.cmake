# Every build option of selfeval, declared in one place.
option(SELFEVAL_BUILD_TESTS "Build the doctest suite (native only)" ${PROJECT_IS_TOP_LEVEL})
option(SELFEVAL_WERROR "Treat compiler warnings as errors" OFF)
option(SELFEVAL_SANITIZE "Build with AddressSanitizer and UBSan" OFF)
# Off: the core's error paths throw nothing (the fuzzers check it natively), and
# Emscripten's JS-based exception catching makes the module ~40% larger.
option(SELFEVAL_WASM_EXCEPTIONS "wasm: catch C++ exceptions (JS-based, larger code)" OFF)
option(SELFEVAL_FUZZ "Build the libFuzzer targets (clang; coverage instrumentation everywhere)" OFF)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

if(SELFEVAL_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

if(SELFEVAL_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "SELFEVAL_FUZZ needs clang (libFuzzer)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
