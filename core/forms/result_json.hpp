// The result document (schemas/result.v1.schema.json): every score as an exact decimal
// string, each section's subtotal, the total, the grade, rule outputs and all findings.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "forms/evaluator.hpp"

namespace selfeval {

/// The result as JSON. Numbers that are scores, weights or money are decimal strings.
nlohmann::json result_to_json(const Form& form, const Evaluation& e);

/// What one edit changed, in the result's words: the edited row (`leaf`) and its sections,
/// the budget block when `budget`, then the total, grade, outputs, form-level findings and
/// counts. The page applies it instead of a whole result.
nlohmann::json delta_to_json(const Form& form, const Evaluation& e, std::optional<std::size_t> leaf,
                             bool budget);

/// One leaf's row of the result (id, score, rule, detail, findings …).
nlohmann::json leaf_to_json(const Form& form, const Evaluation& e, std::size_t index);
/// One section's subtotal.
nlohmann::json section_to_json(const Form& form, const Evaluation& e, std::size_t index);
/// The budget block's part of the result, or null.
nlohmann::json budget_to_json(const Form& form, const Evaluation& e);
/// Counts of findings by severity and whether there is no error.
nlohmann::json counts_to_json(const Findings& all);
/// A monitoring form's rows by light: {"red", "yellow", "green", "blue", "none"}.
nlohmann::json light_counts(const Form& form, const Evaluation& e);

/// A readable Chinese table of the result (selfeval score --text).
std::string result_to_text(const Form& form, const Evaluation& e);

}  // namespace selfeval
