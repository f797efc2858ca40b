// Reads JSON text without exceptions and with the checks nlohmann skips:
// invalid UTF-8, a byte-order mark, duplicate keys, non-finite numbers, nesting depth.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "finding.hpp"

namespace selfeval {

struct JsonRead {
  std::optional<nlohmann::json> value;  ///< set when the text is acceptable JSON
  Findings findings;                    ///< errors (and a BOM warning)
};

/// Parses `text`; `what` names the document in messages (模板 / template).
JsonRead read_json(std::string_view text, const std::string& what_zh, const std::string& what_en);

/// Deepest nesting accepted (objects and arrays).
inline constexpr int kMaxJsonDepth = 256;

}  // namespace selfeval
