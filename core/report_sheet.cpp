#include "report_sheet.hpp"

#include <algorithm>
#include <functional>

#include <set>

#include "decimal.hpp"
#include "spreadsheet/csv.hpp"
#include "finding.hpp"
#include "json_access.hpp"

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
  void number(int row, int col, const std::string& t, int places, CellRole role = CellRole::kBody, int cols = 1, int rows = 1) {
    bool is_number = !t.empty() && Decimal::parse(t).has_value();
    put(row, col, Cell{t, is_number ? Cell::Kind::kNumber : Cell::Kind::kText, is_number ? places : -1, role}, cols, rows);
  }
  // An answer shown as typed: remembered so an edited cell can be read back.
  void answer(int row, int col, const std::string& pointer, const json* v, int cols = 1, int rows = 1, int places = -1) {
    if (v && v->is_number()) number(row, col, v->dump(), places, CellRole::kBody, cols, rows);
    else if (places >= 0) number(row, col, scalar_text(v), places, CellRole::kBody, cols, rows);
    else text(row, col, scalar_text(v), CellRole::kBody, cols, rows);
    out_.shown_at[pointer] = {row, col};
  }
  // A full-width row of plain text (no borders).
  void band(int row, const std::string& t, CellRole role) { text(row, 0, t, role, columns_); }

  ReportSheet& out() { return out_; }

 private:
  void put(int row, int col, Cell c, int cols, int rows) {
    // Every cell of a bordered range exists, so borders are drawn around merged areas.
    for (int r = row; r < row + rows; ++r)
      for (int k = col; k < col + cols; ++k) out_.sheet.cells[{r, k}] = Cell{"", Cell::Kind::kText, -1, c.role};
    out_.sheet.cells[{row, col}] = std::move(c);
    if (cols > 1 || rows > 1) out_.sheet.merges.push_back({row, col, rows, cols});
  }
  int columns_;
  ReportSheet out_;
};

}  // namespace

