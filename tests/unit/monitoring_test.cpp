// The mid-year monitoring form (绩效运行监控表) and the carry chain declaration → monitoring →
// self-assessment: the light bands refused when they overlap, bad months and forecasts named by
// field, lights at their band edges, the month moving every light in a session, and targets and
// forecasts carried from one form to the next. The full forms are the seed 003 goldens.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "api.hpp"
#include "forms/carry.hpp"
#include "forms/template_loader.hpp"
#include "report/report_sheet.hpp"
#include "session/form_session.hpp"
#include "test_support.hpp"

namespace {

using nlohmann::json;
using test_support::run_cli;
using test_support::slurp;

const char* kMonitoring = "schemas/templates/project-monitoring.json";
const char* kDeclaration = "schemas/templates/department-target-declaration.json";

json monitoring_template() { return json::parse(slurp(kMonitoring)); }

// The findings of `result` with `code`.
std::vector<json> with_code(const json& result, const std::string& code) {
  std::vector<json> out;
  for (const auto& f : result["findings"])
    if (f["code"] == code) out.push_back(f);
  return out;
}

const json* row(const json& result, const std::string& id) {
  for (const auto& r : result["indicators"])
    if (r["id"] == id) return &r;
  return nullptr;
}

// A monitoring form of one quantity row (≥15名) and the budget, at `month`.
json one_row(const std::string& month, const json& value) {
  return {{"format", "selfeval.answers.v1"},
          {"template", {{"id", "project-monitoring"}}},
          {"year", 2022},
          {"unit",
           {{"project_name", "项目"},
            {"department", "部门"},
            {"implementer", "单位"},
            {"month", month}}},
          {"budget",
           {{"rows", {{"total", {{"adjusted", "100"}, {"executed", "50"}, {"forecast", "95"}}}}}}},
          {"indicators", json::array({{{"id", "r1"},
                                       {"parent", "output.quantity"},
                                       {"name", "引进人才数"},
                                       {"target", "≥15名"}}})},
          {"values", {{"r1", value}}}};
}

json score(const json& answers, const std::string& tmpl = slurp(kMonitoring)) {
  return selfeval::api_score(tmpl, answers.dump(), "");
}

}  // namespace

TEST_CASE("light bands that overlap, leave a gap or stop short are refused at load, by band") {
  json t = monitoring_template();
  auto& bands = t["lights"]["params"]["bands"];
  SUBCASE("overlap") {
    bands[1]["min"] = 50;  // yellow [50, 80) overlaps red [0, 60)
    const json r = selfeval::api_check_template(t.dump());
    CHECK(r["ok"] == false);
    bool named = false;
    for (const auto& f : r["findings"])
      if (f["code"] == "rule.bad_param" && f["path"] == "/lights/params/bands/1") {
        named = true;
        CHECK(f["message_zh"].get<std::string>().find("第 2 个区间 [50%, 80%) 与第 1 个区间 "
                                                      "[0%, 60%) 重叠") != std::string::npos);
        CHECK(f["message_en"].get<std::string>().find("band 2 [50%, 80%) overlaps band 1") !=
              std::string::npos);
      }
    CHECK(named);
  }
  SUBCASE("gap") {
    bands[2]["min"] = 85;
    const json r = selfeval::api_check_template(t.dump());
    CHECK(r["ok"] == false);
    CHECK(r.dump().find("/lights/params/bands/2") != std::string::npos);
    CHECK(r.dump().find("有空缺") != std::string::npos);
  }
  SUBCASE("an upper end on the highest band") {
    bands[3]["max"] = 200;
    CHECK(selfeval::api_check_template(t.dump())["ok"] == false);
  }
  SUBCASE("an unknown light") {
    bands[0]["light"] = "purple";
    const json r = selfeval::api_check_template(t.dump());
    CHECK(r["ok"] == false);
    CHECK(r.dump().find("/lights/params/bands/0") != std::string::npos);
  }
  SUBCASE("the bands in any order are one scheme") {
    std::swap(bands[0], bands[3]);
    CHECK(selfeval::api_check_template(t.dump())["ok"] == true);
  }
  SUBCASE("a monitoring form needs its month field") {
    t["unit_fields"].erase(t["unit_fields"].size() - 1);
    const json r = selfeval::api_check_template(t.dump());
    CHECK(r["ok"] == false);
    CHECK(r.dump().find("template.month_field_missing") != std::string::npos);
  }
}

