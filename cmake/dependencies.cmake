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
# fmt without std::locale (pulls every facet into the wasm) and without float/long double
# formatting (the core formats decimals itself; long double is soft-float in wasm).
target_compile_definitions(selfeval_third_party INTERFACE FMT_HEADER_ONLY=1
  "FMT_STATIC_THOUSANDS_SEPARATOR=','" FMT_USE_FLOAT=0 FMT_USE_LONG_DOUBLE=0)

# libsodium: Debian's libsodium-dev natively; for wasm, the same version built from Debian's
# source package by tools/build_libsodium_wasm.sh (make wasm runs it).
add_library(selfeval_sodium INTERFACE)
if(EMSCRIPTEN)
  set(SELFEVAL_SODIUM_WASM_DIR "${PROJECT_SOURCE_DIR}/build/third_party/libsodium-wasm"
      CACHE PATH "libsodium built for wasm")
  if(NOT EXISTS "${SELFEVAL_SODIUM_WASM_DIR}/lib/libsodium.a")
    message(FATAL_ERROR "no libsodium for wasm at ${SELFEVAL_SODIUM_WASM_DIR}: run tools/build_libsodium_wasm.sh (make wasm does)")
  endif()
  target_include_directories(selfeval_sodium SYSTEM INTERFACE "${SELFEVAL_SODIUM_WASM_DIR}/include")
  target_link_libraries(selfeval_sodium INTERFACE "${SELFEVAL_SODIUM_WASM_DIR}/lib/libsodium.a")
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
  target_link_libraries(selfeval_sodium INTERFACE PkgConfig::SODIUM)
endif()

# zlib (DEFLATE in .xlsx archives), expat (their XML) and FreeXL (.xls): Debian's zlib1g-dev,
# libexpat1-dev and libfreexl-dev natively; for wasm, the same versions built from Debian's
# source packages by tools/build_wasm_libs.sh (make wasm runs it). FreeXL reads through stdio
# and iconv: core/spreadsheet/xls_memory_io.cpp stands in for both (natively by --wrap, in
# wasm by FreeXL's compile flags), so it reads bytes in memory and converts text the same way.
add_library(selfeval_office_libs INTERFACE)
if(EMSCRIPTEN)
  set(SELFEVAL_WASM_LIBS_DIR "${PROJECT_SOURCE_DIR}/build/third_party/wasm-libs"
      CACHE PATH "zlib and expat built for wasm")
  foreach(lib z expat freexl)
    if(NOT EXISTS "${SELFEVAL_WASM_LIBS_DIR}/lib/lib${lib}.a")
      message(FATAL_ERROR "no lib${lib} for wasm in ${SELFEVAL_WASM_LIBS_DIR}: run tools/build_wasm_libs.sh (make wasm does)")
    endif()
  endforeach()
  target_include_directories(selfeval_office_libs SYSTEM INTERFACE "${SELFEVAL_WASM_LIBS_DIR}/include")
  target_link_libraries(selfeval_office_libs INTERFACE "${SELFEVAL_WASM_LIBS_DIR}/lib/libfreexl.a"
                        "${SELFEVAL_WASM_LIBS_DIR}/lib/libexpat.a" "${SELFEVAL_WASM_LIBS_DIR}/lib/libz.a")
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
  pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat)
  # FreeXL's static archive, so --wrap reaches its stdio and iconv calls.
  find_library(SELFEVAL_FREEXL_STATIC NAMES libfreexl.a REQUIRED)
  target_link_libraries(selfeval_office_libs INTERFACE "${SELFEVAL_FREEXL_STATIC}" PkgConfig::ZLIB PkgConfig::EXPAT m)
  target_compile_definitions(selfeval_office_libs INTERFACE SELFEVAL_XLS_WRAP_LINK=1)
  target_link_options(selfeval_office_libs INTERFACE
    "LINKER:--wrap=fopen,--wrap=fread,--wrap=fseek,--wrap=ftell,--wrap=rewind,--wrap=fclose"
    "LINKER:--wrap=iconv_open,--wrap=iconv,--wrap=iconv_close")
endif()
