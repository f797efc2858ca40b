#include "review/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/decimal.hpp"
#include "rules/light_scheme.hpp"
#include "spreadsheet/csv.hpp"
#include "spreadsheet/workbook.hpp"
#include "spreadsheet/xlsx.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;
using spreadsheet::Cell;
using spreadsheet::CellRole;
using spreadsheet::Sheet;

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// The reasons in the order they decide a file: the first one found names it.
struct ReasonWords {
  const char* code;
  const char* zh;
  const char* en;
};
constexpr ReasonWords kReasons[] = {
    {"jws.bad_signature", "签名无效", "invalid signature"},
    {"registry.unregistered", "密钥未登记", "key not registered"},
    {"registry.revoked", "密钥已注销", "key revoked"},
    {"registry.expired", "密钥不在有效期内", "key not valid on the day checked"},
    {"registry.unit_mismatch", "密钥登记单位不符", "key registered to another unit"},
    {"registry.role", "密钥登记角色不符", "key registered for another role"},
    {"registry.no_unit_field", "模板未声明签名单位", "the template names no signing unit"},
    {"submission.unknown_template", "模板不符（未知模板）", "template not known"},
    {"submission.template_hash", "模板不符", "template modified"},
    {"submission.template_invalid", "模板不符（无法加载）", "template does not load"},
    {"submission.result_mismatch", "复核得分与申报不一致",
     "re-scored result differs from the submitted one"},
    {"submission.created", "签名时间无效", "invalid signing time"},
    {"submission.created_in_future", "签名时间晚于核验时间", "signed after the time of checking"},
    {"submission.header_mismatch", "单位信息与答卷不一致", "unit block differs from the answers"},
    {"submission.unit_unknown_field", "单位信息含多余字段", "unit block holds unknown fields"},
    {"batch.duplicate", "重复提交", "duplicate"},
    {"batch.superseded", "已被较晚的提交取代", "superseded by a later submission"},
    {"batch.same_time", "两份提交签名时间相同", "two submissions signed at the same time"},
    {"form.has_errors", "表单有错误", "the form has errors"},
};

}  // namespace

bool is_submission(const Verdict& v) {
  if (!v.kid.empty() || !v.digest.empty()) return true;
  for (const auto& f : v.findings)
    if (f.code == "submission.structure" || starts_with(f.code, "json.") ||
        starts_with(f.code, "file.") || f.code == "submission.too_large")
      return false;
  return true;
}

VerdictReason verdict_reason(const Verdict& v) {
  if (v.status == VerifyStatus::kPassed) return {};
  if (!is_submission(v)) {
    const std::string code = v.findings.empty() ? std::string() : v.findings.front().code;
    return {code, "不是提交文件", "not a submission file"};
  }
  for (const auto& r : kReasons)
    for (const auto& f : v.findings)
      if (f.code == r.code) return {r.code, r.zh, r.en};
  if (!v.findings.empty() && v.digest.empty())
    return {v.findings.front().code, "提交文件格式有误", "malformed submission"};
  const std::string code = v.findings.empty() ? std::string() : v.findings.front().code;
  return {code, "未通过核验", "did not pass"};
}

const char* verdict_status_zh(VerifyStatus s) {
  switch (s) {
    case VerifyStatus::kPassed:
      return "通过";
    case VerifyStatus::kFailed:
      return "未通过";
    case VerifyStatus::kDuplicate:
      return "重复";
    case VerifyStatus::kSuperseded:
      return "已取代";
  }
  return "未通过";
}

const char* verdict_status_en(VerifyStatus s) {
  switch (s) {
    case VerifyStatus::kPassed:
      return "Passed";
    case VerifyStatus::kFailed:
      return "Failed";
    case VerifyStatus::kDuplicate:
      return "Duplicate";
    case VerifyStatus::kSuperseded:
      return "Superseded";
  }
  return "Failed";
}

std::string signature_state(const Verdict& v) {
  if (v.digest.empty()) {
    for (const auto& f : v.findings)
      if (f.code == "jws.bad_signature") return "invalid";
    return "unread";
  }
  if (v.signer_checked && !v.signer_ok) return "signer_refused";
  return v.signer_checked ? "valid" : "unchecked";
}

