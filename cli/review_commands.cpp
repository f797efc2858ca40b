#include "review_commands.hpp"

#include <cstdio>

#include "api.hpp"
#include "file_io.hpp"
#include "options.hpp"

namespace selfeval::cli {

using nlohmann::json;

int cmd_review_draft(const std::vector<std::string>& args) {
  const Options o = parse_options(args, {"--declaration", "--sheet"}, {});
  auto usage = [](const std::string& why) {
    std::fprintf(stderr, "%s\n", why.c_str());
    return 2;
  };
  if (!o.error.empty()) return usage(o.error);
  if (o.positional.size() != 1)
    return usage(
        "用法 / usage: selfeval review-draft SUBMISSION|ANSWERS [--declaration D.json] [--sheet "
        "T.json]");
  std::string unit, declaration, sheet;
  if (!read_file(o.positional[0], unit)) return usage("无法读取 / cannot read: " + o.positional[0]);
  if (o.has("--declaration") && !read_file(o.get("--declaration"), declaration))
    return usage("无法读取申报表 / cannot read the declaration: " + o.get("--declaration"));
  if (o.has("--sheet") && !read_file(o.get("--sheet"), sheet))
    return usage("无法读取核查表模板 / cannot read the sheet template: " + o.get("--sheet"));
  const json r = api_review_draft(unit, declaration, sheet);
  const json& findings = r.value("ok", false) ? r["notes"] : r["findings"];
  for (const auto& f : findings)
    std::fprintf(stderr, "%s %s: %s\n", f.value("severity", "").c_str(),
                 f.value("code", "").c_str(), f.value("message", "").c_str());
  if (!r.value("ok", false)) return 1;
  std::printf("%s\n", json_text(r["answers"], 1).c_str());
  return 0;
}

int cmd_review_opinion(const std::vector<std::string>& args) {
  const Options o = parse_options(args, {"--sheet"}, {"--json"});
  if (!o.error.empty() || o.positional.size() != 1) {
    std::fprintf(
        stderr, "%s\n",
        o.error.empty()
            ? "用法 / usage: selfeval review-opinion SHEET_ANSWERS [--sheet T.json] [--json]"
            : o.error.c_str());
    return 2;
  }
  std::string answers, sheet;
  if (!read_file(o.positional[0], answers) ||
      (o.has("--sheet") && !read_file(o.get("--sheet"), sheet))) {
    std::fprintf(stderr, "无法读取 / cannot read the input\n");
    return 2;
  }
  const json r = api_review_opinion(answers, sheet);
  if (!r.value("ok", false)) {
    for (const auto& f : r.value("findings", json::array()))
      std::fprintf(stderr, "%s %s: %s\n", f.value("severity", "").c_str(),
                   f.value("code", "").c_str(), f.value("message", "").c_str());
    return 1;
  }
  if (o.has("--json"))
    std::printf("%s\n", json_text(r, 1).c_str());
  else
    std::printf("%s\n", r["zh"].get<std::string>().c_str());
  return 0;
}

}  // namespace selfeval::cli
