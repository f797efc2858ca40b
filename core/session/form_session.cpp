#include "session/form_session.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/embedded_files.hpp"
#include "base/json_access.hpp"
#include "base/json_reader.hpp"
#include "base/json_text_writer.hpp"
#include "base/utf8.hpp"
#include "forms/builtin_templates.hpp"
#include "forms/carry.hpp"
#include "forms/result_json.hpp"
#include "forms/template_loader.hpp"
#include "model/answer_limits.hpp"
#include "model/answers_json.hpp"
#include "model/form_limits.hpp"
#include "office/answers_workbook.hpp"
#include "report/report_sheet.hpp"
#include "review/review_draft.hpp"
#include "rules/scoring_rule.hpp"
#include "signing/key_file.hpp"
#include "signing/submission.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

// The directions a row can take, with their labels (for the page's menus).
json direction_choices_json() {
  std::size_t n = 0;
  const DirectionChoice* d = direction_choices(&n);
  json out = json::array();
  for (std::size_t i = 0; i < n; ++i)
    out.push_back({{"value", d[i].value}, {"label", d[i].label}, {"label_en", d[i].label_en}});
  return out;
}

// A text over the answers schema's limit for `field` (model/answer_limits.hpp), named in the
// message.
std::optional<json> too_long(const std::string& field, const std::string& text) {
  const std::size_t limit = answer_limit(field);
  if (utf8_length(text) <= limit) return std::nullopt;
  return json{
      {"ok", false},
      {"findings",
       json::array({Finding{"value.too_long", Severity::kError, "",
                            fmt::format("输入过长（最多 {} 字）", limit),
                            fmt::format("the text is too long (at most {} characters)", limit)}
                        .to_json()})}};
}

json ok_json() { return json{{"ok", true}, {"findings", json::array()}}; }

// The inputs a leaf needs beyond its rule's: dates for 时效, survey facts for 满意度.
std::vector<std::string> inputs_for(const FormNode& n) {
  std::vector<std::string> in =
      n.rule_impl ? n.rule_impl->row_inputs(n) : std::vector<std::string>{};
  if (n.rule_impl && n.rule_impl->traits().mid_year) return in;
  auto add = [&](const char* f) {
    if (std::find(in.begin(), in.end(), f) == in.end()) in.push_back(f);
  };
  if (n.category == "时效") {
    add("planned_date");
    add("actual_date");
  }
  if (needs_survey(n)) {
    add("sample_size");
    add("survey_method");
  }
  return in;
}

std::size_t count_indicators(const std::vector<Indicator>& list) {
  std::size_t n = list.size();
  for (const auto& i : list) n += count_indicators(i.children);
  return n;
}

// One node of describe(): what the page needs to draw the row and offer its inputs.
void write_describe_node(JsonTextWriter& w, const Form& form, const FormNode& n,
                         const Declaration* declaration) {
  const Template& t = form.tmpl;
  w.begin_object();
  w.key("id").string(n.id);
  w.key("name").string(n.name);
  w.key("level").number(n.level);
  w.key("parent");
  if (n.parent)
    w.string(form.nodes[*n.parent].id);
  else
    w.null();
  w.key("children").begin_array();
  for (std::size_t c : n.children) w.string(form.nodes[c].id);
  w.end_array();
  w.key("leaf").boolean(n.is_leaf());
  w.key("weight");
  if (n.weight)
    w.string(n.weight->to_string());
  else
    w.null();
  w.key("target").string(n.target_text);
  w.key("rule").string(n.rule.name);
  w.key("rule_label").string(n.rule_impl ? std::string(n.rule_impl->label_zh()) : n.rule.name);
  w.key("rule_label_en").string(n.rule_impl ? std::string(n.rule_impl->label_en()) : n.rule.name);
  w.key("def_path").string(n.def_path);
  // The rest only when set: a form of thousands of rows is described in half the text.
  auto text = [&](const char* key, const std::string& v) {
    if (!v.empty()) w.key(key).string(v);
  };
  auto flag = [&](const char* key, bool v) {
    if (v) w.key(key).boolean(true);
  };
  text("name_en", n.name_en);
  text("category", n.category);
  text("target_period", n.target_period_text);
  text("unit", n.unit);
  if (n.direction != Direction::kUnspecified)
    w.key("direction").string(direction_name(n.direction));
  text("scoring_standard", n.scoring_standard);
  text("explanation", n.explanation);
  flag("open", n.open);
  flag("from_project", n.from_project);
  // A project row whose target the attached declaration approved: the page shows it read-only.
  if (n.from_project && declaration) {
    const DeclaredTarget* d = declaration->find(n.id, n.name);
    flag("declared_target", d && !d->target.empty());
  }
  flag("bonus", n.bonus);
  flag("penalty", n.penalty);
  if (n.is_leaf()) {
    w.key("inputs").begin_array();
    for (const auto& in : inputs_for(n)) w.string(in);
    w.end_array();
  }
  // The words the rule offers for this row (qualitative tiers, choice outcomes with points).
  if (n.is_leaf() && n.rule_impl) {
    const json words =
        n.rule_impl->vocabulary(n.rule.params, n.weight.value_or(Decimal()), t.places);
    if (words.is_object())
      for (const auto& [key, v] : words.items()) w.key(key.c_str()).value(v);
  }
  w.end_object();
}

}  // namespace

