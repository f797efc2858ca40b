// Scoring a form from its documents: load the template, answers and declaration, build
// the form, evaluate it, and present the result (JSON or text). The layer under the API's
// entry points and the submission and verifier modules; it throws nothing on bad input.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "forms/template_loader.hpp"

namespace selfeval {

/// The result document, or {"ok": false, "findings"} when an input does not load.
nlohmann::json score_result(std::string_view template_json, std::string_view answers_json,
                            std::string_view declaration_json = {});
/// score_result with the template already loaded (a batch of answers on one form).
nlohmann::json score_result_loaded(const TemplateLoad& tmpl, std::string_view answers_json);
/// The same evaluation as readable text (Chinese), or the findings of inputs that do not load.
std::string score_text(std::string_view template_json, std::string_view answers_json,
                       std::string_view declaration_json = {});

}  // namespace selfeval
