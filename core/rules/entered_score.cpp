#include "rules/entered_score.hpp"

#include <fmt/format.h>

namespace selfeval::rules {

std::optional<Decimal> entered_score(const RuleInput& in, RuleOutput& out, const char* what_zh,
                                     const char* what_en) {
  if (!in.answer || !in.answer->score) {
    out.findings.push_back(finding(in, "score.missing", Severity::kError, "score",
                                   fmt::format("“{}”未填写{}", in.node.name, what_zh),
                                   fmt::format("\"{}\" has no {} entered", in.node.name, what_en)));
    return std::nullopt;
  }
  auto s = entered_decimal(in, out, in.answer->score, "score");
  if (!s) return std::nullopt;
  if (*s > in.weight || s->is_negative()) {
    out.findings.push_back(finding(in, "score.above_weight", Severity::kError, "score",
                                   fmt::format("“{}”的{} {} 超出 0–{} 分的范围", in.node.name,
                                               what_zh, text(*s), text(in.weight)),
                                   fmt::format("the {} {} of \"{}\" is outside 0–{}", what_en,
                                               text(*s), in.node.name, text(in.weight))));
    return clamp(*s, Decimal(), in.weight);
  }
  return s;
}

}  // namespace selfeval::rules
