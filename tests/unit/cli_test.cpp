// The `score` and `validate` commands as a bureau script would call them.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace {

using test_support::run_cli;

const std::string kRoot = SELFEVAL_SOURCE_DIR;
const std::string kProject =
    " --template " + kRoot + "/schemas/templates/project-self-assessment.json";

}  // namespace

TEST_CASE("score prints the result JSON; --text prints a readable table") {
  std::string out;
  CHECK(run_cli("score" + kProject + " --answers " + kRoot +
                    "/tests/golden/seed001-project/answers.json",
                out) == 0);
  const auto j = nlohmann::json::parse(out);
  CHECK(j["total"] == "100.00");
  CHECK(j["grade"] == "优");
  CHECK(j["indicators"][0]["rule"] == "positive");
  CHECK(run_cli("score --text" + kProject + " --answers " + kRoot +
                    "/tests/golden/seed001-project/answers.json",
                out) == 0);
  CHECK(out.find("总分 100.00 / 100    评价等级 优") != std::string::npos);
}

TEST_CASE("validate exits 1 when there is an error and 0 when there is none") {
  std::string out;
  CHECK(run_cli("validate" + kProject + " --answers " + kRoot +
                    "/schemas/examples/project-planted-defects.answers.json" + " --declaration " +
                    kRoot + "/schemas/examples/project-planted-defects.declaration.json",
                out) == 1);
  CHECK(out.find("target.differs_from_declaration") != std::string::npos);
  CHECK(out.find("17 个问题") != std::string::npos);
  CHECK(run_cli("validate" + kProject + " --answers " + kRoot +
                    "/tests/golden/seed001-project/answers.json",
                out) == 0);
  CHECK(out.find("无错误") != std::string::npos);
  CHECK(run_cli("validate" + kProject + " --answers /nonexistent.json", out) == 2);
  CHECK(run_cli("validate" + kProject, out) == 2);
}
