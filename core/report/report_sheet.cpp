#include "report/report_sheet.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "base/decimal.hpp"
#include "base/finding.hpp"
#include "base/json_access.hpp"
#include "base/utf8.hpp"
#include "spreadsheet/csv.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;
using spreadsheet::Cell;
using spreadsheet::CellRole;

// Text of a JSON scalar as the user typed it ("" for anything else).
std::string scalar_text(const json* v) {
  if (!v) return "";
  if (v->is_string()) return v->get<std::string>();
  if (v->is_number()) return v->dump();
  return "";
}

// obj[key], or an empty array when absent: a reference that outlives the call.
const json& member(const json& obj, const char* key) {
  static const json empty = json::array();
  if (!obj.is_object()) return empty;
  auto it = obj.find(key);
  return it == obj.end() ? empty : *it;
}

const json* find(const json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() || it->is_null() ? nullptr : &*it;
}

class Layout {
 public:
  explicit Layout(int columns) : columns_(columns) {}

  void text(int row, int col, const std::string& t, CellRole role, int cols = 1, int rows = 1) {
    put(row, col, Cell{t, Cell::Kind::kText, -1, role}, cols, rows);
  }
  // A number cell when `t` is a decimal, text otherwise (a typed "约14万" stays text).
  void number(int row, int col, const std::string& t, int places, CellRole role = CellRole::kBody,
              int cols = 1, int rows = 1) {
    bool is_number = !t.empty() && Decimal::parse(t).has_value();
    put(row, col,
        Cell{t, is_number ? Cell::Kind::kNumber : Cell::Kind::kText, is_number ? places : -1, role},
        cols, rows);
  }
  // An answer shown as typed: remembered so an edited cell can be read back.
  void answer(int row, int col, const std::string& pointer, const json* v, int cols = 1,
              int rows = 1, int places = -1) {
    if (v && v->is_number())
      number(row, col, v->dump(), places, CellRole::kBody, cols, rows);
    else if (places >= 0)
      number(row, col, scalar_text(v), places, CellRole::kBody, cols, rows);
    else
      text(row, col, scalar_text(v), CellRole::kBody, cols, rows);
    out_.shown_at[pointer] = {row, col};
  }
  // An answer that is a number when it reads as one (a weight typed as "15"), so a SUM in
  // Excel counts it; text otherwise. Remembered like any answer.
  void answer_number(int row, int col, const std::string& pointer, const json* v) {
    number(row, col, scalar_text(v), -1);
    out_.shown_at[pointer] = {row, col};
  }
  // A fraction shown as a percentage with `places` decimals (0.86 → 86.00%).
  void percent(int row, int col, const std::string& fraction, int places, int cols = 1,
               int rows = 1) {
    if (fraction.empty() || !Decimal::parse(fraction)) {
      text(row, col, fraction, CellRole::kBody, cols, rows);
      return;
    }
    Cell c{fraction, Cell::Kind::kNumber, places, CellRole::kBody};
    c.percent = true;
    put(row, col, std::move(c), cols, rows);
  }
  // A full-width row of plain text (no borders).
  void band(int row, const std::string& t, CellRole role) { text(row, 0, t, role, columns_); }

  ReportSheet& out() { return out_; }

 private:
  void put(int row, int col, Cell c, int cols, int rows) {
    // Every cell of a bordered range exists, so borders are drawn around merged areas.
    for (int r = row; r < row + rows; ++r)
      for (int k = col; k < col + cols; ++k)
        out_.sheet.cells[{r, k}] = Cell{"", Cell::Kind::kText, -1, c.role};
    out_.sheet.cells[{row, col}] = std::move(c);
    if (cols > 1 || rows > 1) out_.sheet.merges.push_back({row, col, rows, cols});
  }
  int columns_;
  ReportSheet out_;
};