json FormSession::no_template() const {
  return error("session.no_template", "请先选择模板", "choose a template first");
}

json FormSession::error(const char* code, const std::string& zh, const std::string& en) const {
  Finding f{code, Severity::kError, "", zh, en};
  return json{{"ok", false}, {"findings", json::array({f.to_json()})}};
}

json FormSession::load_template(std::string_view template_json) {
  TemplateLoad t = selfeval::load_template(template_json);
  if (!t.tmpl) return json{{"ok", false}, {"findings", findings_to_json(t.findings)}};
  tmpl_ = std::move(t.tmpl);
  template_indicators_ = count_indicators(tmpl_->indicators);
  template_text_ = std::string(template_json);
  answers_ = Answers{};
  answers_.template_id = tmpl_->id;
  answers_.template_version = tmpl_->version;
  answers_.year = tmpl_->year;
  answers_.has_indicators = answers_.has_values = true;
  declaration_.reset();
  rebuild();
  return json{{"ok", true}, {"findings", findings_to_json(t.findings)}};
}

json FormSession::load_builtin(std::string_view id) {
  const std::string text = builtin_template(id);
  if (text.empty()) {
    return error("session.unknown_template", fmt::format("没有内置模板“{}”", id),
                 fmt::format("there is no built-in template \"{}\"", id));
  }
  return load_template(text);
}

json FormSession::load_answers(std::string_view answers_json) {
  if (!tmpl_) return no_template();
  JsonRead r = read_json(answers_json, "答卷", "answers");
  if (!r.value) return json{{"ok", false}, {"findings", findings_to_json(r.findings)}};
  AnswersLoad a = load_answers_document(*r.value);
  if (!a.answers) return json{{"ok", false}, {"findings", findings_to_json(a.findings)}};
  if (a.answers->template_id != tmpl_->id) {
    return error("answers.template_mismatch",
                 fmt::format("答卷属于模板“{}”，当前模板是“{}”", a.answers->template_id, tmpl_->id),
                 fmt::format("the answers are for template \"{}\", the form is \"{}\"",
                             a.answers->template_id, tmpl_->id));
  }
  if (auto refused = too_large(a.answers->indicators.size())) return *refused;
  answers_ = std::move(*a.answers);
  // A file that holds the year only in its unit block (as the page once wrote it): the
  // year moves to its one place.
  if (const UnitField* f = tmpl_->year_field(); f && !answers_.year) {
    const auto y = Decimal::parse(answers_.unit_text(f->id));
    if (y && y->is_integer() && *y >= Decimal::from_int(2000) && *y <= Decimal::from_int(2100))
      answers_.year = static_cast<int>(y->micros() / Decimal::kOne);
  }
  rebuild();
  return ok_json();
}

