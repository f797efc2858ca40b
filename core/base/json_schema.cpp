#include "base/json_schema.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "base/decimal.hpp"
#include "base/utf8.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

const std::set<std::string>& supported_keywords() {
  static const std::set<std::string> k = {
      "$schema", "$id",         "$defs",    "$ref",       "$comment",
      "title",   "description", "default",  "examples",   "type",
      "const",   "enum",        "required", "properties", "additionalProperties",
      "items",   "minItems",    "maxItems", "minLength",  "maxLength",
      "minimum", "maximum"};
  return k;
}

// Walks every subschema, refusing keywords the validator does not implement.
bool audit(const json& s, std::string* error, const std::string& where) {
  if (s.is_boolean()) return true;
  if (!s.is_object()) {
    *error = "schema at " + where + " is not an object";
    return false;
  }
  for (const auto& [k, v] : s.items()) {
    if (!supported_keywords().count(k)) {
      *error = "unsupported keyword \"" + k + "\" at " + where;
      return false;
    }
    if (k == "properties" || k == "$defs") {
      for (const auto& [name, sub] : v.items())
        if (!audit(sub, error, where + "/" + k + "/" + name)) return false;
    } else if (k == "items" || k == "additionalProperties") {
      if (!audit(v, error, where + "/" + k)) return false;
    }
  }
  return true;
}

bool type_matches(const std::string& t, const json& v) {
  if (t == "object") return v.is_object();
  if (t == "array") return v.is_array();
  if (t == "string") return v.is_string();
  if (t == "boolean") return v.is_boolean();
  if (t == "null") return v.is_null();
  if (t == "number") return v.is_number();
  if (t == "integer") {
    if (v.is_number_integer()) return true;
    if (v.is_number_float()) {
      const double d = v.get<double>();
      // A whole number (2022.0); one beyond ±2^63 is not cast (undefined behaviour) but
      // still whole, and the schema's bounds then refuse it.
      return std::isfinite(d) && std::trunc(d) == d;
    }
    return false;
  }
  return false;
}

std::string short_json(const json& v) {
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return s;
}

}  // namespace

std::string json_type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::object:
      return "object";
    case json::value_t::array:
      return "array";
    case json::value_t::string:
      return "string";
    case json::value_t::boolean:
      return "boolean";
    case json::value_t::null:
      return "null";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "integer";
    case json::value_t::number_float:
      return "number";
    default:
      return "value";
  }
}

std::optional<JsonSchema> JsonSchema::compile(const json& schema, std::string* error) {
  std::string err;
  if (!audit(schema, &err, "#")) {
    if (error) *error = err;
    return std::nullopt;
  }
  JsonSchema s(schema);
  // Every $ref must resolve.
  std::vector<const json*> stack = {&s.root_};
  while (!stack.empty()) {
    const json* n = stack.back();
    stack.pop_back();
    if (n->is_object()) {
      auto it = n->find("$ref");
      if (it != n->end() && (!it->is_string() || !s.resolve(it->get<std::string>()))) {
        if (error) *error = "unresolved $ref " + short_json(*it);
        return std::nullopt;
      }
      for (const auto& [k, v] : n->items()) stack.push_back(&v);
    } else if (n->is_array()) {
      for (const auto& v : *n) stack.push_back(&v);
    }
  }
  return s;
}

const json* JsonSchema::resolve(const std::string& ref) const {
  if (ref.rfind("#/$defs/", 0) != 0) return nullptr;
  const std::string name = ref.substr(8);
  auto defs = root_.find("$defs");
  if (defs == root_.end() || !defs->is_object()) return nullptr;
  auto it = defs->find(name);
  return it == defs->end() ? nullptr : &*it;
}

Findings JsonSchema::validate(const json& instance) const {
  Findings out;
  std::string path;
  path.reserve(256);
  check(root_, instance, path, out, 0);
  return out;
}

const JsonSchema::Keywords& JsonSchema::keywords(const json& s) const {
  if (!table_) table_ = std::make_shared<Table>();
  auto it = table_->find(&s);
  if (it != table_->end()) return it->second;
  Keywords k;
  if (s.is_boolean()) {
    k.is_bool = true;
    k.bool_value = s.get<bool>();
  } else if (s.is_object()) {
    auto get = [&](const char* name) -> const json* {
      auto f = s.find(name);
      return f == s.end() ? nullptr : &*f;
    };
    if (const json* r = get("$ref")) k.ref = resolve(r->get<std::string>());
    k.type = get("type");
    k.const_value = get("const");
    k.enum_values = get("enum");
    k.min_length = get("minLength");
    k.max_length = get("maxLength");
    k.minimum = get("minimum");
    k.maximum = get("maximum");
    k.min_items = get("minItems");
    k.max_items = get("maxItems");
    k.items = get("items");
    k.required = get("required");
    k.properties = get("properties");
    k.additional = get("additionalProperties");
  }
  return table_->emplace(&s, k).first->second;
}

namespace {

// Appends one JSON Pointer token (escaped as json_pointer_append does); returns the length to cut
// back to.
std::size_t push_token(std::string& path, const std::string& token) {
  const std::size_t at = path.size();
  path += '/';
  for (char c : token) {
    if (c == '~')
      path += "~0";
    else if (c == '/')
      path += "~1";
    else
      path += c;
  }
  return at;
}
std::size_t push_index(std::string& path, std::size_t i) {
  const std::size_t at = path.size();
  path += '/';
  path += std::to_string(i);
  return at;
}

}  // namespace

