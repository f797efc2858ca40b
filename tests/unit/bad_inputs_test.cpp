// The bad-input catalogue (tests/bad_inputs/catalogue.json) natively: each case's input
// gives its expected finding with a message in Chinese and English that names the field,
// and the inputs the engine tolerates score as their clean form does.
#include <cstdlib>
#include <filesystem>

#include "api.hpp"
#include "session/form_session.hpp"
#include "test_support.hpp"

using nlohmann::json;
using test_support::slurp;

namespace {

// The input of a case: its file, or the recipe for the ones too big to commit.
std::string case_input(const json& c) {
  if (c.contains("file")) return slurp("tests/bad_inputs/" + c["file"].get<std::string>());
  const json& g = c["generate"];
  const std::string in = g["in"];
  if (g.contains("nest")) {
    const int n = g["nest"];
    std::string s;
    for (int i = 0; i < n; ++i) s += in == "answers" ? "{\"a\":" : "[";
    if (in == "answers") s += "1";
    for (int i = 0; i < n; ++i) s += in == "answers" ? "}" : "]";
    return s;
  }
  json base =
      json::parse(slurp(in == "answers" ? "tests/golden/seed001-project/answers.json"
                                        : "schemas/templates/project-self-assessment.json"));
  std::string big;
  for (int i = 0; i < g["string"].get<int>() / 3; ++i) big += "长";
  if (in == "answers")
    base["values"]["q1"][g["field"].get<std::string>()] = big;
  else
    base[g["field"].get<std::string>()] = big;
  return base.dump();
}

struct Outcome {
  bool accepted = false;
  json findings = json::array();
  json result;
};

Outcome run_case(const json& c, const std::string& input) {
  Outcome o;
  const std::string kind = c["kind"];
  json r;
  if (kind == "template") {
    r = selfeval::api_check_template(input);
  } else if (kind == "answers") {
    selfeval::FormSession s;
    REQUIRE(s.load_builtin(c.value("template", "project-self-assessment"))["ok"] == true);
    r = s.load_answers(input);
    if (r["ok"] == true) o.result = s.result();
  } else if (kind == "submission") {
    r = selfeval::api_verify_submission(input, "", "2026-01-01T00:00:00Z");
  } else {
    r = selfeval::api_answers_from_xlsx(input);
  }
  o.accepted = r["ok"] == true;
  for (const auto& f : r["findings"]) o.findings.push_back(f);
  if (!o.result.is_null())
    for (const auto& f : o.result["findings"]) o.findings.push_back(f);
  return o;
}

}  // namespace

TEST_CASE("every bad input gives its expected finding natively") {
  const json cases = json::parse(slurp("tests/bad_inputs/catalogue.json"))["cases"];
  REQUIRE(cases.size() >= 60);
  int with_error = 0;
  for (const auto& c : cases) {
    const std::string id = c["id"];
    CAPTURE(id);
    const Outcome o = run_case(c, case_input(c));
    if (std::getenv("SELFEVAL_PRINT_BAD_INPUTS")) {  // for writing new cases: what the engine says
      std::string codes;
      for (const auto& f : o.findings)
        codes += f["code"].get<std::string>() + "@" + f["path"].get<std::string>() + " ";
      MESSAGE(c["kind"].get<std::string>()
              << " " << id << " " << o.accepted << " " << codes.substr(0, 200)
              << (o.result.is_object() ? " total=" + o.result["total"].get<std::string>() : ""));
      continue;
    }
    CHECK(o.accepted == c.value("accepted", false));
    if (c.contains("code") && !c["code"].is_null()) {
      const json* hit = nullptr;
      for (const auto& f : o.findings)
        if (f["code"] == c["code"]) hit = &f;
      CHECK_MESSAGE(hit, "expected " << c["code"] << ", got " << o.findings.dump());
      if (!hit) continue;
      if (c.contains("path")) CHECK((*hit)["path"] == c["path"]);
      CHECK(!(*hit)["message_zh"].get<std::string>().empty());
      CHECK(!(*hit)["message_en"].get<std::string>().empty());
      if (c.contains("message_zh")) CHECK((*hit)["message_zh"] == c["message_zh"]);
      if ((*hit)["severity"] == "error") ++with_error;
    }
    if (c.contains("expect_total")) {
      REQUIRE(o.result.is_object());
      CHECK(o.result["total"] == c["expect_total"]);
    }
  }
  CHECK(with_error >= 60);
}
