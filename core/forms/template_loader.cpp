#include "forms/template_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <vector>

#include "base/embedded_schemas.hpp"
#include "base/json_access.hpp"
#include "base/json_reader.hpp"
#include "base/json_schema.hpp"
#include "model/form_limits.hpp"
#include "rules/output_rule.hpp"
#include "rules/scoring_rule.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

bool valid_id(const std::string& id) {
  if (id.empty()) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string str(const json& obj, const char* key, const std::string& fallback = "") {
  return json_str(obj, key, fallback);
}

bool flag(const json& obj, const char* key, bool fallback = false) {
  return json_flag(obj, key, fallback);
}

// Indicators at every level of the tree.
std::size_t count_indicators(const json& doc) {
  std::size_t n = 0;
  std::vector<const json*> stack;
  if (doc.contains("indicators") && doc["indicators"].is_array())
    stack.push_back(&doc["indicators"]);
  while (!stack.empty()) {
    const json* list = stack.back();
    stack.pop_back();
    for (const auto& node : *list) {
      if (!node.is_object()) continue;
      ++n;
      auto c = node.find("children");
      if (c != node.end() && c->is_array()) stack.push_back(&*c);
    }
  }
  return n;
}

class Checker {
 public:
  Checker(Findings& out, bool scored) : out_(out), scored_(scored) {}

  void add(Finding f) { out_.push_back(std::move(f)); }
  void error(const char* code, std::string path, std::string zh, std::string en) {
    out_.push_back(Finding{code, Severity::kError, std::move(path), std::move(zh), std::move(en)});
  }

  // Reads a points field; reports a bad decimal. nullopt when absent or bad.
  std::optional<Decimal> points(const json& obj, const char* key, const std::string& path) {
    if (!obj.is_object() || !obj.contains(key)) return std::nullopt;
    const json& v = obj[key];
    if (!v.is_number() && !v.is_string()) return std::nullopt;  // the schema reports it
    auto d = read_points(v);
    if (!d) {
      error("template.bad_number", json_pointer_append(path, key),
            fmt::format("“{}”不是有效的数值（最多六位小数）", v.dump()),
            fmt::format("\"{}\" is not a valid decimal (at most six decimals)", v.dump()));
    }
    return d;
  }

  void unique_id(const json& node, const std::string& path,
                 std::map<std::string, std::string>& seen, const char* what_zh) {
    if (!node.is_object() || !node.contains("id") || !node["id"].is_string()) return;
    const std::string id = node["id"].get<std::string>();
    const std::string p = json_pointer_append(path, "id");
    if (!valid_id(id)) {
      error("template.bad_id", p,
            fmt::format("{}编号“{}”只能包含字母、数字、“_”、“-”和“.”", what_zh, id),
            fmt::format("id \"{}\" may only contain letters, digits, '_', '-' and '.'", id));
    }
    auto [it, inserted] = seen.emplace(id, p);
    if (!inserted) {
      error("template.duplicate_id", p, fmt::format("编号“{}”重复，已在 {} 使用", id, it->second),
            fmt::format("id \"{}\" is used twice; first at {}", id, it->second));
    }
  }

  // Walks the indicator tree; returns the node's weight (given, or the sum of its
  // children when it has none and they all have one).
  std::optional<Decimal> walk(const json& node, const std::string& path, int level,
                              std::map<std::string, std::string>& ids, Indicator* model) {
    if (!node.is_object()) return std::nullopt;
    unique_id(node, path, ids, "指标");
    const std::string name = str(node, "name", str(node, "id"));
    auto weight = points(node, "weight", path);
    if (weight && weight->is_negative()) {
      error("template.negative_weight", json_pointer_append(path, "weight"),
            fmt::format("指标“{}”的分值为负数；扣分项请用正数分值并标记 penalty", name),
            fmt::format("indicator \"{}\" has a negative weight; give a penalty item a positive "
                        "weight and mark it \"penalty\"",
                        name));
    }
    const bool open = flag(node, "open");
    Direction dir = Direction::kUnspecified;
    if (auto d = parse_direction(str(node, "direction"))) dir = *d;
    if (model) {
      model->id = str(node, "id");
      model->name = str(node, "name");
      model->name_en = str(node, "name_en");
      model->weight = weight;
      model->unit = str(node, "unit");
      model->direction = dir;
      model->category = str(node, "category");
      model->target_text = str(node, "target");
      model->target_period_text = str(node, "target_period");
      model->explanation = str(node, "explanation");
      model->scoring_standard = str(node, "scoring_standard");
      model->bonus = flag(node, "bonus");
      model->penalty = flag(node, "penalty");
      model->open = open;
      model->path = path;
      model->level = level;
      if (node.contains("rule")) {
        const json& r = node["rule"];
        if (r.is_string()) model->rule = RuleRef{r.get<std::string>(), json::object()};
        if (r.is_object())
          model->rule =
              RuleRef{str(r, "name"), r.contains("params") ? r["params"] : json::object()};
      }
    }
    if (node.contains("rule")) {
      const json& r = node["rule"];
      const std::string rule = r.is_string() ? r.get<std::string>() : str(r, "name");
      const ScoringRule* impl = rule.empty() ? nullptr : find_rule(rule);
      if (!rule.empty() && !impl) {
        error("template.unknown_rule", json_pointer_append(path, "rule"),
              fmt::format("指标“{}”的评分规则“{}”不存在", name, rule),
              fmt::format("indicator \"{}\" names an unknown scoring rule \"{}\"", name, rule));
      } else if (impl) {
        // Parameters as the rule declares them, checked now rather than met when scoring.
        const json params = r.is_object() && r.contains("params") ? r["params"] : json::object();
        for (auto& f : check_rule_params(
                 *impl, params, json_pointer_append(json_pointer_append(path, "rule"), "params"),
                 name))
          out_.push_back(std::move(f));
      }
    }
    for (const char* key : {"target", "target_period"}) {
      if (node.contains(key) && node[key].is_string()) {
        Target t = parse_target(node[key].get<std::string>(), dir, json_pointer_append(path, key));
        for (auto& f : t.findings) out_.push_back(f);
        if (model && std::string(key) == "target") model->target = std::move(t);
      }
    }
    const json* children =
        node.contains("children") && node["children"].is_array() ? &node["children"] : nullptr;
    if (!children || children->empty()) {
      if (!weight && !open && scored_) {
        error("template.missing_weight", json_pointer_append(path, "weight"),
              fmt::format("末级指标“{}”没有分值", name),
              fmt::format("leaf indicator \"{}\" has no weight", name));
      }
      return weight;
    }
    Decimal sum;
    bool all_known = true;
    const std::string cpath = json_pointer_append(path, "children");
    if (model) model->children.reserve(children->size());
    for (std::size_t i = 0; i < children->size(); ++i) {
      Indicator* child_model = nullptr;
      if (model) {
        model->children.emplace_back();
        child_model = &model->children.back();
      }
      const json& c = (*children)[i];
      auto w = walk(c, json_pointer_append(cpath, i), level + 1, ids, child_model);
      // Bonus and penalty items sit outside a normal parent's sum (not a bonus/penalty block's).
      if ((flag(c, "penalty") || flag(c, "bonus")) && !flag(node, "penalty") &&
          !flag(node, "bonus"))
        continue;
      if (!w) {
        all_known = false;
        continue;
      }
      sum = Decimal::add(sum, *w).value_or(sum);
    }
    if (!all_known) return weight;  // an open category's rows come from the project
    if (weight && sum != *weight) {
      error("template.weight_mismatch", json_pointer_append(path, "weight"),
            fmt::format("指标“{}”的分值为 {}，但其下级指标分值之和为 {}", name, weight->to_string(),
                        sum.to_string()),
            fmt::format("indicator \"{}\" has weight {} but its children add up to {}", name,
                        weight->to_string(), sum.to_string()));
    }
    return weight ? weight : std::optional<Decimal>(sum);
  }

 private:
  Findings& out_;
  bool scored_;
};

}  // namespace

