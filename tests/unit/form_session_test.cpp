// The form session: fine-grained edits return what changed, and after any sequence of
// edits the session's result equals a from-scratch evaluation of its answers.
#include "session/form_session.hpp"

#include <doctest/doctest.h>

#include <set>

#include "api.hpp"
#include "forms/builtin_templates.hpp"
#include "test_support.hpp"

namespace {

using nlohmann::json;
using test_support::slurp;

// The session's result must be what scoring its answers from scratch gives.
void check_consistent(const selfeval::FormSession& s, const std::string& tmpl) {
  const json fresh = selfeval::api_score(tmpl, s.answers().dump());
  CHECK(s.result() == fresh);
}

}  // namespace

TEST_CASE("a session fills the seed 001 form field by field and reaches 100 / 优") {
  const std::string tmpl = slurp("schemas/templates/project-self-assessment.json");
  selfeval::FormSession s;
  REQUIRE(s.load_builtin("project-self-assessment")["ok"] == true);
  const json a = json::parse(slurp("tests/golden/seed001-project/answers.json"));
  for (const auto& row : a["indicators"]) {
    const json added = s.add_indicator(row["parent"], row["name"]);
    REQUIRE(added["ok"] == true);
    const std::string id = added["id"];
    CHECK(s.update_indicator(id, "target", row["target"])["ok"] == true);
    CHECK(s.update_indicator(id, "weight", std::to_string(row["weight"].get<int>()))["ok"] == true);
    CHECK(s.update_indicator(id, "direction", row["direction"])["ok"] == true);
    for (const auto& [field, v] : a["values"][row["id"].get<std::string>()].items())
      s.set_value(id, field, v.get<std::string>());
    check_consistent(s, tmpl);
  }
  for (const auto& [row, cols] : a["budget"]["rows"].items())
    for (const auto& [col, v] : cols.items()) s.set_budget(row, col, v.get<std::string>());
  for (const auto& [k, v] : a["unit"].items()) s.set_unit(k, v.get<std::string>());
  const json r = s.result();
  CHECK(r["total"] == "100.00");
  CHECK(r["grade"] == "优");
  check_consistent(s, tmpl);

  // One actual below its target: the row, its sections, the total and the grade move.
  const json d = s.set_value("r1", "actual", "0次");
  REQUIRE(d["rows"].size() == 1);
  CHECK(d["rows"][0]["id"] == "r1");
  CHECK(d["rows"][0]["score"] == "0.00");
  CHECK(d["sections"][0]["id"] == "output.quantity");
  CHECK(d["sections"][0]["score"] == "20.00");
  CHECK(d["sections"][1]["id"] == "output");
  CHECK(d["total"] == "80.00");
  CHECK(d["grade"] == "良");
  bool reason_finding = false;
  for (const auto& f : d["rows"][0]["findings"])
    reason_finding |= f["code"] == "reason.missing_below_weight";
  CHECK(reason_finding);
  check_consistent(s, tmpl);
}

TEST_CASE("session edits: bad input is refused with a message and changes nothing") {
  selfeval::FormSession s;
  REQUIRE(s.load_builtin("project-self-assessment")["ok"] == true);
  const json added = s.add_indicator("output.quantity", "培训");
  const std::string id = added["id"];
  const json before = s.answers();
  CHECK(s.update_indicator(id, "direction", "向上")["ok"] == false);
  CHECK(s.update_indicator(id, "name", "")["ok"] == false);
  CHECK(s.answers() == before);
  CHECK(s.set_value("nope", "actual", "1")["ok"] == false);
  CHECK(s.set_value(id, "colour", "1")["ok"] == false);
  CHECK(s.set_value(id, "actual", std::string(3000, 'x'))["ok"] == false);
  CHECK(s.set_value(id, "actual", std::string("\xff"))["ok"] == false);
  CHECK(s.add_indicator("output", "x")["ok"] == false);  // not an open category
  CHECK(s.load_builtin("nope")["ok"] == false);
  CHECK(s.load_answers("{")["ok"] == false);
  // Text that is no number is kept and reported at its field.
  const json d = s.set_value(id, "occurrences", "三次");
  CHECK(d["ok"] == true);
  CHECK(s.answers()["values"][id]["occurrences"] == "三次");
}

