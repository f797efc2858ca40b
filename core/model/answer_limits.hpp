// The longest text each field of an answers document takes, read from the answers schema
// (schemas/answers.v1.schema.json) — the one source the loader, the session's edits and the
// page's inputs (through describe()) agree on.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace selfeval {

/// Characters allowed in a field, by its name in describe()'s "limits": a value field
/// ("actual", "reason", "evidence", "survey_method" …), "unit" (a unit field), "decimal" (a
/// number typed as text: weights, money), "goals", "budget_reason", "problems",
/// "improvements", "indicator_name", "indicator_target". 0 for a name the schema does not limit.
std::size_t answer_limit(const std::string& field);

/// Every limit above, as {"actual": 2000, …}.
const nlohmann::json& answer_limits_json();

}  // namespace selfeval