std::optional<json> FormSession::too_large(std::size_t project_rows) const {
  if (template_indicators_ + project_rows <= kMaxFormIndicators) return std::nullopt;
  return error(
      "form.too_many_indicators",
      fmt::format("表单的指标将达到 {} 项（模板 {} 项，项目指标 {} 项），超过上限 {} 项",
                  template_indicators_ + project_rows, template_indicators_, project_rows,
                  kMaxFormIndicators),
      fmt::format(
          "the form would hold {} indicators ({} from the template, {} of the project's own), more "
          "than the limit of {}",
          template_indicators_ + project_rows, template_indicators_, project_rows,
          kMaxFormIndicators));
}

json FormSession::set_declaration(std::string_view declaration_json) {
  if (!tmpl_) return no_template();
  if (declaration_json.empty()) {
    declaration_.reset();
  } else {
    DeclarationLoad d = load_declaration(declaration_json);
    if (!d.declaration) return json{{"ok", false}, {"findings", findings_to_json(d.findings)}};
    declaration_ = std::move(d.declaration);
  }
  rebuild();
  return ok_json();
}

void FormSession::rebuild() {
  evaluator_.reset();
  form_.emplace(build_form(*tmpl_, &answers_));
  evaluator_.emplace(*form_, answers_, declaration_ ? &*declaration_ : nullptr);
  eval_ = evaluator_->score_all();
  structure_findings_ = evaluator_->structure_checks();
  refresh_form_findings();
}

void FormSession::refresh_form_findings() {
  eval_.form_findings = structure_findings_;
  Findings values = evaluator_->value_checks(eval_);
  eval_.form_findings.insert(eval_.form_findings.end(), std::make_move_iterator(values.begin()),
                             std::make_move_iterator(values.end()));
}

json FormSession::describe() const { return json::parse(describe_text(), nullptr, false); }

std::string FormSession::describe_text() const {
  if (!form_) return R"({"ok":false})";
  const Template& t = form_->tmpl;
  json fields = json::array();
  for (const auto& f : t.unit_fields) {
    json fj = {{"id", f.id},
               {"label", f.label},
               {"label_en", f.label_en},
               {"required", f.required},
               {"type", f.type}};
    if (!f.choices.empty()) fj["choices"] = f.choices;
    fields.push_back(fj);
  }
  json budget = nullptr;
  if (t.budget) {
    json rows = json::array();
    for (const auto& r : t.budget->rows)
      rows.push_back({{"id", r.id}, {"label", r.label}, {"label_en", r.label_en}});
    budget = {{"label", t.budget->label},
              {"label_en", t.budget->label_en},
              {"weight", t.budget->weight.to_string()},
              {"money_unit", t.budget->money_unit},
              {"rows", rows}};
  }
  json bands = json::array();
  for (const auto& b : t.grade_bands)
    bands.push_back({{"grade", b.grade},
                     {"grade_en", b.grade_en},
                     {"min", b.min.to_string()},
                     {"max", b.max.to_string()},
                     {"min_inclusive", b.min_inclusive},
                     {"max_inclusive", b.max_inclusive}});
  const json head = {
      {"ok", true},
      {"template",
       {{"id", t.id},
        {"name", t.name},
        {"name_en", t.name_en},
        {"version", t.version},
        {"kind", t.kind},
        {"description", t.description},
        {"year", t.year ? json(*t.year) : json(nullptr)},
        {"total", t.total.to_string()},
        {"places", t.places},
        {"levels", t.levels}}},
      {"unit_fields", std::move(fields)},
      {"signer", t.signer ? json{{"unit_field", t.signer->unit_field}, {"role", t.signer->role}}
                          : json(nullptr)},
      {"year_field", t.year_field() ? json(t.year_field()->id) : json(nullptr)},
      {"pending_codes", pending_codes()},
      {"limits", answer_limits_json()},
      {"subject_fields", subject_fields()},
      {"directions", direction_choices_json()},
      {"budget", std::move(budget)},
      {"grade_bands", std::move(bands)},
      {"rules", rule_names()},
      {"has_declaration", declaration_.has_value()},
      {"closing_fields", t.review.is_object() && t.review.contains("closing_fields")
                             ? t.review["closing_fields"]
                             : json::array()}};
  // The nodes, most of the document, written as text (no nlohmann value per node).
  std::string out = json_text(head);
  out.pop_back();  // the closing brace; the nodes go in before it
  out += ",\"nodes\":";
  JsonTextWriter w(out);
  w.begin_array();
  for (std::size_t i : tree_order(*form_))
    write_describe_node(w, *form_, form_->nodes[i], declaration_ ? &*declaration_ : nullptr);
  w.end_array();
  out += '}';
  return out;
}

