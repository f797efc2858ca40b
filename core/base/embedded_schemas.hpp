// The JSON Schemas compiled into the core (schemas/*.schema.json).
#pragma once

#include "base/json_schema.hpp"

namespace selfeval {

/// schemas/template.v1.schema.json
const JsonSchema& template_schema();
/// schemas/answers.v1.schema.json
const JsonSchema& answers_schema();
/// schemas/submission.v1.schema.json
const JsonSchema& submission_schema();
/// schemas/registry.v1.schema.json
const JsonSchema& registry_schema();

}  // namespace selfeval