static const char* signature_state_zh(const std::string& s) {
  if (s == "valid") return "有效，签名者已登记";
  if (s == "unchecked") return "有效，签名者未核验";
  if (s == "signer_refused") return "签名有效，签名者不符";
  if (s == "invalid") return "签名无效";
  return "未能读取";
}

std::optional<std::string> reported_difference(const Verdict& v) {
  if (!v.reported_total || !v.total) return std::nullopt;
  const auto r = Decimal::parse(*v.reported_total);
  const auto t = Decimal::parse(*v.total);
  if (!r || !t) return std::nullopt;
  const auto d = Decimal::sub(*r, *t);
  if (!d) return std::nullopt;
  return d->to_fixed(2);
}

std::vector<std::string> finding_kinds(const Verdict& v) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& f : v.form_findings)
    if (seen.insert(f.code).second) out.push_back(f.code);
  return out;
}

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::optional<Instant> parse_check_time(std::string_view text) {
  if (auto t = parse_rfc3339(text)) return t;
  if (auto d = parse_iso_date(text))
    return Instant{start_of_day_utc(*d).seconds + 86400 - 1 -
                   std::int64_t{kChinaOffsetMinutes} * 60};
  return std::nullopt;
}

std::string lights_text(const Verdict& v, bool zh) {
  using rules::Light;
  std::string out;
  if (v.lights.empty()) return out;
  for (Light l : {Light::kRed, Light::kYellow, Light::kGreen, Light::kBlue}) {
    auto it = v.lights.find(rules::light_id(l));
    out += (out.empty() ? "" : " · ") + std::string(zh ? rules::light_zh(l) : rules::light_en(l)) +
           " " + std::to_string(it == v.lights.end() ? 0 : it->second);
  }
  return out;
}

json summary_row(const Verdict& v, std::size_t index, const RiskThresholds& thresholds) {
  auto opt = [](const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); };
  const VerdictReason reason = verdict_reason(v);
  std::optional<std::string> rate_percent;
  if (v.execution_rate)
    if (auto r = Decimal::parse(*v.execution_rate))
      if (auto p = Decimal::mul(*r, Decimal::from_int(100))) rate_percent = p->to_fixed(2) + "%";
  const std::string sig = signature_state(v);
  json kinds = json::array();
  for (const auto& k : finding_kinds(v)) kinds.push_back(k);
  // A monitoring form is not scored: its rows by light stand where a total and grade would.
  const bool lit = !v.lights.empty();
  json lights = nullptr;
  if (lit) {
    lights = json::object();
    for (const auto& [k, n] : v.lights) lights[k] = n;
  }
  return json{
      {"index", index},
      {"file", v.name},
      {"name", base_name(v.name)},
      {"submission", is_submission(v)},
      {"unit", v.unit},
      {"project", v.project},
      {"form_id", v.template_id},
      {"form", v.template_name.empty() ? v.template_id : v.template_name},
      {"year", v.year ? json(*v.year) : json(nullptr)},
      {"total", lit ? json(nullptr) : opt(v.total)},
      {"full_marks", lit ? json(nullptr) : opt(v.full_marks)},
      {"grade", opt(v.grade)},
      {"lights", lights},
      {"lights_zh", lit ? json(lights_text(v, true)) : json(nullptr)},
      {"lights_en", lit ? json(lights_text(v, false)) : json(nullptr)},
      {"execution_rate", opt(v.execution_rate)},
      {"execution_rate_percent", opt(rate_percent)},
      {"errors", v.errors},
      {"warnings", v.warnings},
      {"reported_total", opt(v.reported_total)},
      {"difference", opt(reported_difference(v))},
      {"status", verify_status_name(v.status)},
      {"status_zh", verdict_status_zh(v.status)},
      {"status_en", verdict_status_en(v.status)},
      {"reason_code", reason.code},
      {"reason_zh", reason.zh},
      {"reason_en", reason.en},
      {"signature", sig},
      {"signature_zh", signature_state_zh(sig)},
      {"created", v.created.empty() ? json(nullptr) : json(v.created)},
      {"kid", v.kid},
      {"registered_unit", v.registered_unit},
      {"key_validity", v.key_validity},
      {"duplicate_of", v.duplicate_of.empty() ? json(nullptr) : json(base_name(v.duplicate_of))},
      {"superseded_by", v.superseded_by.empty() ? json(nullptr) : json(base_name(v.superseded_by))},
      {"digest", v.digest},
      {"kinds", kinds},
      {"flags",
       v.status == VerifyStatus::kPassed ? json(risk_flags(v, thresholds)) : json::array()}};
}

