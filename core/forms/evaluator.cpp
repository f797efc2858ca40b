#include "forms/evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "rules/output_rule.hpp"
#include "rules/rule_support.hpp"

namespace selfeval {
namespace {

using nlohmann::json;

const AnswerValue* answer_for(const Answers& a, const std::string& id) {
  auto it = a.values.find(id);
  return it == a.values.end() ? nullptr : &it->second;
}

Finding row_finding(const std::string& id, const char* code, Severity sev, std::string path,
                    std::string zh, std::string en) {
  Finding f{code, sev, std::move(path), std::move(zh), std::move(en)};
  f.indicator = id;
  return f;
}

bool contains_any(const std::string& text, std::initializer_list<const char*> words) {
  for (const char* w : words)
    if (text.find(w) != std::string::npos) return true;
  return false;
}

// Rules whose score is entered by a person carry their own reason checks.
bool entered_by_rater(const FormNode& n) {
  return n.rule_impl && n.rule_impl->traits().entered_by_rater;
}

// Compares two parsed targets by meaning: kind and each part's comparator, value, unit, period.
bool same_target(const Target& a, const Target& b) {
  if (a.kind != b.kind || a.parts.size() != b.parts.size()) return a.normalized == b.normalized;
  if (a.kind == TargetKind::kQualitative || a.kind == TargetKind::kDeadline)
    return a.normalized == b.normalized;
  for (std::size_t i = 0; i < a.parts.size(); ++i) {
    const auto& p = a.parts[i];
    const auto& q = b.parts[i];
    if (p.op != q.op || p.value != q.value || p.unit != q.unit || p.per != q.per) return false;
  }
  return true;
}

// One row as the checks below read it.
struct Row {
  const FormNode& node;
  const AnswerValue* answer;  ///< nullptr when nothing is entered
  const std::string& vpath;   ///< /values/<id>
  Decimal weight;
  const EvalSettings& settings;
};

// 偏差原因: required below full marks; must not contradict the numbers.
void check_reason(const Row& r, NodeScore& s) {
  const FormNode& n = r.node;
  const AnswerValue* a = r.answer;
  const std::string& vpath = r.vpath;
  const Decimal w = r.weight;
  const EvalSettings& settings = r.settings;
  const std::string reason = a ? a->reason : "";

  if (s.exact && !entered_by_rater(n) && s.shown < w) {
    if (reason.empty()) {
      s.findings.push_back(
          row_finding(n.id, "reason.missing_below_weight", Severity::kWarning, vpath + "/reason",
                      fmt::format("“{}”得分 {} 低于分值 {}，未填写偏差原因分析及改进措施", n.name,
                                  s.shown.to_fixed(settings.places), w.to_string()),
                      fmt::format("\"{}\" scores {} of {} but gives no reason for the deviation",
                                  n.name, s.shown.to_fixed(settings.places), w.to_string())));
    } else if (contains_any(reason, {"超额完成", "全部完成", "已全部完成", "圆满完成", "无偏差",
                                     "达到预期", "完成目标"})) {
      s.findings.push_back(row_finding(
          n.id, "reason.contradicts_score", Severity::kWarning, vpath + "/reason",
          fmt::format("“{}”的偏差原因称已完成，但得分 {} 低于分值 {}", n.name,
                      s.shown.to_fixed(settings.places), w.to_string()),
          fmt::format("the reason for \"{}\" says it was achieved, but it scores {} of {}", n.name,
                      s.shown.to_fixed(settings.places), w.to_string())));
    }
  } else if (s.exact && !entered_by_rater(n) && s.shown == w && !n.penalty &&
             contains_any(reason, {"未完成", "未达到", "未达成", "没有完成", "尚未完成"})) {
    s.findings.push_back(row_finding(
        n.id, "reason.contradicts_score", Severity::kWarning, vpath + "/reason",
        fmt::format("“{}”的偏差原因称未完成，但得分为满分 {}", n.name, w.to_string()),
        fmt::format("the reason for \"{}\" says it was not achieved, yet it has full marks {}",
                    n.name, w.to_string())));
  }
}

// 时效 rows need planned and actual completion dates.
void check_timeliness(const Row& r, NodeScore& s) {
  const FormNode& n = r.node;
  const AnswerValue* a = r.answer;
  const std::string& vpath = r.vpath;
  // 时效 rows need planned and actual completion dates within the project.
  if (n.category == "时效") {
    const bool planned = a && !a->planned_date.empty();
    // A rule that scores by the date reports a missing actual date itself (it cannot score without
    // one).
    const bool actual =
        (a && !a->actual_date.empty()) || (n.rule_impl && n.rule_impl->traits().scores_dates);
    if (!planned || !actual) {
      s.findings.push_back(
          row_finding(n.id, "timeliness.dates_missing", Severity::kWarning,
                      vpath + (!planned ? "/planned_date" : "/actual_date"),
                      fmt::format("时效指标“{}”缺少{}", n.name,
                                  !planned && !actual ? "计划完成时间和实际完成时间"
                                  : !planned          ? "计划完成时间"
                                                      : "实际完成时间"),
                      fmt::format("timeliness indicator \"{}\" has no {}", n.name,
                                  !planned && !actual ? "planned or actual completion date"
                                  : !planned          ? "planned completion date"
                                                      : "actual completion date")));
    }
  }
}

// Entered dates must be dates, and completion cannot come after the project end.
void check_dates(const Row& r, NodeScore& s) {
  const FormNode& n = r.node;
  const AnswerValue* a = r.answer;
  const std::string& vpath = r.vpath;
  const EvalSettings& settings = r.settings;
  // Any dates entered must be dates, and completion cannot come after the project's end.
  {
    for (const auto& [field, text] :
         {std::pair<const char*, std::string>{"planned_date", a ? a->planned_date : ""},
          {"actual_date", a ? a->actual_date : ""}}) {
      if (text.empty()) continue;
      auto d = rules::parse_date(text);
      if (!d) {
        s.findings.push_back(row_finding(
            n.id, "value.bad_date", Severity::kError, vpath + "/" + field,
            fmt::format("“{}”的日期“{}”无效，应写作 YYYY-MM-DD", n.name, text),
            fmt::format("date \"{}\" of \"{}\" is not valid; write YYYY-MM-DD", text, n.name)));
        continue;
      }
      auto end = rules::parse_date(settings.project_end);
      if (end && *d > *end && std::string(field) == "actual_date") {
        s.findings.push_back(row_finding(
            n.id, "timeliness.after_project_end", Severity::kWarning, vpath + "/" + field,
            fmt::format("“{}”的实际完成时间 {} 晚于项目结束日期 {}", n.name, text,
                        settings.project_end),
            fmt::format("\"{}\" was completed on {}, after the project end {}", n.name, text,
                        settings.project_end)));
      }
    }
  }
}

// Satisfaction measured by a survey needs its sample size and method.
void check_survey(const Row& r, NodeScore& s) {
  const FormNode& n = r.node;
  const AnswerValue* a = r.answer;
  const std::string& vpath = r.vpath;
  // Satisfaction needs a survey: a sample size and a method.
  if (needs_survey(n)) {
    const bool sample = a && a->sample_size && *a->sample_size > 0;
    const bool method = a && !a->survey_method.empty();
    if (!sample || !method) {
      s.findings.push_back(
          row_finding(n.id, "satisfaction.survey_missing", Severity::kWarning,
                      vpath + (!sample ? "/sample_size" : "/survey_method"),
                      fmt::format("满意度指标“{}”未说明{}", n.name,
                                  !sample && !method ? "调查样本量和调查方式"
                                  : !sample          ? "调查样本量"
                                                     : "调查方式"),
                      fmt::format("satisfaction indicator \"{}\" states no {}", n.name,
                                  !sample && !method ? "sample size or survey method"
                                  : !sample          ? "sample size"
                                                     : "survey method")));
    }
  }
}

// The score a unit wrote itself must be the engine's.
void check_reported_score(const Row& r, NodeScore& s) {
  const FormNode& n = r.node;
  const AnswerValue* a = r.answer;
  const std::string& vpath = r.vpath;
  const EvalSettings& settings = r.settings;
  // The score the unit wrote itself must be the engine's.
  if (a && a->reported_score && s.exact) {
    auto r = Decimal::parse(*a->reported_score);
    if (!r || r->rounded(settings.places, settings.rounding) != s.shown) {
      s.findings.push_back(row_finding(
          n.id, "score.reported_mismatch", Severity::kWarning, vpath + "/reported_score",
          fmt::format("“{}”填报的得分 {} 与按规则计算的 {} 不符", n.name, *a->reported_score,
                      s.shown.to_fixed(settings.places)),
          fmt::format("\"{}\" reports a score of {}, the rules give {}", n.name, *a->reported_score,
                      s.shown.to_fixed(settings.places))));
    }
  }
}

// A positive target set below last year's actual was set too low.
void check_last_year(const Row& r, NodeScore& s) {
  const FormNode& n = r.node;
  const AnswerValue* a = r.answer;
  // A target set below what was already achieved last year.
  if (a && a->last_year_actual && n.target && n.target->parts.size() == 1 &&
      n.direction == Direction::kPositive) {
    Target last = parse_target(*a->last_year_actual);
    if (last.parts.size() == 1 && last.parts[0].value > n.target->parts[0].value) {
      s.findings.push_back(row_finding(
          n.id, "target.below_last_year", Severity::kWarning, n.def_path + "/target",
          fmt::format("“{}”的指标值 {} 低于上年实际完成值 {}，指标值设置偏低", n.name,
                      n.target->parts[0].value.to_string(), last.parts[0].value.to_string()),
          fmt::format("the target {} of \"{}\" is below last year's actual {}: set too low",
                      n.target->parts[0].value.to_string(), n.name,
                      last.parts[0].value.to_string())));
    }
  }
}

// A self-assessment row carried from a monitoring form keeps the mid-year 全年预计完成值 beside
// the final actual: an actual short of that forecast needs a reason.
void check_forecast_shortfall(const Row& r, NodeScore& s) {
  const FormNode& n = r.node;
  const AnswerValue* a = r.answer;
  if (r.settings.monitoring || !a || !a->forecast || !a->actual || !a->reason.empty() ||
      !n.target || n.target->parts.empty())
    return;
  const Target forecast = parse_target(*a->forecast);
  const Target actual = parse_target(*a->actual);
  if (forecast.parts.empty() || actual.parts.empty()) return;
  const Decimal f = forecast.parts[0].value, v = actual.parts[0].value;
  const bool reverse = n.direction == Direction::kReverse;
  if (reverse ? v <= f : v >= f) return;
  s.findings.push_back(row_finding(
      n.id, "actual.short_of_forecast", Severity::kWarning, r.vpath + "/reason",
      fmt::format("“{}”的实际完成值 {} {}年中监控时预计的全年完成值 {}，未说明原因", n.name,
                  v.to_string(), reverse ? "高于" : "低于", f.to_string()),
      fmt::format("\"{}\" achieved {}, {} the full-year forecast {} made at mid-year, with no "
                  "reason given",
                  n.name, v.to_string(), reverse ? "above" : "short of", f.to_string())));
}

// A monitoring month: a whole number from 1 to 12 ("6" or "6月"); 0 when it is not one.
int parse_month(const std::string& text) {
  std::string t = text;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
  std::size_t start = t.find_first_not_of(" \t");
  t = start == std::string::npos ? "" : t.substr(start);
  const std::string suffix = "月";
  if (t.size() > suffix.size() && t.compare(t.size() - suffix.size(), suffix.size(), suffix) == 0)
    t.resize(t.size() - suffix.size());
  if (t.empty() || t.size() > 2) return 0;
  int m = 0;
  for (char c : t) {
    if (c < '0' || c > '9') return 0;
    m = m * 10 + (c - '0');
  }
  return m >= 1 && m <= 12 ? m : 0;
}

}  // namespace

Evaluator::Evaluator(const Form& form, const Answers& answers, const Declaration* declaration)
    : form_(form), answers_(answers), declaration_(declaration) {
  settings_.places = form.tmpl.places;
  settings_.rounding = form.tmpl.rounding;
  settings_.over_completion_factor = form.tmpl.over_completion_factor;
  settings_.year = answers.year.value_or(form.tmpl.year.value_or(0));
  settings_.project_end = answers.project_end.value_or("");
  if (settings_.project_end.empty() && settings_.year)
    settings_.project_end = fmt::format("{}-12-31", settings_.year);
  settings_.monitoring = form.tmpl.is_monitoring();
  if (const UnitField* m = form.tmpl.month_field())
    settings_.month = parse_month(answers.unit_text(m->id));
  for (std::size_t i = 0; i < form.nodes.size(); ++i) {
    const FormNode& n = form.nodes[i];
    if (n.is_leaf() && n.rule_impl && n.rule_impl->traits().compares_numbers && n.target &&
        !n.target->parts.empty())
      quantitative_leaves_.push_back(i);
  }
}

NodeScore Evaluator::score_leaf(std::size_t index) const {
  const FormNode& n = form_.nodes[index];
  NodeScore s;
  const AnswerValue* a = answer_for(answers_, n.id);
  const std::string vpath = json_pointer_append("/values", n.id);
  const Decimal w = n.weight.value_or(Decimal());
  if (n.rule_impl) {
    RuleInput in{n, w, a, n.rule.params, settings_, vpath};
    RuleOutput out = n.rule_impl->score(in);
    s.exact = out.score;
    s.findings = std::move(out.findings);
    s.detail = std::move(out.detail);
    s.actual_equals_target =
        std::binary_search(quantitative_leaves_.begin(), quantitative_leaves_.end(), index) &&
        s.detail.contains("actual") && s.detail.contains("target") &&
        s.detail["actual"] == s.detail["target"];
  }
  s.shown = s.exact.value_or(Decimal()).rounded(settings_.places, settings_.rounding);
  // A weight finer than the rounding (6.5 points, whole-point scores) must not print a
  // score above the weight; the template loader refuses such templates, project rows get this.
  if (s.shown > w && !n.penalty) s.shown = w.rounded(settings_.places, RoundingMode::kDown);
  if (a) {
    for (const auto& [field, text] : a->bad_integers) {
      s.findings.push_back(row_finding(
          n.id, "value.not_an_integer", Severity::kError, vpath + "/" + field,
          fmt::format("“{}”中填写的“{}”不是整数", n.name, text),
          fmt::format("\"{}\" entered for \"{}\" is not a whole number", text, n.name)));
    }
  }
  // The checks every row gets besides its rule's own.
  // A monitoring form, mid-year, asks for no completion dates or survey yet.
  for (auto check : {check_reason, check_timeliness, check_dates, check_survey,
                     check_reported_score, check_last_year, check_forecast_shortfall}) {
    if (settings_.monitoring && (check == check_timeliness || check == check_survey)) continue;
    check(Row{n, a, vpath, w, settings_}, s);
  }
  return s;
}

// Long on purpose: the budget block is scored as a row is (its rule, rounding) and then gets the
// block's own checks (an unknown rule, no reason below full marks, a reported score that differs,
// 其中 rows that do not add up to the total row), each with its own message.
std::optional<NodeScore> Evaluator::score_budget() const {
  if (!form_.tmpl.budget) return std::nullopt;
  const BudgetBlock& b = *form_.tmpl.budget;
  // The block's rule reads the 年度资金总额 row (全年预算数 and 全年执行数).
  AnswerValue value;
  auto it = answers_.budget_rows.find("total");
  if (it != answers_.budget_rows.end()) {
    value.budget = it->second.adjusted;
    value.executed = it->second.executed;
    value.forecast = it->second.forecast;
  }
  value.reason = answers_.budget_reason.value_or("");
  value.measures = answers_.budget_measures.value_or("");
  FormNode node;
  node.id = b.id;
  node.name = b.label;
  node.weight = b.weight;
  node.rule = b.rule;
  node.def_path = "/budget";
  const ScoringRule* rule = find_rule(b.rule.name);
  NodeScore s;
  if (!rule) {
    s.findings.push_back(row_finding(b.id, "rule.unknown", Severity::kError, "/budget/rule",
                                     fmt::format("预算执行率的评分规则“{}”不存在", b.rule.name),
                                     fmt::format("unknown budget rule \"{}\"", b.rule.name)));
    return s;
  }
  RuleInput in{node, b.weight, &value, b.rule.params, settings_, "/budget/rows/total"};
  // Field paths of the budget block: budget → adjusted.
  RuleOutput out = rule->score(in);
  for (auto& f : out.findings) {
    if (f.path == "/budget/rows/total/budget") f.path = "/budget/rows/total/adjusted";
    if (f.path == "/budget/rows/total/reason") f.path = "/budget/reason";
    if (f.path == "/budget/rows/total/measures") f.path = "/budget/measures";
  }
  s.exact = out.score;
  s.shown = s.exact.value_or(Decimal()).rounded(settings_.places, settings_.rounding);
  s.findings = std::move(out.findings);
  s.detail = std::move(out.detail);
  if (s.exact && s.shown < b.weight && answers_.budget_reason.value_or("").empty()) {
    s.findings.push_back(
        row_finding(b.id, "reason.missing_below_weight", Severity::kWarning, "/budget/reason",
                    fmt::format("预算执行率得分 {} 低于分值 {}，未说明原因",
                                s.shown.to_fixed(settings_.places), b.weight.to_string()),
                    fmt::format("the budget execution scores {} of {} with no reason given",
                                s.shown.to_fixed(settings_.places), b.weight.to_string())));
  }
  if (answers_.budget_reported_score && s.exact) {
    auto r = Decimal::parse(*answers_.budget_reported_score);
    if (!r || r->rounded(settings_.places, settings_.rounding) != s.shown) {
      s.findings.push_back(row_finding(
          b.id, "score.reported_mismatch", Severity::kWarning, "/budget/reported_score",
          fmt::format("填报的预算执行率得分 {} 与 分值×执行率 = {} 不符",
                      *answers_.budget_reported_score, s.shown.to_fixed(settings_.places)),
          fmt::format("the reported budget score {} is not weight × rate = {}",
                      *answers_.budget_reported_score, s.shown.to_fixed(settings_.places))));
    }
  }
  // The 其中 rows must add up to the total row.
  if (it != answers_.budget_rows.end()) {
    for (const char* col : {"adjusted", "executed"}) {
      auto pick = [&](const BudgetRowAnswer& r) {
        return std::string(col) == "adjusted" ? r.adjusted : r.executed;
      };
      auto total = pick(it->second) ? Decimal::parse(*pick(it->second)) : std::nullopt;
      Decimal sum;
      int parts = 0;
      for (const auto& [id, row] : answers_.budget_rows) {
        if (id == "total" || !pick(row)) continue;
        if (auto v = Decimal::parse(*pick(row))) {
          sum = Decimal::add(sum, *v).value_or(sum);
          ++parts;
        }
      }
      if (total && parts > 0 && sum != *total) {
        s.findings.push_back(
            row_finding(b.id, "budget.rows_do_not_add_up", Severity::kWarning,
                        std::string("/budget/rows/total/") + col,
                        fmt::format("资金来源各行的{}之和 {} 与年度资金总额 {} 不符",
                                    std::string(col) == "adjusted" ? "全年预算数" : "全年执行数",
                                    sum.to_string(), total->to_string()),
                        fmt::format("the funding rows' {} add up to {}, not the total {}",
                                    std::string(col) == "adjusted" ? "budgets" : "executed amounts",
                                    sum.to_string(), total->to_string())));
      }
    }
  }
  return s;
}

void Evaluator::aggregate(Evaluation& e) const {
  // Nodes are stored parents first, so a reverse sweep sums children before parents.
  for (std::size_t k = form_.nodes.size(); k-- > 0;) {
    const FormNode& n = form_.nodes[k];
    if (n.is_leaf()) continue;
    Decimal sum;
    for (std::size_t c : n.children) sum = Decimal::add(sum, e.nodes[c].shown).value_or(sum);
    e.nodes[k].shown = sum;
  }
  finish(e);
}

void Evaluator::propagate(Evaluation& e, std::size_t index) const {
  for (auto p = form_.nodes[index].parent; p; p = form_.nodes[*p].parent) {
    Decimal sum;
    for (std::size_t c : form_.nodes[*p].children)
      sum = Decimal::add(sum, e.nodes[c].shown).value_or(sum);
    e.nodes[*p].shown = sum;
  }
}

void Evaluator::finish(Evaluation& e) const {
  Decimal total = e.budget ? e.budget->shown : Decimal();
  for (std::size_t r : form_.roots) total = Decimal::add(total, e.nodes[r].shown).value_or(total);
  if (total.is_negative()) total = Decimal();
  e.total = total;
  e.grade = grade_for(form_.tmpl.grade_bands, total);
  e.outputs = json::object();
  for (const auto& o : form_.tmpl.outputs)
    if (const OutputRule* rule = find_output_rule(o.name))
      e.outputs[o.name] = rule->compute(total, o.params, settings_);
}

Findings Evaluator::form_checks(const Evaluation& e) const {
  Findings out = structure_checks();
  Findings values = value_checks(e);
  out.insert(out.end(), std::make_move_iterator(values.begin()),
             std::make_move_iterator(values.end()));
  return out;
}

Findings Evaluator::structure_checks() const {
  Findings out;
  const Template& t = form_.tmpl;
  if (!answers_.template_id.empty() && answers_.template_id != t.id) {
    out.push_back(Finding{"answers.template_mismatch", Severity::kError, "/template/id",
                          fmt::format("答卷属于模板“{}”，不是“{}”", answers_.template_id, t.id),
                          fmt::format("the answers are for template \"{}\", not \"{}\"",
                                      answers_.template_id, t.id)});
  }
  for (const auto& [id, v] : answers_.values) {
    if (!form_.by_id.count(id)) {
      out.push_back(Finding{
          "values.unknown_indicator", Severity::kWarning, json_pointer_append("/values", id),
          fmt::format("填写了不存在的指标“{}”的值", id),
          fmt::format("values are given for \"{}\", which is no indicator of this form", id)});
    }
  }
  // Reported targets must be the declared ones.
  if (declaration_) {
    std::vector<bool> seen(declaration_->targets.size(), false);
    for (const FormNode& n : form_.nodes) {
      if (!n.is_leaf() || n.target_text.empty()) continue;
      const DeclaredTarget* d = declaration_->find(n.id, n.name);
      if (!d) continue;
      seen[static_cast<std::size_t>(d - declaration_->targets.data())] = true;
      // Both read the same way, with the row's direction: a bare "100%" declared and reported
      // is one target however the row's direction was settled.
      const Target declared = parse_target(d->target, n.direction);
      const Target reported = parse_target(n.target_text, n.direction);
      if (n.target && !same_target(reported, declared)) {
        Finding f{
            "target.differs_from_declaration", Severity::kError, n.def_path + "/target",
            fmt::format("“{}”填报的指标值“{}”与申报表批复的“{}”不一致", n.name, n.target_text,
                        d->target),
            fmt::format("\"{}\" reports the target \"{}\", but the declaration approved \"{}\"",
                        n.name, n.target_text, d->target)};
        f.indicator = n.id;
        out.push_back(f);
      }
    }
    for (std::size_t i = 0; i < seen.size(); ++i) {
      if (seen[i]) continue;
      const auto& d = declaration_->targets[i];
      out.push_back(
          Finding{"indicator.declared_missing", Severity::kWarning, "/indicators",
                  fmt::format("申报表中的指标“{}”（{}）未在自评表中反映", d.name, d.target),
                  fmt::format("declared indicator \"{}\" ({}) is missing from the self-assessment",
                              d.name, d.target)});
    }
  }
  return out;
}

Findings Evaluator::value_checks(const Evaluation& e) const {
  Findings out;
  const Template& t = form_.tmpl;
  for (const auto& f : t.unit_fields) {
    auto it = answers_.unit.find(f.id);
    // The year field's value is the answers' year (an older file may hold it as a unit field).
    const bool given = f.type == "year" ? answers_.year.has_value() ||
                                              (it != answers_.unit.end() && !it->second.empty())
                                        : it != answers_.unit.end() && !it->second.empty();
    if (f.required && !given) {
      out.push_back(Finding{
          "unit.field_missing", Severity::kError, json_pointer_append("/unit", f.id),
          fmt::format("未填写“{}”", f.label),
          fmt::format("\"{}\" is not filled in", f.label_en.empty() ? f.label : f.label_en)});
    }
  }
  // A monitoring month is a whole number from 1 to 12 (时间进度 = N/12).
  if (const UnitField* m = t.month_field()) {
    const std::string given = answers_.unit_text(m->id);
    if (!given.empty() && settings_.month == 0)
      out.push_back(Finding{"monitoring.bad_month", Severity::kError,
                            json_pointer_append("/unit", m->id),
                            fmt::format("“{}”应为 1 至 12 的整数，填写的是“{}”", m->label, given),
                            fmt::format("\"{}\" must be a whole number from 1 to 12, not \"{}\"",
                                        m->label_en.empty() ? m->label : m->label_en, given)});
  }
  // A unit field the template does not have: whatever it says, no one reads it, and a
  // signature must not appear to vouch for it.
  for (const auto& [id, value] : answers_.unit) {
    bool known = false;
    for (const auto& f : t.unit_fields) known = known || f.id == id;
    if (!known)
      out.push_back(
          Finding{"unit.unknown_field", Severity::kError, json_pointer_append("/unit", id),
                  fmt::format("单位信息中有模板没有的字段“{}”", id),
                  fmt::format("the unit block holds a field this form does not have: \"{}\"", id)});
  }
  // The actual copied from the target, row after row.
  std::vector<std::string> equal_rows;
  const std::size_t quantitative = quantitative_leaves_.size();
  for (std::size_t i : quantitative_leaves_)
    if (e.nodes[i].actual_equals_target) equal_rows.push_back(form_.nodes[i].name);
  if (equal_rows.size() >= 3 && equal_rows.size() * 2 > quantitative) {
    std::string names;
    for (const auto& r : equal_rows) names += (names.empty() ? "" : "、") + r;
    out.push_back(Finding{
        "actual.equals_target_most_rows", Severity::kWarning, "/values",
        fmt::format("{} 个定量指标中有 {} 个实际完成值与指标值完全相同（{}），疑似照抄指标值",
                    quantitative, equal_rows.size(), names),
        fmt::format("{} of {} quantitative indicators report exactly their target ({}): "
                    "the actuals look copied from the targets",
                    equal_rows.size(), quantitative, names)});
  }
  if (answers_.reported_total) {
    auto r = Decimal::parse(*answers_.reported_total);
    if (!r || r->rounded(settings_.places, settings_.rounding) != e.total) {
      out.push_back(
          Finding{"total.reported_mismatch", Severity::kWarning, "/reported_total",
                  fmt::format("填报的总分 {} 与各项得分之和 {} 不符", *answers_.reported_total,
                              e.total.to_fixed(settings_.places)),
                  fmt::format("the reported total {} is not the sum of the scores, {}",
                              *answers_.reported_total, e.total.to_fixed(settings_.places))});
    }
  }
  return out;
}

Evaluation Evaluator::score_all() const {
  Evaluation e;
  e.month = settings_.month;
  e.nodes.resize(form_.nodes.size());
  for (std::size_t i = 0; i < form_.nodes.size(); ++i)
    if (form_.nodes[i].is_leaf()) e.nodes[i] = score_leaf(i);
  e.budget = score_budget();
  aggregate(e);
  return e;
}

Evaluation Evaluator::evaluate() const {
  Evaluation e = score_all();
  e.form_findings = form_checks(e);
  return e;
}

FindingCounts count_findings(const Form& form, const Evaluation& e) {
  FindingCounts c;
  c.add(form.findings);
  if (e.budget) c.add(e.budget->findings);
  for (const auto& n : e.nodes) c.add(n.findings);
  c.add(e.form_findings);
  return c;
}

Findings all_findings(const Form& form, const Evaluation& e) {
  Findings out = form.findings;
  if (e.budget) out.insert(out.end(), e.budget->findings.begin(), e.budget->findings.end());
  for (const auto& n : e.nodes) out.insert(out.end(), n.findings.begin(), n.findings.end());
  out.insert(out.end(), e.form_findings.begin(), e.form_findings.end());
  return out;
}

}  // namespace selfeval