TEST_CASE("session structure edits: move, remove, import a declaration") {
  const std::string tmpl = slurp("schemas/templates/project-self-assessment.json");
  selfeval::FormSession s;
  REQUIRE(s.load_builtin("project-self-assessment")["ok"] == true);
  const std::string a = s.add_indicator("output.quantity", "甲")["id"];
  const std::string b = s.add_indicator("output.quantity", "乙")["id"];
  CHECK(s.move_indicator(b, -1)["ok"] == true);
  CHECK(s.answers()["indicators"][0]["id"] == b);
  CHECK(s.remove_indicator(a)["ok"] == true);
  CHECK(s.answers()["indicators"].size() == 1);
  const json imp =
      s.import_declaration(slurp("schemas/examples/project-planted-defects.declaration.json"));
  CHECK(imp["ok"] == true);
  CHECK(imp["imported"] == 12);
  CHECK(s.describe()["has_declaration"] == true);
  check_consistent(s, tmpl);
  // The department declaration template maps onto the project form by category names.
  selfeval::FormSession p;
  REQUIRE(p.load_builtin("project-self-assessment")["ok"] == true);
  const json imp2 =
      p.import_declaration(slurp("schemas/templates/department-target-declaration.json"));
  CHECK(imp2["ok"] == true);
  CHECK(imp2["imported"] == 27);
}

TEST_CASE("describe lists the tree in order with each leaf's inputs and options") {
  selfeval::FormSession s;
  REQUIRE(s.load_builtin("policy-evaluation")["ok"] == true);
  const json d = s.describe();
  CHECK(d["template"]["id"] == "policy-evaluation");
  CHECK(d["nodes"][0]["id"] == "design");
  CHECK(d["nodes"][1]["id"] == "design.orientation");
  CHECK(d["nodes"][2]["id"] == "p01");
  CHECK(d["nodes"][2]["inputs"][0] == "choice");
  CHECK(d["nodes"][2]["options"].size() == 2);
  CHECK(selfeval::builtin_template_list().size() == 8);
}

TEST_CASE("edits keep form-level findings exact: cached structure checks, live value checks") {
  // The planted-defects answers with their declaration: a target differing from the
  // declaration (a structure finding, cached) and value findings that come and go.
  const std::string tmpl = slurp("schemas/templates/project-self-assessment.json");
  const std::string decl = slurp("schemas/examples/project-planted-defects.declaration.json");
  selfeval::FormSession s;
  REQUIRE(s.load_builtin("project-self-assessment")["ok"] == true);
  REQUIRE(s.load_answers(slurp("schemas/examples/project-planted-defects.answers.json"))["ok"] ==
          true);
  REQUIRE(s.set_declaration(decl)["ok"] == true);
  auto consistent = [&] {
    const json fresh = selfeval::api_score(tmpl, s.answers().dump(), decl);
    CHECK(s.result() == fresh);
  };
  auto codes = [](const json& d) {
    std::set<std::string> out;
    for (const auto& f : d["form_findings"]) out.insert(f["code"].get<std::string>());
    return out;
  };
  consistent();
  // Every quantitative actual set to its target text: the "copied from the targets"
  // warning appears; one changed back makes it go away again only below half.
  const json desc = s.describe();
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& n : desc["nodes"])
    if (n["leaf"] == true && n["target"].is_string() && !n["target"].get<std::string>().empty())
      rows.emplace_back(n["id"], n["target"]);
  REQUIRE(rows.size() >= 3);
  json d;
  for (const auto& [id, target] : rows) {
    d = s.set_value(id, "actual", target);
    consistent();
  }
  CHECK(codes(d).count("actual.equals_target_most_rows") == 1);
  CHECK(codes(d).count("target.differs_from_declaration") == 1);
  for (const auto& [id, target] : rows) {
    d = s.set_value(id, "actual", "");
    consistent();
  }
  CHECK(codes(d).count("actual.equals_target_most_rows") == 0);
  CHECK(codes(d).count("target.differs_from_declaration") == 1);
  // The reported total follows the budget block and the values.
  d = s.set_text("reported_total", "99");
  CHECK(codes(d).count("total.reported_mismatch") == 1);
  consistent();
  d = s.set_budget("total", "executed", "1");
  consistent();
  d = s.set_unit("project_name", "");
  CHECK(codes(d).count("unit.field_missing") == 1);
  consistent();
  CHECK(d["counts"] == s.result()["counts"]);
}

