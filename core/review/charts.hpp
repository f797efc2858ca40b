// What the workbench's pictures show, counted in the core: files by grade, a histogram of
// re-scored totals, 执行率 against 总分 (flagging 优 with a low execution rate), and the
// finding kinds most frequent across the batch. The page only draws them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "review/sampling.hpp"
#include "signing/verifier.hpp"

namespace selfeval {

/// A finding kind in words for the chart's labels (中文; English beside).
struct KindLabel {
  const char* zh;
  const char* en;
};
KindLabel finding_kind_label(const std::string& code);

/// {grades: [{grade, count}], histogram: {width, bins: [{from, to, count}]},
///  scatter: [{index, rate, total, grade, flagged}], kinds: [{code, zh, en, count, files}]}
/// over the files that count (passed); kinds: the 15 most frequent.
nlohmann::json chart_data(const std::vector<Verdict>& verdicts, const RiskThresholds& t);

}  // namespace selfeval
