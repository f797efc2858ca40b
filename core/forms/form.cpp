#include "forms/form.hpp"

#include <fmt/format.h>

#include "rules/scoring_rule.hpp"

namespace selfeval {
namespace {

Finding error(const char* code, std::string path, std::string zh, std::string en,
              std::string indicator = "") {
  Finding f{code, Severity::kError, std::move(path), std::move(zh), std::move(en)};
  f.indicator = std::move(indicator);
  return f;
}

// Direction when the indicator states none: cost indicators are reverse; otherwise
// what the target's comparator says.
Direction infer_direction(const std::string& category, const std::optional<Target>& t) {
  if (category == "成本") return Direction::kReverse;
  if (!t) return Direction::kUnspecified;
  if (t->kind == TargetKind::kQualitative) return Direction::kQualitative;
  if (t->parts.empty()) return Direction::kUnspecified;
  switch (t->parts[0].op) {
    case Comparator::kGe:
    case Comparator::kGt:
      return Direction::kPositive;
    case Comparator::kLe:
    case Comparator::kLt:
      return Direction::kReverse;
    case Comparator::kEq:
      return t->parts[0].op_implicit ? Direction::kPositive : Direction::kEqual;
  }
  return Direction::kUnspecified;
}

class Builder {
 public:
  Builder(const Template& t, Form& f) : t_(t), f_(f) {}

  void add_template_node(const Indicator& ind, std::optional<std::size_t> parent,
                         const std::string& inherited_category) {
    FormNode n;
    n.id = ind.id;
    n.name = ind.name;
    n.name_en = ind.name_en;
    n.weight = ind.weight;
    n.direction = ind.direction;
    n.category = ind.category.empty() ? inherited_category : ind.category;
    n.unit = ind.unit;
    n.target_text = ind.target_text;
    n.target_period_text = ind.target_period_text;
    n.target = ind.target;
    if (ind.rule) n.rule = *ind.rule;
    n.bonus = ind.bonus;
    n.penalty = ind.penalty;
    n.open = ind.open;
    n.explanation = ind.explanation;
    n.scoring_standard = ind.scoring_standard;
    n.level = ind.level;
    n.parent = parent;
    n.def_path = ind.path;
    const std::size_t idx = push(std::move(n));
    for (const auto& c : ind.children) add_template_node(c, idx, f_.nodes[idx].category);
  }

  void add_project_row(const ProjectIndicator& p) {
    auto pit = f_.by_id.find(p.parent);
    if (pit == f_.by_id.end()) {
      f_.findings.push_back(error("indicator.parent_unknown", p.path + "/parent",
                                  fmt::format("指标“{}”的上级“{}”在模板中不存在", p.name, p.parent),
                                  fmt::format("indicator \"{}\" names parent \"{}\", which the "
                                              "template does not have",
                                              p.name, p.parent),
                                  p.id));
      return;
    }
    const std::size_t parent = pit->second;
    if (!f_.nodes[parent].open) {
      f_.findings.push_back(error(
          "indicator.parent_not_open", p.path + "/parent",
          fmt::format("“{}”不是可自设三级指标的类别，不能添加“{}”", f_.nodes[parent].name, p.name),
          fmt::format("\"{}\" is not a category that takes project indicators; cannot add \"{}\"",
                      f_.nodes[parent].name, p.name),
          p.id));
      return;
    }
    if (f_.by_id.count(p.id)) {
      f_.findings.push_back(error("indicator.duplicate_id", p.path + "/id",
                                  fmt::format("指标编号“{}”重复", p.id),
                                  fmt::format("indicator id \"{}\" is used twice", p.id), p.id));
      return;
    }
    FormNode n;
    n.id = p.id;
    n.name = p.name;
    n.category = f_.nodes[parent].category;
    n.unit = p.unit;
    n.target_text = p.target;
    n.target_period_text = p.target_period;
    n.level = f_.nodes[parent].level + 1;
    n.parent = parent;
    n.from_project = true;
    n.bonus = f_.nodes[parent].bonus;
    n.penalty = f_.nodes[parent].penalty;
    n.def_path = p.path;
    if (p.weight) {
      n.weight = Decimal::parse(*p.weight);
      if (!n.weight || n.weight->is_negative()) {
        n.weight.reset();
        f_.findings.push_back(error(
            "indicator.bad_weight", p.path + "/weight",
            fmt::format("指标“{}”的分值“{}”无效", p.name, *p.weight),
            fmt::format("indicator \"{}\" has an invalid weight \"{}\"", p.name, *p.weight), p.id));
      }
    } else if (!t_.is_monitoring()) {  // a monitoring form's rows carry no weight
      f_.findings.push_back(error("indicator.missing_weight", p.path + "/weight",
                                  fmt::format("指标“{}”没有分值", p.name),
                                  fmt::format("indicator \"{}\" has no weight", p.name), p.id));
    }
    if (auto d = parse_direction(p.direction)) n.direction = *d;
    if (p.rule_name) n.rule = RuleRef{*p.rule_name, p.rule_params};
    // The project's target is checked here (a template's was checked when it loaded).
    if (!p.target.empty()) {
      const Direction check_dir =
          n.direction != Direction::kUnspecified
              ? n.direction
              : (n.category == "成本" ? Direction::kReverse : Direction::kUnspecified);
      Target t = parse_target(p.target, check_dir, p.path + "/target");
      for (auto f : t.findings) {
        f.indicator = p.id;
        f_.findings.push_back(f);
      }
      n.target = std::move(t);
    } else {
      f_.findings.push_back(Finding{"target.empty", Severity::kError, p.path + "/target",
                                    fmt::format("指标“{}”没有年度指标值", p.name),
                                    fmt::format("indicator \"{}\" has no annual target", p.name),
                                    p.id});
    }
    push(std::move(n));
  }

