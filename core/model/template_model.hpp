// The in-memory form template: metadata, unit fields, budget block, indicator tree,
// rounding and grade bands. Built only from a template that passed every check.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/decimal.hpp"
#include "model/grade_bands.hpp"
#include "target/direction.hpp"
#include "target/target_expr.hpp"

namespace selfeval {

/// A header field the form asks the unit for (项目名称, 主管部门 …).
struct UnitField {
  std::string id, label, label_en;
  bool required = false;
  std::string type =
      "text";  ///< text, number, date, code, choice, or year (the answers' top-level year)
  std::vector<std::string> choices;  ///< options of a "choice" field
};

/// Who signs the form: the header field whose value names the signing unit, and the
/// role a registered key must have (unit / reviewer).
struct SignerSpec {
  std::string unit_field;
  std::string role = "unit";
  bool reviews_submission = false;  ///< a signed copy names the submission it reviews
};

/// A scoring rule by catalogue name, with its parameters.
struct RuleRef {
  std::string name;
  nlohmann::json params = nlohmann::json::object();
};

/// The budget-execution block (年初预算数 / 全年预算数 / 全年执行数 → 执行率 → 得分).
struct BudgetBlock {
  std::string id = "budget";
  std::string label = "预算执行率";
  std::string label_en = "Budget execution rate";
  Decimal weight;
  std::string money_unit = "万元";
  RuleRef rule{"budget_execution", nlohmann::json::object()};
  struct Row {
    std::string id, label, label_en;
  };
  std::vector<Row> rows;
};

/// One node of the indicator tree (一级/二级/三级 … of any depth).
struct Indicator {
  std::string id, name, name_en;
  std::optional<Decimal> weight;
  std::string unit;
  Direction direction = Direction::kUnspecified;
  std::string category;
  std::string target_text, target_period_text;
  std::optional<Target> target;  ///< parsed target_text
  std::optional<RuleRef> rule;
  std::string explanation, scoring_standard;
  bool bonus = false, penalty = false, open = false;
  std::vector<Indicator> children;
  std::string path;  ///< JSON Pointer in the template
  int level = 1;     ///< 1 for 一级

  bool is_leaf() const { return children.empty() && !open; }
};

struct Template {
  std::string id, name, name_en, version, kind = "self_assessment", description, source;
  std::optional<int> year;
  std::vector<UnitField> unit_fields;
  std::optional<SignerSpec> signer;
  std::optional<BudgetBlock> budget;
  std::vector<Indicator> indicators;
  Decimal total = Decimal::from_int(100);
  int places = 2;
  RoundingMode rounding = RoundingMode::kHalfUp;
  Decimal over_completion_factor = Decimal::from_micros(1'200'000);
  GradeBands grade_bands;
  std::vector<std::string> levels;
  nlohmann::json options = nlohmann::json::object();
  /// A verification sheet's drafting data ("review" in the template schema), null otherwise.
  nlohmann::json review;
  /// A monitoring form's traffic-light rule (traffic_light with its scheme), the rule of every
  /// indicator row that names none.
  std::optional<RuleRef> lights;
  std::vector<RuleRef>
      outputs;  ///< output rules by template key ("payment"), with their parameters

  /// The header field that holds the reporting year (type year), or nullptr.
  const UnitField* year_field() const {
    for (const auto& f : unit_fields)
      if (f.type == "year") return &f;
    return nullptr;
  }
  /// The header field that holds a monitoring form's month (type month), or nullptr.
  const UnitField* month_field() const {
    for (const auto& f : unit_fields)
      if (f.type == "month") return &f;
    return nullptr;
  }
  bool is_monitoring() const { return kind == "monitoring"; }
};

}  // namespace selfeval
