#include "office/template_table.hpp"

#include <fmt/format.h>

#include <array>
#include <functional>
#include <map>

#include "base/crypto.hpp"
#include "base/decimal.hpp"
#include "base/finding.hpp"
#include "base/text_encoding.hpp"
#include "base/utf8.hpp"
#include "rules/scoring_rule.hpp"
#include "spreadsheet/cell_findings.hpp"
#include "spreadsheet/csv.hpp"
#include "spreadsheet/xls.hpp"
#include "spreadsheet/xlsx.hpp"
#include "target/direction.hpp"
#include "target/target_expr.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

enum Column { kL1, kL2, kL3, kTarget, kWeight, kDirection, kRule, kColumns };
constexpr const char* kHeads[kColumns] = {"一级", "二级", "三级", "年度指标值",
                                          "分值", "方向", "规则"};
// The template's limits (schemas/template.v1.schema.json) and the list's own.
constexpr std::size_t kMaxChildren = 500;  // items under one indicator
constexpr std::size_t kMaxName = 200;      // characters of a name
constexpr std::size_t kMaxTarget = 500;    // characters of a 年度指标值
constexpr int kMaxIndicators = 20000;      // a form's own indicators (the answers' limit)
constexpr int kMaxListRows = 30000;        // sheet rows a list may span
constexpr int kHeaderRows = 20;            // the header is within the first rows
constexpr std::size_t kMaxFindings = 200;
constexpr std::size_t kMaxCsvBytes = 64u << 20;  // as for the contents of a workbook

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  while (s.rfind("\xE3\x80\x80", 0) == 0) s.erase(0, 3);
  while (s.size() >= 3 && s.compare(s.size() - 3, 3, "\xE3\x80\x80") == 0) s.erase(s.size() - 3);
  return s;
}

// Names as people write them in the rule column, mapped to the catalogue.
std::string rule_name(const std::string& text) {
  static const std::map<std::string, std::string> aliases = {{"比例", "positive"},
                                                             {"正向", "positive"},
                                                             {"反向", "reverse"},
                                                             {"等于", "equal"},
                                                             {"区间", "range"},
                                                             {"专家评分", "expert"},
                                                             {"专家打分", "expert"},
                                                             {"定性", "qualitative"},
                                                             {"分档", "tiers"},
                                                             {"时限", "deadline"},
                                                             {"按次扣分", "per_occurrence"},
                                                             {"加分", "bonus"},
                                                             {"扣分", "penalty"}};
  auto it = aliases.find(text);
  if (it != aliases.end()) return it->second;
  for (const auto& r : rule_names())
    if (r == text) return text;
  return "";
}

// The category tag of a 二级 name: 数量指标 → 数量 (drives the date and survey inputs).
std::string category_of(const std::string& name) {
  for (const char* c :
       {"数量", "质量", "时效", "成本", "经济效益", "社会效益", "生态效益", "可持续影响", "满意度"})
    if (name.find(c) != std::string::npos) {
      std::string s = c;
      if (s.size() > 6 && s.compare(s.size() - 6, 6, "效益") == 0) s = s.substr(0, s.size() - 6);
      return s;
    }
  return "";
}

json refusal(std::vector<Finding> findings) {
  return json{{"ok", false}, {"findings", findings_to_json(findings)}};
}

Finding cell_error(const char* code, int row, int col, const std::string& zh,
                   const std::string& en) {
  const std::string cell = col >= 0 ? spreadsheet::cell_ref(row, col) : std::to_string(row + 1);
  return Finding{code, Severity::kError, "", fmt::format("第 {} 行（{}）：{}", row + 1, cell, zh),
                 fmt::format("row {} ({}): {}", row + 1, cell, en)};
}

Finding cell_warning(const char* code, int row, int col, const std::string& zh,
                     const std::string& en) {
  Finding f = cell_error(code, row, col, zh, en);
  f.severity = Severity::kWarning;
  return f;
}

