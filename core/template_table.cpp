#include "template_table.hpp"

#include <fmt/format.h>

#include <map>

#include "crypto.hpp"
#include "decimal.hpp"
#include "direction.hpp"
#include "finding.hpp"
#include "rules/scoring_rule.hpp"
#include "spreadsheet/csv.hpp"
#include "spreadsheet/xlsx.hpp"
#include "utf8.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

enum Column { kL1, kL2, kL3, kTarget, kWeight, kDirection, kRule, kColumns };
constexpr const char* kHeads[kColumns] = {"一级", "二级", "三级", "年度指标值", "分值", "方向", "规则"};
constexpr const char* kLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

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
  static const std::map<std::string, std::string> aliases = {
      {"比例", "positive"}, {"正向", "positive"}, {"反向", "reverse"}, {"等于", "equal"}, {"区间", "range"},
      {"专家评分", "expert"}, {"专家打分", "expert"}, {"定性", "qualitative"}, {"分档", "tiers"},
      {"时限", "deadline"}, {"按次扣分", "per_occurrence"}, {"加分", "bonus"}, {"扣分", "penalty"}};
  auto it = aliases.find(text);
  if (it != aliases.end()) return it->second;
  for (const auto& r : rule_names())
    if (r == text) return text;
  return "";
}

// The category tag of a 二级 name: 数量指标 → 数量 (drives the date and survey inputs).
std::string category_of(const std::string& name) {
  for (const char* c : {"数量", "质量", "时效", "成本", "经济效益", "社会效益", "生态效益", "可持续影响", "满意度"})
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

Finding cell_error(const char* code, int row, int col, const std::string& zh, const std::string& en) {
  std::string cell = fmt::format("{}{}", col >= 0 && col < 26 ? std::string(1, kLetters[col]) : std::string(), row + 1);
  return Finding{code, Severity::kError, "", fmt::format("第 {} 行（{}）：{}", row + 1, cell, zh),
                 fmt::format("row {} ({}): {}", row + 1, cell, en)};
}

}  // namespace

