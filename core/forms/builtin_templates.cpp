#include "forms/builtin_templates.hpp"

#include "base/embedded_files.hpp"

namespace selfeval {

using json = nlohmann::json;

json builtin_template_list() {
  json out = json::array();
  for (const auto& f : detail::embedded_files()) {
    if (f.name.rfind("templates/", 0) != 0) continue;
    const json t = json::parse(f.text, nullptr, false);
    if (!t.is_object()) continue;
    out.push_back({{"id", t.value("id", "")},
                   {"name", t.value("name", "")},
                   {"name_en", t.value("name_en", "")},
                   {"kind", t.value("kind", "self_assessment")},
                   {"description", t.value("description", "")}});
  }
  return out;
}

std::string builtin_template(std::string_view id) {
  for (const auto& f : detail::embedded_files()) {
    if (f.name.rfind("templates/", 0) != 0) continue;
    const json t = json::parse(f.text, nullptr, false);
    if (t.is_object() && t.value("id", "") == id) return std::string(f.text);
  }
  return "";
}

}  // namespace selfeval