ReportSheet build_report_sheet(const json& desc, const json& result, const json& answers) {
  const json& tmpl = desc.at("template");
  const int places = tmpl.value("places", 2);
  std::vector<std::string> level_names;
  for (const auto& l : tmpl.value("levels", json::array())) level_names.push_back(l.get<std::string>());
  if (level_names.empty()) level_names = {"指标"};
  const int L = static_cast<int>(level_names.size());
  const int V = L + 5;  // levels, 年度指标值, 实际完成值, 分值, 得分, 偏差原因
  const int kTarget = L, kActual = L + 1, kWeight = L + 2, kScore = L + 3, kReason = L + 4;
  Layout lay(V);
  auto& sheet = lay.out().sheet;
  sheet.name = "自评表";
  for (int i = 0; i < L; ++i) sheet.widths.push_back(12);
  for (double w : {18.0, 18.0, 8.0, 8.0, 30.0}) sheet.widths.push_back(w);

  int row = 0;
  const json* year = find(answers, "year");
  std::string title = (year ? scalar_text(year) + "年度" : std::string()) + json_str(tmpl, "name");
  lay.band(row++, title, CellRole::kTitle);

  // Unit header: two label/value pairs per row.
  const int half = V / 2;
  const json& unit = answers.contains("unit") && answers["unit"].is_object() ? answers["unit"] : json::object();
  int slot = 0;
  for (const auto& f : desc.value("unit_fields", json::array())) {
    const std::string id = json_str(f, "id");
    int start = slot == 0 ? 0 : half, span = slot == 0 ? half : V - half;
    lay.text(row, start, json_str(f, "label"), CellRole::kHead);
    lay.answer(row, start + 1, json_pointer_append("/unit", id), find(unit, id.c_str()), span - 1);
    if (++slot == 2) {
      slot = 0;
      ++row;
    }
  }
  if (slot == 1) {
    lay.text(row, half, "", CellRole::kBody, V - half);
    ++row;
  }

  // Budget block: label columns, then 年初预算数 全年预算数 全年执行数 分值 执行率 得分.
  if (desc.contains("budget") && desc["budget"].is_object()) {
    const json& b = desc["budget"];
    const json& rb = result.contains("budget") && result["budget"].is_object() ? result["budget"] : json::object();
    const json* brows = answers.contains("budget") ? find(answers["budget"], "rows") : nullptr;
    const int lw = V - 6;
    lay.text(row, 0, "项目资金（" + json_str(b, "money_unit") + "）", CellRole::kHead, lw);
    const char* heads[] = {"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"};
    for (int i = 0; i < 6; ++i) lay.text(row, lw + i, heads[i], CellRole::kHead);
    ++row;
    const int first = row;
    const int n = static_cast<int>(b.value("rows", json::array()).size());
    for (const auto& r : b["rows"]) {
      const std::string id = json_str(r, "id");
      const json* vals = brows ? find(*brows, id.c_str()) : nullptr;
      lay.text(row, 0, json_str(r, "label"), CellRole::kBody, lw);
      const char* cols[] = {"initial", "adjusted", "executed"};
      for (int i = 0; i < 3; ++i)
        lay.answer(row, lw + i, json_pointer_append(json_pointer_append("/budget/rows", id), cols[i]), vals ? find(*vals, cols[i]) : nullptr, 1, 1, 2);
      ++row;
    }
    if (n > 0) {
      const json& detail = rb.contains("detail") ? rb["detail"] : json::object();
      lay.number(first, lw + 3, json_str(b, "weight"), -1, CellRole::kBody, 1, n);
      lay.text(first, lw + 4, json_str(detail, "rate_percent"), CellRole::kBody, 1, n);
      lay.number(first, lw + 5, json_str(rb, "score"), places, CellRole::kBody, 1, n);
    }
    lay.text(row, 0, "偏差原因", CellRole::kHead, lw);
    lay.answer(row, lw, "/budget/reason", answers.contains("budget") ? find(answers["budget"], "reason") : nullptr, 6);
    ++row;
  }

  // 年度总体目标: 预期目标 | 实际完成情况.
  if (json_str(tmpl, "kind") == "self_assessment") {
    const json& goals = answers.contains("goals") ? answers["goals"] : json::object();
    const int split = L + 2;
    lay.text(row, 0, "年度总体目标", CellRole::kHead, 1, 2);
    lay.text(row, 1, "预期目标", CellRole::kHead, split - 1);
    lay.text(row, split, "实际完成情况", CellRole::kHead, V - split);
    ++row;
    lay.answer(row, 1, "/goals/expected", find(goals, "expected"), split - 1);
    lay.answer(row, split, "/goals/actual", find(goals, "actual"), V - split);
    ++row;
  }

  // The indicator table.
  lay.out().table_head_row = row;
  sheet.repeat_rows = std::make_pair(row, row);
  for (int i = 0; i < L; ++i) lay.text(row, i, level_names[static_cast<std::size_t>(i)], CellRole::kHead);
  const char* heads[] = {"年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"};
  for (int i = 0; i < 5; ++i) lay.text(row, L + i, heads[i], CellRole::kHead);
  ++row;

  std::map<std::string, const json*> nodes, scored, project_def;
  std::map<std::string, int> project_index;
  for (const auto& n : member(desc, "nodes")) nodes[json_str(n, "id")] = &n;
  for (const auto& r : member(result, "indicators")) scored[json_str(r, "id")] = &r;
  if (answers.contains("indicators") && answers["indicators"].is_array())
    for (std::size_t i = 0; i < answers["indicators"].size(); ++i)
      project_index[json_str(answers["indicators"][i], "id")] = static_cast<int>(i);
  const json& values = answers.contains("values") && answers["values"].is_object() ? answers["values"] : json::object();

  std::function<int(const json&)> leaves = [&](const json& n) {
    if (n.value("leaf", false)) return 1;
    int c = 0;
    for (const auto& id : n["children"]) c += nodes.count(id.get<std::string>()) ? leaves(*nodes[id.get<std::string>()]) : 0;
    return c;
  };
  std::function<void(const json&, int)> emit = [&](const json& n, int depth) {
    const std::string id = json_str(n, "id");
    const int span = leaves(n);
    if (span == 0) return;
    const int col = std::min(depth, L - 1);
    if (!n.value("leaf", false)) {
      lay.text(row, col, json_str(n, "name"), CellRole::kBody, 1, span);
      for (const auto& c : n["children"])
        if (nodes.count(c.get<std::string>())) emit(*nodes[c.get<std::string>()], depth + 1);
      return;
    }
    // A leaf above the last level takes the remaining level columns.
    const int cols = L - col;
    const json* v = find(values, id.c_str());
    const json empty = json::object();
    const json& val = v ? *v : empty;
    const std::string vp = json_pointer_append("/values", id) + "/";
    auto pi = project_index.find(id);
    if (pi != project_index.end()) {
      const std::string dp = "/indicators/" + std::to_string(pi->second) + "/";
      const json& def = answers["indicators"][static_cast<std::size_t>(pi->second)];
      lay.answer(row, col, dp + "name", find(def, "name"), cols);
      lay.answer(row, kTarget, dp + "target", find(def, "target"));
      lay.answer(row, kWeight, dp + "weight", find(def, "weight"));
    } else {
      lay.text(row, col, json_str(n, "name"), CellRole::kBody, cols);
      lay.text(row, kTarget, json_str(n, "target"), CellRole::kBody);
      lay.number(row, kWeight, json_str(n, "weight"), -1);
    }
    // 实际完成值: the actual as typed, else the field the rule asks for instead.
    bool shown = false;
    for (const char* f : {"actual", "tier", "actual_date", "occurrences"}) {
      if (find(val, f)) {
        lay.answer(row, kActual, vp + f, find(val, f));
        shown = true;
        break;
      }
    }
    if (!shown) {
      std::string label;
      if (const json* choice = find(val, "choice"))
        for (const auto& o : n.value("options", json::array()))
          if (json_str(o, "id") == scalar_text(choice)) label = json_str(o, "label");
      lay.text(row, kActual, label, CellRole::kBody);
    }
    const json* r = scored.count(id) ? scored[id] : nullptr;
    const std::string score = r ? json_str(*r, "score") : "";
    const json* entered = find(val, "score");
    auto same = [](const std::string& a, const std::string& b) {
      auto x = Decimal::parse(a), y = Decimal::parse(b);
      return x && y && *x == *y;
    };
    if (entered && same(scalar_text(entered), score)) lay.answer(row, kScore, vp + "score", entered, 1, 1, places);
    else lay.number(row, kScore, score, places);
    lay.answer(row, kReason, vp + "reason", find(val, "reason"));
    ++row;
  };
  for (const auto& n : member(desc, "nodes"))
    if (n["parent"].is_null()) emit(n, 0);

  lay.text(row, 0, "总分", CellRole::kHead, L + 2);
  lay.number(row, kWeight, json_str(result, "full_marks"), -1);
  lay.number(row, kScore, json_str(result, "total"), places);
  lay.text(row, kReason, "", CellRole::kBody);
  ++row;
  lay.text(row, 0, "评价等级", CellRole::kHead, L + 2);
  lay.text(row, kWeight, json_str(result, "grade"), CellRole::kBody, 3);
  ++row;
  lay.text(row, 0, "存在问题", CellRole::kHead, L);
  lay.answer(row, L, "/problems", find(answers, "problems"), V - L);
  ++row;
  lay.text(row, 0, "改进措施", CellRole::kHead, L);
  lay.answer(row, L, "/improvements", find(answers, "improvements"), V - L);
  ++row;

  // Signature and stamp area, without borders.
  ++row;
  const char* signers[] = {"填报人：", "审核人：", "单位负责人：", "单位盖章："};
  for (int i = 0; i < 4; ++i) {
    int from = i * V / 4, to = (i + 1) * V / 4;
    lay.text(row, from, signers[i], CellRole::kPlain, to - from);
  }
  ++row;
  lay.text(row, 0, "填报日期：      年    月    日", CellRole::kPlain, V / 2);
  lay.text(row, V / 2, "（单位盖章）", CellRole::kPlain, V - V / 2);
  return std::move(lay.out());
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
      json j = {{"text", spreadsheet::shown_number(*cell)}, {"role", roles[static_cast<int>(cell->role)]}, {"col", c}};
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