std::optional<Decimal> read_points(const json& v) {
  if (v.is_number_integer()) {
    const auto n = v.get<long long>();
    if (n > 1'000'000'000'000LL || n < -1'000'000'000'000LL) return std::nullopt;
    return Decimal::from_int(n);
  }
  if (v.is_number_unsigned()) {
    const auto n = v.get<unsigned long long>();
    if (n > 1'000'000'000'000ULL) return std::nullopt;
    return Decimal::from_int(static_cast<long long>(n));
  }
  if (v.is_number_float()) return Decimal::from_double(v.get<double>());
  if (v.is_string()) return Decimal::parse(v.get<std::string>());
  return std::nullopt;
}

TemplateLoad load_template(std::string_view text) {
  return load_json_document<TemplateLoad>(text, "模板", "template", load_template_document);
}

namespace {

// The header fields and the signer (the unit field that names who signs).
void read_unit_fields(const json& doc, Template& t, Checker& check) {
  std::map<std::string, std::string> field_ids;
  if (doc.contains("unit_fields") && doc["unit_fields"].is_array()) {
    const json& fields = doc["unit_fields"];
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const std::string p = json_pointer_append("/unit_fields", i);
      check.unique_id(fields[i], p, field_ids, "字段");
      UnitField uf{str(fields[i], "id"),           str(fields[i], "label"),
                   str(fields[i], "label_en"),     flag(fields[i], "required"),
                   str(fields[i], "type", "text"), {}};
      if (fields[i].is_object() && fields[i].contains("choices") && fields[i]["choices"].is_array())
        for (const auto& c : fields[i]["choices"])
          if (c.is_string()) uf.choices.push_back(c.get<std::string>());
      t.unit_fields.push_back(std::move(uf));
    }
  }
  int year_fields = 0, month_fields = 0;
  for (const auto& f : t.unit_fields) {
    year_fields += f.type == "year";
    month_fields += f.type == "month";
  }
  if (year_fields > 1)
    check.error("template.year_fields", "/unit_fields", "模板最多只能有一个“年度”（year）字段",
                "a template has at most one field of type year");
  if (month_fields > 1)
    check.error("template.month_fields", "/unit_fields",
                "模板最多只能有一个“监控月份”（month）字段",
                "a template has at most one field of type month");
  if (doc.contains("signer") && doc["signer"].is_object()) {
    SignerSpec signer{str(doc["signer"], "unit_field"), str(doc["signer"], "role", "unit"),
                      doc["signer"].value("reviews_submission", false)};
    const UnitField* named = nullptr;
    for (const auto& f : t.unit_fields)
      if (f.id == signer.unit_field) named = &f;
    if (!named || !named->required || named->type != "text") {
      check.error("template.signer_field", "/signer/unit_field",
                  fmt::format("签名单位字段“{}”应为本模板中必填的文字字段（unit_fields）",
                              signer.unit_field),
                  fmt::format("the signing unit field \"{}\" must be a required text field of this "
                              "template's unit_fields",
                              signer.unit_field));
    }
    t.signer = std::move(signer);
  }
}

