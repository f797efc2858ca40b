#include "rules/rule_support.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/utf8.hpp"
#include "target/target_expr.hpp"

namespace selfeval::rules {

Finding finding(const RuleInput& in, const char* code, Severity sev, const std::string& field,
                std::string zh, std::string en) {
  Finding f{code, sev, field.empty() ? in.value_path : in.value_path + "/" + field, std::move(zh),
            std::move(en)};
  f.indicator = in.node.id;
  return f;
}

std::vector<ActualNumber> read_actual_parts(const RuleInput& in, RuleOutput& out) {
  const std::string& name = in.node.name;
  if (!in.answer || !in.answer->actual ||
      in.answer->actual->find_first_not_of(" \t\r\n") == std::string::npos) {
    out.findings.push_back(finding(in, "actual.missing", Severity::kError, "actual",
                                   fmt::format("“{}”未填写实际完成值", name),
                                   fmt::format("\"{}\" has no actual value", name)));
    return {};
  }
  const std::string& text = *in.answer->actual;
  const Target t = parse_target(text);
  for (const auto& f : t.findings) {
    if (f.code == "target.placeholder") {
      out.findings.push_back(
          finding(in, "actual.placeholder", Severity::kError, "actual",
                  fmt::format("“{}”的实际完成值“{}”是占位符", name, text),
                  fmt::format("\"{}\" has a placeholder \"{}\" as its actual", name, text)));
      return {};
    }
    if (f.code == "target.invalid_utf8" || f.code == "target.too_long" ||
        f.code == "target.number_malformed" || f.code == "target.number_too_large") {
      out.findings.push_back(
          finding(in, "actual.unreadable", Severity::kError, "actual",
                  fmt::format("“{}”的实际完成值无法读取：{}", name, f.message_zh),
                  fmt::format("the actual of \"{}\" cannot be read: {}", name, f.message_en)));
      return {};
    }
  }
  if (t.parts.empty()) {
    out.findings.push_back(finding(
        in, "actual.not_numeric", Severity::kError, "actual",
        fmt::format("定量指标“{}”的实际完成值“{}”没有数值，应填写实际完成的数量", name, text),
        fmt::format("quantitative indicator \"{}\" has an actual \"{}\" with no number; give the "
                    "amount achieved",
                    name, text)));
    return {};
  }
  std::vector<ActualNumber> out_parts;
  bool comparator = false;
  for (const auto& p : t.parts) {
    comparator = comparator || !p.op_implicit;
    out_parts.push_back({p.value, p.unit, p.label});
  }
  if (comparator) {
    out.findings.push_back(finding(
        in, "actual.has_comparator", Severity::kWarning, "actual",
        fmt::format("“{}”的实际完成值“{}”带有比较符，像是照抄了指标值", name, text),
        fmt::format(
            "the actual of \"{}\" (\"{}\") carries a comparator, as if copied from the target",
            name, text)));
  }
  return out_parts;
}

std::optional<ActualNumber> actual_for_part(const RuleInput& in, RuleOutput& out,
                                            const std::vector<ActualNumber>& actuals,
                                            const TargetPart& part, std::size_t index) {
  const ActualNumber* a = nullptr;
  if (!part.label.empty())
    for (const auto& x : actuals)
      if (x.label == part.label) a = &x;
  if (!a && index < actuals.size()) a = &actuals[index];
  if (!a) {
    out.findings.push_back(
        finding(in, "actual.part_missing", Severity::kError, "actual",
                fmt::format("“{}”缺少“{}”部分的实际完成值", in.node.name,
                            part.label.empty() ? fmt::format("第{}", index + 1) : part.label),
                fmt::format("\"{}\" has no actual for part \"{}\"", in.node.name,
                            part.label.empty() ? std::to_string(index + 1) : part.label)));
    return std::nullopt;
  }
  if (!a->unit.empty() && !part.unit.empty() && a->unit != part.unit) {
    out.findings.push_back(
        finding(in, "actual.unit_differs", Severity::kWarning, "actual",
                fmt::format("“{}”实际完成值的单位“{}”与指标值的单位“{}”不同", in.node.name, a->unit,
                            part.unit),
                fmt::format("the actual of \"{}\" is in \"{}\" but its target is in \"{}\"",
                            in.node.name, a->unit, part.unit)));
  }
  return *a;
}

const TargetPart* measurable_part(const RuleInput& in, RuleOutput& out) {
  if (in.node.target && !in.node.target->parts.empty()) return &in.node.target->parts[0];
  out.findings.push_back(finding(
      in, "rule.needs_quantitative_target", Severity::kError, "",
      fmt::format("“{}”的评分规则“{}”需要定量的指标值，但指标值“{}”没有数值", in.node.name,
                  in.node.rule.name, in.node.target_text),
      fmt::format("rule \"{}\" of \"{}\" needs a quantitative target, but \"{}\" has no number",
                  in.node.rule.name, in.node.name, in.node.target_text)));
  return nullptr;
}

std::optional<Decimal> entered_decimal(const RuleInput& in, RuleOutput& out,
                                       const std::optional<std::string>& text,
                                       const std::string& field) {
  if (!text) return std::nullopt;
  std::string s = *text;
  // Allow a trailing 分 or % and surrounding spaces, as people type them.
  while (!s.empty() && (s.back() == ' ')) s.pop_back();
  for (const char* suffix : {"分", "%", "万元", "元"}) {
    const std::string suf(suffix);
    if (s.size() > suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0) {
      s.erase(s.size() - suf.size());
      break;
    }
  }
  // Full-width digits and separators, as Chinese input methods type them: １４.５３, １，０００.
  if (auto wide = utf8_decode(s)) s = utf8_encode(normalize_width(*wide));
  std::string clean;
  for (char c : s)
    if (c != ',' && c != ' ') clean += c;
  auto d = Decimal::parse(clean);
  const bool digits_only = !clean.empty() &&
                           clean.find_first_not_of("0123456789.-") == std::string::npos &&
                           std::count(clean.begin(), clean.end(), '.') <= 1;
  if (!d && digits_only) {
    out.findings.push_back(finding(
        in, "value.out_of_range", Severity::kError, field,
        fmt::format("“{}”中填写的“{}”超出可计算的范围（整数至多 12 位，小数至多 6 位）",
                    in.node.name, *text),
        fmt::format(
            "\"{}\" entered for \"{}\" is out of range (at most 12 integer and 6 decimal digits)",
            *text, in.node.name)));
  } else if (!d) {
    out.findings.push_back(finding(
        in, "value.not_a_number", Severity::kError, field,
        fmt::format("“{}”中填写的“{}”不是有效数字", in.node.name, *text),
        fmt::format("\"{}\" entered for \"{}\" is not a valid number", *text, in.node.name)));
  }
  return d;
}

std::optional<Decimal> param_number(const nlohmann::json& v) {
  // Integers beyond what a Decimal holds are not parameters anyone writes.
  constexpr long long kLimit = 9'000'000'000'000LL;
  if (v.is_number_unsigned()) {
    const unsigned long long u = v.get<unsigned long long>();
    if (u > static_cast<unsigned long long>(kLimit)) return std::nullopt;
    return Decimal::from_int(static_cast<long long>(u));
  }
  if (v.is_number_integer()) {
    const long long i = v.get<long long>();
    if (i < -kLimit || i > kLimit) return std::nullopt;
    return Decimal::from_int(i);
  }
  if (v.is_number_float()) return Decimal::from_double(v.get<double>());
  if (v.is_string()) return Decimal::parse(v.get<std::string>());
  return std::nullopt;
}

Decimal param_decimal(const nlohmann::json& params, const char* key, Decimal fallback) {
  if (!params.is_object() || !params.contains(key)) return fallback;
  return param_number(params[key]).value_or(fallback);
}

Decimal clamp(Decimal v, Decimal lo, Decimal hi) { return v < lo ? lo : v > hi ? hi : v; }

Decimal ratio_score(Decimal w, Decimal a, Decimal t) {
  if (a.is_negative()) a = Decimal();
  if (t <= Decimal()) return a >= t ? w : Decimal();
  if (a >= t) return w;
  return clamp(Decimal::mul_div(w, a, t).value_or(Decimal()), Decimal(), w);
}

Decimal reverse_score(Decimal w, Decimal a, Decimal t, Decimal decay) {
  if (t.is_zero()) return a <= Decimal() ? w : Decimal();
  if (a <= t) return w;
  // span = (decay − 1) × T: how far above T the score reaches 0.
  const Decimal span =
      Decimal::mul(Decimal::sub(decay, Decimal::from_int(1)).value_or(Decimal::from_int(1)), t)
          .value_or(t);
  if (span <= Decimal()) return Decimal();
  const Decimal over = Decimal::sub(a, t).value_or(span);
  if (over >= span) return Decimal();
  const Decimal lost = Decimal::mul_div(w, over, span).value_or(w);
  return clamp(Decimal::sub(w, lost).value_or(Decimal()), Decimal(), w);
}

Decimal equal_score(Decimal w, Decimal a, Decimal t) {
  if (t.is_zero()) return a <= Decimal() ? w : Decimal();
  return ratio_score(w, a, t);
}

void check_over_completion(const RuleInput& in, RuleOutput& out, Decimal a, Decimal t) {
  if (t <= Decimal()) return;
  const auto limit = Decimal::mul(t, in.settings.over_completion_factor);
  if (!limit || a < *limit) return;
  out.detail["over_completion"] = true;
  if (in.answer && !in.answer->reason.empty()) return;
  out.findings.push_back(finding(
      in, "reason.missing_over_completion", Severity::kWarning, "reason",
      fmt::format("“{}”实际完成值 {} 达到指标值 {} 的 {} 倍以上，指标值可能设置过低，应说明原因",
                  in.node.name, a.to_string(), t.to_string(),
                  in.settings.over_completion_factor.to_string()),
      fmt::format("\"{}\" reached {} against a target of {} (at least {}×): the target was "
                  "probably set too low; explain why",
                  in.node.name, a.to_string(), t.to_string(),
                  in.settings.over_completion_factor.to_string())));
}

}  // namespace selfeval::rules