TEST_CASE("a month of 0 or 13 is named in both languages; no row is lit without a month") {
  for (const char* bad : {"0", "13", "六", "6.5"}) {
    CAPTURE(bad);
    const json r = score(one_row(bad, {{"actual", "4名"}}));
    const auto f = with_code(r, "monitoring.bad_month");
    REQUIRE(f.size() == 1);
    CHECK(f[0]["path"] == "/unit/month");
    CHECK(f[0]["severity"] == "error");
    CHECK(f[0]["message_zh"].get<std::string>().find("“监控月份”应为 1 至 12 的整数") !=
          std::string::npos);
    CHECK(f[0]["message_en"].get<std::string>().find("\"Monitoring month\" must be a whole "
                                                     "number from 1 to 12") != std::string::npos);
    CHECK_FALSE((*row(r, "r1"))["detail"].contains("light"));
    CHECK_FALSE(r.contains("month"));
  }
  for (const char* good : {"1", "12", "6月", " 6 "}) {
    CAPTURE(good);
    CHECK(with_code(score(one_row(good, {{"actual", "4名"}})), "monitoring.bad_month").empty());
  }
}

TEST_CASE("a forecast below the actual to date is an error on the forecast field") {
  const json r = score(one_row("6", {{"actual", "8名"}, {"forecast", "7名"}}));
  const auto f = with_code(r, "monitoring.forecast_below_actual");
  REQUIRE(f.size() == 1);
  CHECK(f[0]["path"] == "/values/r1/forecast");
  CHECK(f[0]["message_zh"] == "“引进人才数”的全年预计完成值 7 低于截至本月的实际完成值 8");
  CHECK(with_code(score(one_row("6", {{"actual", "8名"}, {"forecast", "8名"}})),
                  "monitoring.forecast_below_actual")
            .empty());
  // The budget block's forecast below what was executed.
  json a = one_row("6", {{"actual", "8名"}});
  a["budget"]["rows"]["total"]["forecast"] = "40";
  const auto b = with_code(score(a), "monitoring.forecast_below_executed");
  REQUIRE(b.size() == 1);
  CHECK(b[0]["path"] == "/budget/rows/total/forecast");
}

TEST_CASE("lights at the edges of the bands, exactly") {
  // ≥15名 at month 6: 7.5 expected. 4.5 is 60 %, 6 is 80 %, 9 is 120 %.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"4.49名", "red"},   {"4.5名", "yellow"}, {"5.99名", "yellow"}, {"6名", "green"},
      {"8.99名", "green"}, {"9名", "blue"},     {"-3名", "red"}};
  for (const auto& c : cases) {
    CAPTURE(c.first);
    const json r = score(one_row("6", {{"actual", c.first}}));
    CHECK((*row(r, "r1"))["detail"]["light"] == c.second);
  }
  // Month 7: 8.75 expected; 7 is exactly 80 %.
  CHECK((*row(score(one_row("7", {{"actual", "7名"}})), "r1"))["detail"]["completion"] == "80.00%");
}

TEST_CASE("the red-only variant asks no reason of a yellow row; both ask it of a red one") {
  const std::string red_only = slurp("schemas/templates/project-monitoring-red-only.json");
  json yellow = one_row("6", {{"actual", "5名"}});  // 66.67 %
  json red = one_row("6", {{"actual", "1名"}});
  CHECK(with_code(score(yellow), "monitoring.reason_missing").size() == 1);
  yellow["template"]["id"] = "project-monitoring-red-only";
  red["template"]["id"] = "project-monitoring-red-only";
  CHECK(with_code(score(yellow, red_only), "monitoring.reason_missing").empty());
  CHECK(with_code(score(red, red_only), "monitoring.reason_missing").size() == 1);
  CHECK(with_code(score(red, red_only), "monitoring.measures_missing").size() == 1);
  // Words outside the scheme's lists are refused, naming the field.
  json bad = one_row("6", {{"actual", "1名"}, {"likelihood", "大概"}, {"reason_category", "天气"}});
  const json r = score(bad);
  REQUIRE(with_code(r, "monitoring.bad_likelihood").size() == 1);
  CHECK(with_code(r, "monitoring.bad_likelihood")[0]["path"] == "/values/r1/likelihood");
  CHECK(with_code(r, "monitoring.bad_reason_category")[0]["path"] == "/values/r1/reason_category");
}

TEST_CASE("changing the month in a session relights every row and the budget") {
  selfeval::FormSession s;
  REQUIRE(s.load_template(slurp(kMonitoring))["ok"] == true);
  REQUIRE(s.load_answers(one_row("6", {{"actual", "6名"}}).dump())["ok"] == true);
  auto light = [&]() {
    const json r = json::parse(s.result().dump());
    return (*row(r, "r1"))["detail"]["light"];
  };
  CHECK(light() == "green");  // 6 of 7.5
  s.set_unit("month", "3");   // 6 of 3.75: 160 %
  CHECK(light() == "blue");
  s.set_unit("month", "12");  // 6 of 15: 40 %
  CHECK(light() == "red");
  const json r = json::parse(s.result().dump());
  CHECK(r["budget"]["detail"]["time_progress_percent"] == "100.00%");
  CHECK(r["budget"]["detail"]["behind"] == true);
}

