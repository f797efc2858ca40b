# Header-only dependencies from Debian packages (nlohmann-json3-dev, libfmt-dev).
# The wasm build must never see /usr/include (glibc headers break it), so both builds
# read these libraries through a folder of symlinks in the build tree.
set(SELFEVAL_THIRD_PARTY_INCLUDE "${CMAKE_BINARY_DIR}/third_party_include")
file(MAKE_DIRECTORY "${SELFEVAL_THIRD_PARTY_INCLUDE}")
foreach(lib nlohmann fmt)
  set(src "/usr/include/${lib}")
  if(NOT EXISTS "${src}")
    message(FATAL_ERROR "${src} is missing: run 'make deps' (apt packages nlohmann-json3-dev libfmt-dev)")
  endif()
  file(CREATE_LINK "${src}" "${SELFEVAL_THIRD_PARTY_INCLUDE}/${lib}" SYMBOLIC)
endforeach()

add_library(selfeval_third_party INTERFACE)
target_include_directories(selfeval_third_party SYSTEM INTERFACE "${SELFEVAL_THIRD_PARTY_INCLUDE}")
target_compile_definitions(selfeval_third_party INTERFACE FMT_HEADER_ONLY=1)