namespace selfeval::rules {

RuleOutput SinglePartRule::score(const RuleInput& in) const {
  RuleOutput out;
  const TargetPart* part = measurable_part(in, out);
  if (!part) return out;
  const auto actuals = read_actual_parts(in, out);
  if (actuals.empty()) return out;
  const auto a = actual_for_part(in, out, actuals, *part, 0);
  if (!a) return out;
  out.score = score_part(in, a->value, part->value);
  out.detail["actual"] = text(a->value);
  out.detail["target"] = text(part->value);
  if (part->value > Decimal())
    out.detail["completion"] = Decimal::div(a->value, part->value).value_or(Decimal()).to_string();
  if (flags_over_completion()) check_over_completion(in, out, a->value, part->value);
  return out;
}

std::optional<int> parse_date(const std::string& s) {
  int nums[3] = {0, 0, 0};
  int n = 0;
  bool in_num = false;
  for (unsigned char c : s) {
    if (c >= '0' && c <= '9') {
      if (!in_num) {
        if (n == 3) return std::nullopt;
        ++n;
        in_num = true;
      }
      nums[n - 1] = nums[n - 1] * 10 + (c - '0');
      if (nums[n - 1] > 9999) return std::nullopt;
    } else {
      in_num = false;
    }
  }
  if (n != 3) return std::nullopt;
  const int y = nums[0], m = nums[1], d = nums[2];
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return std::nullopt;
  const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
  if (m == 2 && d == 29 && !leap) return std::nullopt;
  return y * 10000 + m * 100 + d;
}

ParamSpec decay_param() {
  return {"decay",
          ParamSpec::Kind::kNumber,
          false,
          Decimal::from_int(1),
          Decimal::from_int(100),
          true,
          {},
          "超过指标值多少倍时得 0 分（默认 2）",
          "the multiple of the target at which the score reaches 0 (default 2)"};
}

}  // namespace selfeval::rules
