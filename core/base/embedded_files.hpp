// Files compiled into the core: the JSON Schemas and the built-in templates.
#pragma once

#include <string_view>
#include <vector>

namespace selfeval::detail {

struct EmbeddedFile {
  std::string_view name;  ///< e.g. "schemas/template.v1.schema.json"
  std::string_view text;
};

/// Every embedded file, in the order CMake listed them.
const std::vector<EmbeddedFile>& embedded_files();

}  // namespace selfeval::detail