json FormSession::answers() const { return answers_to_json(answers_); }

json FormSession::overview() const { return json::parse(overview_text(), nullptr, false); }

std::string FormSession::overview_text() const {
  if (!form_) return R"({"ok":false})";
  json d = delta(std::nullopt, true);
  d.erase("rows");
  d.erase("sections");
  // Every row and section, written as text (a form of thousands of rows).
  std::string out = json_text(d);
  out.pop_back();
  std::string sections;
  JsonTextWriter rows_w(out), sections_w(sections);
  out += ",\"rows\":";
  rows_w.begin_array();
  sections_w.begin_array();
  for (std::size_t i : tree_order(*form_)) {
    const FormNode& n = form_->nodes[i];
    const std::string score =
        eval_.nodes[i].shown.to_fixed(form_->tmpl.places, form_->tmpl.rounding);
    if (!n.is_leaf()) {
      sections_w.begin_object().key("id").string(n.id).key("score").string(score).end_object();
      continue;
    }
    rows_w.begin_object().key("id").string(n.id).key("score").string(score);
    // A monitoring row's light (红灯 …), shown in place of a score.
    const json& detail = eval_.nodes[i].detail;
    if (detail.is_object() && detail.contains("light") && detail["light"].is_string())
      rows_w.key("light").string(detail["light"].get<std::string>());
    rows_w.key("findings").begin_array();
    // Each finding once, in both languages (result()'s combined "message" is left out).
    for (const auto& f : eval_.nodes[i].findings) {
      rows_w.begin_object();
      rows_w.key("code")
          .string(f.code)
          .key("severity")
          .string(severity_name(f.severity))
          .key("path")
          .string(f.path);
      rows_w.key("message_zh").string(f.message_zh).key("message_en").string(f.message_en);
      if (!f.indicator.empty()) rows_w.key("indicator").string(f.indicator);
      rows_w.end_object();
    }
    rows_w.end_array().end_object();
  }
  rows_w.end_array();
  sections_w.end_array();
  out += ",\"sections\":";
  out += sections;
  out += '}';
  return out;
}

json FormSession::result() const {
  if (!form_) return json{{"ok", false}};
  return result_to_json(*form_, eval_);
}

json FormSession::delta(std::optional<std::size_t> leaf, bool budget) const {
  return delta_to_json(*form_, eval_, leaf, budget);
}

json FormSession::set_value(const std::string& id, const std::string& field,
                            const std::string& text) {
  if (!form_) return no_template();
  auto it = form_->by_id.find(id);
  if (it == form_->by_id.end() || !form_->nodes[it->second].is_leaf()) {
    return error("session.unknown_indicator", fmt::format("没有可填写的指标“{}”", id),
                 fmt::format("there is no indicator \"{}\" to fill in", id));
  }
  const auto& fields = answer_value_fields();
  if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
    return error("session.unknown_field", fmt::format("未知字段“{}”", field),
                 fmt::format("unknown field \"{}\"", field));
  }
  if (!utf8_valid(text)) {
    return error("value.invalid_utf8", "输入的文字不是有效的 UTF-8", "the text is not valid UTF-8");
  }
  if (auto refused = too_long(field, text)) return *refused;
  AnswerValue& record = answers_.values[id];
  set_answer_field(record, field, text);
  if (record.empty()) answers_.values.erase(id);
  const std::size_t i = it->second;
  eval_.nodes[i] = evaluator_->score_leaf(i);
  evaluator_->propagate(eval_, i);
  evaluator_->finish(eval_);
  refresh_form_findings();
  return delta(i, false);
}