TEST_CASE("carry: declaration → monitoring → self-assessment keeps one indicator list") {
  const selfeval::CarryResult m = selfeval::carry_answers(slurp(kDeclaration), slurp(kMonitoring));
  REQUIRE(m.answers);
  CHECK(m.findings.empty());
  const json& rows = (*m.answers)["indicators"];
  REQUIRE(rows.size() == 27);
  CHECK(rows[0] == json({{"id", "d01"},
                         {"parent", "output.quantity"},
                         {"name", "新增引进博士博士后青年拔尖人才数（名/年）"},
                         {"target", "≥15名/年"},
                         {"target_period", "≥15名/年"}}));
  CHECK(rows[24]["id"] == "d25");
  CHECK(rows[24]["direction"] == "反向");
  CHECK((*m.answers)["template"]["id"] == "project-monitoring");

  // The monitoring form filled, one target changed: a finding against the declaration.
  json filled = *m.answers;
  filled["unit"] = {{"project_name", "部门整体支出"},
                    {"department", "合作事务办"},
                    {"implementer", "合作事务办"},
                    {"month", "6"}};
  filled["year"] = 2022;
  filled["budget"] = {{"rows", {{"total", {{"initial", "500"}, {"adjusted", "480"}}}}}};
  filled["values"] = {{"d01", {{"actual", "8名"}, {"forecast", "16名"}}},
                      {"d02", {{"actual", "200人"}, {"forecast", "400人"}}}};
  json changed = filled;
  changed["indicators"][0]["target"] = "≥10名/年";
  const json r = selfeval::api_score(slurp(kMonitoring), changed.dump(), slurp(kDeclaration));
  const auto differs = with_code(r, "target.differs_from_declaration");
  REQUIRE(differs.size() == 1);
  CHECK(differs[0]["path"] == "/indicators/0/target");
  CHECK(with_code(selfeval::api_score(slurp(kMonitoring), filled.dump(), slurp(kDeclaration)),
                  "target.differs_from_declaration")
            .empty());

  // Monitoring → self-assessment: targets, header, budgets and forecasts carried.
  const std::string project = slurp("schemas/templates/project-self-assessment.json");
  const selfeval::CarryResult sa = selfeval::carry_answers(filled.dump(), project);
  REQUIRE(sa.answers);
  const json& a = *sa.answers;
  CHECK(a["template"]["id"] == "project-self-assessment");
  CHECK(a["indicators"].size() == 27);
  CHECK(a["unit"]["department"] == "合作事务办");
  CHECK_FALSE(a["unit"].contains("month"));
  CHECK(a["year"] == 2022);
  CHECK(a["budget"]["rows"]["total"] ==
        json({{"initial", "500"}, {"adjusted", "480"}}));  // as typed
  CHECK(a["values"]["d01"] == json({{"forecast", "16名"}}));
  CHECK(a["values"]["d02"] == json({{"forecast", "400人"}}));

  // The final actual short of the mid-year forecast with no reason is a finding; a reason or
  // reaching the forecast clears it.
  json final_answers = a;
  final_answers["values"]["d01"]["actual"] = "15名";
  final_answers["values"]["d02"]["actual"] = "450人";
  auto shortfalls = [&](const json& answers) {
    json ids = json::array();
    for (const auto& f : with_code(selfeval::api_score(project, answers.dump(), filled.dump()),
                                   "actual.short_of_forecast"))
      ids.push_back(f["path"]);
    return ids;
  };
  CHECK(shortfalls(final_answers) == json::array({"/values/d01/reason"}));
  final_answers["values"]["d01"]["reason"] = "下半年两名人才放弃入职";
  CHECK(shortfalls(final_answers).empty());
  // The self-assessment checked against the monitoring form: a target changed there is flagged.
  json changed_sa = a;
  changed_sa["indicators"][1]["target"] = "≥400人";
  CHECK(with_code(selfeval::api_score(project, changed_sa.dump(), filled.dump()),
                  "target.differs_from_declaration")
            .size() == 1);
}

TEST_CASE("carry names what it cannot place and refuses what it cannot read") {
  json decl = json::parse(slurp(kDeclaration));
  decl["indicators"][0]["children"][0]["id"] = "output.count";  // a category the form lacks
  decl["indicators"][0]["children"][0]["name"] = "计数指标";
  const selfeval::CarryResult r = selfeval::carry_answers(decl.dump(), slurp(kMonitoring));
  REQUIRE(r.answers);
  CHECK((*r.answers)["indicators"].size() == 14);
  REQUIRE(r.findings.size() == 13);
  CHECK(r.findings[0].code == "indicator.import_no_category");
  CHECK(r.findings[0].message_zh.find("计数指标") != std::string::npos);
  CHECK_FALSE(selfeval::carry_answers("{", slurp(kMonitoring)).answers);
  const json unknown = selfeval::api_carry(slurp(kDeclaration), "no-such-form");
  CHECK(unknown["ok"] == false);
  CHECK(unknown["findings"][0]["code"] == "carry.unknown_template");
}

