#include "review/review_session.hpp"

#include <algorithm>

#include "base/crypto.hpp"
#include "base/decimal.hpp"
#include "review/charts.hpp"
#include "review/summary.hpp"

namespace selfeval {

using json = nlohmann::json;

ReviewSession::ReviewSession() : ReviewSession(core_signature_check) {}

ReviewSession::ReviewSession(SignatureCheck check)
    : templates_(KnownTemplates::builtin()), check_(std::move(check)) {
  options_.at = *parse_rfc3339("1970-01-01T00:00:00Z");
}

json ReviewSession::set_registry(std::string_view text) {
  if (text.empty()) {
    registry_.reset();
    options_.registry = nullptr;
    return json{{"ok", true}, {"keys", 0}, {"findings", json::array()}};
  }
  RegistryLoad r = load_registry(text);
  if (!r.registry) return json{{"ok", false}, {"findings", findings_to_json(r.findings)}};
  registry_ = std::move(r.registry);
  options_.registry = &*registry_;
  return json{{"ok", true}, {"keys", registry_->size()}, {"findings", json::array()}};
}

json ReviewSession::set_time(std::string_view text) {
  const auto at = parse_check_time(text);
  if (!at) {
    Finding f{"verify.bad_time", Severity::kError, "/at",
              "核验时间应为 YYYY-MM-DD 日期或 RFC 3339 时间",
              "the time of checking must be a YYYY-MM-DD date or an RFC 3339 time"};
    return json{{"ok", false}, {"findings", json::array({f.to_json()})}};
  }
  options_.at = *at;
  return json{{"ok", true}, {"at", at->to_string()}, {"findings", json::array()}};
}

json ReviewSession::add(const std::string& name, std::string_view text) {
  verdicts_.push_back(verify_submission(text, name, templates_, options_, check_));
  return summary_row(verdicts_.back(), verdicts_.size() - 1, thresholds_);
}

json ReviewSession::add_unreadable(const std::string& name, const std::string& why) {
  Verdict v;
  v.name = name;
  v.findings.push_back(Finding{"file.unreadable", Severity::kError, "", "无法读取文件：" + why,
                               "cannot read the file: " + why});
  verdicts_.push_back(std::move(v));
  return summary_row(verdicts_.back(), verdicts_.size() - 1, thresholds_);
}

json ReviewSession::settle() {
  // Name order (bytes), so the first of two equal files is the same whatever order they came in.
  std::stable_sort(verdicts_.begin(), verdicts_.end(),
                   [](const Verdict& a, const Verdict& b) { return a.name < b.name; });
  for (auto& v : verdicts_) {  // settling again starts from the files' own verdicts
    if (v.status == VerifyStatus::kDuplicate || v.status == VerifyStatus::kSuperseded ||
        std::any_of(v.findings.begin(), v.findings.end(),
                    [](const Finding& f) { return f.code.rfind("batch.", 0) == 0; })) {
      v.findings.erase(
          std::remove_if(v.findings.begin(), v.findings.end(),
                         [](const Finding& f) { return f.code.rfind("batch.", 0) == 0; }),
          v.findings.end());
      v.duplicate_of.clear();
      v.superseded_by.clear();
      v.status = v.findings.empty() ? VerifyStatus::kPassed : VerifyStatus::kFailed;
    }
  }
  settle_batch(verdicts_);
  const VerifySummary s = summarize(verdicts_, options_.registry != nullptr);
  json rows = json::array();
  for (std::size_t i = 0; i < verdicts_.size(); ++i)
    rows.push_back(summary_row(verdicts_[i], i, thresholds_));
  return json{{"summary",
               {{"files", s.files},
                {"passed", s.passed},
                {"failed", s.failed},
                {"duplicates", s.duplicates},
                {"superseded", s.superseded},
                {"with_errors", s.with_errors},
                {"signer_checked", s.signer_checked},
                {"checked_at", options_.at.to_string()}}},
              {"rows", rows}};
}

void ReviewSession::clear() { verdicts_.clear(); }

json ReviewSession::detail(std::size_t index) const {
  if (index >= verdicts_.size()) return json{{"ok", false}};
  const Verdict& v = verdicts_[index];
  json out = {{"ok", true},
              {"row", summary_row(v, index, thresholds_)},
              {"verdict", verdict_to_json(v)},
              {"form_findings", findings_to_json(v.form_findings)}};
  return out;
}

namespace {
RiskThresholds thresholds_from(const json& t) {
  RiskThresholds r;
  if (t.is_object()) {
    if (t.contains("low_execution_below") && t["low_execution_below"].is_string())
      r.low_execution_below = t["low_execution_below"].get<std::string>();
    if (t.contains("low_execution_below_percent") && t["low_execution_below_percent"].is_string())
      if (auto pct = Decimal::parse(t["low_execution_below_percent"].get<std::string>()))
        if (auto f = Decimal::div(*pct, Decimal::from_int(100)))
          r.low_execution_below = f->to_string();
    if (t.contains("not_numeric_at_least") && t["not_numeric_at_least"].is_number_integer())
      r.not_numeric_at_least = t["not_numeric_at_least"].get<int>();
  }
  return r;
}
}  // namespace

void ReviewSession::set_thresholds(const json& t) { thresholds_ = thresholds_from(t); }

json ReviewSession::charts() const { return chart_data(verdicts_, thresholds_); }

json ReviewSession::sample(const json& params) const { return draw_sample(verdicts_, params); }

std::string ReviewSession::summary_xlsx() const {
  return selfeval::summary_xlsx(verdicts_, options_.at, options_.registry != nullptr);
}

std::string ReviewSession::summary_csv() const { return selfeval::summary_csv(verdicts_); }

}  // namespace selfeval