  void resolve_rules() {
    for (auto& n : f_.nodes) {
      if (n.direction == Direction::kUnspecified)
        n.direction = infer_direction(n.category, n.target);
      if (!n.is_leaf()) continue;
      if (n.rule.name.empty()) {
        if (t_.is_monitoring() && t_.lights)
          n.rule = *t_.lights;  // every row of a monitoring form gets the form's lights
        else
          n.rule.name = default_rule_for(n);
      }
      n.rule_impl = find_rule(n.rule.name);
      if (!n.rule_impl) {
        f_.findings.push_back(
            error("rule.unknown", n.def_path + "/rule",
                  fmt::format("指标“{}”的评分规则“{}”不存在", n.name, n.rule.name),
                  fmt::format("indicator \"{}\" names an unknown scoring rule \"{}\"", n.name,
                              n.rule.name),
                  n.id));
      } else if (n.from_project) {
        // A project row's own rule parameters (a template's were checked when it loaded):
        // a row whose parameters are wrong is not scored with them.
        Findings bad =
            check_rule_params(*n.rule_impl, n.rule.params, n.def_path + "/rule/params", n.name);
        for (auto& f : bad) {
          f.indicator = n.id;
          f_.findings.push_back(std::move(f));
        }
        if (!bad.empty()) n.rule_impl = nullptr;
      }
    }
  }

  // Derives missing weights bottom-up and checks every sum.
  std::optional<Decimal> check_weights(std::size_t i) {
    FormNode& n = f_.nodes[i];
    if (n.children.empty())
      return n.open ? std::optional<Decimal>(n.weight.value_or(Decimal())) : n.weight;
    Decimal sum;
    bool known = true;
    for (std::size_t c : n.children) {
      auto w = check_weights(c);
      if ((f_.nodes[c].penalty || f_.nodes[c].bonus) && !n.penalty && !n.bonus) continue;
      if (!w)
        known = false;
      else
        sum = Decimal::add(sum, *w).value_or(sum);
    }
    if (!known) return n.weight;
    if (!n.weight) {
      n.weight = sum;
    } else if (*n.weight != sum &&
               has_leaf(
                   i)) {  // an empty category is reported as such (category.missing_first_level)
      f_.findings.push_back(
          error("weights.mismatch", n.def_path + "/weight",
                fmt::format("“{}”的分值为 {}，其下级指标分值之和为 {}", n.name,
                            n.weight->to_string(), sum.to_string()),
                fmt::format("\"{}\" has weight {} but its indicators add up to {}", n.name,
                            n.weight->to_string(), sum.to_string()),
                n.id));
    }
    return n.weight;
  }

  // Whether the subtree holds at least one scorable leaf.
  bool has_leaf(std::size_t i) const {
    const FormNode& n = f_.nodes[i];
    if (n.is_leaf()) return true;
    for (std::size_t c : n.children)
      if (has_leaf(c)) return true;
    return false;
  }