TEST_CASE("selfeval carry --from FILE --to TEMPLATE writes the answers") {
  std::string out;
  const std::string root = SELFEVAL_SOURCE_DIR;
  CHECK(run_cli("carry --from " + root + "/" + kDeclaration + " --to project-monitoring", out) ==
        0);
  const json a = json::parse(out);
  CHECK(a["template"]["id"] == "project-monitoring");
  CHECK(a["indicators"].size() == 27);
  CHECK(run_cli("carry --from " + root + "/" + kDeclaration + " --to " + root + "/" + kMonitoring,
                out) == 0);
  CHECK(json::parse(out)["indicators"].size() == 27);
  CHECK(run_cli("carry --to project-monitoring", out) == 2);
  CHECK(run_cli("carry --from " + root + "/" + kDeclaration + " --to nothing-like-it", out) == 1);
  CHECK(out.find("carry.unknown_template") != std::string::npos);
}

TEST_CASE("the monitoring form prints (and exports) its own columns, rates and lights in words") {
  selfeval::FormSession s;
  REQUIRE(s.load_template(slurp(kMonitoring))["ok"] == true);
  REQUIRE(s.load_answers(slurp("tests/golden/seed003-monitoring/answers.json"))["ok"] == true);
  const selfeval::ReportSheet r =
      selfeval::build_report_sheet(s.describe(), s.result(), s.answers());
  const auto& sh = r.sheet;
  CHECK(sh.name == "监控表");
  CHECK(sh.at(0, 0)->text == "2022年度项目绩效运行监控表（1–6月）");
  auto cell = [&](const std::string& text) {
    for (const auto& [rc, c] : sh.cells)
      if (c.text == text) return rc;
    return std::make_pair(-1, -1);
  };
  const int head = r.table_head_row;
  const std::vector<std::string> heads = {"年度指标值", "1–N月实际完成值", "全年预计完成值",
                                          "亮灯",       "完成可能性",      "偏差原因类别",
                                          "原因说明",   "纠偏措施"};
  for (std::size_t i = 0; i < heads.size(); ++i)
    CHECK(sh.at(head, 3 + static_cast<int>(i))->text == heads[i]);
  // d01's row: its actual, forecast and light in words.
  const auto d01 = cell("新增引进博士博士后青年拔尖人才数（名/年）");
  REQUIRE(d01.first > head);
  CHECK(sh.at(d01.first, 4)->text == "4名");
  CHECK(sh.at(d01.first, 5)->text == "12名");
  CHECK(sh.at(d01.first, 6)->text == "红灯");
  CHECK(sh.at(d01.first, 10)->text == "下半年集中举办两场引才活动");
  // The budget's rates as the core computes them, and the lights counted.
  CHECK(cell("35.00%").first > 0);
  CHECK(cell("97.92%").first > 0);
  CHECK(cell("50.00%").first > 0);
  CHECK(cell("红灯 13 项　黄灯 6 项　绿灯 14 项　蓝灯 3 项").first > head);
  CHECK(cell("总分").first < 0);
}

TEST_CASE("a monitoring form is signed and verified in the same envelope as any form") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "selfeval-monitoring-sign";
  fs::remove_all(dir);
  fs::create_directories(dir);
  json a = json::parse(slurp("tests/golden/seed003-monitoring-red-only/answers.json"));
  a["values"]["d13"]["measures"] = "加快检测设备采购";  // the one error of the golden
  std::ofstream(dir / "a.json") << a.dump();
  const std::string env = "SELFEVAL_PASSPHRASE='monitoring 2022' ";
  const std::string root = SELFEVAL_SOURCE_DIR;
  std::string out;
  REQUIRE(test_support::run_cli_env(env, "keygen --unit 合作事务办 -o " + (dir / "k.json").string(),
                                    out) == 0);
  REQUIRE(test_support::run_cli_env(
              env,
              "sign --key " + (dir / "k.json").string() + " --template " + root +
                  "/schemas/templates/project-monitoring-red-only.json --answers " +
                  (dir / "a.json").string() + " -o " + (dir / "m.signed.json").string(),
              out) == 0);
  // No registry given: every check but the signer's passes (exit 3).
  CHECK(run_cli("verify " + (dir / "m.signed.json").string(), out) == 3);
  CHECK(out.find("project-monitoring-red-only") != std::string::npos);
  CHECK(out.find("1 passed") != std::string::npos);
  fs::remove_all(dir);
}
