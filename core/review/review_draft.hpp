// A reviewer's verification sheet (绩效核查评分意见表) drafted from a unit's submission: the header
// from the unit's form, the 支出率 item from its budget figures, and the findings the engine makes
// on the unit's form offered as 扣分原因 suggestions under the sheet item each concerns, in the
// words of the sheet template's "review" data. Suggestions are words, never scores: the reviewer
// accepts, edits or discards each and enters every expert score.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "forms/known_templates.hpp"

namespace selfeval {

struct ReviewDraftInput {
  std::string_view unit_file;    ///< a signed submission or a plain answers document
  std::string_view declaration;  ///< the unit's 申报表 (answers of a declaration), may be empty
  std::string_view sheet_template;    ///< the verification sheet's template text
  const KnownTemplates* templates{};  ///< where the unit's form is found (by id and version)
};

/// {"ok": true, "answers": the sheet's answers, "notes": findings about the draft} or
/// {"ok": false, "findings"} when an input cannot be used. Each item's suggestions are in
/// values.<item>.suggestions: {"codes", "indicators", "zh", "en"}.
nlohmann::json review_draft(const ReviewDraftInput& in);

}  // namespace selfeval
