// deadline (时效, "12月31日前完成"): completed on or before the deadline → W, later → 0.
// The deadline's year defaults to the reporting year; "月底" is the month's last day.
#include <fmt/format.h>

#include "rules/rule_support.hpp"

namespace selfeval::rules {
namespace {
class Deadline final : public ScoringRule {
 public:
  std::string_view name() const override { return "deadline"; }
  std::string_view label_zh() const override { return "时限"; }
  std::string_view label_en() const override { return "Deadline"; }
  RuleTraits traits() const override { return {false, false, true}; }
  std::vector<std::string> inputs() const override {
    return {"planned_date", "actual_date", "reason"};
  }
  RuleOutput score(const RuleInput& in) const override {
    RuleOutput out;
    if (!in.node.target || !in.node.target->deadline) {
      out.findings.push_back(finding(
          in, "rule.needs_deadline_target", Severity::kError, "",
          fmt::format("“{}”的 deadline 规则需要时限型指标值（如 12月31日前）", in.node.name),
          fmt::format("rule deadline of \"{}\" needs a deadline target such as 12月31日前",
                      in.node.name)));
      return out;
    }
    const auto& d = *in.node.target->deadline;
    const int year = d.year ? d.year : in.settings.year;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int day = d.day;
    if (day == 0 && d.month >= 1 && d.month <= 12) {
      day = kDays[d.month - 1];
      if (d.month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) day = 29;
    }
    const int due = year * 10000 + d.month * 100 + day;
    const auto done = in.answer ? parse_date(in.answer->actual_date) : std::nullopt;
    if (!done) {
      if (!in.answer || in.answer->actual_date.empty()) {
        out.findings.push_back(finding(
            in, "timeliness.actual_date_missing", Severity::kError, "actual_date",
            fmt::format("“{}”未填写实际完成时间，无法判断是否按时完成", in.node.name),
            fmt::format("\"{}\" has no actual completion date, so timeliness cannot be judged",
                        in.node.name)));
      }
      return out;  // an unreadable date is reported by the 时效 check as value.bad_date
    }
    out.score = *done <= due ? in.weight : Decimal();
    out.detail["due"] = fmt::format("{:04}-{:02}-{:02}", year, d.month, day);
    out.detail["actual_date"] =
        fmt::format("{:04}-{:02}-{:02}", *done / 10000, *done / 100 % 100, *done % 100);
    if (*done > due) {
      out.findings.push_back(
          finding(in, "timeliness.late", Severity::kWarning, "actual_date",
                  fmt::format("“{}”于 {} 完成，晚于时限 {}", in.node.name,
                              out.detail["actual_date"].get<std::string>(),
                              out.detail["due"].get<std::string>()),
                  fmt::format("\"{}\" was completed on {}, after the deadline {}", in.node.name,
                              out.detail["actual_date"].get<std::string>(),
                              out.detail["due"].get<std::string>())));
    }
    return out;
  }
};
}  // namespace
std::unique_ptr<ScoringRule> make_deadline() { return std::make_unique<Deadline>(); }
}  // namespace selfeval::rules