Finding list_error(const char* code, const std::string& zh, const std::string& en) {
  return Finding{code, Severity::kError, "", zh, en};
}

}  // namespace

Finding xls_limits_finding() {
  return Finding{"workbook.xls_limits", Severity::kWarning, "",
                 "这是 Excel 97-2003 "
                 "文件（.xls）：公式的计算结果和数字格式（百分比、日期以外的格式）无法读取，"
                 "公式单元格读作空白，数字按存储的值读取。如表中有公式或百分比，请在 Excel 或 WPS "
                 "中“另存为”Excel 工作簿（.xlsx）后再导入",
                 "this is an Excel 97-2003 file (.xls): formula results and number formats (other "
                 "than dates) cannot be read; "
                 "formula cells read as empty and numbers as stored. If the sheet has formulas or "
                 "percentages, use Save As → "
                 "Excel Workbook (.xlsx) in Excel or WPS and import that"};
}

namespace {

std::string grouped(long v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3)
    s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

// A non-empty cell of a list row: its column, the text it shows, whether the display
// drops digits, and the reader's note when it could not be shown as the user sees it.
struct ListCell {
  int col = 0;
  std::string text;
  bool hidden = false;
  bool stored = false;  // a number read as stored: its format is not known (.xls)
  const spreadsheet::CellNote* note = nullptr;
};

// One row at a time, in sheet order: each row is looked at once, the limits are checked as
// the rows come, and a list beyond them is refused at the first row that goes beyond.
class IndicatorListReader {
 public:
  static Finding no_header() {
    return list_error("table.no_header",
                      "找不到表头：需要“一级、二级、三级、年度指标值、分值、方向、规则”列（至少一级"
                      "、三级、分值），表头应在前 20 行",
                      "no header row: columns 一级, 二级, 三级, 年度指标值, 分值, 方向, 规则 are "
                      "expected (at least 一级, 三级, "
                      "分值) within the first 20 rows");
  }

  explicit IndicatorListReader(std::string name, std::string sheet = "")
      : name_(std::move(name)), sheet_(std::move(sheet)) {}

  /// One row (zero-based sheet row, its non-empty cells in ascending columns); false when
  /// the list is refused now (findings() says why).
  bool row(int index, const std::vector<ListCell>& cells) {
    if (index >= kMaxListRows) {
      const int col = cells.empty() ? 0 : cells.front().col;
      return stop(cell_error(
          "table.too_large", index, col,
          fmt::format("超出指标清单的行数上限（最多 {} 行）", grouped(kMaxListRows)),
          fmt::format("beyond the indicator list's limit of {} rows", grouped(kMaxListRows))));
    }
    if (head_ < 0) return header(index, cells);
    return indicator(index, cells);
  }

  /// The template, or the findings that refuse the list.
  json finish() {
    if (!findings_.empty()) return refusal(findings_);
    if (head_ < 0) return refusal({no_header()});
    if (count_ == 0)
      return refusal(
          {list_error("table.empty", "表中没有指标行", "the table has no indicator rows")});
    return build();
  }

  const std::vector<Finding>& findings() const { return findings_; }
  std::vector<Finding> warnings;

 private:
  bool stop(Finding f) {
    findings_.push_back(std::move(f));
    return false;
  }

  // Keeps going after a bad cell (so every bad cell is reported) up to a bound.
  bool bad(Finding f) {
    findings_.push_back(std::move(f));
    if (findings_.size() < kMaxFindings) return true;
    findings_.push_back(
        list_error("table.too_many_errors", fmt::format("错误过多，只列出前 {} 处", kMaxFindings),
                   fmt::format("too many errors; the first {} are listed", kMaxFindings)));
    return false;
  }

