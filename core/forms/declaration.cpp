#include "forms/declaration.hpp"

#include <functional>
#include <nlohmann/json.hpp>

#include "base/json_reader.hpp"
#include "forms/template_loader.hpp"
#include "model/answers.hpp"

namespace selfeval {

const DeclaredTarget* Declaration::find(const std::string& id, const std::string& name) const {
  for (const auto& t : targets)
    if (!id.empty() && t.id == id) return &t;
  for (const auto& t : targets)
    if (!name.empty() && t.name == name) return &t;
  return nullptr;
}

DeclarationLoad load_declaration(std::string_view text) {
  DeclarationLoad out;
  JsonRead r = read_json(text, "申报表", "declaration");
  out.findings = r.findings;
  if (!r.value) return out;
  const auto& doc = *r.value;
  const std::string format = doc.is_object() ? doc.value("format", "") : "";
  Declaration d;
  if (format == "selfeval.template.v1") {
    TemplateLoad t = load_template_document(doc);
    out.findings.insert(out.findings.end(), t.findings.begin(), t.findings.end());
    if (!t.tmpl) return out;
    std::function<void(const Indicator&, const Indicator*)> walk = [&](const Indicator& i,
                                                                       const Indicator* parent) {
      if (!i.target_text.empty())
        d.targets.push_back({i.id, i.name, i.target_text, i.target_period_text, i.path,
                             parent ? parent->id : "", parent ? parent->name : "",
                             direction_name(i.direction), i.unit});
      for (const auto& c : i.children) walk(c, &i);
    };
    for (const auto& i : t.tmpl->indicators) walk(i, nullptr);
  } else if (format == "selfeval.answers.v1") {
    AnswersLoad a = load_answers_document(doc);
    out.findings.insert(out.findings.end(), a.findings.begin(), a.findings.end());
    if (!a.answers) return out;
    for (const auto& p : a.answers->indicators)
      d.targets.push_back(
          {p.id, p.name, p.target, p.target_period, p.path, p.parent, "", p.direction, p.unit});
  } else {
    out.findings.push_back(
        Finding{"declaration.format", Severity::kError, "/format",
                "申报表应为模板（selfeval.template.v1）或答卷（selfeval.answers.v1）",
                "a declaration must be a template (selfeval.template.v1) or an "
                "answers file (selfeval.answers.v1)"});
    return out;
  }
  if (!has_error(out.findings)) out.declaration = std::move(d);
  return out;
}

}  // namespace selfeval
