#include "base/embedded_schemas.hpp"

#include "base/embedded_files.hpp"

namespace selfeval {
namespace {

// Compiles an embedded schema once. The build embeds schemas that compile (checked by
// tests/unit/json_schema_test.cpp); a missing one yields a schema that refuses everything
// (fails closed) rather than a crash.
JsonSchema compile_embedded(std::string_view name) {
  std::string err;
  for (const auto& f : detail::embedded_files()) {
    if (f.name != name) continue;
    auto s = JsonSchema::compile(nlohmann::json::parse(f.text, nullptr, false), &err);
    if (s) return *s;
  }
  return *JsonSchema::compile(nlohmann::json(false), &err);
}

}  // namespace

const JsonSchema& template_schema() {
  static const JsonSchema s = compile_embedded("schemas/template.v1.schema.json");
  return s;
}

const JsonSchema& answers_schema() {
  static const JsonSchema s = compile_embedded("schemas/answers.v1.schema.json");
  return s;
}

const JsonSchema& submission_schema() {
  static const JsonSchema s = compile_embedded("schemas/submission.v1.schema.json");
  return s;
}

const JsonSchema& registry_schema() {
  static const JsonSchema s = compile_embedded("schemas/registry.v1.schema.json");
  return s;
}

}  // namespace selfeval
