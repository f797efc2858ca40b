// Filled forms to Excel/CSV and back: the official layout, exact round trips for every
// golden case, edits made in Excel read back, and templates from indicator lists.
#include <filesystem>

#include "answers_workbook.hpp"
#include "api.hpp"
#include "form_session.hpp"
#include "spreadsheet/csv.hpp"
#include "spreadsheet/xlsx.hpp"
#include "template_table.hpp"
#include "test_support.hpp"

using nlohmann::json;
using namespace selfeval;
using test_support::slurp;

namespace {

FormSession golden_session(const std::string& name) {
  FormSession s;
  const json c = json::parse(slurp("tests/golden/" + name + "/case.json"));
  REQUIRE(s.load_template(slurp(c["template"].get<std::string>()))["ok"] == true);
  REQUIRE(s.load_answers(slurp("tests/golden/" + name + "/answers.json"))["ok"] == true);
  return s;
}

std::vector<std::string> golden_cases() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(std::string(SELFEVAL_SOURCE_DIR) + "/tests/golden"))
    out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// The (row, column) of the first cell of `sheet` whose text is `text`.
std::pair<int, int> find_cell(const spreadsheet::Sheet& sheet, const std::string& text) {
  for (const auto& [rc, c] : sheet.cells)
    if (c.text == text) return rc;
  FAIL("no cell " << text);
  return {-1, -1};
}

}  // namespace

TEST_CASE("seed 001 in the official layout") {
  FormSession s = golden_session("seed001-project");
  const ReportSheet r = build_report_sheet(s.describe(), s.result(), s.answers());
  const auto& sh = r.sheet;
  CHECK(sh.at(0, 0)->text == "2022年度项目支出绩效自评表");
  CHECK(sh.at(0, 0)->role == spreadsheet::CellRole::kTitle);
  CHECK(sh.at(r.table_head_row, 0)->text == "一级指标");
  CHECK(sh.at(r.table_head_row, 7)->text == "偏差原因分析及改进措施");
  // 产出指标 spans its three indicator rows, with its weight as seed 001 prints it; 数量指标 its two.
  auto out = find_cell(sh, "产出指标（50%）");
  auto qty = find_cell(sh, "数量指标");
  bool out_merged = false, qty_merged = false;
  for (const auto& m : sh.merges) {
    if (m.row == out.first && m.col == 0 && m.rows == 3) out_merged = true;
    if (m.row == qty.first && m.col == 1 && m.rows == 2) qty_merged = true;
  }
  CHECK(out_merged);
  CHECK(qty_merged);
  auto total = find_cell(sh, "总分");
  CHECK(sh.at(total.first, 6)->text == "100.00");
  CHECK(sh.at(total.first, 6)->kind == spreadsheet::Cell::Kind::kNumber);
  CHECK(sh.at(total.first + 1, 5)->text == "优");
  for (const char* sign : {"填报人：", "审核人：", "单位负责人：", "单位盖章："}) CHECK(find_cell(sh, sign).first > total.first);
  // Every indicator of the result is on the sheet with its score.
  const json scored = s.result();
  for (const auto& ind : scored["indicators"]) {
    auto at = find_cell(sh, ind["name"].get<std::string>());
    CHECK(spreadsheet::shown_number(*sh.at(at.first, 6)) == ind["score"].get<std::string>());  // as Excel shows it
  }
  const json j = report_to_json(r);
  CHECK(j["head_row"] == r.table_head_row);
  CHECK(j["rows"][0][0]["colspan"] == 8);
}

TEST_CASE("every golden case round-trips through .xlsx to the same answers") {
  for (const auto& name : golden_cases()) {
    CAPTURE(name);
    FormSession s = golden_session(name);
    const std::string bytes = s.export_xlsx();
    CHECK(s.export_xlsx() == bytes);
    const json back = api_answers_from_xlsx(bytes);
    REQUIRE(back["ok"] == true);
    CHECK(back["answers"] == s.answers());
  }
}

TEST_CASE("cells changed or emptied in Excel are read back; unchanged ones keep their type") {
  FormSession s = golden_session("seed001-project");
  std::string why;
  auto book = spreadsheet::read_xlsx(s.export_xlsx(), why);
  REQUIRE(book);
  auto& sheet = book->sheets[0];
  auto a = find_cell(sheet, "3场");
  sheet.cells[a].text = "2场";
  auto reason = std::make_pair(a.first, 7);
  sheet.cells[reason] = spreadsheet::Cell{"疫情影响"};
  // The budget's executed amount shown as a number; a string in the answers.
  auto fiscal = find_cell(sheet, "其中：当年财政拨款");
  sheet.cells[{fiscal.first, 4}].text = "12.5";
  auto goal = find_cell(sheet, "实际完成情况");
  sheet.cells.erase({goal.first + 1, goal.second});
  const json back = api_answers_from_xlsx(spreadsheet::write_xlsx(*book));
  REQUIRE(back["ok"] == true);
  json expected = s.answers();
  std::string q;
  for (const auto& [id, v] : expected["values"].items())
    if (v.value("actual", "") == "3场") q = id;
  expected["values"][q]["actual"] = "2场";
  expected["values"][q]["reason"] = "疫情影响";
  expected["budget"]["rows"]["fiscal"]["executed"] = "12.5";
  expected["goals"].erase("actual");
  CHECK(back["answers"] == expected);
  // The year stays a number, budget figures stay strings.
  CHECK(back["answers"]["year"].is_number_integer());
  CHECK(back["answers"]["budget"]["rows"]["total"]["adjusted"] == "14.53");
}