// Rows whose text wraps get the height that shows all of it when the workbook is opened
// (Excel and LibreOffice do not grow a row for wrapped text written by another program).
// Width in Excel's units (a digit ≈ 1, a 汉字 ≈ 2) over the columns a cell spans.
void fit_row_heights(spreadsheet::Sheet& sheet) {
  constexpr double kLinePoints = 15.0;
  std::map<std::pair<int, int>, std::pair<int, int>> spans;  // top-left → (rows, cols)
  for (const auto& m : sheet.merges) spans[{m.row, m.col}] = {m.rows, m.cols};
  std::map<int, int> lines;
  for (const auto& [rc, cell] : sheet.cells) {
    if (cell.text.empty() || cell.role == CellRole::kTitle) continue;
    auto span = spans.count(rc) ? spans[rc] : std::make_pair(1, 1);
    if (span.first > 1) continue;  // a cell over several rows has their height
    double width = 0;
    for (int c = rc.second; c < rc.second + span.second; ++c)
      width += c < static_cast<int>(sheet.widths.size()) ? sheet.widths[static_cast<std::size_t>(c)]
                                                         : 8.43;
    width = std::max(1.0, width - 1);  // the cell's padding
    int n = 0;
    double run = 0;
    for (char32_t ch : utf8_decode(cell.text).value_or(U"")) {
      if (ch == U'\n') {
        n += std::max(1, static_cast<int>(std::ceil(run / width)));
        run = 0;
        continue;
      }
      run += ch < 0x1100 ? 1.0 : 2.0;
    }
    n += std::max(1, static_cast<int>(std::ceil(run / width)));
    lines[rc.first] = std::max(lines[rc.first], n);
  }
  for (const auto& [row, n] : lines)
    if (n > 1)
      sheet.heights[row] = std::min(409.0, n * kLinePoints);  // 409 pt: Excel's largest row
}

}  // namespace

namespace {

// Lays out one form, section by section, top to bottom.
class SheetBuilder {
 public:
  SheetBuilder(const json& desc, const json& result, const json& answers)
      : desc_(desc),
        result_(result),
        answers_(answers),
        tmpl_(desc.at("template")),
        places_(tmpl_.value("places", 2)),
        levels_(level_names(tmpl_)),
        L(static_cast<int>(levels_.size())),
        standards_(has_standards(desc)),
        review_(json_str(tmpl_, "kind") == "verification"),
        monitoring_(json_str(tmpl_, "kind") == "monitoring"),
        plan_(column_plan(review_, monitoring_, standards_)),
        V(L + static_cast<int>(plan_.size())),
        lay_(V) {
    auto& sheet = lay_.out().sheet;
    sheet.name = "自评表";
    for (int i = 0; i < L; ++i) sheet.widths.push_back(12);
    if (monitoring_) sheet.name = "监控表";
    for (Col c : plan_) sheet.widths.push_back(column_width(c, review_, monitoring_));
    for (const auto& f : member(desc, "closing_fields"))
      if (f.is_string()) closing_.push_back(f.get<std::string>());
  }

  ReportSheet build() {
    title_and_header();
    if (monitoring_)
      budget_progress();
    else
      budget();
    goals();
    indicator_table();
    if (monitoring_)
      lights_and_closing();
    else
      totals_and_closing();
    fit_row_heights(lay_.out().sheet);
    return std::move(lay_.out());
  }