  bool header(int index, const std::vector<ListCell>& cells) {
    if (index >= kHeaderRows) return stop(no_header());
    std::array<int, kColumns> at{};
    at.fill(-1);
    for (const auto& c : cells) {
      const std::string cell = trim(c.text);
      for (int k = 0; k < kColumns; ++k)
        if (at[k] < 0 && cell.rfind(kHeads[k], 0) == 0) at[k] = c.col;
    }
    if (at[kL1] < 0) return true;
    if (at[kL3] < 0 || at[kWeight] < 0) return stop(no_header());
    head_ = index;
    at_ = at;
    return true;
  }

  const ListCell* cell(const std::vector<ListCell>& cells, int k) const {
    if (at_[k] < 0) return nullptr;
    for (const auto& c : cells)
      if (c.col == at_[k]) return &c;
    return nullptr;
  }
  std::string get(const std::vector<ListCell>& cells, int k) const {
    const ListCell* c = cell(cells, k);
    return c ? trim(c->text) : std::string();
  }

  bool too_long(int row, int k, const std::string& text, std::size_t max, const char* what_zh,
                const char* what_en) {
    if (utf8_length(text) <= max) return false;
    bad(cell_error(
        "table.too_long", row, at_[k], fmt::format("{}超过 {} 字（模板上限）", what_zh, max),
        fmt::format("the {} is longer than {} characters (the template's limit)", what_en, max)));
    return true;
  }