json FormSession::set_year(const std::string& text) {
  // One place for the reporting year: the answers' top-level year, whichever field the
  // page shows it in; a copy in the unit block (older files) goes.
  if (const UnitField* f = tmpl_->year_field()) {
    answers_.unit.erase(f->id);
    answers_.unit_numbers.erase(f->id);
  }
  if (text.empty()) {
    answers_.year.reset();
  } else {
    const auto y = Decimal::parse(text);
    if (!y || !y->is_integer() || *y < Decimal::from_int(2000) || *y > Decimal::from_int(2100))
      return error("value.bad_year", "年度应为 2000–2100 之间的整数",
                   "the year must be a whole number from 2000 to 2100");
    answers_.year = static_cast<int>(y->micros() / Decimal::kOne);
  }
  rebuild();
  return delta(std::nullopt, true);
}

json FormSession::set_unit(const std::string& field, const std::string& text) {
  if (!form_) return no_template();
  if (const UnitField* f = tmpl_->year_field(); f && f->id == field) return set_year(text);
  if (!utf8_valid(text))
    return error("value.invalid_utf8", "输入的文字不是有效的 UTF-8", "the text is not valid UTF-8");
  if (auto refused = too_long("unit", text)) return *refused;
  answers_.unit[field] = text;
  answers_.unit_numbers.erase(field);
  // A monitoring form's month moves every row's expected value to date: all are redone.
  if (const UnitField* m = tmpl_->month_field(); m && m->id == field) {
    rebuild();
    json d = delta(std::nullopt, true);
    for (std::size_t i : tree_order(*form_))
      if (form_->nodes[i].is_leaf()) d["rows"].push_back(leaf_to_json(*form_, eval_, i));
    return d;
  }
  refresh_form_findings();
  return delta(std::nullopt, false);
}

json FormSession::set_budget(const std::string& row, const std::string& column,
                             const std::string& text) {
  if (!form_) return no_template();
  if (column != "initial" && column != "adjusted" && column != "executed" && column != "forecast")
    return error("session.unknown_field", fmt::format("未知的资金列“{}”", column),
                 fmt::format("unknown budget column \"{}\"", column));
  if (auto refused = too_long("decimal", text)) return *refused;
  BudgetRowAnswer& r = answers_.budget_rows[row];
  r.numbers.erase(column);
  std::optional<std::string> v = text.empty() ? std::nullopt : std::optional<std::string>(text);
  (column == "initial"    ? r.initial
   : column == "adjusted" ? r.adjusted
   : column == "forecast" ? r.forecast
                          : r.executed) = v;
  eval_.budget = evaluator_->score_budget();
  evaluator_->finish(eval_);
  refresh_form_findings();
  return delta(std::nullopt, true);
}

json FormSession::set_text(const std::string& key, const std::string& text) {
  if (!form_) return no_template();
  if (!utf8_valid(text))
    return error("value.invalid_utf8", "输入的文字不是有效的 UTF-8", "the text is not valid UTF-8");
  const std::string limit_of = key == "budget_reason" || key == "budget_measures" ? "budget_reason"
                               : key == "goals.expected" || key == "goals.actual" ? "goals"
                               : key == "reported_total"                          ? "decimal"
                               : key == "year"                                    ? "decimal"
                                                                                  : key;
  if (answer_limits_json().contains(limit_of))
    if (auto refused = too_long(limit_of, text)) return *refused;
  if (key == "budget_reason" || key == "budget_measures") {
    (key == "budget_reason" ? answers_.budget_reason : answers_.budget_measures) = text;
    eval_.budget = evaluator_->score_budget();
    evaluator_->finish(eval_);
    refresh_form_findings();
    return delta(std::nullopt, true);
  }
  if (key == "goals.expected" || key == "goals.actual") {
    const std::string k = key.substr(6);
    (k == "expected" ? answers_.goals_expected : answers_.goals_actual) = text;
    return delta(std::nullopt, false);
  }
  if (key == "problems" || key == "improvements") {
    (key == "problems" ? answers_.problems : answers_.improvements) = text;
    return delta(std::nullopt, false);
  }
  if (key == "reported_total") {
    answers_.numbers.erase("reported_total");
    if (text.empty())
      answers_.reported_total.reset();
    else
      answers_.reported_total = text;
    refresh_form_findings();
    return delta(std::nullopt, false);
  }
  if (key == "year") return set_year(text);
  return error("session.unknown_field", fmt::format("未知字段“{}”", key),
               fmt::format("unknown field \"{}\"", key));
}