 private:
  // The columns after the level columns. A reviewer's sheet prints as seed 004's 核查评分意见表:
  // 权重, 评分说明, the figure checked, 专家评分, 合计 (each 一级 item's subtotal), 扣分原因; the
  // others as their official forms: 指标值, 实际完成值, 分值, [评分标准], 得分, 偏差原因.
  // A monitoring form: 年度指标值, 1–N月实际完成值, 全年预计完成值, 亮灯, 完成可能性, 偏差原因类别,
  // 原因说明, 纠偏措施 (no scores).
  enum class Col {
    kTarget,
    kActual,
    kWeight,
    kStandard,
    kScore,
    kSubtotal,
    kReason,
    kForecast,
    kLight,
    kLikelihood,
    kReasonCategory,
    kMeasures
  };
  static std::vector<Col> column_plan(bool review, bool monitoring, bool standards) {
    if (monitoring)
      return {Col::kTarget,     Col::kActual,         Col::kForecast, Col::kLight,
              Col::kLikelihood, Col::kReasonCategory, Col::kReason,   Col::kMeasures};
    std::vector<Col> plan = review ? std::vector<Col>{Col::kWeight, Col::kStandard, Col::kActual,
                                                      Col::kScore,  Col::kSubtotal, Col::kReason}
                                   : std::vector<Col>{Col::kTarget,   Col::kActual, Col::kWeight,
                                                      Col::kStandard, Col::kScore,  Col::kReason};
    if (!standards) plan.erase(std::find(plan.begin(), plan.end(), Col::kStandard));
    return plan;
  }
  static double column_width(Col c, bool review, bool monitoring) {
    if (monitoring) {
      switch (c) {
        case Col::kTarget:
        case Col::kActual:
          return 16;
        case Col::kForecast:
          return 14;
        case Col::kLight:
          return 8;
        case Col::kReason:
        case Col::kMeasures:
          return 24;
        default:
          return 10;
      }
    }
    switch (c) {
      case Col::kTarget:
        return 18;
      case Col::kActual:
        return review ? 10 : 18;
      case Col::kStandard:
        return 36;
      case Col::kReason:
        return 30;
      default:
        return 8;
    }
  }
  // The column's index, or -1 when this form has none.
  int at(Col c) const {
    auto it = std::find(plan_.begin(), plan_.end(), c);
    return it == plan_.end() ? -1 : L + static_cast<int>(it - plan_.begin());
  }
  bool under_table(const std::string& field) const {
    return std::find(closing_.begin(), closing_.end(), field) != closing_.end();
  }

  static std::vector<std::string> level_names(const json& tmpl) {
    std::vector<std::string> out;
    for (const auto& l : tmpl.value("levels", json::array())) out.push_back(l.get<std::string>());
    if (out.empty()) out = {"指标"};
    return out;
  }
  // Forms whose items carry a scoring standard (the policy system, the verification sheet,
  // the department form) print it beside the weight, where the rater reads it.
  static bool has_standards(const json& desc) {
    for (const auto& n : member(desc, "nodes"))
      if (!json_str(n, "scoring_standard").empty()) return true;
    return false;
  }

  // The title with the year, then the unit header: two label/value pairs per row.
  void title_and_header() {
    const json* year = find(answers_, "year");
    // A monitoring form says the months it covers: 2022年度项目绩效运行监控表（1–6月）.
    std::string months;
    if (monitoring_ && result_.contains("month") && result_["month"].is_number_integer())
      months = "（1–" + std::to_string(result_["month"].get<int>()) + "月）";
    lay_.band(
        row_++,
        (year ? scalar_text(year) + "年度" : std::string()) + json_str(tmpl_, "name") + months,
        CellRole::kTitle);
    const int half = V / 2;
    const json& unit = answers_.contains("unit") && answers_["unit"].is_object() ? answers_["unit"]
                                                                                 : json::object();
    int slot = 0;
    for (const auto& f : desc_.value("unit_fields", json::array())) {
      const std::string id = json_str(f, "id");
      if (under_table(id)) continue;  // printed under the table
      int start = slot == 0 ? 0 : half, span = slot == 0 ? half : V - half;
      lay_.text(row_, start, json_str(f, "label"), CellRole::kHead);
      // The year field shows the answers' one reporting year.
      if (json_str(f, "type") == "year")
        lay_.answer(row_, start + 1, "/year", year, span - 1);
      else
        lay_.answer(row_, start + 1, json_pointer_append("/unit", id), find(unit, id.c_str()),
                    span - 1);
      if (++slot == 2) {
        slot = 0;
        ++row_;
      }
    }
    if (slot == 1) {
      lay_.text(row_, half, "", CellRole::kBody, V - half);
      ++row_;
    }
  }