  bool indicator(int r, const std::vector<ListCell>& cells) {
    // A cell of a used column that could not be read as shown refuses its row.
    for (int k = 0; k < kColumns; ++k)
      if (const ListCell* c = cell(cells, k); c && c->note)
        return bad(cell_note_finding(*c->note, Severity::kError));
    std::string l1 = get(cells, kL1), l2 = get(cells, kL2), l3 = get(cells, kL3);
    if (l1.empty() && l2.empty() && l3.empty() && get(cells, kWeight).empty()) return true;
    if (l1.rfind("总分", 0) == 0 || l1.rfind("合计", 0) == 0) return done_ = true, false;
    if (!l1.empty()) {
      if (too_long(r, kL1, l1, kMaxName, "一级指标名称", "first-level name"))
        return findings_.size() < kMaxFindings;
      last1_ = l1;
      last2_.clear();
    }
    if (!l2.empty()) {
      if (too_long(r, kL2, l2, kMaxName, "二级指标名称", "second-level name"))
        return findings_.size() < kMaxFindings;
      last2_ = l2;
    }
    if (last1_.empty())
      return bad(cell_error("table.missing_level", r, at_[kL1], "缺少一级指标",
                            "no first-level indicator"));
    if (l3.empty())
      return bad(cell_error("table.missing_level", r, at_[kL3], "缺少三级指标名称",
                            "no third-level indicator name"));
    if (too_long(r, kL3, l3, kMaxName, "三级指标名称", "indicator name"))
      return findings_.size() < kMaxFindings;
    std::string wtext = get(cells, kWeight);
    auto w = Decimal::parse(wtext);
    if (!w || *w < Decimal())
      return bad(cell_error("table.bad_weight", r, at_[kWeight],
                            "分值应为非负数字：“" + wtext + "”",
                            "the weight must be a non-negative number: \"" + wtext + "\""));
    if (const ListCell* c = cell(cells, kWeight); c && c->hidden)
      warnings.push_back(hidden_digits_finding(sheet_, r, c->col, wtext));
    std::string dir = get(cells, kDirection);
    if (!dir.empty() && dir != "正向" && dir != "反向" && dir != "等于" && dir != "定性")
      return bad(cell_error("table.bad_direction", r, at_[kDirection],
                            "方向应为 正向、反向、等于 或 定性：“" + dir + "”",
                            "the direction must be 正向, 反向, 等于 or 定性: \"" + dir + "\""));
    std::string rtext = get(cells, kRule), rule;
    if (!rtext.empty() && (rule = rule_name(rtext)).empty())
      return bad(cell_error("table.unknown_rule", r, at_[kRule], "未知的计分规则：“" + rtext + "”",
                            "unknown scoring rule: \"" + rtext + "\""));
    std::string target = get(cells, kTarget);
    // A target the template would refuse is refused here, at its cell.
    if (!target.empty()) {
      const Target parsed =
          parse_target(target, parse_direction(dir).value_or(Direction::kUnspecified));
      for (const auto& f : parsed.findings)
        if (f.severity == Severity::kError)
          return bad(cell_error("table.bad_target", r, at_[kTarget], f.message_zh, f.message_en));
    }
    if (const ListCell* c = cell(cells, kTarget); c && c->stored)
      warnings.push_back(cell_warning(
          "table.format_unknown", r, c->col,
          fmt::format("文件未记录数字格式（.xls），年度指标值按存储的数值“{}"
                      "”读取；若单元格显示为百分比等格式，请在 Excel 中另存为 .xlsx 后再导入",
                      target),
          fmt::format("the file keeps no number formats (.xls): the target is read as the stored "
                      "number \"{}\"; "
                      "if the cell shows a percentage or another format, save it as .xlsx in Excel "
                      "and import that",
                      target)));
    if (too_long(r, kTarget, target, kMaxTarget, "年度指标值", "target"))
      return findings_.size() < kMaxFindings;
    auto total = Decimal::add(sum_, *w);
    if (!total || *w > Decimal::from_int(1000))
      return bad(cell_error("table.bad_weight", r, at_[kWeight], "分值过大：“" + wtext + "”",
                            "the weight is too large: \"" + wtext + "\""));
    if (count_ >= kMaxIndicators)
      return stop(
          cell_error("table.too_large", r, at_[kL3],
                     fmt::format("超出指标数量上限（最多 {} 个三级指标）", grouped(kMaxIndicators)),
                     fmt::format("beyond the limit of {} indicators", grouped(kMaxIndicators))));
    // The template's limits on each level.
    if (!index1_.count(last1_)) {
      if (level1_.size() >= kMaxChildren * 2)
        return stop(
            cell_error("table.too_large", r, at_[kL1],
                       fmt::format("一级指标超过 {} 个（模板上限）", kMaxChildren * 2),
                       fmt::format("more than {} first-level indicators (the template's limit)",
                                   kMaxChildren * 2)));
      index1_[last1_] = level1_.size();
      level1_.push_back({last1_, {}, Decimal(), json::array()});
    }
    Node& n1 = level1_[index1_[last1_]];
    std::size_t parent2 = SIZE_MAX;
    if (!last2_.empty()) {
      const std::string key2 = last1_ + "\x1f" + last2_;
      if (!index2_.count(key2)) {
        if (n1.children.size() + n1.leaves.size() >= kMaxChildren)
          return stop(
              cell_error("table.too_large", r, at_[kL2],
                         fmt::format("一级指标“{}”下超过 {} 项（模板上限）", n1.name, kMaxChildren),
                         fmt::format("more than {} items under \"{}\" (the template's limit)",
                                     kMaxChildren, n1.name)));
        index2_[key2] = level2_.size();
        n1.children.push_back(level2_.size());
        level2_.push_back({last2_, {}, Decimal(), json::array()});
      }
      parent2 = index2_[key2];
    }
    Node& parent = parent2 != SIZE_MAX ? level2_[parent2] : n1;
    if (parent.leaves.size() + parent.children.size() >= kMaxChildren)
      return stop(
          cell_error("table.too_large", r, at_[kL3],
                     fmt::format("“{}”下超过 {} 个指标（模板上限）", parent.name, kMaxChildren),
                     fmt::format("more than {} indicators under \"{}\" (the template's limit)",
                                 kMaxChildren, parent.name)));
    if (!findings_.empty()) return true;  // already refused: only look for more bad cells
    ++count_;
    json leaf = {{"name", l3}, {"weight", json::parse(w->to_string())}};
    if (!target.empty()) leaf["target"] = target;
    if (!dir.empty()) leaf["direction"] = dir;
    if (!rule.empty()) leaf["rule"] = rule;
    sum_ = *total;
    n1.weight = *Decimal::add(n1.weight, *w);
    if (parent2 != SIZE_MAX) level2_[parent2].weight = *Decimal::add(level2_[parent2].weight, *w);
    parent.leaves.push_back(std::move(leaf));
    return true;
  }

