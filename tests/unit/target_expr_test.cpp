#include "target/target_expr.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "api.hpp"

namespace {

using nlohmann::json;

json load_table() {
  std::ifstream in(SELFEVAL_SOURCE_DIR "/tests/data/targets.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}

std::vector<std::string> codes(const json& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f["code"]);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("every target phrasing in the table parses to its expected structure") {
  const json table = load_table();
  REQUIRE(table.size() >= 100);
  std::size_t malformed = 0;
  for (const auto& row : table) {
    const std::string text = row["text"];
    const std::string dir = row.value("direction", "");
    const json& exp = row["expect"];
    const json got = selfeval::api_parse_target(text, dir);
    CAPTURE(text);
    CAPTURE(dir);
    CHECK(got["text"] == text);
    CHECK(got["kind"] == exp["kind"]);
    REQUIRE(got["parts"].size() == exp["parts"].size());
    for (std::size_t i = 0; i < exp["parts"].size(); ++i) {
      const json& e = exp["parts"][i];
      const json& g = got["parts"][i];
      CAPTURE(i);
      CHECK(g["op"] == e["op"]);
      CHECK(g["value"].get<double>() == doctest::Approx(e["value"].get<double>()).epsilon(1e-12));
      CHECK(g["unit"] == e["unit"]);
      CHECK(g["per"] == e["per"]);
      if (e.contains("label")) CHECK(g.value("label", "") == e["label"]);
    }
    if (exp.contains("deadline"))
      for (const auto& [k, v] : exp["deadline"].items()) CHECK(got["deadline"][k] == v);
    CHECK(codes(got["findings"]) == exp["findings"].get<std::vector<std::string>>());
    if (!exp["findings"].empty()) ++malformed;
  }
  CHECK(malformed >= 40);
}

TEST_CASE("targets keep the original text and normalise full-width forms") {
  const auto t = selfeval::parse_target("＞６家／年");
  CHECK(t.text == "＞６家／年");
  CHECK(t.normalized == ">6家/年");
}

TEST_CASE("invalid UTF-8 in a target is a finding, not a crash") {
  const auto t = selfeval::parse_target(std::string("\xff\xfe≥5个"));
  REQUIRE(t.findings.size() == 1);
  CHECK(t.findings[0].code == "target.invalid_utf8");
  // The JSON text of the result replaces the bad bytes instead of throwing.
  const std::string out = selfeval::json_text(selfeval::target_to_json(t));
  CHECK(out.find("target.invalid_utf8") != std::string::npos);
}

TEST_CASE("findings carry the path they were given and both languages") {
  const auto t =
      selfeval::parse_target("≥15", selfeval::Direction::kPositive, "/indicators/0/target");
  REQUIRE(t.findings.size() == 1);
  CHECK(t.findings[0].path == "/indicators/0/target");
  CHECK(t.findings[0].message().find("没有计量单位") != std::string::npos);
  CHECK(t.findings[0].message().find("has no unit") != std::string::npos);
}

TEST_CASE("an unknown direction is reported by the API") {
  const json got = selfeval::api_parse_target("≥5个", "sideways");
  REQUIRE(got["findings"].size() == 1);
  CHECK(got["findings"][0]["code"] == "direction.unknown");
}