TEST_CASE(
    "the reporting year has one place: typed into 年度 it reaches the title, the file names and "
    "the signature") {
  selfeval::FormSession s;
  REQUIRE(s.load_builtin("project-self-assessment")["ok"] == true);
  CHECK(s.describe()["year_field"] == "year");
  // What the form is about names files and drafts: the project, else the signing unit.
  CHECK(s.describe()["subject_fields"] == json::array({"project_name", "implementer"}));
  CHECK(s.set_unit("project_name", "产业人才发展专项资金")["ok"] == true);
  CHECK(s.file_name("xlsx") == "产业人才发展专项资金-项目支出绩效自评表.xlsx");
  CHECK(s.set_unit("year", "2022")["ok"] == true);
  CHECK(s.answers()["year"] == 2022);
  CHECK_FALSE(s.answers()["unit"].contains("year"));
  CHECK(s.report()["rows"][0][0]["text"] == "2022年度项目支出绩效自评表");
  CHECK(s.file_name("xlsx") == "2022年度-产业人才发展专项资金-项目支出绩效自评表.xlsx");
  CHECK(s.file_name("csv") == "2022年度-产业人才发展专项资金-项目支出绩效自评表.csv");
  CHECK(s.file_name("answers") == "2022年度-产业人才发展专项资金-项目支出绩效自评表.json");
  CHECK(s.file_name("signed") == "2022年度-产业人才发展专项资金-项目支出绩效自评表.signed.json");
  CHECK(s.set_unit("year", "22")["ok"] == false);
  CHECK(s.answers()["year"] == 2022);
  // The year is not "missing" once it is in its place.
  const json after = s.result();
  for (const auto& f : after["findings"]) CHECK(f["path"] != "/unit/year");
  // A file that has the year only in its unit block (as the page once wrote it) gets it moved.
  json old = json::parse(slurp("tests/golden/seed001-project/answers.json"));
  old.erase("year");
  old["unit"]["year"] = "2021";
  REQUIRE(s.load_answers(old.dump())["ok"] == true);
  CHECK(s.answers()["year"] == 2021);
  CHECK(s.file_name("print") == "2021年度-产业人才发展专项资金-项目支出绩效自评表");
  // Forms without a 年度 field take the year too, and name their files with it.
  selfeval::FormSession p;
  REQUIRE(p.load_builtin("policy-evaluation")["ok"] == true);
  CHECK(p.describe()["year_field"].is_null());
  CHECK(p.set_text("year", "2021")["ok"] == true);
  CHECK(p.set_unit("policy_name", "人才引进政策: 火炬区/2021")["ok"] == true);
  CHECK(p.file_name("xlsx") == "2021年度-人才引进政策_ 火炬区_2021-政策绩效评价指标体系.xlsx");
}

TEST_CASE(
    "signing a form with errors is refused with the list of errors; warnings do not stop it") {
  selfeval::FormSession s;
  REQUIRE(s.load_builtin("project-self-assessment")["ok"] == true);
  REQUIRE(s.load_answers(slurp("tests/golden/seed001-project/answers.json"))["ok"] == true);
  const std::string key = slurp("schemas/examples/unit.key.json");
  const json ok = s.sign(key, "selfeval-示例口令-2023", "2023-01-15T09:00:00Z");
  REQUIRE(ok["ok"] == true);
  CHECK(ok["envelope"]["submission"]["year"] == 2022);
  CHECK(ok["file_name"] == "2022年度-产业人才发展专项资金-项目支出绩效自评表.signed.json");
  const std::string id = s.answers()["indicators"][0]["id"];
  CHECK(s.set_value(id, "actual", "完成")["ok"] == true);
  const json refused = s.sign(key, "selfeval-示例口令-2023", "2023-01-15T09:00:00Z");
  CHECK(refused["ok"] == false);
  CHECK(refused["blocked"] == true);
  REQUIRE(!refused["findings"].empty());
  for (const auto& f : refused["findings"]) CHECK(f["severity"] == "error");
  CHECK_FALSE(refused.contains("envelope"));
}

namespace {

// A template of `sections` first-level categories of `leaves` rows each (every level
// counted: sections × (leaves + 1) indicators); the first category is open for project rows.
std::string sized_template(int sections, int leaves) {
  json inds = json::array();
  for (int s = 0; s < sections; ++s) {
    json kids = json::array();
    for (int l = 0; l < leaves; ++l)
      kids.push_back({{"id", "s" + std::to_string(s) + "r" + std::to_string(l)},
                      {"name", "指标"},
                      {"weight", s == 0 && l == 0 ? 100 : 0},
                      {"target", "≥1次"},
                      {"direction", "正向"}});
    json sec = {{"id", "s" + std::to_string(s)}, {"name", "类别"}, {"children", kids}};
    if (s == 0) sec["open"] = true;
    inds.push_back(sec);
  }
  return json{{"format", "selfeval.template.v1"},
              {"id", "big"},
              {"name", "大表"},
              {"version", "1"},
              {"indicators", inds},
              {"total", 100},
              {"grade_bands", json::array({{{"grade", "合格"}, {"min", 0}, {"max", 100}}})}}
      .dump();
}

json project_rows(int n) {
  json a = {{"format", "selfeval.answers.v1"},
            {"template", {{"id", "big"}, {"version", "1"}}},
            {"indicators", json::array()}};
  for (int i = 0; i < n; ++i)
    a["indicators"].push_back({{"id", "p" + std::to_string(i)},
                               {"parent", "s0"},
                               {"name", "项目指标"},
                               {"weight", 0},
                               {"target", "≥1次"}});
  return a;
}

}  // namespace