  json build() const {
    const bool with_budget = sum_ == Decimal::from_int(90);
    if (!with_budget && sum_ != Decimal::from_int(100))
      return refusal(
          {Finding{"table.weights_sum", Severity::kError, "",
                   "分值合计为 " + sum_.to_string() + "，应为 100（或 90，另加预算执行率 10 分）",
                   "the weights add up to " + sum_.to_string() +
                       "; expected 100 (or 90 plus 10 for budget execution)"}});
    json indicators = json::array();
    for (std::size_t i = 0; i < level1_.size(); ++i) {
      const Node& n1 = level1_[i];
      const std::string id1 = fmt::format("i{}", i + 1);
      json c1 = json::array();
      std::size_t k = 0;
      auto add_leaves = [&](const json& list, const std::string& prefix, json& into,
                            const std::string& category) {
        for (const auto& l : list) {
          json leaf = l;
          leaf["id"] = fmt::format("{}.{}", prefix, ++k);
          if (!category.empty()) leaf["category"] = category;
          into.push_back(leaf);
        }
      };
      for (std::size_t j = 0; j < n1.children.size(); ++j) {
        const Node& n2 = level2_[n1.children[j]];
        const std::string id2 = fmt::format("{}.{}", id1, j + 1);
        json c2 = json::array();
        k = 0;
        add_leaves(n2.leaves, id2, c2, category_of(n2.name));
        c1.push_back({{"id", id2},
                      {"name", n2.name},
                      {"weight", json::parse(n2.weight.to_string())},
                      {"children", c2}});
      }
      k = n1.children.size();
      add_leaves(n1.leaves, id1, c1, category_of(n1.name));
      indicators.push_back({{"id", id1},
                            {"name", n1.name},
                            {"weight", json::parse(n1.weight.to_string())},
                            {"children", c1}});
    }
    json tmpl = {
        {"format", "selfeval.template.v1"},
        {"name", name_.empty() ? "绩效自评表" : name_},
        {"version", "1.0.0"},
        {"kind", "self_assessment"},
        {"description", "由指标清单表格导入。Imported from an indicator list spreadsheet."},
        {"levels", {"一级指标", "二级指标", "三级指标"}},
        {"unit_fields",
         {{{"id", "project_name"},
           {"label", "项目名称"},
           {"label_en", "Project name"},
           {"required", true}},
          {{"id", "department"}, {"label", "主管部门"}, {"label_en", "Competent department"}},
          {{"id", "implementer"},
           {"label", "实施单位"},
           {"label_en", "Implementing unit"},
           {"required", true}}}},
        {"indicators", indicators},
        {"total", 100},
        {"rounding", {{"places", 2}, {"mode", "half_up"}}},
        {"grade_bands",
         {{{"grade", "优"},
           {"grade_en", "Excellent"},
           {"min", 90},
           {"max", 100},
           {"max_inclusive", true}},
          {{"grade", "良"}, {"grade_en", "Good"}, {"min", 80}, {"max", 90}},
          {{"grade", "中"}, {"grade_en", "Fair"}, {"min", 60}, {"max", 80}},
          {{"grade", "差"}, {"grade_en", "Poor"}, {"min", 0}, {"max", 60}}}}};
    if (with_budget)
      tmpl["budget"] = {
          {"id", "budget"},
          {"label", "预算执行率"},
          {"label_en", "Budget execution rate"},
          {"weight", 10},
          {"money_unit", "万元"},
          {"rule", "budget_execution"},
          {"rows", {{{"id", "total"}, {"label", "年度资金总额"}, {"label_en", "Total funds"}}}}};
    // The id names the content, so the same list always gives the same template id.
    const auto digest = crypto::sha256(tmpl.dump());
    tmpl["id"] =
        "imported-" +
        crypto::hex(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()))
            .substr(0, 12);
    return json{{"ok", true}, {"template", tmpl}, {"findings", findings_to_json(warnings)}};
  }

