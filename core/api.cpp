#include "api.hpp"

#include <exception>

#include "direction.hpp"
#include "json_reader.hpp"
#include "target_expr.hpp"
#include "template_loader.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

json internal_error(const char* where, const char* what) {
  Finding f{"internal.error", Severity::kError, "",
            std::string("内部错误（") + where + "）：" + what,
            std::string("internal error in ") + where + ": " + what};
  return json{{"ok", false}, {"findings", json::array({f.to_json()})}};
}

// Runs `fn`, turning any exception into an internal-error result, so neither the CLI
// nor the wasm module can be brought down by a bug on an unforeseen input.
template <typename Fn>
json guarded(const char* where, Fn&& fn) {
  try {
    return fn();
  } catch (const std::exception& e) {
    return internal_error(where, e.what());
  } catch (...) {
    return internal_error(where, "unknown");
  }
}

}  // namespace

std::string engine_version() { return "0.1.0"; }

json api_parse_target(std::string_view text, std::string_view direction) {
  return guarded("parse_target", [&]() -> json {
    Direction d = Direction::kUnspecified;
    if (!direction.empty()) {
      auto parsed = parse_direction(direction);
      if (!parsed) {
        Finding f{"direction.unknown", Severity::kError, "/direction",
                  "指标方向“" + std::string(direction) + "”无效，应为 正向、反向、等于 或 定性",
                  "direction \"" + std::string(direction) +
                      "\" is not one of 正向, 反向, 等于, 定性"};
        return json{{"text", std::string(text)}, {"findings", json::array({f.to_json()})}};
      }
      d = *parsed;
    }
    return target_to_json(parse_target(text, d));
  });
}

json api_parse_target_table(std::string_view table_json) {
  return guarded("parse_target_table", [&]() -> json {
    JsonRead r = read_json(table_json, "指标值表", "target table");
    if (!r.value) return json{{"ok", false}, {"findings", findings_to_json(r.findings)}};
    if (!r.value->is_array()) {
      Finding f{"table.not_array", Severity::kError, "", "指标值表应为数组",
                "the target table must be an array"};
      return json{{"ok", false}, {"findings", json::array({f.to_json()})}};
    }
    json out = json::array();
    for (const auto& row : *r.value) {
      const std::string text =
          row.is_object() && row.contains("text") && row["text"].is_string() ? row["text"].get<std::string>() : "";
      const std::string dir = row.is_object() && row.contains("direction") && row["direction"].is_string()
                                  ? row["direction"].get<std::string>()
                                  : "";
      out.push_back(api_parse_target(text, dir));
    }
    return out;
  });
}

json api_check_template(std::string_view template_json) {
  return guarded("check_template", [&]() -> json {
    TemplateLoad load = load_template(template_json);
    json out{{"ok", load.tmpl.has_value()}, {"findings", findings_to_json(load.findings)}};
    if (load.tmpl) {
      out["template"] = {{"id", load.tmpl->id},
                         {"name", load.tmpl->name},
                         {"version", load.tmpl->version},
                         {"total", load.tmpl->total.to_string()}};
    }
    return out;
  });
}

std::string json_text(const json& value, int indent) {
  return value.dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace selfeval
