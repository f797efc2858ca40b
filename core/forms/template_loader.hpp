// Loads a template from JSON text: syntax, schema conformance, unique ids, weight
// sums, the total and the grade bands. Reports every problem at once.
#pragma once

#include <optional>
#include <string_view>

#include "base/finding.hpp"
#include "model/template_model.hpp"

namespace selfeval {

struct TemplateLoad {
  std::optional<Template> tmpl;  ///< set when there is no error
  Findings findings;             ///< errors, warnings (e.g. vague targets) and infos
};

/// Parses and checks a template.
TemplateLoad load_template(std::string_view json_text);

/// Checks an already parsed template document.
TemplateLoad load_template_document(const nlohmann::json& doc);

/// Reads a points value (JSON number or decimal string) exactly.
std::optional<Decimal> read_points(const nlohmann::json& v);

}  // namespace selfeval
