// The result document (schemas/result.v1.schema.json): every score as an exact decimal
// string, each section's subtotal, the total, the grade, rule outputs and all findings.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "evaluator.hpp"

namespace selfeval {

/// The result as JSON. Numbers that are scores, weights or money are decimal strings.
nlohmann::json result_to_json(const Form& form, const Evaluation& e);

/// A readable Chinese table of the result (selfeval score --text).
std::string result_to_text(const Form& form, const Evaluation& e);

}  // namespace selfeval
