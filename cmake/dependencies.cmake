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
if(EMSCRIPTEN)
  # fmt header-only in the wasm, without std::locale (pulls every facet into the wasm) and
  # without float/long double formatting (the core formats decimals itself; long double is
  # soft-float in wasm).
  target_compile_definitions(selfeval_third_party INTERFACE FMT_HEADER_ONLY=1
    "FMT_STATIC_THOUSANDS_SEPARATOR=','" FMT_USE_FLOAT=0 FMT_USE_LONG_DOUBLE=0)
else()
  # Natively, Debian's compiled libfmt (libfmt-dev): header-only fmt compiles its whole
  # formatter into every file, a third of each file's build time at -O3. The core formats
  # integers and strings only, so the output is the same text as the wasm's.
  find_package(fmt REQUIRED CONFIG)
  target_link_libraries(selfeval_third_party INTERFACE fmt::fmt)
endif()

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

# zlib (DEFLATE in .xlsx archives) and expat (their XML): Debian's zlib1g-dev and libexpat1-dev
# natively; for wasm, the same versions built from Debian's source packages by
# tools/build_wasm_libs.sh (make wasm runs it).
add_library(selfeval_office_libs INTERFACE)
if(EMSCRIPTEN)
  set(SELFEVAL_WASM_LIBS_DIR "${PROJECT_SOURCE_DIR}/build/third_party/wasm-libs"
      CACHE PATH "zlib and expat built for wasm")
  foreach(lib z expat)
    if(NOT EXISTS "${SELFEVAL_WASM_LIBS_DIR}/lib/lib${lib}.a")
      message(FATAL_ERROR "no lib${lib} for wasm in ${SELFEVAL_WASM_LIBS_DIR}: run tools/build_wasm_libs.sh (make wasm does)")
    endif()
  endforeach()
  target_include_directories(selfeval_office_libs SYSTEM INTERFACE "${SELFEVAL_WASM_LIBS_DIR}/include")
  target_link_libraries(selfeval_office_libs INTERFACE "${SELFEVAL_WASM_LIBS_DIR}/lib/libexpat.a"
                        "${SELFEVAL_WASM_LIBS_DIR}/lib/libz.a")
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
  pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat)
  target_link_libraries(selfeval_office_libs INTERFACE PkgConfig::ZLIB PkgConfig::EXPAT)
endif()

# FreeXL (.xls): Debian's source package with the fixes of tools/patches/freexl/ (fetched by
# tools/freexl_source.sh, which make native and make wasm run), compiled here for both builds
# with the core's flags (and, in the fuzz builds, its sanitizers and coverage). Its stdio and
# iconv calls go to core/spreadsheet/xls_memory_io.cpp, so it reads bytes in memory and decodes
# text with the core's own UTF-16 and GB18030 decoders: the same strings natively and in wasm.
set(SELFEVAL_FREEXL_SRC "${PROJECT_SOURCE_DIR}/build/third_party/freexl-src" CACHE PATH "FreeXL's patched source")
if(NOT EXISTS "${SELFEVAL_FREEXL_SRC}/src/freexl.c")
  message(FATAL_ERROR "no FreeXL source in ${SELFEVAL_FREEXL_SRC}: run tools/freexl_source.sh (make native / make wasm do)")
endif()
add_library(selfeval_freexl STATIC "${SELFEVAL_FREEXL_SRC}/src/freexl.c")
target_include_directories(selfeval_freexl PRIVATE "${PROJECT_SOURCE_DIR}/cmake/freexl")
target_include_directories(selfeval_freexl SYSTEM PUBLIC "${SELFEVAL_FREEXL_SRC}/headers")
target_compile_options(selfeval_freexl PRIVATE -w)
set(SELFEVAL_FREEXL_STANDINS)
foreach(f fopen fread fseek ftell rewind fclose iconv_open iconv iconv_close)
  list(APPEND SELFEVAL_FREEXL_STANDINS "${f}=selfeval_xls_${f}")
endforeach()
target_compile_definitions(selfeval_freexl PRIVATE ${SELFEVAL_FREEXL_STANDINS})
target_link_libraries(selfeval_office_libs INTERFACE selfeval_freexl)
if(NOT EMSCRIPTEN)
  target_link_libraries(selfeval_office_libs INTERFACE m)
endif()

# SM3 (GB/T 32905) for the 国密 profile: OpenSSL's crypto/sm3/sm3.c from Debian's source package of
# libssl-dev (fetched by tools/openssl_source.sh, which make native and make wasm run), compiled
# alone for both builds with stand-ins for the three OpenSSL headers it includes
# (cmake/openssl_sm3). Its symbols are renamed so they never meet libcrypto's in the CLI.
set(SELFEVAL_OPENSSL_SM3_SRC "${PROJECT_SOURCE_DIR}/build/third_party/openssl-sm3" CACHE PATH "OpenSSL's SM3 source")
if(NOT EXISTS "${SELFEVAL_OPENSSL_SM3_SRC}/sm3/sm3.c")
  message(FATAL_ERROR "no OpenSSL SM3 source in ${SELFEVAL_OPENSSL_SM3_SRC}: run tools/openssl_source.sh (make native / make wasm do)")
endif()
add_library(selfeval_sm3 STATIC "${SELFEVAL_OPENSSL_SM3_SRC}/sm3/sm3.c"
            "${PROJECT_SOURCE_DIR}/cmake/openssl_sm3/sm3_oneshot.c")
target_include_directories(selfeval_sm3 BEFORE PRIVATE "${PROJECT_SOURCE_DIR}/cmake/openssl_sm3"
                           "${SELFEVAL_OPENSSL_SM3_SRC}/include")
set(SELFEVAL_SM3_RENAMES)
foreach(f init update final transform block_data_order)
  list(APPEND SELFEVAL_SM3_RENAMES "ossl_sm3_${f}=selfeval_ossl_sm3_${f}")
endforeach()
target_compile_definitions(selfeval_sm3 PRIVATE ${SELFEVAL_SM3_RENAMES})
target_compile_options(selfeval_sm3 PRIVATE -w)
