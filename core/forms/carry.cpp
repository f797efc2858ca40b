#include "forms/carry.hpp"

#include <fmt/format.h>

#include <functional>
#include <map>
#include <set>

#include "base/json_reader.hpp"
#include "forms/declaration.hpp"
#include "forms/template_loader.hpp"
#include "model/answers.hpp"
#include "model/answers_json.hpp"

namespace selfeval {

namespace {

using nlohmann::json;

// The leaves the target form has itself: a declared indicator among them keeps the form's row.
void own_leaves(const std::vector<Indicator>& list, std::set<std::string>& ids,
                std::set<std::string>& names) {
  for (const auto& i : list) {
    if (i.children.empty() && !i.open) {
      ids.insert(i.id);
      names.insert(i.name);
    }
    own_leaves(i.children, ids, names);
  }
}

void all_ids(const std::vector<Indicator>& list, std::set<std::string>& ids) {
  for (const auto& i : list) {
    ids.insert(i.id);
    all_ids(i.children, ids);
  }
}

const Indicator* open_category(const std::vector<Indicator>& list,
                               const std::function<bool(const Indicator&)>& match) {
  for (const auto& i : list) {
    if (i.open && match(i)) return &i;
    if (const Indicator* c = open_category(i.children, match)) return c;
  }
  return nullptr;
}

}  // namespace

json declared_rows(const Declaration& d, const Template& t, std::set<std::string>& used,
                   Findings& skipped) {
  json rows = json::array();
  for (const auto& dt : d.targets) {
    // The declared parent's id, else a category of the same name.
    const Indicator* parent =
        open_category(t.indicators, [&](const Indicator& i) { return i.id == dt.parent; });
    if (!parent && !dt.parent_name.empty())
      parent =
          open_category(t.indicators, [&](const Indicator& i) { return i.name == dt.parent_name; });
    if (!parent) {
      skipped.push_back(Finding{
          "indicator.import_no_category", Severity::kWarning, dt.path,
          fmt::format("申报表中的指标“{}”找不到对应的类别“{}”，未导入", dt.name,
                      dt.parent_name.empty() ? dt.parent : dt.parent_name),
          fmt::format("declared indicator \"{}\" has no matching category \"{}\"; not imported",
                      dt.name, dt.parent_name.empty() ? dt.parent : dt.parent_name)});
      continue;
    }
    std::string id = dt.id;
    for (int n = 2; id.empty() || used.count(id); ++n)
      id = fmt::format("{}-{}", dt.id.empty() ? "d" : dt.id, n);
    used.insert(id);
    json row = {{"id", id}, {"parent", parent->id}, {"name", dt.name}, {"target", dt.target}};
    if (!dt.target_period.empty()) row["target_period"] = dt.target_period;
    if (!dt.unit.empty()) row["unit"] = dt.unit;
    if (!dt.direction.empty()) row["direction"] = dt.direction;
    rows.push_back(std::move(row));
  }
  return rows;
}

CarryResult carry_answers(std::string_view from_json, std::string_view to_template_json) {
  CarryResult out;
  TemplateLoad to = load_template(to_template_json);
  if (!to.tmpl) {
    out.findings = std::move(to.findings);
    return out;
  }
  const Template& t = *to.tmpl;
  DeclarationLoad decl = load_declaration(from_json);
  if (!decl.declaration) {
    out.findings = std::move(decl.findings);
    return out;
  }
  // A form's answers bring their header, budget and forecasts too.
  std::optional<Answers> source;
  {
    JsonRead r = read_json(from_json, "来源文件", "source file");
    if (r.value && r.value->is_object() && r.value->value("format", "") == "selfeval.answers.v1") {
      AnswersLoad a = load_answers_document(*r.value);
      if (a.answers) source = std::move(a.answers);
    }
  }

  Answers a;
  a.template_id = t.id;
  a.template_version = t.version;
  if (source && source->year) a.year = source->year;
  if (source) {
    for (const auto& f : t.unit_fields) {
      if (f.type == "year" || f.type == "month") continue;  // this form's own
      const std::string v = source->unit_text(f.id);
      if (!v.empty()) a.unit[f.id] = v;
    }
    a.has_unit = !a.unit.empty();
    if (t.budget) {
      for (const auto& [id, row] : source->budget_rows) {
        if (!row.initial && !row.adjusted) continue;
        // The budgets are the year's; what was executed, and when, is the new form's to enter.
        BudgetRowAnswer carried{row.initial, row.adjusted, std::nullopt, std::nullopt, {}};
        for (const char* k : {"initial", "adjusted"})  // numbers stay numbers
          if (auto n = row.numbers.find(k); n != row.numbers.end()) carried.numbers.insert(*n);
        a.budget_rows[id] = std::move(carried);
      }
    }
  }

  // The form's own rows stay its own (their targets are checked against the declaration).
  std::set<std::string> own_ids, own_names, used;
  own_leaves(t.indicators, own_ids, own_names);
  all_ids(t.indicators, used);
  if (t.budget) used.insert(t.budget->id);
  Declaration rest;
  for (const auto& dt : decl.declaration->targets)
    if (!own_ids.count(dt.id) && !own_names.count(dt.name)) rest.targets.push_back(dt);
  const json rows = declared_rows(rest, t, used, out.findings);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ProjectIndicator p = parse_project_indicator(rows[i], i);
    // The mid-year forecast goes beside the actual still to come.
    if (source) {
      auto it = source->values.find(p.id);
      if (it != source->values.end() && it->second.forecast) {
        AnswerValue v;
        v.forecast = it->second.forecast;
        a.values[p.id] = std::move(v);
      }
    }
    a.indicators.push_back(std::move(p));
  }
  a.has_indicators = true;
  out.answers = answers_to_json(a);
  return out;
}

}  // namespace selfeval
