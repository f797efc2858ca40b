#include "forms/result_json.hpp"

#include <fmt/format.h>

#include "version.hpp"

namespace selfeval {

using nlohmann::json;

json leaf_to_json(const Form& form, const Evaluation& e, std::size_t i) {
  const FormNode& n = form.nodes[i];
  const NodeScore& s = e.nodes[i];
  const int places = form.tmpl.places;
  json row = {{"id", n.id},
              {"name", n.name},
              {"level", n.level},
              {"parent", n.parent ? json(form.nodes[*n.parent].id) : json(nullptr)},
              {"category", n.category},
              {"weight", n.weight ? n.weight->to_string() : ""},
              {"rule", n.rule.name},
              {"direction", direction_name(n.direction)},
              {"target", n.target_text},
              {"score", s.shown.to_fixed(places, form.tmpl.rounding)},
              {"score_exact", s.exact ? json(s.exact->to_string()) : json(nullptr)},
              {"detail", s.detail},
              {"findings", findings_to_json(s.findings)}};
  if (n.bonus) row["bonus"] = true;
  if (n.penalty) row["penalty"] = true;
  return row;
}

json section_to_json(const Form& form, const Evaluation& e, std::size_t i) {
  const FormNode& n = form.nodes[i];
  return {{"id", n.id},
          {"name", n.name},
          {"level", n.level},
          {"parent", n.parent ? json(form.nodes[*n.parent].id) : json(nullptr)},
          {"weight", n.weight ? n.weight->to_string() : ""},
          {"score", e.nodes[i].shown.to_fixed(form.tmpl.places, form.tmpl.rounding)}};
}

json budget_to_json(const Form& form, const Evaluation& e) {
  if (!e.budget || !form.tmpl.budget) return nullptr;
  const auto& b = *form.tmpl.budget;
  return {{"id", b.id},
          {"label", b.label},
          {"weight", b.weight.to_string()},
          {"rule", b.rule.name},
          {"score", e.budget->shown.to_fixed(form.tmpl.places, form.tmpl.rounding)},
          {"score_exact", e.budget->exact ? json(e.budget->exact->to_string()) : json(nullptr)},
          {"detail", e.budget->detail},
          {"findings", findings_to_json(e.budget->findings)}};
}

json counts_to_json(const Findings& all) {
  FindingCounts c;
  c.add(all);
  return c.to_json();
}

json light_counts(const Form& form, const Evaluation& e) {
  json c = {{"red", 0}, {"yellow", 0}, {"green", 0}, {"blue", 0}, {"none", 0}};
  for (std::size_t i = 0; i < form.nodes.size(); ++i) {
    if (!form.nodes[i].is_leaf()) continue;
    const json& d = e.nodes[i].detail;
    const std::string light = d.is_object() && d.contains("light") && d["light"].is_string()
                                  ? d["light"].get<std::string>()
                                  : "none";
    c[light] = c[light].get<int>() + 1;
  }
  return c;
}

namespace {

// The score line of a result and of a delta.
void put_scores(json& j, const Form& form, const Evaluation& e) {
  j["total"] = e.total.to_fixed(form.tmpl.places, form.tmpl.rounding);
  j["grade"] = e.grade ? json(e.grade->grade) : json(nullptr);
  j["grade_en"] = e.grade ? json(e.grade->grade_en) : json(nullptr);
  j["outputs"] = e.outputs;
}

}  // namespace

json delta_to_json(const Form& form, const Evaluation& e, std::optional<std::size_t> leaf,
                   bool budget) {
  json d;
  d["ok"] = true;
  json rows = json::array();
  json sections = json::array();
  if (leaf) {
    rows.push_back(leaf_to_json(form, e, *leaf));
    for (auto p = form.nodes[*leaf].parent; p; p = form.nodes[*p].parent)
      sections.push_back(section_to_json(form, e, *p));
  }
  d["rows"] = std::move(rows);
  d["sections"] = std::move(sections);
  if (budget) d["budget"] = budget_to_json(form, e);
  put_scores(d, form, e);
  if (form.tmpl.is_monitoring()) d["lights"] = light_counts(form, e);
  Findings form_level = form.findings;
  form_level.insert(form_level.end(), e.form_findings.begin(), e.form_findings.end());
  d["form_findings"] = findings_to_json(form_level);
  const FindingCounts counts = count_findings(form, e);
  d["counts"] = counts.to_json();
  d["valid"] = counts.errors == 0;
  return d;
}

json result_to_json(const Form& form, const Evaluation& e) {
  json j;
  j["format"] = "selfeval.result.v1";
  j["engine_version"] = kEngineVersion;
  j["template"] = {{"id", form.tmpl.id}, {"version", form.tmpl.version}, {"name", form.tmpl.name}};
  j["places"] = form.tmpl.places;
  j["budget"] = budget_to_json(form, e);
  json indicators = json::array();
  json sections = json::array();
  for (std::size_t i : tree_order(form)) {
    if (form.nodes[i].is_leaf())
      indicators.push_back(leaf_to_json(form, e, i));
    else
      sections.push_back(section_to_json(form, e, i));
  }
  j["indicators"] = std::move(indicators);
  j["sections"] = std::move(sections);
  j["full_marks"] = form.tmpl.total.to_string();
  put_scores(j, form, e);
  if (form.tmpl.is_monitoring()) {
    if (e.month > 0) j["month"] = e.month;
    j["lights"] = light_counts(form, e);
  }
  const Findings all = all_findings(form, e);
  j["findings"] = findings_to_json(all);
  j["counts"] = counts_to_json(all);
  j["ok"] = !has_error(all);
  return j;
}

std::string result_to_text(const Form& form, const Evaluation& e) {
  const int places = form.tmpl.places;
  std::string out = fmt::format("{}（{} {}）\n", form.tmpl.name, form.tmpl.id, form.tmpl.version);
  if (e.budget && form.tmpl.budget) {
    const auto rate = e.budget->detail.value("rate_percent", "—");
    out +=
        fmt::format("  {:<24} 分值 {:>6}  执行率 {:>8}  得分 {:>8}\n", form.tmpl.budget->label,
                    form.tmpl.budget->weight.to_string(), rate, e.budget->shown.to_fixed(places));
  }
  for (std::size_t i : tree_order(form)) {
    const FormNode& n = form.nodes[i];
    if (n.open && n.children.empty()) continue;
    const std::string indent(static_cast<std::size_t>(n.level) * 2, ' ');
    const std::string weight = n.weight ? n.weight->to_string() : "";
    if (n.is_leaf()) {
      out += fmt::format("{}{}  [{}] 指标值 {}  分值 {}  得分 {}\n", indent, n.name, n.rule.name,
                         n.target_text.empty() ? "—" : n.target_text, weight,
                         e.nodes[i].shown.to_fixed(places));
    } else {
      out += fmt::format("{}{}  分值 {}  小计 {}\n", indent, n.name, weight,
                         e.nodes[i].shown.to_fixed(places));
    }
  }
  out += fmt::format("总分 {} / {}    评价等级 {}\n", e.total.to_fixed(places),
                     form.tmpl.total.to_string(), e.grade ? e.grade->grade : "—");
  if (e.outputs.contains("payment")) {
    const auto& p = e.outputs["payment"];
    out += fmt::format("合同尾款扣减 {} {}（低于 {} 分 {} 分）\n",
                       p["deduction"].get<std::string>(), p["money_unit"].get<std::string>(),
                       p["threshold"].get<std::string>(), p["points_below"].get<std::string>());
  }
  const Findings all = all_findings(form, e);
  if (!all.empty()) out += fmt::format("发现 {} 个问题 / {} findings:\n", all.size(), all.size());
  for (const auto& f : all)
    out +=
        fmt::format("  [{}] {} {}: {}\n", severity_name(f.severity), f.code, f.path, f.message());
  return out;
}

}  // namespace selfeval
