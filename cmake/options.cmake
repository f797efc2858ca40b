# Every build option of selfeval, declared in one place.
option(SELFEVAL_BUILD_TESTS "Build the doctest suite (native only)" ${PROJECT_IS_TOP_LEVEL})
option(SELFEVAL_WERROR "Treat compiler warnings as errors" OFF)
option(SELFEVAL_SANITIZE "Build with AddressSanitizer and UBSan" OFF)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

if(SELFEVAL_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