json template_from_table(const std::vector<std::vector<std::string>>& rows, const std::string& name) {
  std::vector<Finding> findings;
  // The header row: the first with a cell starting 一级.
  int head = -1;
  std::array<int, kColumns> at{};
  at.fill(-1);
  for (std::size_t r = 0; r < rows.size() && r < 20 && head < 0; ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      std::string cell = trim(rows[r][c]);
      for (int k = 0; k < kColumns; ++k)
        if (at[k] < 0 && cell.rfind(kHeads[k], 0) == 0) at[k] = static_cast<int>(c);
    }
    if (at[kL1] >= 0) head = static_cast<int>(r);
    else at.fill(-1);
  }
  if (head < 0 || at[kL3] < 0 || at[kWeight] < 0)
    return refusal({Finding{"table.no_header", Severity::kError, "",
                            "找不到表头：需要“一级、二级、三级、年度指标值、分值、方向、规则”列（至少一级、三级、分值）",
                            "no header row: columns 一级, 二级, 三级, 年度指标值, 分值, 方向, 规则 are expected (at least 一级, 三级, 分值)"}});

  struct Node {
    std::string name;
    std::vector<std::size_t> children;
    Decimal weight;
    json leaf;
  };
  std::vector<Node> level1, level2;
  std::vector<std::size_t> order1;
  std::string last1, last2;
  json leaves = json::array();
  Decimal sum;
  int count = 0;
  std::map<std::string, std::size_t> index1, index2;
  auto get = [&](const std::vector<std::string>& row, int k) {
    return at[k] >= 0 && static_cast<std::size_t>(at[k]) < row.size() ? trim(row[at[k]]) : std::string();
  };
  for (std::size_t r = static_cast<std::size_t>(head) + 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const int rr = static_cast<int>(r);
    std::string l1 = get(row, kL1), l2 = get(row, kL2), l3 = get(row, kL3);
    if (l1.empty() && l2.empty() && l3.empty() && get(row, kWeight).empty()) continue;
    if (l1.rfind("总分", 0) == 0 || l1.rfind("合计", 0) == 0) break;
    if (!l1.empty()) {
      last1 = l1;
      last2.clear();
    }
    if (!l2.empty()) last2 = l2;
    if (last1.empty()) {
      findings.push_back(cell_error("table.missing_level", rr, at[kL1], "缺少一级指标", "no first-level indicator"));
      continue;
    }
    if (l3.empty()) {
      findings.push_back(cell_error("table.missing_level", rr, at[kL3], "缺少三级指标名称", "no third-level indicator name"));
      continue;
    }
    std::string wtext = get(row, kWeight);
    auto w = Decimal::parse(wtext);
    if (!w || *w < Decimal()) {
      findings.push_back(cell_error("table.bad_weight", rr, at[kWeight], "分值应为非负数字：“" + wtext + "”",
                                    "the weight must be a non-negative number: \"" + wtext + "\""));
      continue;
    }
    std::string dir = get(row, kDirection);
    if (!dir.empty() && dir != "正向" && dir != "反向" && dir != "等于" && dir != "定性") {
      findings.push_back(cell_error("table.bad_direction", rr, at[kDirection], "方向应为 正向、反向、等于 或 定性：“" + dir + "”",
                                    "the direction must be 正向, 反向, 等于 or 定性: \"" + dir + "\""));
      continue;
    }
    std::string rtext = get(row, kRule), rule;
    if (!rtext.empty() && (rule = rule_name(rtext)).empty()) {
      findings.push_back(cell_error("table.unknown_rule", rr, at[kRule], "未知的计分规则：“" + rtext + "”",
                                    "unknown scoring rule: \"" + rtext + "\""));
      continue;
    }
    if (!index1.count(last1)) {
      index1[last1] = level1.size();
      level1.push_back({last1, {}, Decimal(), nullptr});
    }
    Node& n1 = level1[index1[last1]];
    std::string key2 = last1 + "\x1f" + last2;
    std::size_t parent2 = SIZE_MAX;
    if (!last2.empty()) {
      if (!index2.count(key2)) {
        index2[key2] = level2.size();
        n1.children.push_back(level2.size());
        level2.push_back({last2, {}, Decimal(), nullptr});
      }
      parent2 = index2[key2];
    }
    ++count;
    json leaf = {{"name", l3}, {"weight", json::parse(w->to_string())}};
    std::string target = get(row, kTarget);
    if (!target.empty()) leaf["target"] = target;
    if (!dir.empty()) leaf["direction"] = dir;
    if (!rule.empty()) leaf["rule"] = rule;
    auto total = Decimal::add(sum, *w);
    if (!total || *w > Decimal::from_int(1000)) {
      findings.push_back(cell_error("table.bad_weight", rr, at[kWeight], "分值过大：“" + wtext + "”",
                                    "the weight is too large: \"" + wtext + "\""));
      continue;
    }
    sum = *total;
    n1.weight = *Decimal::add(n1.weight, *w);
    if (parent2 != SIZE_MAX) {
      level2[parent2].weight = *Decimal::add(level2[parent2].weight, *w);
      level2[parent2].leaf.push_back(leaf);
    } else {
      n1.leaf.push_back(leaf);
    }
  }
  if (!findings.empty()) return refusal(findings);
  if (count == 0)
    return refusal({Finding{"table.empty", Severity::kError, "", "表中没有指标行", "the table has no indicator rows"}});

  const bool with_budget = sum == Decimal::from_int(90);
  if (!with_budget && sum != Decimal::from_int(100))
    return refusal({Finding{"table.weights_sum", Severity::kError, "",
                            "分值合计为 " + sum.to_string() + "，应为 100（或 90，另加预算执行率 10 分）",
                            "the weights add up to " + sum.to_string() + "; expected 100 (or 90 plus 10 for budget execution)"}});

  json indicators = json::array();
  for (std::size_t i = 0; i < level1.size(); ++i) {
    const Node& n1 = level1[i];
    const std::string id1 = fmt::format("i{}", i + 1);
    json c1 = json::array();
    std::size_t k = 0;
    auto add_leaves = [&](const json& list, const std::string& prefix, json& into, const std::string& category) {
      for (const auto& l : list) {
        json leaf = l;
        leaf["id"] = fmt::format("{}.{}", prefix, ++k);
        if (!category.empty()) leaf["category"] = category;
        into.push_back(leaf);
      }
    };
    for (std::size_t j = 0; j < n1.children.size(); ++j) {
      const Node& n2 = level2[n1.children[j]];
      const std::string id2 = fmt::format("{}.{}", id1, j + 1);
      json c2 = json::array();
      k = 0;
      add_leaves(n2.leaf, id2, c2, category_of(n2.name));
      c1.push_back({{"id", id2}, {"name", n2.name}, {"weight", json::parse(n2.weight.to_string())}, {"children", c2}});
    }
    k = n1.children.size();
    if (n1.leaf.is_array()) add_leaves(n1.leaf, id1, c1, category_of(n1.name));
    indicators.push_back({{"id", id1}, {"name", n1.name}, {"weight", json::parse(n1.weight.to_string())}, {"children", c1}});
  }

  json tmpl = {
      {"format", "selfeval.template.v1"},
      {"name", name.empty() ? "绩效自评表" : name},
      {"version", "1.0.0"},
      {"kind", "self_assessment"},
      {"description", "由指标清单表格导入。Imported from an indicator list spreadsheet."},
      {"levels", {"一级指标", "二级指标", "三级指标"}},
      {"unit_fields",
       {{{"id", "project_name"}, {"label", "项目名称"}, {"label_en", "Project name"}, {"required", true}},
        {{"id", "department"}, {"label", "主管部门"}, {"label_en", "Competent department"}},
        {{"id", "implementer"}, {"label", "实施单位"}, {"label_en", "Implementing unit"}, {"required", true}}}},
      {"indicators", indicators},
      {"total", 100},
      {"rounding", {{"places", 2}, {"mode", "half_up"}}},
      {"grade_bands",
       {{{"grade", "优"}, {"grade_en", "Excellent"}, {"min", 90}, {"max", 100}, {"max_inclusive", true}},
        {{"grade", "良"}, {"grade_en", "Good"}, {"min", 80}, {"max", 90}},
        {{"grade", "中"}, {"grade_en", "Fair"}, {"min", 60}, {"max", 80}},
        {{"grade", "差"}, {"grade_en", "Poor"}, {"min", 0}, {"max", 60}}}}};
  if (with_budget)
    tmpl["budget"] = {{"id", "budget"}, {"label", "预算执行率"}, {"label_en", "Budget execution rate"}, {"weight", 10},
                      {"money_unit", "万元"}, {"rule", "budget_execution"},
                      {"rows", {{{"id", "total"}, {"label", "年度资金总额"}, {"label_en", "Total funds"}}}}};
  // The id names the content, so the same list always gives the same template id.
  const auto digest = crypto::sha256(tmpl.dump());
  tmpl["id"] = "imported-" + crypto::hex(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size())).substr(0, 12);
  return json{{"ok", true}, {"template", tmpl}, {"findings", json::array()}};
}