namespace {

Cell text(std::string s, CellRole role = CellRole::kPlain) {
  return Cell{std::move(s), Cell::Kind::kText, -1, role};
}
Cell number(const std::string& s, int places, bool percent = false) {
  Cell c{s, Cell::Kind::kNumber, places, CellRole::kPlain};
  c.percent = percent;
  return c;
}

const char* const kSummaryHead[] = {"序号",
                                    "文件",
                                    "单位",
                                    "项目",
                                    "表单",
                                    "年度",
                                    "复核总分",
                                    "满分",
                                    "等级",
                                    "执行率",
                                    "错误",
                                    "提醒",
                                    "自报总分",
                                    "自报−复核",
                                    "核验结果",
                                    "原因",
                                    "签名状态",
                                    "签名时间",
                                    "登记单位",
                                    "密钥有效期",
                                    "重复/取代",
                                    "问题类型",
                                    "摘要（SHA-256）",
                                    "亮灯（监控表）"};

// Sheet 汇总表: a head row, then one row per file in the batch's order.
Sheet summary_sheet(const std::vector<Verdict>& verdicts) {
  Sheet s;
  s.name = "汇总表";
  s.widths = {6,  24, 22, 26, 22, 7,  10, 7,  6,  10, 6,  6,
              10, 10, 9,  22, 18, 22, 22, 24, 24, 40, 20, 30};
  int col = 0;
  for (const char* h : kSummaryHead) s.cells[{0, col++}] = text(h, CellRole::kHead);
  s.repeat_rows = std::make_pair(0, 0);
  int row = 1;
  for (const auto& v : verdicts) {
    const VerdictReason reason = verdict_reason(v);
    auto put = [&](int c, Cell cell) { s.cells[{row, c}] = std::move(cell); };
    put(0, number(std::to_string(row), 0));
    put(1, text(base_name(v.name)));
    put(2, text(v.unit));
    put(3, text(v.project));
    put(4, text(v.template_name.empty() ? v.template_id : v.template_name));
    if (v.year) put(5, number(std::to_string(*v.year), 0));
    const bool lit = !v.lights.empty();  // a monitoring form: lights, no total
    if (!lit && v.total && Decimal::parse(*v.total)) put(6, number(*v.total, 2));
    if (!lit && v.full_marks && Decimal::parse(*v.full_marks)) put(7, number(*v.full_marks, 0));
    if (v.grade) put(8, text(*v.grade));
    if (v.execution_rate && Decimal::parse(*v.execution_rate))
      put(9, number(Decimal::parse(*v.execution_rate)->to_string(), 2, true));
    if (is_submission(v) && !v.digest.empty()) {
      put(10, number(std::to_string(v.errors), 0));
      put(11, number(std::to_string(v.warnings), 0));
    }
    if (v.reported_total && Decimal::parse(*v.reported_total))
      put(12, number(Decimal::parse(*v.reported_total)->to_string(), 2));
    if (auto d = reported_difference(v)) put(13, number(*d, 2));
    put(14, text(verdict_status_zh(v.status)));
    put(15, text(reason.zh));
    put(16, text(signature_state_zh(signature_state(v))));
    put(17, text(v.created));
    put(18, text(v.registered_unit));
    put(19, text(v.key_validity));
    put(20, text(!v.duplicate_of.empty()    ? "与 " + base_name(v.duplicate_of) + " 相同"
                 : !v.superseded_by.empty() ? "被 " + base_name(v.superseded_by) + " 取代"
                                            : std::string()));
    std::string kinds;
    for (const auto& k : finding_kinds(v)) kinds += (kinds.empty() ? "" : " ") + k;
    put(21, text(kinds));
    put(22, text(v.digest));
    if (lit) put(23, text(lights_text(v, true)));
    ++row;
  }
  return s;
}

// Sheet 问题清单: every finding of every file — why it failed (核验) and what the re-scored
// form says (表单) — with the file, unit and field.
Sheet findings_sheet(const std::vector<Verdict>& verdicts) {
  Sheet s;
  s.name = "问题清单";
  s.widths = {24, 22, 26, 22, 7, 7, 34, 36, 16, 60};
  const char* const head[] = {"文件", "单位", "项目", "表单", "来源",
                              "级别", "代码", "字段", "指标", "说明"};
  int col = 0;
  for (const char* h : head) s.cells[{0, col++}] = text(h, CellRole::kHead);
  s.repeat_rows = std::make_pair(0, 0);
  int row = 1;
  auto add = [&](const Verdict& v, const Finding& f, const char* source) {
    s.cells[{row, 0}] = text(base_name(v.name));
    s.cells[{row, 1}] = text(v.unit);
    s.cells[{row, 2}] = text(v.project);
    s.cells[{row, 3}] = text(v.template_name.empty() ? v.template_id : v.template_name);
    s.cells[{row, 4}] = text(source);
    s.cells[{row, 5}] = text(f.severity == Severity::kError     ? "错误"
                             : f.severity == Severity::kWarning ? "提醒"
                                                                : "信息");
    s.cells[{row, 6}] = text(f.code);
    s.cells[{row, 7}] = text(f.path);
    s.cells[{row, 8}] = text(f.indicator);
    // The batch's own messages name files as given (paths differ between a folder on the
    // CLI's command line and the page): the summary names them as in its 文件 column.
    if (f.code == "batch.duplicate")
      s.cells[{row, 9}] = text("与“" + base_name(v.duplicate_of) + "”是同一份提交");
    else if (f.code == "batch.superseded")
      s.cells[{row, 9}] = text("已被较晚签名的“" + base_name(v.superseded_by) + "”取代");
    else
      s.cells[{row, 9}] = text(f.message_zh);
    ++row;
  };
  for (const auto& v : verdicts) {
    for (const auto& f : v.findings) add(v, f, "核验");
    for (const auto& f : v.form_findings) add(v, f, "表单");
  }
  return s;
}

Sheet about_sheet(const std::vector<Verdict>& verdicts, const Instant& at, bool signer_checked) {
  const VerifySummary sum = summarize(verdicts, signer_checked);
  Sheet s;
  s.name = "说明";
  s.widths = {16, 60};
  int row = 0;
  auto line = [&](const char* k, Cell v) {
    s.cells[{row, 0}] = text(k, CellRole::kHead);
    s.cells[{row, 1}] = std::move(v);
    ++row;
  };
  line("核验时间", text(at.to_string()));
  line("签名者核验",
       text(signer_checked ? "已按公钥登记表核验" : "未给出公钥登记表，签名者未核验"));
  line("文件数", number(std::to_string(sum.files), 0));
  line("通过", number(std::to_string(sum.passed), 0));
  line("未通过", number(std::to_string(sum.failed), 0));
  line("重复", number(std::to_string(sum.duplicates), 0));
  line("已取代", number(std::to_string(sum.superseded), 0));
  line("表单有错误", number(std::to_string(sum.with_errors), 0));
  return s;
}

}  // namespace

std::string summary_xlsx(const std::vector<Verdict>& verdicts, const Instant& checked_at,
                         bool signer_checked) {
  spreadsheet::Workbook book;
  book.sheets.push_back(summary_sheet(verdicts));
  book.sheets.push_back(findings_sheet(verdicts));
  book.sheets.push_back(about_sheet(verdicts, checked_at, signer_checked));
  return spreadsheet::write_xlsx(book);
}

std::string summary_csv(const std::vector<Verdict>& verdicts) {
  return spreadsheet::write_csv(summary_sheet(verdicts));
}

}  // namespace selfeval
