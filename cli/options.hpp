// Strict command-line options: each command names the options it takes; anything else
// is refused, so a mistyped option (--key for --keys) can never silently drop a check.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace selfeval::cli {

struct Options {
  std::map<std::string, std::string> values;  ///< --name value
  std::set<std::string> flags;                ///< --name
  std::vector<std::string> positional;
  std::string error;  ///< set when the arguments are refused

  bool has(const std::string& name) const { return values.count(name) || flags.count(name); }
  const std::string& get(const std::string& name) const { return values.at(name); }
};

/// Parses `args`: `valued` options take the next argument, `flags` none; a repeated
/// option, a missing value or any other argument starting with "-" is an error.
inline Options parse_options(const std::vector<std::string>& args,
                             std::initializer_list<const char*> valued,
                             std::initializer_list<const char*> flags) {
  Options o;
  const std::set<std::string> takes(valued.begin(), valued.end()), bare(flags.begin(), flags.end());
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (takes.count(a)) {
      if (i + 1 >= args.size()) {
        o.error = "选项缺少值 / option needs a value: " + a;
        return o;
      }
      if (!o.values.emplace(a, args[++i]).second) {
        o.error = "选项重复 / option given twice: " + a;
        return o;
      }
    } else if (bare.count(a)) {
      if (!o.flags.insert(a).second) {
        o.error = "选项重复 / option given twice: " + a;
        return o;
      }
    } else if (a.size() > 1 && a[0] == '-') {
      o.error = "无法识别的选项 / unknown option: " + a;
      return o;
    } else {
      o.positional.push_back(a);
    }
  }
  return o;
}

}  // namespace selfeval::cli
