// RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes a signature covers.
// Members sorted by the UTF-16 code units of their names, no whitespace, minimal string
// escaping, numbers as ECMAScript's Number.prototype.toString writes them.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/finding.hpp"

namespace selfeval {

/// A double as ECMAScript writes it (shortest round-trip digits); nullopt for NaN and
/// the infinities, which JCS rejects. -0 is written "0".
std::optional<std::string> ecmascript_number(double d);

/// The canonical text of a parsed value; nullopt (with `error`) when it holds a
/// non-finite number or a string that is not valid UTF-8.
std::optional<std::string> canonical_json(const nlohmann::json& value, std::string* error);

struct Canonical {
  std::optional<std::string> text;
  Findings findings;
};

/// Parses JSON text (duplicate keys, invalid UTF-8 and non-finite numbers rejected) and
/// returns its canonical form.
Canonical canonicalize(std::string_view json_text);

}  // namespace selfeval
