// Embind declarations only: the JS surface of the core. No logic lives here; every
// method forwards to core/api.hpp and hands back JSON text.
#include <emscripten/bind.h>

#include <string>

#include "api.hpp"

namespace {

// A handle JS creates once (`new Module.Engine()`); it holds no state yet, and the
// form session of the scoring issue hangs off the same surface.
class Engine {
 public:
  std::string version() const { return selfeval::engine_version(); }
  std::string parseTarget(const std::string& text, const std::string& direction) const {
    return selfeval::json_text(selfeval::api_parse_target(text, direction));
  }
  std::string parseTargetTable(const std::string& table_json) const {
    return selfeval::json_text(selfeval::api_parse_target_table(table_json));
  }
  std::string checkTemplate(const std::string& template_json) const {
    return selfeval::json_text(selfeval::api_check_template(template_json));
  }
  // indent: -1 for compact JSON, 2 for the layout of the CLI and the goldens.
  std::string score(const std::string& template_json, const std::string& answers_json,
                    const std::string& declaration_json, int indent) const {
    return selfeval::json_text(selfeval::api_score(template_json, answers_json, declaration_json),
                               indent);
  }
};

}  // namespace

EMSCRIPTEN_BINDINGS(selfeval) {
  emscripten::class_<Engine>("Engine")
      .constructor<>()
      .function("version", &Engine::version)
      .function("parseTarget", &Engine::parseTarget)
      .function("parseTargetTable", &Engine::parseTargetTable)
      .function("checkTemplate", &Engine::checkTemplate)
      .function("score", &Engine::score);
}