  struct Node {
    std::string name;
    std::vector<std::size_t> children;
    Decimal weight;
    json leaves;
  };
  std::string name_, sheet_;
  int head_ = -1;
  std::array<int, kColumns> at_{};
  std::vector<Node> level1_, level2_;
  std::map<std::string, std::size_t> index1_, index2_;
  std::string last1_, last2_;
  Decimal sum_;
  int count_ = 0;
  bool done_ = false;
  std::vector<Finding> findings_;

 public:
  bool done() const { return done_; }
};

std::vector<ListCell> list_cells(const std::vector<std::string>& row) {
  std::vector<ListCell> cells;
  for (std::size_t c = 0; c < row.size(); ++c)
    if (!row[c].empty()) cells.push_back({static_cast<int>(c), row[c]});
  return cells;
}

// Text that is not UTF-8 would reach the template's JSON: refuse it where it is.
std::optional<Finding> invalid_utf8(int row, const std::vector<ListCell>& cells) {
  for (const auto& c : cells)
    if (!utf8_valid(c.text))
      return cell_error("table.invalid_utf8", row, c.col, "文字不是有效的 UTF-8 编码",
                        "the text is not valid UTF-8");
  return std::nullopt;
}

json from_rows(
    IndicatorListReader& reader,
    const std::function<bool(const std::function<bool(int, const std::vector<ListCell>&)>&)>&
        each) {
  std::vector<Finding> bad;
  each([&](int r, const std::vector<ListCell>& cells) {
    if (auto f = invalid_utf8(r, cells)) {
      bad.push_back(*f);
      return bad.size() < 5;
    }
    return reader.row(r, cells) || (reader.findings().empty() && reader.done());
  });
  if (!bad.empty()) return refusal(bad);
  return reader.finish();
}

// The indicator list on one sheet: only the cells that exist, row by row.
json list_from_sheet(const spreadsheet::Workbook& book, const spreadsheet::Sheet& s,
                     const std::string& name) {
  std::map<std::pair<int, int>, const spreadsheet::CellNote*> notes;
  for (const auto& n : book.notes)
    if (n.sheet == s.name) notes[{n.row, n.col}] = &n;
  IndicatorListReader reader(name, s.name);
  return from_rows(reader, [&](const auto& visit) {
    std::vector<ListCell> cells;
    int row = -1;
    for (auto it = s.cells.begin();; ++it) {
      if (it == s.cells.end() || it->first.first != row) {
        if (row >= 0 && !visit(row, cells)) return false;
        if (it == s.cells.end()) return true;
        row = it->first.first;
        cells.clear();
      }
      const auto& c = it->second;
      auto n = notes.find(it->first);
      if (!c.text.empty() || n != notes.end())
        cells.push_back({it->first.second, spreadsheet::shown_number(c), c.hidden_digits,
                         c.format_unknown, n == notes.end() ? nullptr : n->second});
    }
  });
}

json name_refusal(const std::string& name) {
  if (!utf8_valid(name))
    return refusal({list_error("table.invalid_utf8", "模板名称不是有效的 UTF-8 编码",
                               "the template name is not valid UTF-8")});
  if (utf8_length(name) > kMaxName)
    return refusal({list_error(
        "table.too_long", fmt::format("模板名称超过 {} 字（模板上限）", kMaxName),
        fmt::format("the template name is longer than {} characters (the template's limit)",
                    kMaxName))});
  return nullptr;
}

}  // namespace

