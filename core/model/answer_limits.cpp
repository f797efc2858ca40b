#include "model/answer_limits.hpp"

#include <string_view>

#include "base/embedded_files.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

json read_limits() {
  json schema;
  for (const auto& f : detail::embedded_files())
    if (f.name == "schemas/answers.v1.schema.json") schema = json::parse(f.text, nullptr, false);
  json out = json::object();
  if (!schema.is_object()) return out;  // fails closed: every text is then refused (limit 0)
  auto max_of = [&](const json::json_pointer& p) -> std::size_t {
    if (!schema.contains(p)) return 0;
    const json& node = schema.at(p);
    return node.is_object() && node.contains("maxLength") && node["maxLength"].is_number_unsigned()
               ? node["maxLength"].get<std::size_t>()
               : 0;
  };
  const json* value = schema.contains("/$defs/value/properties"_json_pointer)
                          ? &schema.at("/$defs/value/properties"_json_pointer)
                          : nullptr;
  if (value && value->is_object()) {
    for (const auto& [name, spec] : value->items()) {
      if (!spec.is_object()) continue;
      if (spec.contains("maxLength"))
        out[name] = spec["maxLength"];
      else if (spec.value("$ref", "") == "#/$defs/decimal")
        out[name] = max_of("/$defs/decimal"_json_pointer);
    }
  }
  out["unit"] = max_of("/properties/unit/additionalProperties"_json_pointer);
  out["decimal"] = max_of("/$defs/decimal"_json_pointer);
  out["goals"] = max_of("/properties/goals/properties/expected"_json_pointer);
  out["budget_reason"] = max_of("/properties/budget/properties/reason"_json_pointer);
  out["problems"] = max_of("/properties/problems"_json_pointer);
  out["improvements"] = max_of("/properties/improvements"_json_pointer);
  out["indicator_name"] = max_of("/properties/indicators/items/properties/name"_json_pointer);
  out["indicator_target"] = max_of("/properties/indicators/items/properties/target"_json_pointer);
  return out;
}

}  // namespace

const json& answer_limits_json() {
  static const json limits = read_limits();
  return limits;
}

std::size_t answer_limit(const std::string& field) {
  const json& l = answer_limits_json();
  const auto it = l.find(field);
  return it != l.end() && it->is_number_unsigned() ? it->get<std::size_t>() : 0;
}

}  // namespace selfeval