// The budget block (预算执行率); its id joins the indicators' ids. Its weight, when it has one.
std::optional<Decimal> read_budget(const json& doc, Template& t, Checker& check,
                                   std::map<std::string, std::string>& ids) {
  std::optional<Decimal> budget_weight;
  if (doc.contains("budget") && doc["budget"].is_object()) {
    const json& b = doc["budget"];
    BudgetBlock block;
    block.id = str(b, "id", "budget");
    block.label = str(b, "label", block.label);
    block.label_en = str(b, "label_en", block.label_en);
    block.money_unit = str(b, "money_unit", block.money_unit);
    if (b.contains("id")) {
      check.unique_id(b, "/budget", ids, "预算");
    } else {
      ids.emplace(block.id, "/budget");
    }
    budget_weight = check.points(b, "weight", "/budget");
    if (budget_weight) block.weight = *budget_weight;
    if (b.contains("rule") && b["rule"].is_string()) block.rule.name = b["rule"].get<std::string>();
    if (b.contains("rule") && b["rule"].is_object()) {
      block.rule.name = str(b["rule"], "name", block.rule.name);
      if (b["rule"].contains("params")) block.rule.params = b["rule"]["params"];
    }
    if (const ScoringRule* impl = find_rule(block.rule.name))
      for (auto& f :
           check_rule_params(*impl, block.rule.params, "/budget/rule/params", block.label))
        check.add(std::move(f));
    std::map<std::string, std::string> row_ids;
    if (b.contains("rows") && b["rows"].is_array()) {
      for (std::size_t i = 0; i < b["rows"].size(); ++i) {
        const json& row = b["rows"][i];
        check.unique_id(row, json_pointer_append("/budget/rows", i), row_ids, "资金行");
        block.rows.push_back({str(row, "id"), str(row, "label"), str(row, "label_en")});
      }
    }
    t.budget = block;
  }

  return budget_weight;
}

