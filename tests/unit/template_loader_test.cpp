#include "forms/template_loader.hpp"

#include <doctest/doctest.h>

#include "api.hpp"
#include "test_support.hpp"

namespace {

using test_support::run_cli;
using test_support::slurp;

selfeval::TemplateLoad load(const std::string& rel) { return selfeval::load_template(slurp(rel)); }

bool has(const selfeval::Findings& fs, const std::string& code, const std::string& path) {
  for (const auto& f : fs)
    if (f.code == code && f.path == path) return true;
  return false;
}

}  // namespace

TEST_CASE("a valid template loads into the model") {
  auto r = load("tests/data/templates/good-mini.json");
  REQUIRE(r.tmpl);
  CHECK(r.findings.empty());
  const auto& t = *r.tmpl;
  CHECK(t.id == "mini");
  CHECK(t.total == selfeval::Decimal::from_int(100));
  REQUIRE(t.indicators.size() == 2);
  CHECK(t.indicators[0].children[0].children[0].name == "培训人次");
  CHECK(t.indicators[0].children[0].children[0].level == 3);
  CHECK(t.indicators[0].children[0].children[0].target->parts[0].value ==
        selfeval::Decimal::from_int(100));
  CHECK(t.grade_bands.size() == 4);
  CHECK(t.grade_bands[0].max_inclusive);  // the band ending at the total includes it
}

TEST_CASE("the built-in project template is valid") {
  auto r = load("schemas/templates/project-self-assessment.json");
  CHECK(r.tmpl);
  CHECK_FALSE(selfeval::has_error(r.findings));
}

TEST_CASE("children's weights that do not add up are rejected at the parent's path") {
  auto r = load("tests/data/templates/bad-weight-mismatch.json");
  CHECK_FALSE(r.tmpl);
  CHECK(has(r.findings, "template.weight_mismatch", "/indicators/0/children/0/weight"));
}

TEST_CASE("a duplicate id is rejected at the second occurrence") {
  auto r = load("tests/data/templates/bad-duplicate-id.json");
  CHECK_FALSE(r.tmpl);
  CHECK(has(r.findings, "template.duplicate_id", "/indicators/1/children/0/id"));
}

TEST_CASE("overlapping and gapped grade bands are rejected") {
  auto overlap = load("tests/data/templates/bad-overlapping-bands.json");
  CHECK_FALSE(overlap.tmpl);
  CHECK(has(overlap.findings, "grade_bands.overlap", "/grade_bands/0"));
  auto gap = load("tests/data/templates/bad-gap-bands.json");
  CHECK_FALSE(gap.tmpl);
  CHECK(has(gap.findings, "grade_bands.gap", "/grade_bands/1"));
}

TEST_CASE("a total that the first-level weights do not reach is rejected") {
  auto r = load("tests/data/templates/bad-total-mismatch.json");
  CHECK(has(r.findings, "template.total_mismatch", "/total"));
}

TEST_CASE("several errors are reported at once") {
  auto r = load("tests/data/templates/bad-several-schema-errors.json");
  CHECK_FALSE(r.tmpl);
  CHECK(has(r.findings, "schema.required", "/name"));
  CHECK(has(r.findings, "schema.additionalProperties", "/colour"));
  CHECK(has(r.findings, "schema.type", "/indicators/0/weight"));
  CHECK(has(r.findings, "schema.enum", "/indicators/1/children/0/direction"));
  CHECK(r.findings.size() == 4);
}

TEST_CASE("syntax errors name the line and column") {
  auto r = load("tests/data/templates/bad-syntax.json");
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].code == "json.syntax");
  CHECK(r.findings[0].message().find("第 3 行") != std::string::npos);
  CHECK(r.findings[0].message().find("line 3") != std::string::npos);
}

