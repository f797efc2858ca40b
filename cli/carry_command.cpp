#include "carry_command.hpp"

#include <cstdio>

#include "api.hpp"
#include "file_io.hpp"
#include "options.hpp"

namespace selfeval::cli {

using nlohmann::json;

int cmd_carry(const std::vector<std::string>& args) {
  const Options o = parse_options(args, {"--from", "--to"}, {});
  auto usage = [](const std::string& why) {
    std::fprintf(stderr, "%s\n", why.c_str());
    return 2;
  };
  if (!o.error.empty()) return usage(o.error);
  if (!o.positional.empty() || !o.has("--from") || !o.has("--to"))
    return usage("用法 / usage: selfeval carry --from FILE --to TEMPLATE");
  std::string from, to;
  if (!read_file(o.get("--from"), from)) return usage("无法读取 / cannot read: " + o.get("--from"));
  // --to names a template file, or a built-in template by its id.
  if (!read_file(o.get("--to"), to)) to = o.get("--to");
  const json r = api_carry(from, to);
  const json& findings = r.value("ok", false) ? r["notes"] : r["findings"];
  for (const auto& f : findings)
    std::fprintf(stderr, "%s %s %s: %s\n", f.value("severity", "").c_str(),
                 f.value("code", "").c_str(), f.value("path", "").c_str(),
                 f.value("message", "").c_str());
  if (!r.value("ok", false)) return 1;
  std::printf("%s\n", json_text(r["answers"], 1).c_str());
  return 0;
}

}  // namespace selfeval::cli
