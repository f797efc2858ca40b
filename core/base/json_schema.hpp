// A JSON Schema (2020-12) validator for the keywords selfeval's own schemas use.
// A schema that uses any other keyword is refused when loaded, so a schema can
// never silently check less than it says.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/finding.hpp"

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
  // One subschema's keywords, looked up once (validating a form of thousands of rows asked
  // the same schema objects for the same keywords hundreds of thousands of times).
  struct Keywords {
    bool is_bool = false, bool_value = true;
    const nlohmann::json* ref = nullptr;  ///< the resolved $ref target
    const nlohmann::json* type = nullptr;
    const nlohmann::json* const_value = nullptr;
    const nlohmann::json* enum_values = nullptr;
    const nlohmann::json* min_length = nullptr;
    const nlohmann::json* max_length = nullptr;
    const nlohmann::json* minimum = nullptr;
    const nlohmann::json* maximum = nullptr;
    const nlohmann::json* min_items = nullptr;
    const nlohmann::json* max_items = nullptr;
    const nlohmann::json* items = nullptr;
    const nlohmann::json* required = nullptr;
    const nlohmann::json* properties = nullptr;
    const nlohmann::json* additional = nullptr;
  };
  using Table = std::unordered_map<const nlohmann::json*, Keywords>;

  explicit JsonSchema(nlohmann::json root) : root_(std::move(root)) {}
  // `path` is the JSON Pointer of `value`, extended and cut back while descending.
  void check(const nlohmann::json& schema, const nlohmann::json& value, std::string& path,
             Findings& out, int depth) const;
  const Keywords& keywords(const nlohmann::json& schema) const;
  const nlohmann::json* resolve(const std::string& ref) const;

  nlohmann::json root_;
  // Built on first use, for this object's own copy of the schema (a copy starts afresh).
  mutable std::shared_ptr<Table> table_;

 public:
  JsonSchema(const JsonSchema& o) : root_(o.root_) {}
  JsonSchema(JsonSchema&& o) noexcept : root_(std::move(o.root_)) {}
  JsonSchema& operator=(const JsonSchema& o) {
    root_ = o.root_;
    table_.reset();
    return *this;
  }
  JsonSchema& operator=(JsonSchema&& o) noexcept {
    root_ = std::move(o.root_);
    table_.reset();
    return *this;
  }
};

/// The JSON type name used in messages: object, array, string, number, integer, boolean, null.
std::string json_type_name(const nlohmann::json& v);

}  // namespace selfeval