std::optional<std::size_t> FormSession::project_row(const std::string& id) const {
  const auto& list = answers_.indicators;
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].id == id) return i;
  return std::nullopt;
}

void FormSession::renumber_project_rows() {
  for (std::size_t i = 0; i < answers_.indicators.size(); ++i)
    answers_.indicators[i].path = json_pointer_append("/indicators", i);
}

std::optional<std::vector<ProjectIndicator>> FormSession::check_project_rows(
    const json& rows, std::size_t first, Findings& findings) const {
  // The rows alone in a document of their own: the schema checks them as it checks a file's.
  const json doc = {{"format", "selfeval.answers.v1"},
                    {"template", {{"id", answers_.template_id}}},
                    {"indicators", rows}};
  AnswersLoad a = load_answers_document(doc);
  const std::string from = "/indicators/";
  for (auto& f : a.findings) {
    // "/indicators/0/direction" names the row where it stands in the form's list.
    if (f.path.rfind(from, 0) != 0) continue;
    const std::size_t end = f.path.find('/', from.size());
    const std::string index = f.path.substr(from.size(), end - from.size());
    if (index.empty() || index.find_first_not_of("0123456789") != std::string::npos) continue;
    f.path = from + std::to_string(first + std::stoul(index)) +
             (end == std::string::npos ? "" : f.path.substr(end));
  }
  findings = std::move(a.findings);
  if (!a.answers) return std::nullopt;
  return std::move(a.answers->indicators);
}

json FormSession::add_indicator(const std::string& parent, const std::string& name) {
  if (!form_) return no_template();
  auto it = form_->by_id.find(parent);
  if (it == form_->by_id.end() || !form_->nodes[it->second].open) {
    return error("indicator.parent_not_open", fmt::format("“{}”下不能添加指标", parent),
                 fmt::format("indicators cannot be added under \"{}\"", parent));
  }
  if (auto refused = too_large(answers_.indicators.size() + 1)) return *refused;
  std::string id;
  for (int n = 1;; ++n) {
    id = fmt::format("r{}", n);
    if (!form_->by_id.count(id) && !project_row(id)) break;
  }
  auto& list = answers_.indicators;
  // New rows go after their category's last row, so the list reads in table order.
  std::size_t at = list.size();
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].parent == parent) at = i + 1;
  Findings findings;
  auto row =
      check_project_rows(json::array({{{"id", id},
                                       {"parent", parent},
                                       {"name", name.empty() ? std::string("新指标") : name}}}),
                         at, findings);
  if (!row) return json{{"ok", false}, {"findings", findings_to_json(findings)}};
  list.insert(list.begin() + static_cast<long>(at), std::move(row->front()));
  answers_.has_indicators = true;
  renumber_project_rows();
  rebuild();
  return json{{"ok", true}, {"id", id}};
}

json FormSession::update_indicator(const std::string& id, const std::string& field,
                                   const std::string& text) {
  auto row = project_row(id);
  if (!form_ || !row) {
    return error("session.unknown_indicator", fmt::format("没有可编辑的项目指标“{}”", id),
                 fmt::format("there is no project indicator \"{}\" to edit", id));
  }
  static const std::set<std::string> fields = {"name",      "target", "target_period", "weight",
                                               "direction", "rule",   "unit"};
  if (!fields.count(field)) {
    return error("session.unknown_field", fmt::format("未知字段“{}”", field),
                 fmt::format("unknown field \"{}\"", field));
  }
  json r = project_indicator_to_json(answers_.indicators[*row]);
  if (text.empty() && field != "name")
    r.erase(field);
  else
    r[field] = text;
  Findings findings;
  auto checked = check_project_rows(json::array({r}), *row, findings);
  if (!checked) {
    // Refused edits leave the form as it was; the page keeps the text in its field.
    for (auto& f : findings) f.indicator = id;
    return json{{"ok", false}, {"findings", findings_to_json(findings)}};
  }
  answers_.indicators[*row] = std::move(checked->front());
  renumber_project_rows();
  rebuild();
  return ok_json();
}