// The indicator tree. The sum of the first-level weights (with the budget's), when every one
// is known.
std::optional<Decimal> read_indicators(const json& doc, Template& t, Checker& check,
                                       std::map<std::string, std::string>& ids,
                                       std::optional<Decimal> budget_weight) {
  Decimal top_sum = budget_weight.value_or(Decimal());
  bool top_known = !(doc.contains("budget") && !budget_weight);
  if (doc.contains("indicators") && doc["indicators"].is_array()) {
    const json& roots = doc["indicators"];
    t.indicators.reserve(roots.size());
    for (std::size_t i = 0; i < roots.size(); ++i) {
      t.indicators.emplace_back();
      auto w =
          check.walk(roots[i], json_pointer_append("/indicators", i), 1, ids, &t.indicators.back());
      if (roots[i].is_object() && (flag(roots[i], "penalty"))) continue;
      if (!w)
        top_known = false;
      else
        top_sum = Decimal::add(top_sum, *w).value_or(top_sum);
    }
  } else {
    top_known = false;
  }

  return top_known ? std::optional<Decimal>(top_sum) : std::nullopt;
}

// The total, checked against the first-level weights, and the grade bands.
void read_total_and_bands(const json& doc, Template& t, Checker& check,
                          std::optional<Decimal> top_sum, bool scored, Findings& out) {
  if (auto total = check.points(doc, "total", "")) t.total = *total;
  if (t.total <= Decimal()) {
    check.error("template.bad_total", "/total", "满分必须大于 0", "the total must be above 0");
  }
  if (scored && top_sum && *top_sum != t.total) {
    check.error(
        "template.total_mismatch", doc.contains("total") ? "/total" : "/indicators",
        fmt::format("一级指标{}分值之和为 {}，与满分 {} 不符", t.budget ? "与预算执行率" : "",
                    top_sum->to_string(), t.total.to_string()),
        fmt::format("the first-level weights{} add up to {}, but the total is {}",
                    t.budget ? " and the budget weight" : "", top_sum->to_string(),
                    t.total.to_string()));
  }
  if (scored && !doc.contains("grade_bands")) {
    check.error("template.grade_bands_missing", "/grade_bands", "评分表必须定义评价等级区间",
                "a scored form must define its grade bands");
  }
  if (doc.contains("grade_bands") && doc["grade_bands"].is_array()) {
    const json& bands = doc["grade_bands"];
    bool complete = true;
    for (std::size_t i = 0; i < bands.size(); ++i) {
      const std::string p = json_pointer_append("/grade_bands", i);
      GradeBand g;
      g.grade = str(bands[i], "grade");
      g.grade_en = str(bands[i], "grade_en");
      auto mn = check.points(bands[i], "min", p);
      auto mx = check.points(bands[i], "max", p);
      if (!mn || !mx) {
        complete = false;
        continue;
      }
      g.min = *mn;
      g.max = *mx;
      g.min_inclusive = flag(bands[i], "min_inclusive", true);
      g.max_inclusive = flag(bands[i], "max_inclusive", *mx == t.total);
      t.grade_bands.push_back(g);
    }
    if (complete) {
      for (auto& f : check_grade_bands(t.grade_bands, t.total, "/grade_bands")) out.push_back(f);
    }
  }
}