  // Budget block: label columns, then 年初预算数 全年预算数 全年执行数 分值 执行率 得分.
  void budget() {
    if (!desc_.contains("budget") || !desc_["budget"].is_object()) return;
    const json& b = desc_["budget"];
    const json& rb = result_.contains("budget") && result_["budget"].is_object() ? result_["budget"]
                                                                                 : json::object();
    const json* brows = answers_.contains("budget") ? find(answers_["budget"], "rows") : nullptr;
    const int lw = V - 6;
    lay_.text(row_, 0, "项目资金（" + json_str(b, "money_unit") + "）", CellRole::kHead, lw);
    const char* heads[] = {"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"};
    for (int i = 0; i < 6; ++i) lay_.text(row_, lw + i, heads[i], CellRole::kHead);
    ++row_;
    const int first = row_;
    const int n = static_cast<int>(b.value("rows", json::array()).size());
    for (const auto& r : b["rows"]) {
      const std::string id = json_str(r, "id");
      const json* vals = brows ? find(*brows, id.c_str()) : nullptr;
      lay_.text(row_, 0, json_str(r, "label"), CellRole::kBody, lw);
      const char* cols[] = {"initial", "adjusted", "executed"};
      for (int i = 0; i < 3; ++i)
        lay_.answer(row_, lw + i,
                    json_pointer_append(json_pointer_append("/budget/rows", id), cols[i]),
                    vals ? find(*vals, cols[i]) : nullptr, 1, 1, 2);
      ++row_;
    }
    if (n > 0) {
      const json& detail = rb.contains("detail") ? rb["detail"] : json::object();
      lay_.number(first, lw + 3, json_str(b, "weight"), -1, CellRole::kBody, 1, n);
      lay_.percent(first, lw + 4, json_str(detail, "rate"), 2, 1, n);
      lay_.number(first, lw + 5, json_str(rb, "score"), places_, CellRole::kBody, 1, n);
    }
    lay_.text(row_, 0, "偏差原因", CellRole::kHead, lw);
    lay_.answer(row_, lw, "/budget/reason",
                answers_.contains("budget") ? find(answers_["budget"], "reason") : nullptr, 6);
    ++row_;
  }

  // A monitoring form's budget block: 年初预算数 全年预算数 1–N月执行数 全年预计执行数, then the
  // core's 1–N月执行率, 预计执行率 and the 时间进度 they are compared with; 偏差原因, 纠偏措施.
  void budget_progress() {
    if (!desc_.contains("budget") || !desc_["budget"].is_object()) return;
    const json& b = desc_["budget"];
    const json& rb = result_.contains("budget") && result_["budget"].is_object() ? result_["budget"]
                                                                                 : json::object();
    const json* brows = answers_.contains("budget") ? find(answers_["budget"], "rows") : nullptr;
    const int lw = V - 7;
    lay_.text(row_, 0, "预算执行情况（" + json_str(b, "money_unit") + "）", CellRole::kHead, lw);
    const char* heads[] = {"年初预算数",  "全年预算数", "1–N月执行数", "全年预计执行数",
                           "1–N月执行率", "预计执行率", "时间进度"};
    for (int i = 0; i < 7; ++i) lay_.text(row_, lw + i, heads[i], CellRole::kHead);
    ++row_;
    const int first = row_;
    const int n = static_cast<int>(b.value("rows", json::array()).size());
    for (const auto& r : b["rows"]) {
      const std::string id = json_str(r, "id");
      const json* vals = brows ? find(*brows, id.c_str()) : nullptr;
      lay_.text(row_, 0, json_str(r, "label"), CellRole::kBody, lw);
      const char* cols[] = {"initial", "adjusted", "executed", "forecast"};
      for (int i = 0; i < 4; ++i)
        lay_.answer(row_, lw + i,
                    json_pointer_append(json_pointer_append("/budget/rows", id), cols[i]),
                    vals ? find(*vals, cols[i]) : nullptr, 1, 1, 2);
      ++row_;
    }
    if (n > 0) {
      const json& detail = rb.contains("detail") ? rb["detail"] : json::object();
      const char* shown[] = {"rate_to_date_percent", "forecast_rate_percent",
                             "time_progress_percent"};
      for (int i = 0; i < 3; ++i)
        lay_.text(first, lw + 4 + i, json_str(detail, shown[i]), CellRole::kBody, 1, n);
    }
    const json* ans_budget = answers_.contains("budget") ? &answers_["budget"] : nullptr;
    lay_.text(row_, 0, "偏差原因", CellRole::kHead, lw);
    lay_.answer(row_, lw, "/budget/reason", ans_budget ? find(*ans_budget, "reason") : nullptr, 7);
    ++row_;
    lay_.text(row_, 0, "纠偏措施", CellRole::kHead, lw);
    lay_.answer(row_, lw, "/budget/measures", ans_budget ? find(*ans_budget, "measures") : nullptr,
                7);
    ++row_;
  }

