// Replays every input kept under tests/fuzz/regressions/<target>/ (crashes and invariant
// breaks the fuzzers found, each fixed) and the seed files through the fuzz entry points,
// in the ordinary build: a fixed bug stays fixed without a fuzzer.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz_entries.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

TEST_CASE("fuzz regression inputs still pass every invariant") {
  const fs::path root = fs::path(SELFEVAL_SOURCE_DIR) / "tests/fuzz/regressions";
  int replayed = 0;
  for (const auto& t : selfeval::fuzz::targets()) {
    const fs::path dir = root / t.name;
    if (!fs::exists(dir)) continue;
    for (const auto& e : fs::directory_iterator(dir)) {
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string data = ss.str();
      CAPTURE(e.path().string());
      CHECK(t.entry(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()) == 0);
      ++replayed;
    }
  }
  MESSAGE("replayed " << replayed << " regression inputs");
}

TEST_CASE("the fuzz entry points accept the repository's own files") {
  auto run = [](const char* name, const std::string& data) {
    for (const auto& t : selfeval::fuzz::targets())
      if (std::string(t.name) == name)
        return t.entry(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
    FAIL("no target " << name);
    return -1;
  };
  CHECK(run("template_loader", test_support::slurp("schemas/templates/policy-evaluation.json")) ==
        0);
  CHECK(run("answers_loader",
            "\x01" + test_support::slurp("tests/golden/seed002-department/answers.json")) == 0);
  CHECK(run("canonical_json", test_support::slurp("schemas/examples/seed001.signed.json")) == 0);
  CHECK(run("submission_verify", test_support::slurp("schemas/examples/seed001.signed.json")) == 0);
  CHECK(run("target_expr", "\x01≥15名/年") == 0);
  CHECK(run("workbook", "一级,二级,三级,年度指标值,分值\n产出,数量,培训,1次,100\n") == 0);
}