TEST_CASE(
    "a form holds at most 20,000 indicators: templates, answers and added rows beyond it are "
    "refused") {
  // 40 categories of 499 rows: exactly 20,000 indicators, which loads.
  selfeval::FormSession s;
  const json ok = s.load_template(sized_template(40, 499));
  REQUIRE(ok["ok"] == true);
  // One more row would pass the limit: adding it is refused, with the numbers.
  const json add = s.add_indicator("s0", "");
  CHECK(add["ok"] == false);
  CHECK(add["findings"][0]["code"] == "form.too_many_indicators");
  CHECK(add["findings"][0]["message_zh"].get<std::string>().find("20001") != std::string::npos);
  // 40 categories of 500 rows: 20,040 indicators, refused before any other check.
  selfeval::FormSession big;
  const json refused = big.load_template(sized_template(40, 500));
  CHECK(refused["ok"] == false);
  REQUIRE(refused["findings"].size() == 1);
  CHECK(refused["findings"][0]["code"] == "template.too_many_indicators");
  CHECK(refused["findings"][0]["path"] == "/indicators");
  CHECK(refused["findings"][0]["message_zh"].get<std::string>().find("20040") != std::string::npos);
  CHECK(selfeval::api_check_template(sized_template(40, 500))["ok"] == false);
  // Project rows count too: 19,960 + 41 is over, 19,960 + 40 is not.
  selfeval::FormSession p;
  REQUIRE(p.load_template(sized_template(40, 498))["ok"] == true);
  const json over = p.load_answers(project_rows(41).dump());
  CHECK(over["ok"] == false);
  CHECK(over["findings"][0]["code"] == "form.too_many_indicators");
  CHECK(p.load_answers(project_rows(40).dump())["ok"] == true);
}

TEST_CASE("the overview is the result's scores and findings in the shape of a delta") {
  selfeval::FormSession s;
  REQUIRE(s.load_builtin("project-self-assessment")["ok"] == true);
  REQUIRE(s.load_answers(slurp("schemas/examples/project-planted-defects.answers.json"))["ok"] ==
          true);
  REQUIRE(s.set_declaration(
              slurp("schemas/examples/project-planted-defects.declaration.json"))["ok"] == true);
  const json r = s.result();
  const json o = s.overview();
  REQUIRE(o["rows"].size() == r["indicators"].size());
  for (std::size_t i = 0; i < o["rows"].size(); ++i) {
    CHECK(o["rows"][i]["id"] == r["indicators"][i]["id"]);
    CHECK(o["rows"][i]["score"] == r["indicators"][i]["score"]);
    json without_message = r["indicators"][i]["findings"];
    for (auto& f : without_message) f.erase("message");
    CHECK(o["rows"][i]["findings"] == without_message);
  }
  REQUIRE(o["sections"].size() == r["sections"].size());
  for (std::size_t i = 0; i < o["sections"].size(); ++i)
    CHECK(o["sections"][i]["score"] == r["sections"][i]["score"]);
  CHECK(o["total"] == r["total"]);
  CHECK(o["grade"] == r["grade"]);
  CHECK(o["counts"] == r["counts"]);
  CHECK(o["budget"] == r["budget"]);
  // Every finding of the result is in a row, the budget block or the form level — once.
  std::size_t n = o["form_findings"].size() + o["budget"]["findings"].size();
  for (const auto& row : o["rows"]) n += row["findings"].size();
  CHECK(n == r["findings"].size());
  CHECK(!o["form_findings"].empty());
}