  // 年度总体目标: 预期目标 | 实际完成情况.
  void goals() {
    if (json_str(tmpl_, "kind") != "self_assessment") return;
    const json& goals = answers_.contains("goals") ? answers_["goals"] : json::object();
    const int split = L + 2;
    lay_.text(row_, 0, "年度总体目标", CellRole::kHead, 1, 2);
    lay_.text(row_, 1, "预期目标", CellRole::kHead, split - 1);
    lay_.text(row_, split, "实际完成情况", CellRole::kHead, V - split);
    ++row_;
    lay_.answer(row_, 1, "/goals/expected", find(goals, "expected"), split - 1);
    lay_.answer(row_, split, "/goals/actual", find(goals, "actual"), V - split);
    ++row_;
  }

  // The indicator table: its header row (repeated on every page) and the tree.
  void indicator_table() {
    lay_.out().table_head_row = row_;
    lay_.out().sheet.repeat_rows = std::make_pair(row_, row_);
    for (int i = 0; i < L; ++i)
      lay_.text(row_, i, levels_[static_cast<std::size_t>(i)], CellRole::kHead);
    // The column names each official form uses.
    const bool policy = json_str(tmpl_, "kind") == "policy";
    auto head = [&](Col c) -> const char* {
      switch (c) {
        case Col::kTarget:
          return policy ? "指标值" : "年度指标值";
        case Col::kActual:
          return review_ ? "核查数据" : monitoring_ ? "1–N月实际完成值" : "实际完成值";
        case Col::kWeight:
          return review_ || policy ? "权重" : "分值";
        case Col::kStandard:
          return review_ ? "评分说明" : "评分标准";
        case Col::kScore:
          return review_ ? "专家评分" : "得分";
        case Col::kSubtotal:
          return "合计";
        case Col::kForecast:
          return "全年预计完成值";
        case Col::kLight:
          return "亮灯";
        case Col::kLikelihood:
          return "完成可能性";
        case Col::kReasonCategory:
          return "偏差原因类别";
        case Col::kMeasures:
          return "纠偏措施";
        case Col::kReason:
          return review_       ? "扣分原因"
                 : monitoring_ ? "原因说明"
                 : policy      ? "评分依据"
                               : "偏差原因分析及改进措施";
      }
      return "";
    };
    for (Col c : plan_) lay_.text(row_, at(c), head(c), CellRole::kHead);
    ++row_;
    for (const auto& s : member(result_, "sections")) sections_[json_str(s, "id")] = &s;
    for (const auto& n : member(desc_, "nodes")) nodes_[json_str(n, "id")] = &n;
    for (const auto& r : member(result_, "indicators")) scored_[json_str(r, "id")] = &r;
    if (answers_.contains("indicators") && answers_["indicators"].is_array())
      for (std::size_t i = 0; i < answers_["indicators"].size(); ++i)
        project_index_[json_str(answers_["indicators"][i], "id")] = static_cast<int>(i);
    for (const auto& n : member(desc_, "nodes"))
      if (n["parent"].is_null()) emit(n, 0);
  }

  int leaves(const json& n) {
    if (n.value("leaf", false)) return 1;
    int c = 0;
    for (const auto& id : n["children"])
      c += nodes_.count(id.get<std::string>()) ? leaves(*nodes_[id.get<std::string>()]) : 0;
    return c;
  }

