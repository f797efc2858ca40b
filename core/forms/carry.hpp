// One record across the year: the answers of the next form started from the previous one —
// a monitoring form (绩效运行监控表) from a declaration (申报表), a self-assessment from a
// monitoring form. The declared targets are carried as they are; the self-assessment keeps the
// mid-year 全年预计完成值 beside the actual it will be given.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "base/finding.hpp"
#include "forms/declaration.hpp"
#include "model/template_model.hpp"

namespace selfeval {

/// The rows a form `t` takes from a declaration (answers' "indicators" items): each declared
/// indicator under the open category its parent id names, else the open category of the same
/// name, with its name, targets, direction and unit; an id already in `used` gets -2, -3 …
/// An indicator with no such category is left out and reported (indicator.import_no_category).
nlohmann::json declared_rows(const Declaration& d, const Template& t, std::set<std::string>& used,
                             Findings& skipped);

struct CarryResult {
  std::optional<nlohmann::json> answers;  ///< a selfeval.answers.v1 document for the target form
  Findings findings;  ///< why nothing was carried (errors), or what was left behind (warnings)
};

/// Starts the answers of `to_template` from `from`: a declaration (a template, or the answers of
/// one) or a form's answers (a monitoring form's). Each declared indicator becomes a row of the
/// target form under the category of the same id (else the same name), with its name, targets,
/// direction and unit; the header fields of the same id, the year, the budget's 年初预算数 and
/// 全年预算数 and each row's 全年预计完成值 come along. An indicator the target form has no
/// category for is reported, never dropped in silence.
CarryResult carry_answers(std::string_view from_json, std::string_view to_template_json);

}  // namespace selfeval
