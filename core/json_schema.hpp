// A JSON Schema (2020-12) validator for the keywords selfeval's own schemas use.
// A schema that uses any other keyword is refused when loaded, so a schema can
// never silently check less than it says.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "finding.hpp"

namespace selfeval {

class JsonSchema {
 public:
  /// Compiles a schema; nullopt (with `error` set) when it uses an unsupported
  /// keyword or a $ref that does not resolve.
  static std::optional<JsonSchema> compile(const nlohmann::json& schema, std::string* error);

  /// Validates `instance`; every violation becomes a finding with code
  /// "schema.<keyword>" and the JSON Pointer of the offending value.
  Findings validate(const nlohmann::json& instance) const;

 private:
  explicit JsonSchema(nlohmann::json root) : root_(std::move(root)) {}
  void check(const nlohmann::json& schema, const nlohmann::json& value, const std::string& path,
             Findings& out, int depth) const;
  const nlohmann::json* resolve(const std::string& ref) const;

  nlohmann::json root_;
};

/// The JSON type name used in messages: object, array, string, number, integer, boolean, null.
std::string json_type_name(const nlohmann::json& v);

}  // namespace selfeval