// Rounding, the over-completion factor, level names, options and output rules.
void read_settings(const json& doc, Template& t, Checker& check, Findings& out) {
  if (doc.contains("rounding") && doc["rounding"].is_object()) {
    const json& r = doc["rounding"];
    if (r.contains("places") && r["places"].is_number_integer()) t.places = r["places"].get<int>();
    const std::string mode = str(r, "mode", "half_up");
    t.rounding = mode == "half_even" ? RoundingMode::kHalfEven
                 : mode == "down"    ? RoundingMode::kDown
                                     : RoundingMode::kHalfUp;
  }
  if (auto f = check.points(doc, "over_completion_factor", "")) t.over_completion_factor = *f;
  if (doc.contains("levels") && doc["levels"].is_array())
    for (const auto& l : doc["levels"])
      if (l.is_string()) t.levels.push_back(l.get<std::string>());
  if (doc.contains("options") && doc["options"].is_object()) t.options = doc["options"];
  if (doc.contains("review") && doc["review"].is_object()) t.review = doc["review"];
  // Output rules (the contract payment …), each under its own key.
  for (const auto& name : output_rule_names()) {
    if (!doc.contains(name) || !doc[name].is_object()) continue;
    for (auto& f : check_output_params(*find_output_rule(name), doc[name], "/" + name))
      out.push_back(std::move(f));
    t.outputs.push_back(RuleRef{name, doc[name]});
  }
}

// A monitoring form's lights: the catalogue rule every row is graded with, its scheme checked
// as any rule's parameters are (overlapping bands are refused here, naming the band); the
// month field it measures the time progress with.
void read_lights(const json& doc, Template& t, Checker& check) {
  if (doc.contains("lights")) {
    const json& r = doc["lights"];
    RuleRef ref{r.is_string() ? r.get<std::string>() : str(r, "name"),
                r.is_object() && r.contains("params") ? r["params"] : json::object()};
    const ScoringRule* impl = find_rule(ref.name);
    if (!impl) {
      check.error("template.unknown_rule", "/lights", fmt::format("亮灯规则“{}”不存在", ref.name),
                  fmt::format("unknown traffic-light rule \"{}\"", ref.name));
    } else {
      for (auto& f : check_rule_params(*impl, ref.params, "/lights/params", t.name))
        check.add(std::move(f));
    }
    t.lights = std::move(ref);
  }
  if (!t.is_monitoring()) return;
  if (!t.lights) t.lights = RuleRef{"traffic_light", json::object()};
  if (!t.month_field())
    check.error("template.month_field_missing", "/unit_fields",
                "绩效运行监控表须有一个“监控月份”（type month）字段",
                "a monitoring form needs a field of type month (the monitoring month)");
}

// Every sheet item the review data names is a row of this template.
void check_review_items(const Template& t, Findings& out) {
  if (!t.review.is_object()) return;
  std::set<std::string> rows;
  std::function<void(const std::vector<Indicator>&)> collect = [&](const auto& list) {
    for (const auto& ind : list) {
      if (ind.children.empty()) rows.insert(ind.id);
      collect(ind.children);
    }
  };
  collect(t.indicators);
  auto need = [&](const json& v, const std::string& path) {
    if (!v.is_string() || rows.count(v.get<std::string>())) return;
    out.push_back(
        Finding{"template.review_unknown_item", Severity::kError, path,
                fmt::format("核查意见数据引用的评分项“{}”不在本表中", v.get<std::string>()),
                fmt::format("the review data names the item \"{}\", which this sheet does not have",
                            v.get<std::string>())});
  };
  const json& r = t.review;
  if (r.contains("items_by_category") && r["items_by_category"].is_object())
    for (const auto& [k, v] : r["items_by_category"].items())
      need(v, json_pointer_append("/review/items_by_category", k));
  if (r.contains("suggestions") && r["suggestions"].is_array())
    for (std::size_t i = 0; i < r["suggestions"].size(); ++i)
      if (r["suggestions"][i].is_object() && r["suggestions"][i].contains("item"))
        need(r["suggestions"][i]["item"], json_pointer_append("/review/suggestions", i) + "/item");
  if (r.contains("spending") && r["spending"].is_object() && r["spending"].contains("item"))
    need(r["spending"]["item"], "/review/spending/item");
  if (r.contains("carry") && r["carry"].is_array())
    for (std::size_t i = 0; i < r["carry"].size(); ++i)
      if (r["carry"][i].is_object() && r["carry"][i].contains("item"))
        need(r["carry"][i]["item"], json_pointer_append("/review/carry", i) + "/item");
  // The fields printed under the table are header fields of this sheet.
  if (r.contains("closing_fields") && r["closing_fields"].is_array())
    for (std::size_t i = 0; i < r["closing_fields"].size(); ++i) {
      const json& f = r["closing_fields"][i];
      if (!f.is_string() ||
          std::any_of(t.unit_fields.begin(), t.unit_fields.end(),
                      [&](const UnitField& u) { return u.id == f.get<std::string>(); }))
        continue;
      out.push_back(
          Finding{"template.review_unknown_field", Severity::kError,
                  json_pointer_append("/review/closing_fields", i),
                  fmt::format("核查意见数据引用的表头字段“{}”不在本表的 unit_fields 中",
                              f.get<std::string>()),
                  fmt::format("the review data names the header field \"{}\", which is not in this "
                              "sheet's unit_fields",
                              f.get<std::string>())});
    }
}