json template_from_table(const std::vector<std::vector<std::string>>& rows,
                         const std::string& name) {
  if (json r = name_refusal(name); !r.is_null()) return r;
  IndicatorListReader reader(name);
  return from_rows(reader, [&](const auto& visit) {
    for (std::size_t r = 0; r < rows.size(); ++r)
      if (!visit(static_cast<int>(r), list_cells(rows[r]))) return false;
    return true;
  });
}

json template_from_sheet_file(std::string_view bytes, const std::string& name) {
  if (json r = name_refusal(name); !r.is_null()) return r;
  const bool xls = spreadsheet::looks_like_xls(bytes);
  if (xls || bytes.substr(0, 2) == "PK") {
    spreadsheet::ReadError error;
    spreadsheet::ReadLimits limits;
    limits.max_rows = kMaxListRows;
    auto book = xls ? spreadsheet::read_xls(bytes, error, limits)
                    : spreadsheet::read_xlsx(bytes, error, limits);
    if (!book) {
      using Kind = spreadsheet::ReadError::Kind;
      if (error.kind == Kind::kTooManyRows)
        return refusal({cell_error(
            "table.too_large", error.row, error.col,
            fmt::format("超出指标清单的行数上限（最多 {} 行）", grouped(kMaxListRows)),
            fmt::format("beyond the indicator list's limit of {} rows", grouped(kMaxListRows)))});
      if (error.kind == Kind::kTooManyCells)
        return refusal(
            {list_error("table.too_large",
                        fmt::format("表格中有值的单元格超过 {} 个（指标清单上限）",
                                    grouped(static_cast<long>(limits.max_cells))),
                        fmt::format("more than {} cells hold a value (the indicator list's limit)",
                                    grouped(static_cast<long>(limits.max_cells))))});
      return refusal({Finding{"workbook.unreadable", Severity::kError, "",
                              "无法读取 Excel 文件：" + error.message,
                              "cannot read the Excel file: " + error.message}});
    }
    // The list is on the first visible sheet that has the header row (a notes sheet may
    // come first); a workbook without one is refused as having no header.
    json last;
    for (const auto& sh : book->sheets) {
      if (sh.hidden) continue;
      last = list_from_sheet(*book, sh, name);
      const auto& f = last["findings"];
      if (last["ok"] == true || f.empty() || f[0]["code"] != "table.no_header") break;
    }
    if (last.is_null()) last = refusal({IndicatorListReader::no_header()});
    if (xls) last["findings"].insert(last["findings"].begin(), xls_limits_finding().to_json());
    return last;
  }
  if (bytes.size() > kMaxCsvBytes)
    return refusal({list_error(
        "table.too_large", fmt::format("CSV 文件超过 {} MB（指标清单上限）", kMaxCsvBytes >> 20),
        fmt::format("the CSV file is larger than {} MB (the indicator list's limit)",
                    kMaxCsvBytes >> 20))});
  std::size_t bad_at = 0;
  auto text = decode_text(bytes, bad_at);
  if (!text) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < bad_at && i < bytes.size(); ++i) line += bytes[i] == '\n';
    return refusal({list_error(
        "table.unknown_encoding",
        fmt::format("无法识别文件编码：既不是 UTF-8，也不是 GB18030（GBK），第 {} "
                    "行有无法解码的字节。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
                    line),
        fmt::format("unknown text encoding: neither UTF-8 nor GB18030 (GBK); line {} holds bytes "
                    "that decode in "
                    "neither. Save the file from Excel as \"CSV UTF-8 (Comma delimited)\"",
                    line))});
  }
  IndicatorListReader reader(name);
  std::string why;
  json out;
  bool malformed = false;
  out = from_rows(reader, [&](const auto& visit) {
    malformed = !spreadsheet::read_csv_rows(
        text->utf8, [&](int r, std::vector<std::string>& row) { return visit(r, list_cells(row)); },
        why);
    return !malformed;
  });
  if (malformed && reader.findings().empty())
    return refusal({list_error("table.bad_csv", "CSV 格式错误：" + why, "malformed CSV: " + why)});
  return out;
}

}  // namespace selfeval
