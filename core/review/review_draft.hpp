// A reviewer's verification sheet (绩效核查评分意见表) drafted from a unit's submission: the header
// from the unit's form, the 支出率 item from its budget figures, and the findings the engine makes
// on the unit's form offered as 扣分原因 suggestions under the sheet item each concerns, in the
// words of the sheet template's "review" data. Suggestions are words, never scores: the reviewer
// accepts, edits or discards each and enters every expert score.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "forms/known_templates.hpp"
#include "model/template_model.hpp"

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

/// The overall opinion (总体评价) drafted from a filled sheet: the summary line (spending, total,
/// grade), the 扣分原因 the reviewer wrote grouped as the sheet's review data groups them
/// (项目管理, 资金管理, 绩效表现, 自评工作质量), then the advice of each suggestion the reviewer
/// accepted (its words are in the item's reason) under 管理优化, 绩效提升, 自评工作完善, 预算调整.
/// {"ok", "zh", "en"}; the reviewer edits it. `result` is the sheet's scored result.
nlohmann::json review_opinion(const Template& sheet, const nlohmann::json& answers,
                              const nlohmann::json& result);

}  // namespace selfeval