// A weight finer than the rounding would print a score above its weight (6.5 → 7).
void check_weight_precision(const std::vector<Indicator>& list, int places, Findings& out) {
  for (const auto& ind : list) {
    if (ind.weight && ind.weight->rounded(places, RoundingMode::kDown) != *ind.weight)
      out.push_back(Finding{
          "template.weight_precision", Severity::kError, json_pointer_append(ind.path, "weight"),
          fmt::format("指标“{}”的分值 {} 的小数位多于计分保留的 {} 位（rounding.places）", ind.name,
                      ind.weight->to_string(), places),
          fmt::format(
              "indicator \"{}\" has weight {} with more decimals than the {} the scores keep "
              "(rounding.places)",
              ind.name, ind.weight->to_string(), places)});
    check_weight_precision(ind.children, places, out);
  }
}

}  // namespace

TemplateLoad load_template_document(const json& doc) {
  TemplateLoad result;
  Findings& out = result.findings;
  // Too large to open: said at once, before any other check walks the whole tree.
  if (doc.is_object()) {
    if (const std::size_t n = count_indicators(doc); n > kMaxFormIndicators) {
      out.push_back(Finding{
          "template.too_many_indicators", Severity::kError, "/indicators",
          fmt::format(
              "模板共有 {} 项指标（含各级分类），超过上限 {} 项，无法打开：请拆分为几个较小的模板",
              n, kMaxFormIndicators),
          fmt::format(
              "the template has {} indicators (every level counted), more than the limit of "
              "{}, and cannot be opened: split it into smaller templates",
              n, kMaxFormIndicators)});
      return result;
    }
  }
  out = template_schema().validate(doc);
  if (!doc.is_object()) return result;
  Template t;
  t.kind = str(doc, "kind", "self_assessment");
  // A declaration carries targets and a monitoring form lights, not scores.
  const bool scored = t.kind != "declaration" && t.kind != "monitoring";
  Checker check(out, scored);
  t.id = str(doc, "id");
  t.name = str(doc, "name");
  t.name_en = str(doc, "name_en");
  t.version = str(doc, "version");
  t.description = str(doc, "description");
  t.source = str(doc, "source");
  if (doc.contains("year") && doc["year"].is_number_integer()) t.year = doc["year"].get<int>();
  if (doc.contains("id") && doc["id"].is_string() && !valid_id(t.id)) {
    check.error(
        "template.bad_id", "/id",
        fmt::format("模板编号“{}”只能包含字母、数字、“_”、“-”和“.”", t.id),
        fmt::format("template id \"{}\" may only contain letters, digits, '_', '-' and '.'", t.id));
  }

  read_unit_fields(doc, t, check);
  // Indicator ids share one namespace with the budget block.
  std::map<std::string, std::string> ids;
  const std::optional<Decimal> budget_weight = read_budget(doc, t, check, ids);
  const std::optional<Decimal> top_sum = read_indicators(doc, t, check, ids, budget_weight);
  read_total_and_bands(doc, t, check, top_sum, scored, out);
  read_settings(doc, t, check, out);
  read_lights(doc, t, check);
  check_weight_precision(t.indicators, t.places, out);
  check_review_items(t, out);

  if (!has_error(out)) result.tmpl = std::move(t);
  return result;
}

}  // namespace selfeval