json FormSession::remove_indicator(const std::string& id) {
  auto row = project_row(id);
  if (!form_ || !row) {
    return error("session.unknown_indicator", fmt::format("没有可删除的项目指标“{}”", id),
                 fmt::format("there is no project indicator \"{}\" to remove", id));
  }
  answers_.indicators.erase(answers_.indicators.begin() + static_cast<long>(*row));
  answers_.values.erase(id);
  renumber_project_rows();
  rebuild();
  return ok_json();
}

json FormSession::move_indicator(const std::string& id, int delta_pos) {
  auto row = project_row(id);
  if (!form_ || !row) {
    return error("session.unknown_indicator", fmt::format("没有可移动的项目指标“{}”", id),
                 fmt::format("there is no project indicator \"{}\" to move", id));
  }
  auto& list = answers_.indicators;
  const std::string parent = list[*row].parent;
  // The nearest sibling (same category) in the direction of the move.
  long j = static_cast<long>(*row);
  do {
    j += delta_pos < 0 ? -1 : 1;
  } while (j >= 0 && j < static_cast<long>(list.size()) &&
           list[static_cast<std::size_t>(j)].parent != parent);
  if (j < 0 || j >= static_cast<long>(list.size())) return ok_json();  // already first or last
  std::swap(list[*row], list[static_cast<std::size_t>(j)]);
  renumber_project_rows();
  rebuild();
  return ok_json();
}

json FormSession::import_declaration(std::string_view declaration_json) {
  if (!form_) return no_template();
  DeclarationLoad d = load_declaration(declaration_json);
  if (!d.declaration) return json{{"ok", false}, {"findings", findings_to_json(d.findings)}};
  Findings skipped;
  std::set<std::string> used;
  for (const auto& n : form_->nodes)
    if (!n.from_project) used.insert(n.id);
  const json rows = declared_rows(*d.declaration, *tmpl_, used, skipped);
  if (auto refused = too_large(rows.size())) return *refused;
  Findings findings;
  auto checked = check_project_rows(rows, 0, findings);
  if (!checked) return json{{"ok", false}, {"findings", findings_to_json(findings)}};
  answers_.indicators = std::move(*checked);
  answers_.has_indicators = true;
  declaration_ = std::move(d.declaration);
  rebuild();
  return json{{"ok", true}, {"imported", rows.size()}, {"findings", findings_to_json(skipped)}};
}

std::vector<std::string> FormSession::subject_fields() const {
  // What a filled form is about, first one typed: its project, its policy, else the unit that
  // signs.
  std::vector<std::string> out;
  for (const auto& f : tmpl_->unit_fields)
    if (f.id == "project_name" || f.id == "policy_name") out.push_back(f.id);
  if (tmpl_->signer) out.push_back(tmpl_->signer->unit_field);
  return out;
}

std::string FormSession::file_name(std::string_view kind) const {
  if (!form_) return "";
  // 2022年度-产业人才发展专项资金-项目支出绩效自评表: the year, what the form is about, the form.
  std::string subject;
  for (const std::string& f : subject_fields())
    if (subject.empty()) subject = answers_.unit_text(f);
  std::u32string cut = utf8_decode(subject).value_or(U"");
  if (cut.size() > 60) cut.resize(60);
  std::string base;
  for (const std::string& part :
       {answers_.year ? std::to_string(*answers_.year) + "年度" : std::string(), utf8_encode(cut),
        tmpl_->name})
    if (!part.empty()) base += (base.empty() ? "" : "-") + part;
  // Characters Windows does not allow in a file name, and control characters, become "_".
  std::string safe;
  for (unsigned char c : base)
    safe += (c < 0x20 ||
             std::string_view("\\/:*?\"<>|").find(static_cast<char>(c)) != std::string_view::npos)
                ? '_'
                : static_cast<char>(c);
  const std::string ext = kind == "xlsx"      ? ".xlsx"
                          : kind == "csv"     ? ".csv"
                          : kind == "signed"  ? ".signed.json"
                          : kind == "answers" ? ".json"
                                              : "";
  return safe + ext;
}

namespace {

// The errors that keep a form from being signed (warnings do not).
json form_errors(const json& result) {
  json errors = json::array();
  for (const auto& f : result["findings"])
    if (f.value("severity", "") == "error") errors.push_back(f);
  return errors;
}

}  // namespace

