#include "forms/scoring.hpp"

#include "forms/declaration.hpp"
#include "forms/evaluator.hpp"
#include "forms/form.hpp"
#include "forms/result_json.hpp"
#include "model/answers.hpp"

namespace selfeval {

using json = nlohmann::json;

namespace {

// Loads the three inputs; on failure returns the findings as an error result.
struct Inputs {
  std::optional<Template> owned;   ///< the template loaded here
  const Template* tmpl = nullptr;  ///< owned, or one the caller loaded
  std::optional<Answers> answers;
  std::optional<Declaration> declaration;
  Findings findings;
  bool ok = false;
};

Findings prefix(Findings fs, const char* doc) {
  for (auto& f : fs) f.path = std::string(doc) + (f.path.empty() ? "" : ":" + f.path);
  return fs;
}

// `t` is either the template loaded here (moved into the inputs) or one the caller keeps.
Inputs load_inputs(TemplateLoad* owned, const TemplateLoad& t, std::string_view answers_json,
                   std::string_view declaration_json) {
  Inputs in;
  AnswersLoad a = load_answers(answers_json);
  for (auto& f : prefix(t.findings, "template"))
    if (f.severity == Severity::kError) in.findings.push_back(f);
  // Only errors: a note about the file (a BOM) is not part of the form's result, which must
  // equal what a FormSession holding the same answers reports.
  for (auto& f : prefix(a.findings, "answers"))
    if (f.severity == Severity::kError) in.findings.push_back(f);
  if (owned) {
    in.owned = std::move(owned->tmpl);
    in.tmpl = in.owned ? &*in.owned : nullptr;
  } else {
    in.tmpl = t.tmpl ? &*t.tmpl : nullptr;
  }
  in.answers = std::move(a.answers);
  if (!declaration_json.empty()) {
    DeclarationLoad d = load_declaration(declaration_json);
    for (auto& f : prefix(d.findings, "declaration"))
      if (f.severity == Severity::kError) in.findings.push_back(f);
    in.declaration = std::move(d.declaration);
    if (!in.declaration) return in;
  }
  in.ok = in.tmpl && in.answers;
  return in;
}

// Loads the inputs, scores them and hands the form and its evaluation to `present`;
// inputs that do not load go to `on_failure` instead.
template <typename Present, typename OnFailure>
auto score_inputs(Inputs in, Present present, OnFailure on_failure) {
  if (!in.ok) return on_failure(in.findings);
  const Form form = build_form(*in.tmpl, &*in.answers);
  const Evaluator ev(form, *in.answers, in.declaration ? &*in.declaration : nullptr);
  Evaluation e = ev.evaluate();
  e.form_findings.insert(e.form_findings.begin(), in.findings.begin(), in.findings.end());
  return present(form, e);
}

template <typename Present, typename OnFailure>
auto score_with(std::string_view template_json, std::string_view answers_json,
                std::string_view declaration_json, Present present, OnFailure on_failure) {
  TemplateLoad t = load_template(template_json);
  return score_inputs(load_inputs(&t, t, answers_json, declaration_json), present, on_failure);
}

}  // namespace

json score_result(std::string_view template_json, std::string_view answers_json,
                  std::string_view declaration_json) {
  return score_with(
      template_json, answers_json, declaration_json,
      [](const Form& form, const Evaluation& e) { return result_to_json(form, e); },
      [](const Findings& fs) {
        return json{{"ok", false}, {"findings", findings_to_json(fs)}};
      });
}

json score_result_loaded(const TemplateLoad& tmpl, std::string_view answers_json) {
  return score_inputs(
      load_inputs(nullptr, tmpl, answers_json, ""),
      [](const Form& form, const Evaluation& e) { return result_to_json(form, e); },
      [](const Findings& fs) {
        return json{{"ok", false}, {"findings", findings_to_json(fs)}};
      });
}

std::string score_text(std::string_view template_json, std::string_view answers_json,
                       std::string_view declaration_json) {
  return score_with(
      template_json, answers_json, declaration_json,
      [](const Form& form, const Evaluation& e) { return result_to_text(form, e); },
      [](const Findings& fs) {
        std::string out;
        for (const auto& f : fs) out += f.path + ": " + f.message() + "\n";
        return out;
      });
}

}  // namespace selfeval
