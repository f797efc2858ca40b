// Walks tests/golden/<case>/: scores answers.json against the case's template (and
// declaration), compares the result byte for byte with expected.json (blessed by
// `make bless`), and checks the published figures in published.json independently.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const json* find_id(const json& list, const std::string& id) {
  for (const auto& x : list)
    if (x["id"] == id) return &x;
  return nullptr;
}

}  // namespace

TEST_CASE("golden cases reproduce their blessed result and the published figures") {
  const fs::path root = SELFEVAL_SOURCE_DIR;
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(root / "tests/golden")) {
    const fs::path dir = entry.path();
    if (!fs::exists(dir / "case.json")) continue;
    ++cases;
    CAPTURE(dir.filename().string());
    const json c = json::parse(slurp(dir / "case.json"));
    const std::string decl =
        c.contains("declaration") ? slurp(dir / c["declaration"].get<std::string>()) : "";
    const json result = selfeval::api_score(slurp(root / c["template"].get<std::string>()),
                                            slurp(dir / c["answers"].get<std::string>()), decl);
    CHECK(selfeval::json_text(result, 2) + "\n" == slurp(dir / "expected.json"));

    const json pub = json::parse(slurp(dir / "published.json"));
    CHECK(result["total"] == pub["total"]);
    CHECK(result["grade"] == pub["grade"]);
    if (pub.contains("budget")) CHECK(result["budget"]["score"] == pub["budget"]);
    for (const auto& [id, score] : pub["scores"].items()) {
      CAPTURE(id);
      const json* row = find_id(result["indicators"], id);
      REQUIRE(row != nullptr);
      CHECK((*row)["score"] == score);
    }
    if (pub.contains("sections")) {
      for (const auto& [id, score] : pub["sections"].items()) {
        CAPTURE(id);
        const json* row = find_id(result["sections"], id);
        REQUIRE(row != nullptr);
        CHECK((*row)["score"] == score);
      }
    }
    // A monitoring form: each row's light and completion computed by hand (the case's notes),
    // the counts, the budget block's rates, and which rows are told to give their reasons.
    if (pub.contains("lights")) {
      CHECK(result["month"] == pub["month"]);
      for (const auto& [id, want] : pub["lights"].items()) {
        CAPTURE(id);
        const json* row = find_id(result["indicators"], id);
        REQUIRE(row != nullptr);
        CHECK((*row)["detail"]["light"] == want["light"]);
        if (want.contains("completion"))
          CHECK((*row)["detail"]["completion"] == want["completion"]);
      }
      CHECK(result["lights"] == pub["light_counts"]);
      for (const auto& [key, value] : pub["budget_detail"].items()) {
        CAPTURE(key);
        CHECK(result["budget"]["detail"][key] == value);
      }
      for (const char* code : {"reason_missing", "measures_missing"}) {
        json ids = json::array();
        for (const auto& row : result["indicators"])
          for (const auto& f : row["findings"])
            if (f["code"] == std::string("monitoring.") + code) ids.push_back(row["id"]);
        CAPTURE(code);
        CHECK(ids == pub[code]);
      }
    }
  }
  CHECK(cases >= 7);
}

TEST_CASE("seed 004 policy: the prose says 政策效益 40 but its items add up to 42") {
  // The report's summary gives 政策制定 17, 政策实施 27.92 and 政策效益 40, which would make
  // 84.92, yet it publishes 86.92 and its own item table sums 政策效益 to 42. Exact
  // arithmetic sides with the items and the published total.
  const fs::path root = SELFEVAL_SOURCE_DIR;
  const json result = selfeval::api_score(slurp(root / "schemas/templates/policy-evaluation.json"),
                                          slurp(root / "tests/golden/seed004-policy/answers.json"));
  const json* effects = find_id(result["sections"], "effects");
  REQUIRE(effects != nullptr);
  CHECK((*effects)["score"] == "42.00");
  CHECK((*effects)["score"] != "40.00");
  CHECK(result["total"] == "86.92");
}

TEST_CASE("the policy template with the published second-level weights fails the weight check") {
  const fs::path root = SELFEVAL_SOURCE_DIR;
  json t = json::parse(slurp(root / "schemas/templates/policy-evaluation.json"));
  t["indicators"][1]["children"][0]["weight"] = 8;   // 政策管理制度完整性 as printed
  t["indicators"][1]["children"][1]["weight"] = 10;  // 政策资金利用高效性 as printed
  const json r = selfeval::api_check_template(t.dump());
  CHECK(r["ok"] == false);
  int mismatches = 0;
  for (const auto& f : r["findings"]) {
    if (f["code"] != "template.weight_mismatch") continue;
    ++mismatches;
    CHECK((f["path"] == "/indicators/1/children/0/weight" ||
           f["path"] == "/indicators/1/children/1/weight"));
  }
  CHECK(mismatches == 2);
}
