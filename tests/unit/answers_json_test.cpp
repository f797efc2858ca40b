// The typed answers are the one copy of what was typed: a document read into them is written
// back as it was read (answers_json.hpp), and edits land in the document as typed.
#include "model/answers_json.hpp"

#include <doctest/doctest.h>

#include <filesystem>

#include "session/form_session.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test_support::slurp;
using test_support::slurp_abs;

json round_trip(const json& doc) {
  const selfeval::AnswersLoad a = selfeval::load_answers_document(doc);
  REQUIRE(a.answers);
  return selfeval::answers_to_json(*a.answers);
}

}  // namespace

TEST_CASE("every answers file of the repository is written back as it was read") {
  std::vector<fs::path> files = {
      fs::path(SELFEVAL_SOURCE_DIR) / "schemas/examples/project-planted-defects.answers.json",
      // A reviewer's sheet with its link to the submission it scores (reviewed).
      fs::path(SELFEVAL_SOURCE_DIR) / "schemas/examples/seed001.review.answers.json"};
  for (const char* dir : {"tests/golden", "tests/data/answers"})
    for (const auto& e : fs::recursive_directory_iterator(fs::path(SELFEVAL_SOURCE_DIR) / dir))
      if (e.path().extension() == ".json" &&
          (e.path().filename() == "answers.json" || e.path().parent_path().filename() == "answers"))
        files.push_back(e.path());
  REQUIRE(files.size() >= 8);
  for (const auto& f : files) {
    CAPTURE(f.string());
    const json doc = json::parse(slurp_abs(f.string()));
    CHECK(round_trip(doc).dump() == doc.dump());
  }
}

TEST_CASE("numbers stay numbers, text stays text, whole numbers keep how they were typed") {
  const json doc = json::parse(R"({
    "$schema": "../schemas/answers.v1.schema.json",
    "format": "selfeval.answers.v1",
    "template": {"id": "project-self-assessment"},
    "year": 2022, "project_end": "", "unit": {}, "goals": {"expected": ""},
    "budget": {"rows": {"total": {"initial": 350, "adjusted": "350.00", "executed": 301.123456789}},
               "reported_score": 8.5, "reason": ""},
    "indicators": [{"id": "r1", "parent": "c1", "name": "n", "weight": 5,
                    "rule": {"name": "positive"}},
                   {"id": "r2", "parent": "c1", "name": "m", "weight": "5.0", "rule": "positive"}],
    "values": {"a": {"actual": 62, "occurrences": " 3 ", "sample_size": 120, "score": "4.50"},
               "b": {"occurrences": "三次", "last_year_actual": 0.1}},
    "reported_total": 91.5, "problems": "", "improvements": "改进"
  })");
  CHECK(round_trip(doc).dump() == doc.dump());
  const auto a = selfeval::load_answers_document(doc);
  REQUIRE(a.answers);
  CHECK(a.answers->values.at("a").occurrences == 3);
  CHECK(a.answers->values.at("b").bad_integers.at("occurrences") == "三次");
  CHECK(a.answers->budget_rows.at("total").executed == "301.123456789");
}

TEST_CASE("an empty text or an empty record in values is no entry") {
  const json doc = json::parse(R"({"format": "selfeval.answers.v1",
    "template": {"id": "t"}, "values": {"a": {"reason": "", "actual": "完成"}, "b": {}}})");
  CHECK(round_trip(doc) == json::parse(R"({"format": "selfeval.answers.v1",
    "template": {"id": "t"}, "values": {"a": {"actual": "完成"}}})"));
}

TEST_CASE("session edits reach the document as typed, and a number typed over one is text") {
  selfeval::FormSession s;
  REQUIRE(s.load_builtin("project-self-assessment")["ok"] == true);
  const json loaded = json::parse(R"({"format": "selfeval.answers.v1",
    "template": {"id": "project-self-assessment"}, "year": 2022,
    "indicators": [{"id": "r1", "parent": "output.quantity", "name": "培训", "target": "≥50人次",
                    "weight": 10}],
    "values": {"r1": {"actual": 62}}})");
  REQUIRE(s.load_answers(loaded.dump())["ok"] == true);
  CHECK(s.answers() == loaded);
  CHECK(s.answers()["values"]["r1"]["actual"] == 62);
  s.set_value("r1", "actual", "62人次");
  CHECK(s.answers()["values"]["r1"]["actual"] == "62人次");
  s.set_value("r1", "actual", "");
  CHECK_FALSE(s.answers()["values"].contains("r1"));
  s.set_text("problems", "");
  CHECK(s.answers()["problems"] == "");
  s.set_budget("total", "executed", "301");
  CHECK(s.answers()["budget"]["rows"]["total"]["executed"] == "301");
  // A structural edit keeps every typed value, and the row lands where the table shows it.
  s.set_value("r1", "reason", "因疫情延期");
  s.set_value("r1", "actual", "62");
  const json before = s.answers();
  const json added = s.add_indicator("output.quantity", "新增");
  REQUIRE(added["ok"] == true);
  json after = s.answers();
  CHECK(after["indicators"].size() == 2);
  CHECK(after["indicators"][1]["name"] == "新增");
  CHECK(after["indicators"][0] == before["indicators"][0]);
  CHECK(after["values"] == before["values"]);
  // An edit the schema refuses names the row where it stands and changes nothing.
  const json refused = s.update_indicator(added["id"], "direction", "向上");
  CHECK(refused["ok"] == false);
  CHECK(refused["findings"][0]["path"].get<std::string>().rfind("/indicators/1/", 0) == 0);
  CHECK(s.answers() == after);
  REQUIRE(s.move_indicator(added["id"], -1)["ok"] == true);
  CHECK(s.answers()["indicators"][0]["name"] == "新增");
  REQUIRE(s.remove_indicator("r1")["ok"] == true);
  CHECK_FALSE(s.answers()["values"].contains("r1"));
  CHECK(s.answers()["indicators"].size() == 1);
}
