// Tolerant readers for fields of JSON objects: the loaders run them on documents that
// may have failed the schema, so a wrong type yields the fallback, never an exception.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace selfeval {

/// obj[key] when it is a string, else `fallback`.
inline std::string json_str(const nlohmann::json& obj, const char* key,
                            const std::string& fallback = "") {
  if (!obj.is_object()) return fallback;
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : fallback;
}

/// obj[key] when it is a boolean, else `fallback`.
inline bool json_flag(const nlohmann::json& obj, const char* key, bool fallback = false) {
  if (!obj.is_object()) return fallback;
  auto it = obj.find(key);
  return it != obj.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

}  // namespace selfeval
