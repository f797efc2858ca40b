// 抽查: a reproducible random sample of the year's submissions. The pool is every file that
// was re-scored — passed, or failed for a reason found after the signature and the template
// held (a key not registered, revoked or out of date, a result that differs, errors with
// --reject-errors) — since a clerk samples what units submitted and a failed verdict is a
// risk in itself (flag "not_passed"). Left out: duplicates and superseded versions (their
// original or later version is in the pool) and files that could not be re-scored (a bad
// signature, an unknown or changed template, no submission): those are listed as failed.
// Each file's lot is SHA-256(seed "\n" digest of its signed bytes); the files with the smallest
// lots are drawn. So anyone with the seed and the same files redraws the same sample, in
// any order the files come, natively or in the page. Optionally stratified by grade (each
// grade gets its share) and restricted to risk flags with configurable thresholds.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "signing/verifier.hpp"

namespace selfeval {

struct RiskThresholds {
  std::string low_execution_below = "0.8";  ///< 优 with 执行率 below this is flagged
  int not_numeric_at_least = 3;             ///< this many actuals without numbers
};

/// Whether a file is in the sampling pool (see above).
bool in_sampling_pool(const Verdict& v);

/// The risk flags of one file: "excellent_low_execution" (优 with a low execution rate),
/// "reported_differs" (自报 ≠ 复核), "not_numeric" (many actuals without numbers),
/// "copied_targets" (actuals copied from targets). The sample adds "not_passed" (the file
/// failed verification) to the flags of a failed file it draws.
std::vector<std::string> risk_flags(const Verdict& v, const RiskThresholds& t);

/// Draws the sample. `params` (JSON): seed (text, required), percent (decimal text) or count
/// (integer), stratify ("grade" or "none"), risk_only (bool), risk_flags (the flags that
/// qualify; all when absent), low_execution_below, not_numeric_at_least. Returns
/// {ok, findings} on bad parameters, else the sample (format selfeval.sample.v1): the
/// parameters as read, the pool size, each stratum's pool and draw, and the files drawn.
nlohmann::json draw_sample(const std::vector<Verdict>& verdicts, const nlohmann::json& params);

}  // namespace selfeval