  void emit(const json& n, int depth) {
    const int span = leaves(n);
    if (span == 0) return;
    const int col = std::min(depth, L - 1);
    if (n.value("leaf", false)) {
      leaf_row(n, col);
      return;
    }
    // 一级 categories carry their weight as the official forms print it: the self-assessment
    // out of 100 as a share, 产出指标（50%）; reviewers' sheets and the rest in points,
    // 工作质量（8分）.
    std::string name = json_str(n, "name");
    const bool share =
        json_str(tmpl_, "kind") == "self_assessment" && json_str(tmpl_, "total") == "100";
    if (depth == 0 && n.contains("weight") && n["weight"].is_string())
      name += "（" + n["weight"].get<std::string>() + (share ? "%" : "分") + "）";
    lay_.text(row_, col, name, CellRole::kBody, 1, span);
    // 合计: the 一级 item's subtotal beside all its rows.
    if (depth == 0 && at(Col::kSubtotal) >= 0) {
      auto s = sections_.find(json_str(n, "id"));
      lay_.number(row_, at(Col::kSubtotal),
                  s == sections_.end() ? "" : json_str(*s->second, "score"), places_,
                  CellRole::kBody, 1, span);
    }
    for (const auto& c : n["children"])
      if (nodes_.count(c.get<std::string>())) emit(*nodes_[c.get<std::string>()], depth + 1);
  }

  // One indicator's row; a leaf above the last level takes the remaining level columns.
  void leaf_row(const json& n, int col) {
    const std::string id = json_str(n, "id");
    const int cols = L - col;
    const json& values = answers_.contains("values") && answers_["values"].is_object()
                             ? answers_["values"]
                             : json::object();
    const json* v = find(values, id.c_str());
    const json empty = json::object();
    const json& val = v ? *v : empty;
    const std::string vp = json_pointer_append("/values", id) + "/";
    auto pi = project_index_.find(id);
    if (pi != project_index_.end()) {
      const std::string dp = "/indicators/" + std::to_string(pi->second) + "/";
      const json& def = answers_["indicators"][static_cast<std::size_t>(pi->second)];
      lay_.answer(row_, col, dp + "name", find(def, "name"), cols);
      if (at(Col::kTarget) >= 0)
        lay_.answer(row_, at(Col::kTarget), dp + "target", find(def, "target"));
      if (at(Col::kWeight) >= 0)
        lay_.answer_number(row_, at(Col::kWeight), dp + "weight", find(def, "weight"));
    } else {
      lay_.text(row_, col, json_str(n, "name"), CellRole::kBody, cols);
      if (at(Col::kTarget) >= 0)
        lay_.text(row_, at(Col::kTarget), json_str(n, "target"), CellRole::kBody);
      if (at(Col::kWeight) >= 0) lay_.number(row_, at(Col::kWeight), json_str(n, "weight"), -1);
    }
    actual_cell(n, val, vp);
    const json* r = scored_.count(id) ? scored_[id] : nullptr;
    if (monitoring_) {
      // The light in words (红灯 …), then what the unit wrote about it.
      const json* detail = r ? find(*r, "detail") : nullptr;
      lay_.answer(row_, at(Col::kForecast), vp + "forecast", find(val, "forecast"));
      lay_.text(row_, at(Col::kLight), detail ? json_str(*detail, "light_zh") : "",
                CellRole::kBody);
      lay_.answer(row_, at(Col::kLikelihood), vp + "likelihood", find(val, "likelihood"));
      lay_.answer(row_, at(Col::kReasonCategory), vp + "reason_category",
                  find(val, "reason_category"));
      lay_.answer(row_, at(Col::kReason), vp + "reason", find(val, "reason"));
      lay_.answer(row_, at(Col::kMeasures), vp + "measures", find(val, "measures"));
      ++row_;
      return;
    }
    const std::string score = r ? json_str(*r, "score") : "";
    const json* entered = find(val, "score");
    auto same = [](const std::string& a, const std::string& b) {
      auto x = Decimal::parse(a), y = Decimal::parse(b);
      return x && y && *x == *y;
    };
    if (standards_)
      lay_.text(row_, at(Col::kStandard), json_str(n, "scoring_standard"), CellRole::kBody);
    if (entered && same(scalar_text(entered), score))
      lay_.answer(row_, at(Col::kScore), vp + "score", entered, 1, 1, places_);
    else
      lay_.number(row_, at(Col::kScore), score, places_);
    // A 一级 item that is itself scored is its own subtotal.
    if (col == 0 && at(Col::kSubtotal) >= 0) lay_.number(row_, at(Col::kSubtotal), score, places_);
    lay_.answer(row_, at(Col::kReason), vp + "reason", find(val, "reason"));
    ++row_;
  }

