// Reads JSON text without exceptions and with the checks nlohmann skips:
// invalid UTF-8, a byte-order mark, duplicate keys, non-finite numbers, nesting depth.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/finding.hpp"

namespace selfeval {

struct JsonRead {
  std::optional<nlohmann::json> value;  ///< set when the text is acceptable JSON
  Findings findings;                    ///< errors (and a BOM warning)
};

/// Parses `text`; `what` names the document in messages (模板 / template).
JsonRead read_json(std::string_view text, const std::string& what_zh, const std::string& what_en);

/// Reads JSON text and hands the document to `from_doc`, putting the reader's own
/// findings (a BOM …) first. `Load` has members `findings` and an optional first member.
template <typename Load, typename FromDoc>
Load load_json_document(std::string_view text, const std::string& what_zh,
                        const std::string& what_en, FromDoc from_doc) {
  JsonRead r = read_json(text, what_zh, what_en);
  if (!r.value) return Load{std::nullopt, std::move(r.findings)};
  Load load = from_doc(*r.value);
  load.findings.insert(load.findings.begin(), r.findings.begin(), r.findings.end());
  return load;
}

/// Deepest nesting accepted (objects and arrays).
inline constexpr int kMaxJsonDepth = 256;

}  // namespace selfeval
