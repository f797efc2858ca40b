// The bureau's summary of a batch of verified submissions (汇总表): one row per file, in
// plain words — 通过 / 未通过 with the reason (签名无效, 密钥未登记, 模板不符, 复核得分与申报不一致
// …) — with the re-scored total, grade, execution rate, error and warning counts, the unit's own
// total against the re-scored one, and the kinds of findings. The page's table, the .xlsx and
// CSV summaries and `selfeval verify --summary` are all made from these rows, so they agree.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/timestamp.hpp"
#include "review/sampling.hpp"
#include "signing/verifier.hpp"

namespace selfeval {

/// Why a file did not pass, as a clerk says it: the first reason that decided it.
struct VerdictReason {
  std::string code;  ///< the finding that decided it ("" when the file passed)
  std::string zh, en;
};
VerdictReason verdict_reason(const Verdict& v);

/// 通过 / 未通过 / 重复 / 已取代 (Passed / Failed / Duplicate / Superseded).
const char* verdict_status_zh(VerifyStatus s);
const char* verdict_status_en(VerifyStatus s);

/// Whether the file is a submission at all (its envelope read; anything else: 非提交文件).
bool is_submission(const Verdict& v);

/// The signature state: "valid" (signature, template and re-scoring hold, signer trusted),
/// "unchecked" (valid, no registry), "signer_refused", "invalid" (bad signature), "unread".
std::string signature_state(const Verdict& v);

/// 自报总分 − 复核总分, exact, when the unit typed a total and the form re-scored.
std::optional<std::string> reported_difference(const Verdict& v);

/// Codes of the form's findings, each once, in first-seen order.
std::vector<std::string> finding_kinds(const Verdict& v);

/// A monitoring form's rows by light in words ("红灯 3 · 黄灯 1 · 绿灯 10 · 蓝灯 0"; English with
/// zh false); "" for a form without lights.
std::string lights_text(const Verdict& v, bool zh);

/// One row of the table as JSON (what the page shows and filters on).
nlohmann::json summary_row(const Verdict& v, std::size_t index,
                           const RiskThresholds& thresholds = {});

/// The summary workbook: sheet 汇总表 (one row per file, every column above), sheet 问题清单
/// (every finding with its file, unit and field), sheet 说明 (when and how it was checked).
/// The same verdicts and time give the same bytes, natively and in wasm.
std::string summary_xlsx(const std::vector<Verdict>& verdicts, const Instant& checked_at,
                         bool signer_checked);
/// Sheet 汇总表 as CSV (UTF-8 with BOM, CRLF, formula-looking text neutralised).
std::string summary_csv(const std::vector<Verdict>& verdicts);

/// A file's name without its folders (what the summary shows, so a folder and a zip agree).
std::string base_name(const std::string& path);

/// The time of checking from what a clerk or the CLI gives: an RFC 3339 time, or a date
/// (the end of that day, China Standard Time).
std::optional<Instant> parse_check_time(std::string_view text);

}  // namespace selfeval
