# Embeds text files (JSON Schemas, built-in templates) into the core as C++ strings,
# so the core does no file I/O and the wasm module carries them.
#   selfeval_embed(OUTPUT out.cpp NAMESPACE ns FILES name=path ...)
function(selfeval_embed)
  cmake_parse_arguments(E "" "OUTPUT" "FILES" ${ARGN})
  set(script "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake")
  set(deps)
  set(args)
  foreach(pair ${E_FILES})
    string(REPLACE "=" ";" kv "${pair}")
    list(GET kv 1 path)
    list(APPEND deps "${path}")
    list(APPEND args "${pair}")
  endforeach()
  string(REPLACE ";" "|" joined "${args}")
  add_custom_command(
    OUTPUT "${E_OUTPUT}"
    COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${E_OUTPUT}" "-DFILES=${joined}" -P "${script}"
    DEPENDS ${deps} "${script}"
    COMMENT "Embedding schemas and templates"
    VERBATIM)
endfunction()