  // 实际完成值: the actual as typed, else the field the rule asks for instead.
  void actual_cell(const json& n, const json& val, const std::string& vp) {
    for (const char* f : {"actual", "tier", "actual_date", "occurrences"}) {
      if (find(val, f)) {
        lay_.answer(row_, at(Col::kActual), vp + f, find(val, f));
        return;
      }
    }
    std::string label;
    if (const json* choice = find(val, "choice"))
      for (const auto& o : n.value("options", json::array()))
        if (json_str(o, "id") == scalar_text(choice)) label = json_str(o, "label");
    lay_.text(row_, at(Col::kActual), label, CellRole::kBody);
  }

  // 总分 (合计 on a reviewer's sheet) and 评价等级, then the closing.
  void totals_and_closing() {
    const int weight = at(Col::kWeight);
    lay_.text(row_, 0, review_ ? "合计" : "总分", CellRole::kHead, weight);
    for (Col c : plan_) {
      if (c == Col::kWeight)
        lay_.number(row_, at(c), json_str(result_, "full_marks"), -1);
      else if (c == Col::kScore || c == Col::kSubtotal)
        lay_.number(row_, at(c), c == Col::kScore ? json_str(result_, "total") : "", places_);
      else if (at(c) > weight)
        lay_.text(row_, at(c), "", CellRole::kBody);
    }
    ++row_;
    lay_.text(row_, 0, "评价等级", CellRole::kHead, weight);
    lay_.text(row_, weight, json_str(result_, "grade"), CellRole::kBody, V - weight);
    ++row_;
    closing();
  }

  // A monitoring form's closing: the rows by light (the core's counts), then as any form.
  void lights_and_closing() {
    const json& c = result_.contains("lights") ? result_["lights"] : json::object();
    std::string line;
    for (const auto& [k, zh] : {std::pair<const char*, const char*>{"red", "红灯"},
                                {"yellow", "黄灯"},
                                {"green", "绿灯"},
                                {"blue", "蓝灯"}})
      line += std::string(line.empty() ? "" : "　") + zh + " " +
              (c.contains(k) ? c[k].dump() : std::string("0")) + " 项";
    lay_.text(row_, 0, "亮灯情况", CellRole::kHead, L);
    lay_.text(row_, L, line, CellRole::kBody, V - L);
    ++row_;
    closing();
  }

  // 存在问题 (评价意见), 改进措施, the header fields printed under the table, then the signature
  // and stamp area without borders.
  void closing() {
    lay_.text(row_, 0, review_ ? "评价意见" : "存在问题", CellRole::kHead, L);
    lay_.answer(row_, L, "/problems", find(answers_, "problems"), V - L);
    ++row_;
    lay_.text(row_, 0, "改进措施", CellRole::kHead, L);
    lay_.answer(row_, L, "/improvements", find(answers_, "improvements"), V - L);
    ++row_;
    closing_fields();
    ++row_;
    if (review_) return;  // the reviewers sign in the fields above
    const char* signers[] = {"填报人：", "审核人：", "单位负责人：", "单位盖章："};
    for (int i = 0; i < 4; ++i) {
      int from = i * V / 4, to = (i + 1) * V / 4;
      lay_.text(row_, from, signers[i], CellRole::kPlain, to - from);
    }
    ++row_;
    lay_.text(row_, 0, "填报日期：      年    月    日", CellRole::kPlain, V / 2);
    lay_.text(row_, V / 2, "（单位盖章）", CellRole::kPlain, V - V / 2);
  }