json template_from_sheet_file(std::string_view bytes, const std::string& name) {
  std::vector<std::vector<std::string>> rows;
  if (bytes.substr(0, 2) == "PK") {
    std::string why;
    auto book = spreadsheet::read_xlsx(bytes, why);
    if (!book)
      return refusal({Finding{"workbook.unreadable", Severity::kError, "", "无法读取 Excel 文件：" + why,
                              "cannot read the Excel file: " + why}});
    const auto& s = book->sheets.front();
    for (int r = 0; r < s.row_count(); ++r) {
      std::vector<std::string> row;
      for (int c = 0; c < s.col_count(); ++c) {
        const auto* cell = s.at(r, c);
        row.push_back(cell ? spreadsheet::shown_number(*cell) : std::string());
      }
      rows.push_back(std::move(row));
    }
  } else {
    std::string why;
    auto csv = spreadsheet::read_csv(bytes, why);
    if (!csv)
      return refusal({Finding{"table.bad_csv", Severity::kError, "", "CSV 格式错误：" + why, "malformed CSV: " + why}});
    rows = std::move(*csv);
  }
  // Text that is not UTF-8 would reach the template's JSON: refuse it where it is.
  std::vector<Finding> bad;
  if (!utf8_valid(name))
    bad.push_back(Finding{"table.invalid_utf8", Severity::kError, "", "模板名称不是有效的 UTF-8 编码",
                          "the template name is not valid UTF-8"});
  for (std::size_t r = 0; r < rows.size() && bad.size() < 5; ++r)
    for (std::size_t c = 0; c < rows[r].size() && bad.size() < 5; ++c)
      if (!utf8_valid(rows[r][c]))
        bad.push_back(cell_error("table.invalid_utf8", static_cast<int>(r), static_cast<int>(c), "文字不是有效的 UTF-8 编码",
                                 "the text is not valid UTF-8"));
  if (!bad.empty()) return refusal(bad);
  return template_from_table(rows, name);
}

}  // namespace selfeval
