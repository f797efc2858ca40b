#include "json_schema.hpp"

#include <cmath>
#include <set>

#include <fmt/format.h>

#include "decimal.hpp"
#include "utf8.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

const std::set<std::string>& supported_keywords() {
  static const std::set<std::string> k = {
      "$schema", "$id",      "$defs",     "$ref",     "$comment", "title",
      "description", "default", "examples", "type",   "const",    "enum",
      "required", "properties", "additionalProperties", "items", "minItems",
      "maxItems", "minLength", "maxLength", "minimum", "maximum"};
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
    case json::value_t::object: return "object";
    case json::value_t::array: return "array";
    case json::value_t::string: return "string";
    case json::value_t::boolean: return "boolean";
    case json::value_t::null: return "null";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "integer";
    case json::value_t::number_float: return "number";
    default: return "value";
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
  check(root_, instance, "", out, 0);
  return out;
}

void JsonSchema::check(const json& s, const json& v, const std::string& path, Findings& out,
                       int depth) const {
  // The message names the field it is about (the path is also in the finding).
  auto add = [&](const std::string& kw, std::string zh, std::string en) {
    const std::string field = path.empty() ? std::string("（整个文件）") : "字段 " + path;
    const std::string field_en = path.empty() ? std::string("the document") : "field " + path;
    out.push_back(Finding{"schema." + kw, Severity::kError, path, field + "：" + zh, field_en + ": " + en});
  };
  if (depth > 200) {
    add("depth", "嵌套层级过深", "nesting is too deep");
    return;
  }
  if (s.is_boolean()) {
    if (!s.get<bool>()) add("false", "此处不允许出现字段", "no value is allowed here");
    return;
  }
  if (auto it = s.find("$ref"); it != s.end()) {
    if (const json* target = resolve(it->get<std::string>())) check(*target, v, path, out, depth + 1);
  }
  if (auto it = s.find("type"); it != s.end()) {
    // One type name or a list of them; the names are only joined for a message.
    bool ok = false;
    if (it->is_string()) {
      ok = type_matches(it->get_ref<const std::string&>(), v);
    } else {
      for (const auto& t : *it) ok = ok || type_matches(t.get_ref<const std::string&>(), v);
    }
    if (!ok) {
      std::string names_zh, names_en;
      for (const auto& t : it->is_string() ? json::array({*it}) : *it) {
        names_zh += (names_zh.empty() ? "" : " 或 ") + t.get<std::string>();
        names_en += (names_en.empty() ? "" : " or ") + t.get<std::string>();
      }
      add("type", fmt::format("类型应为 {}，实际为 {}", names_zh, json_type_name(v)),
          fmt::format("expected {}, got {}", names_en, json_type_name(v)));
      return;  // the other keywords would only repeat the same complaint
    }
  }
  if (auto it = s.find("const"); it != s.end() && v != *it) {
    add("const", fmt::format("取值应为 {}", short_json(*it)),
        fmt::format("value must be {}", short_json(*it)));
  }
  if (auto it = s.find("enum"); it != s.end()) {
    bool found = false;
    for (const auto& e : *it) found = found || e == v;
    if (!found) {
      add("enum", fmt::format("取值 {} 不在允许范围内：{}", short_json(v), short_json(*it)),
          fmt::format("value {} is not one of {}", short_json(v), short_json(*it)));
    }
  }
  if (v.is_string()) {
    const auto& str = v.get_ref<const std::string&>();
    const std::size_t len = utf8_length(str);
    if (auto it = s.find("minLength"); it != s.end() && len < it->get<std::size_t>()) {
      add("minLength",
          len == 0 ? std::string("不能为空") : fmt::format("长度至少为 {}", it->get<std::size_t>()),
          len == 0 ? std::string("must not be empty")
                   : fmt::format("must be at least {} characters", it->get<std::size_t>()));
    }
    if (auto it = s.find("maxLength"); it != s.end() && len > it->get<std::size_t>()) {
      add("maxLength", fmt::format("长度 {} 超过上限 {}", len, it->get<std::size_t>()),
          fmt::format("length {} exceeds the limit of {}", len, it->get<std::size_t>()));
    }
  }
  if (v.is_number()) {
    const double d = v.get<double>();
    if (auto it = s.find("minimum"); it != s.end() && d < it->get<double>()) {
      add("minimum", fmt::format("数值 {} 小于下限 {}", short_json(v), short_json(*it)),
          fmt::format("{} is below the minimum {}", short_json(v), short_json(*it)));
    }
    if (auto it = s.find("maximum"); it != s.end() && d > it->get<double>()) {
      add("maximum", fmt::format("数值 {} 大于上限 {}", short_json(v), short_json(*it)),
          fmt::format("{} is above the maximum {}", short_json(v), short_json(*it)));
    }
  }
  if (v.is_array()) {
    if (auto it = s.find("minItems"); it != s.end() && v.size() < it->get<std::size_t>()) {
      add("minItems", fmt::format("至少需要 {} 项，实际 {} 项", it->get<std::size_t>(), v.size()),
          fmt::format("needs at least {} items, has {}", it->get<std::size_t>(), v.size()));
    }
    if (auto it = s.find("maxItems"); it != s.end() && v.size() > it->get<std::size_t>()) {
      add("maxItems", fmt::format("最多 {} 项，实际 {} 项", it->get<std::size_t>(), v.size()),
          fmt::format("allows at most {} items, has {}", it->get<std::size_t>(), v.size()));
    }
    if (auto it = s.find("items"); it != s.end()) {
      for (std::size_t i = 0; i < v.size(); ++i)
        check(*it, v[i], json_pointer_append(path, i), out, depth + 1);
    }
  }
  if (v.is_object()) {
    if (auto it = s.find("required"); it != s.end()) {
      for (const auto& r : *it) {
        const auto& name = r.get_ref<const std::string&>();
        if (!v.contains(name)) {
          out.push_back(Finding{"schema.required", Severity::kError,
                                json_pointer_append(path, name),
                                fmt::format("缺少必填字段“{}”", name),
                                fmt::format("required field \"{}\" is missing", name)});
        }
      }
    }
    const auto props = s.find("properties");
    const auto extra = s.find("additionalProperties");
    for (const auto& [k, val] : v.items()) {
      const std::string child = json_pointer_append(path, k);
      if (props != s.end() && props->contains(k)) {
        check((*props)[k], val, child, out, depth + 1);
      } else if (extra != s.end()) {
        if (extra->is_boolean() && !extra->get<bool>()) {
          out.push_back(Finding{"schema.additionalProperties", Severity::kError, child,
                                fmt::format("不认识的字段“{}”", k),
                                fmt::format("unknown field \"{}\"", k)});
        } else {
          check(*extra, val, child, out, depth + 1);
        }
      }
    }
  }
}

}  // namespace selfeval
