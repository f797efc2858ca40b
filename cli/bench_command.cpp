#include "bench_command.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api.hpp"
#include "file_io.hpp"
#include "forms/template_loader.hpp"
#include "session/form_session.hpp"

namespace selfeval::cli {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double percentile(std::vector<double> xs, double p) {
  if (xs.empty()) return 0;
  std::sort(xs.begin(), xs.end());
  return xs[static_cast<std::size_t>(p * static_cast<double>(xs.size() - 1) + 0.5)];
}

}  // namespace

// bench --template T --answers A [--runs N] [--edits N]: full evaluation and single-value
// edits of one form, timed here, natively (bench/core_bench.mjs times the same in wasm).
int cmd_bench(const std::vector<std::string>& args) {
  std::string tpath, apath;
  int runs = 20, edits = 200;
  for (std::size_t i = 0; i + 1 < args.size(); i += 2) {
    if (args[i] == "--template")
      tpath = args[i + 1];
    else if (args[i] == "--answers")
      apath = args[i + 1];
    else if (args[i] == "--runs")
      runs = std::max(1, std::atoi(args[i + 1].c_str()));
    else if (args[i] == "--edits")
      edits = std::max(1, std::atoi(args[i + 1].c_str()));
  }
  std::string tmpl, answers;
  if (tpath.empty() || apath.empty() || !read_file(tpath, tmpl) || !read_file(apath, answers)) {
    std::fputs(
        "用法 / usage: selfeval bench --template T.json --answers A.json [--runs N] [--edits N]\n",
        stderr);
    return 2;
  }
  FormSession s;
  auto t0 = Clock::now();
  if (s.load_template(tmpl)["ok"] != true || s.load_answers(answers)["ok"] != true) {
    std::fputs("模板或答卷无法加载 / the template or answers do not load\n", stderr);
    return 1;
  }
  const double load_ms = ms_since(t0);

  // Loading the answers: parse them, build the form and score everything — what opening a
  // filled form costs (bench/core_bench.mjs times the same call in wasm).
  std::vector<double> loads;
  for (int r = 0; r < runs; ++r) {
    t0 = Clock::now();
    (void)s.load_answers(answers);
    loads.push_back(ms_since(t0));
  }
  // A whole scoring through the API with the template loaded once: the answers parsed, the
  // form built and evaluated, the result document made (what re-scoring a submission costs).
  const TemplateLoad tl = load_template(tmpl);
  std::vector<double> full;
  std::string total;
  for (int r = 0; r < runs; ++r) {
    t0 = Clock::now();
    const json result = api_score_loaded(tl, answers);
    full.push_back(ms_since(t0));
    total = result.value("total", "");
  }

  // Single edits: the actual of positive-rule rows in turn, alternating two values, each edit's
  // delta serialized as the page receives it.
  std::vector<std::string> ids;
  std::size_t leaves = 0;
  const json desc = s.describe();
  for (const auto& n : desc["nodes"]) {
    if (n["leaf"] != true) continue;
    ++leaves;
    if (n.value("rule", "") == "positive") ids.push_back(n["id"]);
  }
  if (ids.empty()) {
    std::fputs("表中没有正向指标 / the form has no positive-rule rows\n", stderr);
    return 1;
  }
  std::vector<double> edit;
  std::size_t bytes = 0;
  std::string total_after;
  for (int k = 0; k < edits; ++k) {
    const std::string& id = ids[static_cast<std::size_t>(k) % ids.size()];
    t0 = Clock::now();
    const bool low =
        (static_cast<std::size_t>(k) / ids.size()) % 2 == 1;  // each row: 100000, then 1, …
    const json d = s.set_value(id, "actual", low ? "1" : "100000");
    const std::string delta = json_text(d);
    edit.push_back(ms_since(t0));
    bytes += delta.size();
    total_after = d.value("total", "");
  }
  const json out = {{"leaves", leaves},
                    {"edited_rows", ids.size()},
                    {"first_load_ms", load_ms},
                    {"load_answers_ms_p50", percentile(loads, 0.5)},
                    {"evaluate_ms_p50", percentile(full, 0.5)},
                    {"edit_ms_p50", percentile(edit, 0.5)},
                    {"edit_ms_p95", percentile(edit, 0.95)},
                    {"edit_delta_bytes_mean", static_cast<double>(bytes) / edits},
                    {"runs", runs},
                    {"edits", edits},
                    {"total", total},
                    {"total_after_edits", total_after}};
  std::printf("%s\n", out.dump().c_str());
  return 0;
}

}  // namespace selfeval::cli
