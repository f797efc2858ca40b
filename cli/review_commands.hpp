// The reviewer's commands: a verification sheet drafted from a unit's submission.
#pragma once

#include <string>
#include <vector>

namespace selfeval::cli {

/// review-draft SUBMISSION [--declaration D] [--sheet T]: the sheet's answers on stdout, with
/// the suggested 扣分原因 under each item; notes on stderr. Exit 0, 1 when the input is refused,
/// 2 on a usage error.
int cmd_review_draft(const std::vector<std::string>& args);

/// review-opinion SHEET_ANSWERS [--sheet T] [--json]: the overall opinion (总体评价) drafted from
/// the sheet's reasons and accepted suggestions, as text (both languages with --json).
int cmd_review_opinion(const std::vector<std::string>& args);

}  // namespace selfeval::cli