 private:
  std::size_t push(FormNode n) {
    const std::size_t idx = f_.nodes.size();
    f_.by_id.emplace(n.id, idx);
    const auto parent = n.parent;
    f_.nodes.push_back(std::move(n));
    if (parent)
      f_.nodes[*parent].children.push_back(idx);
    else
      f_.roots.push_back(idx);
    return idx;
  }

  const Template& t_;
  Form& f_;
};

}  // namespace

std::vector<std::size_t> tree_order(const Form& form) {
  std::vector<std::size_t> out;
  out.reserve(form.nodes.size());
  std::vector<std::size_t> stack(form.roots.rbegin(), form.roots.rend());
  while (!stack.empty()) {
    const std::size_t i = stack.back();
    stack.pop_back();
    out.push_back(i);
    const auto& c = form.nodes[i].children;
    stack.insert(stack.end(), c.rbegin(), c.rend());
  }
  return out;
}

std::string default_rule_for(const FormNode& n) {
  if (n.penalty) return "penalty";
  if (n.bonus) return "bonus";
  if (n.direction == Direction::kQualitative) return "qualitative";
  if (!n.target) return "expert";
  switch (n.target->kind) {
    case TargetKind::kCompound:
      return "compound";
    case TargetKind::kRange:
      return "range";
    case TargetKind::kDeadline:
      return "deadline";
    case TargetKind::kQualitative:
      return "qualitative";
    case TargetKind::kQuantitative:
      break;
  }
  if (n.target->parts.empty()) return "qualitative";
  const auto& p = n.target->parts[0];
  if (p.op_implicit) {
    return n.direction == Direction::kReverse ? "reverse"
           : n.direction == Direction::kEqual ? "equal"
                                              : "positive";
  }
  switch (p.op) {
    case Comparator::kGe:
    case Comparator::kGt:
      return "positive";
    case Comparator::kLe:
    case Comparator::kLt:
      return "reverse";
    case Comparator::kEq:
      return "equal";
  }
  return "positive";
}

namespace {
std::size_t tree_size(const std::vector<Indicator>& list) {
  std::size_t n = list.size();
  for (const auto& i : list) n += tree_size(i.children);
  return n;
}
}  // namespace

Form build_form(const Template& tmpl, const Answers* answers) {
  Form f{tmpl, {}, {}, {}, {}};
  // Room for every node at once: a form of thousands of rows is not moved node by node as it grows.
  f.nodes.reserve(tree_size(tmpl.indicators) + (answers ? answers->indicators.size() : 0));
  Builder b(tmpl, f);
  for (const auto& ind : tmpl.indicators) b.add_template_node(ind, std::nullopt, "");
  if (answers)
    for (const auto& p : answers->indicators) b.add_project_row(p);
  b.resolve_rules();
  // A declaration is not scored; a monitoring form shows lights.
  if (tmpl.kind == "declaration" || tmpl.is_monitoring()) return f;

  Decimal total = tmpl.budget ? tmpl.budget->weight : Decimal();
  bool known = true;
  for (std::size_t r : f.roots) {
    auto w = b.check_weights(r);
    if (f.nodes[r].penalty)
      continue;  // bonus items count toward full marks (120), penalties do not
    if (!w)
      known = false;
    else
      total = Decimal::add(total, *w).value_or(total);
  }
  if (known && total != tmpl.total) {
    f.findings.push_back(error(
        "weights.total_mismatch", "/indicators",
        fmt::format("各指标分值{}之和为 {}，与满分 {} 不符", tmpl.budget ? "与预算执行率分值" : "",
                    total.to_string(), tmpl.total.to_string()),
        fmt::format("the weights{} add up to {}, but the total is {}",
                    tmpl.budget ? " and the budget weight" : "", total.to_string(),
                    tmpl.total.to_string())));
  }
  for (std::size_t r : f.roots) {
    const FormNode& n = f.nodes[r];
    if (n.penalty || n.bonus || b.has_leaf(r)) continue;
    f.findings.push_back(
        error("category.missing_first_level", n.def_path,
              fmt::format("一级指标“{}”下没有任何三级指标", n.name),
              fmt::format("first-level category \"{}\" has no indicator under it", n.name), n.id));
  }
  return f;
}

}  // namespace selfeval