TEST_CASE("describe leaves out a node's optional fields that are not set") {
  selfeval::FormSession s;
  REQUIRE(s.load_builtin("project-self-assessment")["ok"] == true);
  const json d = s.describe();
  bool saw_open = false;
  for (const auto& n : d["nodes"]) {
    CHECK(n.contains("id"));
    CHECK(n.contains("leaf"));
    CHECK(n.contains("children"));
    for (const char* k :
         {"name_en", "category", "unit", "scoring_standard", "explanation", "target_period"})
      if (n.contains(k)) CHECK(!n[k].get<std::string>().empty());
    for (const char* k : {"open", "from_project", "bonus", "penalty"})
      if (n.contains(k)) CHECK(n[k] == true);
    saw_open = saw_open || n.value("open", false);
  }
  CHECK(saw_open);
}

TEST_CASE(
    "describe and overview are written as JSON text that reads back exactly, awkward characters "
    "included") {
  json tpl = json::parse(slurp("tests/data/templates/good-mini.json"));
  const std::string odd = "名称\"引号\" \\反斜杠\n换行\t制表\x01控制 /斜杠 😀";
  tpl["indicators"][0]["children"][0]["children"][0]["name"] = odd;
  tpl["indicators"][0]["children"][0]["children"][0]["scoring_standard"] =
      std::string("标准\x1f") + "\"";
  selfeval::FormSession s;
  REQUIRE(s.load_template(tpl.dump())["ok"] == true);
  REQUIRE(s.set_value("a.1.1", "actual", "12\"人次\\")["ok"] == true);
  const json d = json::parse(s.describe_text());
  CHECK(d == s.describe());
  bool found = false;
  for (const auto& n : d["nodes"])
    if (n["id"] == "a.1.1") {
      found = true;
      CHECK(n["name"] == odd);
      CHECK(n["scoring_standard"] == std::string("标准\x1f") + "\"");
      CHECK(n["parent"] == "a.1");
      CHECK(n["children"].empty());
      CHECK(n["inputs"].is_array());
    }
  CHECK(found);
  const json o = json::parse(s.overview_text());
  CHECK(o == s.overview());
  const json r = s.result();
  REQUIRE(o["rows"].size() == r["indicators"].size());
  for (std::size_t i = 0; i < o["rows"].size(); ++i) {
    json without_message = r["indicators"][i]["findings"];
    for (auto& f : without_message) f.erase("message");
    CHECK(o["rows"][i]["findings"] == without_message);
  }
  CHECK(o["total"] == r["total"]);
}

TEST_CASE(
    "text limits come from the answers schema: the session's edits, describe and the loader "
    "agree") {
  selfeval::FormSession s;
  REQUIRE(s.load_builtin("project-self-assessment")["ok"] == true);
  const json d = s.describe();
  REQUIRE(d["limits"].is_object());
  CHECK(d["limits"]["reason"] == 4000);
  CHECK(d["limits"]["actual"] == 2000);
  CHECK(d["limits"]["unit"] == 2000);
  CHECK(d["limits"]["score"] == d["limits"]["decimal"]);
  // Seed 001's rows (the project form's indicators are the project's own).
  REQUIRE(s.load_answers(slurp("tests/golden/seed001-project/answers.json"))["ok"] == true);
  const json filled = s.describe();
  std::string leaf;
  for (const auto& n : filled["nodes"])
    if (n["leaf"] == true) {
      leaf = n["id"].get<std::string>();
      break;
    }
  REQUIRE(!leaf.empty());
  auto text_of = [](std::size_t n) {
    std::string t;
    for (std::size_t i = 0; i < n; ++i) t += "因";
    return t;
  };
  // A 偏差原因 of 4000 characters is taken (the page allows it, the schema too); 4001 is not.
  CHECK(s.set_value(leaf, "reason", text_of(4000))["ok"] == true);
  const json over = s.set_value(leaf, "reason", text_of(4001));
  CHECK(over["ok"] == false);
  CHECK(over["findings"][0]["code"] == "value.too_long");
  CHECK(over["findings"][0]["message_zh"].get<std::string>().find("4000") != std::string::npos);
  // What the session took, the loader takes back.
  CHECK(s.load_answers(s.answers().dump())["ok"] == true);
  // An actual is limited at 2000, a unit field at 2000, an amount at the decimal limit.
  CHECK(s.set_value(leaf, "actual", text_of(2001))["ok"] == false);
  CHECK(s.set_unit("project_name", text_of(2001))["ok"] == false);
  const std::size_t dec = d["limits"]["decimal"].get<std::size_t>();
  CHECK(s.set_budget("total", "initial", std::string(dec + 1, '1'))["ok"] == false);
  CHECK(s.set_text("problems", text_of(20000))["ok"] == true);
  CHECK(s.set_text("problems", text_of(20001))["ok"] == false);
}