void JsonSchema::check(const json& s, const json& v, std::string& path, Findings& out,
                       int depth) const {
  // The message names the field it is about (the path is also in the finding).
  auto add = [&](const std::string& kw, std::string zh, std::string en) {
    const std::string field = path.empty() ? std::string("（整个文件）") : "字段 " + path;
    const std::string field_en = path.empty() ? std::string("the document") : "field " + path;
    out.push_back(
        Finding{"schema." + kw, Severity::kError, path, field + "：" + zh, field_en + ": " + en});
  };
  if (depth > 200) {
    add("depth", "嵌套层级过深", "nesting is too deep");
    return;
  }
  const Keywords& k = keywords(s);
  if (k.is_bool) {
    if (!k.bool_value) add("false", "此处不允许出现字段", "no value is allowed here");
    return;
  }
  if (k.ref) check(*k.ref, v, path, out, depth + 1);
  if (k.type) {
    // One type name or a list of them; the names are only joined for a message.
    bool ok = false;
    if (k.type->is_string()) {
      ok = type_matches(k.type->get_ref<const std::string&>(), v);
    } else {
      for (const auto& t : *k.type) ok = ok || type_matches(t.get_ref<const std::string&>(), v);
    }
    if (!ok) {
      std::string names_zh, names_en;
      for (const auto& t : k.type->is_string() ? json::array({*k.type}) : *k.type) {
        names_zh += (names_zh.empty() ? "" : " 或 ") + t.get<std::string>();
        names_en += (names_en.empty() ? "" : " or ") + t.get<std::string>();
      }
      add("type", fmt::format("类型应为 {}，实际为 {}", names_zh, json_type_name(v)),
          fmt::format("expected {}, got {}", names_en, json_type_name(v)));
      return;  // the other keywords would only repeat the same complaint
    }
  }
  if (k.const_value && v != *k.const_value) {
    add("const", fmt::format("取值应为 {}", short_json(*k.const_value)),
        fmt::format("value must be {}", short_json(*k.const_value)));
  }
  if (k.enum_values) {
    bool found = false;
    for (const auto& e : *k.enum_values) found = found || e == v;
    if (!found) {
      add("enum",
          fmt::format("取值 {} 不在允许范围内：{}", short_json(v), short_json(*k.enum_values)),
          fmt::format("value {} is not one of {}", short_json(v), short_json(*k.enum_values)));
    }
  }
  if (v.is_string() && (k.min_length || k.max_length)) {
    const auto& str = v.get_ref<const std::string&>();
    const std::size_t len = utf8_length(str);
    if (k.min_length && len < k.min_length->get<std::size_t>()) {
      add("minLength",
          len == 0 ? std::string("不能为空")
                   : fmt::format("长度至少为 {}", k.min_length->get<std::size_t>()),
          len == 0
              ? std::string("must not be empty")
              : fmt::format("must be at least {} characters", k.min_length->get<std::size_t>()));
    }
    if (k.max_length && len > k.max_length->get<std::size_t>()) {
      add("maxLength", fmt::format("长度 {} 超过上限 {}", len, k.max_length->get<std::size_t>()),
          fmt::format("length {} exceeds the limit of {}", len, k.max_length->get<std::size_t>()));
    }
  }
  if (v.is_number() && (k.minimum || k.maximum)) {
    const double d = v.get<double>();
    if (k.minimum && d < k.minimum->get<double>()) {
      add("minimum", fmt::format("数值 {} 小于下限 {}", short_json(v), short_json(*k.minimum)),
          fmt::format("{} is below the minimum {}", short_json(v), short_json(*k.minimum)));
    }
    if (k.maximum && d > k.maximum->get<double>()) {
      add("maximum", fmt::format("数值 {} 大于上限 {}", short_json(v), short_json(*k.maximum)),
          fmt::format("{} is above the maximum {}", short_json(v), short_json(*k.maximum)));
    }
  }
  if (v.is_array()) {
    if (k.min_items && v.size() < k.min_items->get<std::size_t>()) {
      add("minItems",
          fmt::format("至少需要 {} 项，实际 {} 项", k.min_items->get<std::size_t>(), v.size()),
          fmt::format("needs at least {} items, has {}", k.min_items->get<std::size_t>(),
                      v.size()));
    }
    if (k.max_items && v.size() > k.max_items->get<std::size_t>()) {
      add("maxItems",
          fmt::format("最多 {} 项，实际 {} 项", k.max_items->get<std::size_t>(), v.size()),
          fmt::format("allows at most {} items, has {}", k.max_items->get<std::size_t>(),
                      v.size()));
    }
    if (k.items) {
      for (std::size_t i = 0; i < v.size(); ++i) {
        const std::size_t at = push_index(path, i);
        check(*k.items, v[i], path, out, depth + 1);
        path.resize(at);
      }
    }
  }
  if (v.is_object()) {
    if (k.required) {
      for (const auto& r : *k.required) {
        const auto& name = r.get_ref<const std::string&>();
        if (!v.contains(name)) {
          out.push_back(Finding{"schema.required", Severity::kError,
                                json_pointer_append(path, name),
                                fmt::format("缺少必填字段“{}”", name),
                                fmt::format("required field \"{}\" is missing", name)});
        }
      }
    }
    for (const auto& [key, val] : v.items()) {
      const json* sub = nullptr;
      if (k.properties) {
        auto f = k.properties->find(key);
        if (f != k.properties->end()) sub = &*f;
      }
      if (!sub && !k.additional) continue;
      const std::size_t at = push_token(path, key);
      if (sub) {
        check(*sub, val, path, out, depth + 1);
      } else if (k.additional->is_boolean() && !k.additional->get<bool>()) {
        out.push_back(Finding{"schema.additionalProperties", Severity::kError, path,
                              fmt::format("不认识的字段“{}”", key),
                              fmt::format("unknown field \"{}\"", key)});
      } else {
        check(*k.additional, val, path, out, depth + 1);
      }
      path.resize(at);
    }
  }
}

}  // namespace selfeval