  // The header fields printed under the table (seed 004: 对下年度预算安排建议 with check boxes,
  // then 评审组, 机构名称, 日期 side by side, up to three to a row).
  void closing_fields() {
    const json& unit = answers_.contains("unit") && answers_["unit"].is_object() ? answers_["unit"]
                                                                                 : json::object();
    std::vector<const json*> pairs;
    auto flush = [&] {
      const int n = static_cast<int>(pairs.size());
      for (int i = 0; i < n; ++i) {
        const int from = i * V / n, to = (i + 1) * V / n;
        const std::string id = json_str(*pairs[static_cast<std::size_t>(i)], "id");
        lay_.text(row_, from, json_str(*pairs[static_cast<std::size_t>(i)], "label"),
                  CellRole::kHead);
        lay_.answer(row_, from + 1, json_pointer_append("/unit", id), find(unit, id.c_str()),
                    to - from - 1);
      }
      if (n) ++row_;
      pairs.clear();
    };
    for (const std::string& id : closing_) {
      const json* f = nullptr;
      for (const auto& u : member(desc_, "unit_fields"))
        if (json_str(u, "id") == id) f = &u;
      if (!f) continue;
      if (json_str(*f, "type") != "choice") {
        pairs.push_back(f);
        if (pairs.size() == 3) flush();
        continue;
      }
      flush();
      // A choice as the paper form's check boxes; the value itself stays in the data sheet.
      const std::string chosen = scalar_text(find(unit, id.c_str()));
      std::string boxes;
      for (const auto& c : f->value("choices", json::array())) {
        if (!boxes.empty()) boxes += "　　";
        boxes += (c.is_string() && c.get<std::string>() == chosen ? "☑ " : "□ ") + scalar_text(&c);
      }
      lay_.text(row_, 0, json_str(*f, "label"), CellRole::kHead, L);
      lay_.text(row_, L, boxes, CellRole::kBody, V - L);
      ++row_;
    }
    flush();
  }

  const json& desc_;
  const json& result_;
  const json& answers_;
  const json& tmpl_;
  const int places_;
  const std::vector<std::string> levels_;
  const int L;  ///< level columns
  const bool standards_;
  const bool review_;            ///< a reviewer's sheet (kind verification)
  const bool monitoring_;        ///< a monitoring form: lights and its own columns, no scores
  const std::vector<Col> plan_;  ///< the columns after the level columns
  const int V;                   ///< all columns
  Layout lay_;
  int row_ = 0;
  std::map<std::string, const json*> nodes_, scored_, sections_;
  std::vector<std::string> closing_;
  std::map<std::string, int> project_index_;
};

}  // namespace

ReportSheet build_report_sheet(const json& desc, const json& result, const json& answers) {
  return SheetBuilder(desc, result, answers).build();
}

json report_to_json(const ReportSheet& report) {
  const auto& s = report.sheet;
  std::map<std::pair<int, int>, const spreadsheet::Merge*> top_left;
  std::set<std::pair<int, int>> covered;
  for (const auto& m : s.merges) {
    top_left[{m.row, m.col}] = &m;
    for (int r = m.row; r < m.row + m.rows; ++r)
      for (int c = m.col; c < m.col + m.cols; ++c)
        if (r != m.row || c != m.col) covered.insert({r, c});
  }
  static const char* roles[] = {"body", "head", "title", "plain"};
  json rows = json::array();
  // Counted once: col_count() walks every cell, so asking per row made this quadratic.
  const int row_count = s.row_count(), col_count = s.col_count();
  for (int r = 0; r < row_count; ++r) {
    json cells = json::array();
    for (int c = 0; c < col_count; ++c) {
      if (covered.count({r, c})) continue;
      const auto* cell = s.at(r, c);
      if (!cell) continue;
      json j = {{"text", spreadsheet::shown_number(*cell)},
                {"role", roles[static_cast<int>(cell->role)]},
                {"col", c}};
      if (cell->kind == spreadsheet::Cell::Kind::kNumber) j["number"] = true;
      if (auto it = top_left.find({r, c}); it != top_left.end()) {
        if (it->second->cols > 1) j["colspan"] = it->second->cols;
        if (it->second->rows > 1) j["rowspan"] = it->second->rows;
      }
      cells.push_back(std::move(j));
    }
    rows.push_back(std::move(cells));
  }
  return json{{"columns", s.widths}, {"head_row", report.table_head_row}, {"rows", rows}};
}

}  // namespace selfeval