TEST_CASE("vague declared targets are warnings that do not reject the template") {
  auto r = load("tests/data/templates/warn-vague-target.json");
  CHECK(r.tmpl);
  CHECK(has(r.findings, "target.not_measurable", "/indicators/0/children/0/children/0/target"));
}

TEST_CASE("a leaf without a weight, a bad id, a negative weight and bad decimals are errors") {
  const char* doc = R"({"format":"selfeval.template.v1","id":"x y","name":"n","version":"1",
    "indicators":[{"id":"a","name":"A","weight":"-5"},{"id":"b","name":"B"},
                  {"id":"c","name":"C","weight":"1.0000001"}],
    "grade_bands":[{"grade":"合格","min":0,"max":100}]})";
  auto r = selfeval::load_template(doc);
  CHECK(has(r.findings, "template.bad_id", "/id"));
  CHECK(has(r.findings, "template.negative_weight", "/indicators/0/weight"));
  CHECK(has(r.findings, "template.missing_weight", "/indicators/1/weight"));
  CHECK(has(r.findings, "template.bad_number", "/indicators/2/weight"));
}

TEST_CASE("JSON-level defects: duplicate keys, NaN-like numbers, BOM, deep nesting, empty") {
  CHECK(selfeval::load_template(R"({"id":"a","id":"b"})").findings[0].code == "json.duplicate_key");
  CHECK(selfeval::load_template(R"({"total":1e400})").findings[0].code ==
        "json.number_out_of_range");
  CHECK(selfeval::load_template("").findings[0].code == "json.empty");
  CHECK(selfeval::load_template(std::string(300, '[') + std::string(300, ']')).findings[0].code ==
        "json.too_deep");
  auto bom = selfeval::load_template("\xEF\xBB\xBF" + slurp("tests/data/templates/good-mini.json"));
  CHECK(bom.tmpl);
  CHECK(bom.findings[0].code == "json.bom");
  CHECK(selfeval::load_template("{\"name\":\"\xC3\x28\"}").findings[0].code == "json.invalid_utf8");
}

TEST_CASE("selfeval check-template exits 0 for a valid template and 1 with messages otherwise") {
  std::string out;
  CHECK(run_cli("check-template " SELFEVAL_SOURCE_DIR "/tests/data/templates/good-mini.json",
                out) == 0);
  CHECK(out.find("模板有效") != std::string::npos);
  CHECK(run_cli("check-template " SELFEVAL_SOURCE_DIR
                "/tests/data/templates/bad-weight-mismatch.json",
                out) == 1);
  CHECK(out.find("/indicators/0/children/0/weight") != std::string::npos);
  CHECK(out.find("add up to 35") != std::string::npos);
  CHECK(run_cli("check-template " SELFEVAL_SOURCE_DIR "/tests/data/templates/bad-duplicate-id.json",
                out) == 1);
  CHECK(out.find("/indicators/1/children/0/id") != std::string::npos);
  CHECK(run_cli("check-template " SELFEVAL_SOURCE_DIR
                "/tests/data/templates/bad-overlapping-bands.json",
                out) == 1);
  CHECK(out.find("/grade_bands/0") != std::string::npos);
  CHECK(run_cli("check-template /nonexistent.json", out) == 2);
}

TEST_CASE("selfeval parse-target prints the structure as JSON") {
  std::string out;
  CHECK(run_cli("parse-target '≥15名/年'", out) == 0);
  const auto j = nlohmann::json::parse(out);
  CHECK(j["kind"] == "quantitative");
  CHECK(j["parts"][0]["op"] == ">=");
  CHECK(j["parts"][0]["value"] == 15);
  CHECK(j["parts"][0]["unit"] == "名");
  CHECK(j["parts"][0]["per"] == "年");
  CHECK(run_cli("parse-target '≤5次' --direction 正向", out) == 0);
  CHECK(out.find("target.direction_conflict") != std::string::npos);
  CHECK(run_cli("parse-target '≤5次' --direction 向上", out) == 2);
}
