// Shared by the rules whose score a person enters (expert, bonus, penalty): reads the
// score, keeps it within [0, W] and reports what is out of bounds or missing.
#pragma once

#include "rules/rule_support.hpp"

namespace selfeval::rules {

/// The entered score within [0, W]; nullopt (with a finding) when missing or unreadable.
std::optional<Decimal> entered_score(const RuleInput& in, RuleOutput& out, const char* what_zh,
                                     const char* what_en);

}  // namespace selfeval::rules