json FormSession::sign(std::string_view key_file_json, std::string_view passphrase,
                       const std::string& created) const {
  if (!form_) return no_template();
  // A form with errors is not signed: the unit fixes them first. Warnings do not stop it.
  const json errors = form_errors(result());
  if (!errors.empty()) return json{{"ok", false}, {"blocked", true}, {"findings", errors}};
  const KeyOpen k = open_key_file(key_file_json, passphrase);
  if (k.sm2)
    return json{{"ok", false},
                {"findings", json::array({Finding{"key.sm2_needs_signer", Severity::kError, "",
                                                  "SM2 密钥须由页面的 SM2 实现签名",
                                                  "an SM2 key signs through the page's SM2 "
                                                  "implementation"}
                                              .to_json()})}};
  if (!k.key) return json{{"ok", false}, {"findings", findings_to_json(k.findings)}};
  const SubmissionBuild b = create_submission(template_text_, answers().dump(), created, *k.key);
  if (!b.envelope) return json{{"ok", false}, {"findings", findings_to_json(b.findings)}};
  return json{{"ok", true}, {"envelope", *b.envelope}, {"file_name", file_name("signed")}};
}

json FormSession::discard_suggestion(const std::string& id, const std::string& zh) {
  if (!form_) return no_template();
  auto v = answers_.values.find(id);
  auto node = form_->by_id.find(id);
  auto found = [&]() -> std::optional<std::size_t> {
    if (v == answers_.values.end() || !v->second.suggestions.is_array()) return std::nullopt;
    const json& list = v->second.suggestions;
    for (std::size_t i = 0; i < list.size(); ++i)
      if (list[i].value("zh", "") == zh) return i;
    return std::nullopt;
  }();
  if (!found || node == form_->by_id.end())
    return error("session.unknown_suggestion", fmt::format("“{}”没有这条建议", id),
                 fmt::format("\"{}\" has no such suggestion", id));
  json& list = v->second.suggestions;
  list.erase(list.begin() + static_cast<long>(*found));
  if (list.empty()) list = json();
  if (v->second.empty()) answers_.values.erase(v);
  return delta(node->second, false);
}

json FormSession::review_opinion() const {
  if (!form_) return no_template();
  return selfeval::review_opinion(*tmpl_, answers(), result());
}

json FormSession::sign_prepare(std::string_view key_file_json, std::string_view passphrase,
                               const std::string& created) const {
  if (!form_) return no_template();
  const json errors = form_errors(result());
  if (!errors.empty()) return json{{"ok", false}, {"blocked", true}, {"findings", errors}};
  const KeyOpen k = open_key_file(key_file_json, passphrase);
  if (!k.sm2) {
    Findings fs = k.findings;
    if (k.key)
      fs.push_back(Finding{"key.not_sm2", Severity::kError, "", "这不是 SM2 密钥",
                           "this is not an SM2 key"});
    return json{{"ok", false}, {"findings", findings_to_json(fs)}};
  }
  const PreparedSubmission p = prepare_submission(template_text_, answers().dump(), created,
                                                  Profile::kSm2Sm3, k.sm2->public_key);
  if (p.signing_input.empty())
    return json{{"ok", false}, {"findings", findings_to_json(p.findings)}};
  return json{{"ok", true},
              {"prepared", {{"submission", p.submission}, {"protected", p.protected_b64}}},
              {"signing_input_hex", crypto::hex(p.signing_input)},
              {"private_key_hex", crypto::hex(k.sm2->private_key)},
              {"public_key_hex", crypto::hex(k.sm2->public_key)},
              {"file_name", file_name("signed")}};
}

json FormSession::report() const {
  if (!form_) return no_template();
  json out = report_to_json(build_report_sheet(describe(), result(), answers()));
  out["ok"] = true;
  return out;
}

std::string FormSession::export_xlsx() const {
  if (!form_) return "";
  const json doc = answers();
  return answers_to_xlsx(build_report_sheet(describe(), result(), doc), doc);
}

std::string FormSession::export_csv() const {
  if (!form_) return "";
  return answers_to_csv(build_report_sheet(describe(), result(), answers()));
}

}  // namespace selfeval