TEST_CASE("workbooks that are not selfeval exports are refused with a reason") {
  CHECK(api_answers_from_xlsx("")["findings"][0]["code"] == "workbook.unreadable");
  CHECK(api_answers_from_xlsx("PK\x03\x04garbage")["findings"][0]["code"] == "workbook.unreadable");
  spreadsheet::Workbook b;
  b.sheets.push_back({});
  b.sheets[0].name = "Sheet1";
  CHECK(api_answers_from_xlsx(spreadsheet::write_xlsx(b))["findings"][0]["code"] == "workbook.no_data_sheet");
  spreadsheet::Sheet data;
  data.name = "数据";
  data.cells[{1, 0}] = spreadsheet::Cell{"/values/x"};
  data.cells[{1, 2}] = spreadsheet::Cell{"object"};
  b.sheets.push_back(data);
  const json r = api_answers_from_xlsx(spreadsheet::write_xlsx(b));
  CHECK(r["ok"] == false);
  CHECK(r["findings"][0]["code"] == "workbook.bad_path");
  CHECK(r["findings"][0]["message"].get<std::string>().find("第 2 行") != std::string::npos);
}

TEST_CASE("CSV export: BOM, the layout's rows, numbers with their decimals") {
  FormSession s = golden_session("seed001-project");
  const std::string csv = s.export_csv();
  CHECK(csv.rfind("\xEF\xBB\xBF" "2022年度项目支出绩效自评表", 0) == 0);
  CHECK(csv.find("\r\n一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施\r\n") != std::string::npos);
  CHECK(csv.find("总分,,,,,100,100.00,") != std::string::npos);
  CHECK(csv.find("年度资金总额,,150.00,14.53,14.53,10,100.00%,10.00") != std::string::npos);
}

TEST_CASE("a template from an indicator list") {
  const std::string table =
      "一级,二级,三级,年度指标值,分值,方向,规则\n"
      "产出指标,数量指标,培训人数,≥15名/年,20,正向,\n"
      ",,举办活动,≥3场,20,,\n"
      ",时效指标,按时完成率,100%,10,,\n"
      "效益指标,社会效益指标,投诉次数,≤5次,30,反向,\n"
      "满意度指标,服务对象满意度指标,满意度,≥90%,10,正向,比例\n";
  const json r = api_template_from_sheet(table, "培训项目");
  REQUIRE_MESSAGE(r["ok"] == true, r.dump());
  const json& t = r["template"];
  CHECK(t["name"] == "培训项目");
  CHECK(t["budget"]["weight"] == 10);  // 90 points of indicators: the budget block adds 10
  CHECK(t["indicators"].size() == 3);
  CHECK(t["indicators"][0]["weight"] == 50);
  CHECK(t["indicators"][0]["children"][0]["children"].size() == 2);
  CHECK(t["indicators"][0]["children"][1]["children"][0]["category"] == "时效");
  CHECK(t["indicators"][2]["children"][0]["children"][0]["rule"] == "positive");
  CHECK(api_template_from_sheet(table, "培训项目")["template"]["id"] == t["id"]);
  // The template loads and scores.
  REQUIRE(api_check_template(t.dump())["ok"] == true);
  FormSession s;
  REQUIRE(s.load_template(t.dump())["ok"] == true);
  const std::string leaf = t["indicators"][1]["children"][0]["children"][0]["id"];
  CHECK(s.set_value(leaf, "actual", "2次")["ok"] == true);
  const json after = s.result();
  for (const auto& ind : after["indicators"])
    if (ind["id"] == leaf) CHECK(ind["score"] == "30.00");

  // The same list as .xlsx (level cells merged: blanks below them).
  spreadsheet::Workbook b;
  b.sheets.push_back({});
  std::string why;
  auto rows = spreadsheet::read_csv(table, why);
  for (std::size_t i = 0; i < rows->size(); ++i)
    for (std::size_t c = 0; c < (*rows)[i].size(); ++c)
      if (!(*rows)[i][c].empty())
        b.sheets[0].cells[{static_cast<int>(i), static_cast<int>(c)}] =
            spreadsheet::Cell{(*rows)[i][c], c == 4 && i > 0 ? spreadsheet::Cell::Kind::kNumber : spreadsheet::Cell::Kind::kText};
  const json x = api_template_from_sheet(spreadsheet::write_xlsx(b), "培训项目");
  REQUIRE(x["ok"] == true);
  CHECK(x["template"] == t);
}

TEST_CASE("indicator lists with mistakes are refused cell by cell") {
  const json r = api_template_from_sheet(
      "一级,二级,三级,年度指标值,分值,方向,规则\n产出指标,数量指标,培训,≥15名,二十,,\n,,活动,≥3场,20,向上,\n,,走访,10次,10,,打分\n",
      "");
  REQUIRE(r["ok"] == false);
  REQUIRE(r["findings"].size() == 3);
  CHECK(r["findings"][0]["code"] == "table.bad_weight");
  CHECK(r["findings"][0]["message"].get<std::string>().find("第 2 行（E2）") != std::string::npos);
  CHECK(r["findings"][1]["code"] == "table.bad_direction");
  CHECK(r["findings"][2]["code"] == "table.unknown_rule");
  CHECK(api_template_from_sheet("名称,分值\n", "")["findings"][0]["code"] == "table.no_header");
  CHECK(api_template_from_sheet("一级,二级,三级,年度指标值,分值\n产出,数量,培训,1次,40\n", "")["findings"][0]["code"] ==
        "table.weights_sum");
}
