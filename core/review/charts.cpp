#include "review/charts.hpp"

#include <algorithm>
#include <map>

#include "base/decimal.hpp"

namespace selfeval {
namespace {
using json = nlohmann::json;

struct Known {
  const char* code;
  KindLabel label;
};
constexpr Known kKinds[] = {
    {"actual.not_numeric", {"实际完成值无数字", "actual without a number"}},
    {"actual.equals_target_most_rows", {"完成值照抄指标值", "actuals copied from targets"}},
    {"actual.has_comparator", {"完成值带比较符（照抄）", "actual with a comparator"}},
    {"actual.missing", {"未填实际完成值", "actual missing"}},
    {"actual.placeholder", {"完成值为占位符", "placeholder actual"}},
    {"actual.unit_differs", {"完成值单位不符", "actual in another unit"}},
    {"target.differs_from_declaration", {"指标值与申报不符", "target differs from declaration"}},
    {"indicator.declared_missing", {"缺少申报指标", "declared indicator missing"}},
    {"reason.missing_below_weight", {"未达标未说明原因", "shortfall without a reason"}},
    {"reason.missing_over_completion", {"超额完成未说明", "over-completion unexplained"}},
    {"reason.contradicts_score", {"原因与得分矛盾", "reason contradicts score"}},
    {"timeliness.dates_missing", {"时效指标缺日期", "timeliness dates missing"}},
    {"timeliness.after_project_end", {"完成晚于项目结束", "after project end"}},
    {"timeliness.late", {"逾期完成", "late"}},
    {"satisfaction.survey_missing", {"满意度无调查", "no satisfaction survey"}},
    {"target.direction_conflict", {"指标方向矛盾", "direction conflict"}},
    {"target.percent_over_100", {"百分比超过100%", "percentage over 100%"}},
    {"target.below_last_year", {"指标低于上年", "target below last year"}},
    {"target.missing_unit", {"指标值缺单位", "target without unit"}},
    {"score.reported_mismatch", {"自报得分与计算不符", "reported score differs"}},
    {"total.reported_mismatch", {"自报总分与计算不符", "reported total differs"}},
    {"budget.rows_do_not_add_up", {"预算各行合计不符", "budget rows do not add up"}},
    {"budget.executed_over_budget", {"执行数超预算", "executed over budget"}},
    {"budget.zero_budget", {"预算为零", "zero budget"}},
    {"weights.mismatch", {"分值合计不符", "weights do not add up"}},
    {"weights.total_mismatch", {"总分值不符", "total weight mismatch"}},
    {"qualitative.score_outside_tier", {"定性得分超出档次", "score outside its tier"}},
    {"category.missing_first_level", {"缺一级指标", "first-level category empty"}},
    {"score.above_weight", {"得分超过分值", "score above weight"}},
    {"expert.reason_missing", {"扣分未说明原因", "deduction without reason"}},
    {"unit.field_missing", {"表头信息未填", "header field missing"}},
};
}  // namespace

KindLabel finding_kind_label(const std::string& code) {
  for (const auto& k : kKinds)
    if (code == k.code) return k.label;
  return {nullptr, nullptr};
}

json chart_data(const std::vector<Verdict>& verdicts, const RiskThresholds& t) {
  std::map<std::string, int> grades;
  std::vector<std::string> grade_order;
  const std::int64_t width = 10;
  std::int64_t top = 100;
  std::vector<std::int64_t> totals;
  json scatter = json::array();
  std::map<std::string, std::pair<int, int>> kinds;  // code → (count, files)
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    const Verdict& v = verdicts[i];
    if (v.status != VerifyStatus::kPassed) continue;
    const std::string g = v.grade.value_or("—");
    if (!grades.count(g)) grade_order.push_back(g);
    ++grades[g];
    if (v.full_marks)
      if (auto f = Decimal::parse(*v.full_marks)) top = std::max(top, f->micros() / Decimal::kOne);
    if (v.total)
      if (auto tt = Decimal::parse(*v.total)) {
        totals.push_back(tt->micros());
        if (v.execution_rate) {
          const auto flags = risk_flags(v, t);
          scatter.push_back({{"index", i},
                             {"rate", *v.execution_rate},
                             {"total", *v.total},
                             {"grade", g},
                             {"flagged", std::find(flags.begin(), flags.end(),
                                                   "excellent_low_execution") != flags.end()}});
        }
      }
    std::map<std::string, int> mine;
    for (const auto& f : v.form_findings) ++mine[f.code];
    for (const auto& [code, n] : mine) {
      kinds[code].first += n;
      kinds[code].second += 1;
    }
  }
  // Grades in the order 优 良 中 差, then any other band names as met.
  json grades_out = json::array();
  for (const char* g : {"优", "良", "中", "差"})
    if (grades.count(g)) grades_out.push_back({{"grade", g}, {"count", grades[g]}});
  for (const auto& g : grade_order)
    if (g != "优" && g != "良" && g != "中" && g != "差")
      grades_out.push_back({{"grade", g}, {"count", grades[g]}});
  const std::int64_t nbins = (top + width - 1) / width;
  std::vector<int> bins(static_cast<std::size_t>(nbins), 0);
  for (std::int64_t m : totals) {
    std::int64_t b = m / (width * Decimal::kOne);
    b = std::clamp<std::int64_t>(b, 0, nbins - 1);
    ++bins[static_cast<std::size_t>(b)];
  }
  json bins_out = json::array();
  for (std::int64_t b = 0; b < nbins; ++b)
    bins_out.push_back({{"from", b * width},
                        {"to", std::min(top, (b + 1) * width)},
                        {"count", bins[static_cast<std::size_t>(b)]}});
  std::vector<std::pair<std::string, std::pair<int, int>>> ranked(kinds.begin(), kinds.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  if (ranked.size() > 15) ranked.resize(15);
  json kinds_out = json::array();
  for (const auto& [code, n] : ranked) {
    const KindLabel l = finding_kind_label(code);
    kinds_out.push_back({{"code", code},
                         {"zh", l.zh ? l.zh : code},
                         {"en", l.en ? l.en : code},
                         {"count", n.first},
                         {"files", n.second}});
  }
  return json{{"grades", grades_out},
              {"histogram", {{"width", width}, {"max", top}, {"bins", bins_out}}},
              {"scatter", scatter},
              {"kinds", kinds_out}};
}

}  // namespace selfeval
