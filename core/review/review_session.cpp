#include "review/review_session.hpp"

#include <algorithm>

#include "base/crypto.hpp"
#include "base/decimal.hpp"
#include "review/charts.hpp"
#include "review/summary.hpp"

namespace selfeval {

using json = nlohmann::json;

ReviewSession::ReviewSession() : ReviewSession(core_signature_check) { ask_sm2_ = true; }

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

json ReviewSession::set_templates(const json& files) {
  auto refuse = [](const Findings& fs) {
    return json{{"ok", false}, {"findings", findings_to_json(fs)}};
  };
  if (!files.is_array())
    return refuse({Finding{"template.files", Severity::kError, "", "模板文件列表应为数组",
                           "the template files must be a list"}});
  std::vector<std::pair<std::string, std::string>> named;
  for (const auto& f : files) {
    if (!f.is_object() || !f.contains("name") || !f["name"].is_string() || !f.contains("text") ||
        !f["text"].is_string())
      return refuse(
          {Finding{"template.files", Severity::kError, "", "每个模板文件应有 name 和 text",
                   "each template file needs name and text"}});
    named.emplace_back(f["name"].get<std::string>(), f["text"].get<std::string>());
  }
  std::stable_sort(named.begin(), named.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  KnownTemplates t = KnownTemplates::builtin();
  Findings refused;
  for (const auto& [name, text] : named) {
    Findings fs = t.add(text, name);
    refused.insert(refused.end(), fs.begin(), fs.end());
  }
  if (!refused.empty()) return refuse(refused);
  templates_ = std::move(t);
  json list = json::array();
  for (const auto& k : templates_.all()) {
    if (k.origin == "built-in") continue;
    const auto& load = k.load();
    list.push_back({{"origin", k.origin},
                    {"id", k.id},
                    {"version", k.version},
                    {"name", load.tmpl ? json(load.tmpl->name) : json(nullptr)}});
  }
  return json{{"ok", true}, {"templates", list}, {"findings", json::array()}};
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
  json asked = add_quiet(name, text);
  if (!asked.is_null()) return asked;
  return summary_row(verdicts_.back(), verdicts_.size() - 1, thresholds_);
}

json ReviewSession::add_quiet(const std::string& name, std::string_view text) {
  if (pending_) finish_pending(false);
  OpenedSubmission opened = open_submission(text, name);
  const Envelope& env = opened.envelope;
  // The page's session asks for an SM2-SM3 signature (the core has no SM2); the file waits,
  // read up to its signature.
  const bool ask = ask_sm2_ && opened.well_formed() && env.profile == Profile::kSm2Sm3;
  if (!ask) {
    const bool valid = opened.well_formed() &&
                       check_(env.profile, env.signing_input, env.signature, env.public_key);
    verdicts_.push_back(finish_submission(std::move(opened), valid, templates_, options_));
    return nullptr;
  }
  pending_ = std::move(opened);
  const Envelope& p = pending_->envelope;
  json q = {{"profile", profile_header_alg(p.profile)},
            {"signature_hex", crypto::hex(p.signature)},
            {"public_key_hex", crypto::hex(p.public_key)}};
  if (p.profile == Profile::kSm2Sm3) q["id"] = std::string(kSm2DefaultId);
  return json{{"signature_check", q}};
}

std::string_view ReviewSession::pending_message() const {
  return pending_ ? std::string_view(pending_->envelope.signing_input) : std::string_view();
}

json ReviewSession::answer_signature(bool valid) {
  if (!pending_) return json{{"ok", false}};
  return finish_pending(valid);
}

json ReviewSession::finish_pending(bool valid) {
  // The answer is for the bytes the core handed over (pending_message, signature_hex,
  // public_key_hex): the envelope they came from is the one finished here.
  OpenedSubmission p = std::move(*pending_);
  pending_.reset();
  verdicts_.push_back(finish_submission(std::move(p), valid, templates_, options_));
  return summary_row(verdicts_.back(), verdicts_.size() - 1, thresholds_);
}

json ReviewSession::add_unreadable(const std::string& name, const std::string& why) {
  if (pending_) finish_pending(false);
  Verdict v;
  v.name = name;
  v.findings.push_back(Finding{"file.unreadable", Severity::kError, "", "无法读取文件：" + why,
                               "cannot read the file: " + why});
  verdicts_.push_back(std::move(v));
  return summary_row(verdicts_.back(), verdicts_.size() - 1, thresholds_);
}

json ReviewSession::settle() {
  if (pending_) finish_pending(false);
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

void ReviewSession::clear() {
  pending_.reset();
  verdicts_.clear();
}

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
