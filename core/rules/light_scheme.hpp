// The traffic lights of a monitoring form (绩效运行监控表): the four lights, the completion
// bands that give them, which lights require 偏差原因 and 纠偏措施, and the words of the
// qualitative outcomes — all read from a rule's parameters, so a province's variant is data.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/decimal.hpp"
#include "base/finding.hpp"

namespace selfeval::rules {

enum class Light { kRed, kYellow, kGreen, kBlue };

/// "red" … "blue" (the parameters' words), 红灯 … 蓝灯, Red … Blue.
const char* light_id(Light l);
const char* light_zh(Light l);
const char* light_en(Light l);
std::optional<Light> light_from_id(const std::string& id);

/// Completion (in percent) from `min` (inclusive) up to `max` (exclusive; none: no upper end).
struct LightBand {
  Light light = Light::kGreen;
  Decimal min;
  std::optional<Decimal> max;
};

/// One qualitative outcome the rater picks (达到预期目标 → green).
struct LightOutcome {
  std::string word;
  Light light = Light::kGreen;
};

struct LightScheme {
  std::vector<LightBand> bands;                 ///< sorted by min, covering [0, ∞)
  std::vector<Light> require_reason;            ///< lights that need 偏差原因 and 纠偏措施
  std::vector<LightOutcome> outcomes;           ///< qualitative rows
  std::vector<std::string> prorate_categories;  ///< expected to date = 年度指标值 × N/12
  std::vector<std::string> rate_units;          ///< units of rates, never pro-rated ("%")
  std::vector<std::string> reason_categories;   ///< 经费保障 …
  std::vector<std::string> likelihoods;         ///< 确定能 / 有可能 / 完全不可能

  /// The light of a completion in percent (nullopt only below the first band).
  std::optional<Light> band_light(Decimal percent) const;
  bool requires_reason(Light l) const;
};

/// The scheme from a rule's parameters, every absent one at the common scheme's default.
/// Parameters are checked first (check_light_params); this reads what passed.
LightScheme read_light_scheme(const nlohmann::json& params);

/// Checks the scheme parameters under `path` (rule.bad_param findings): bands that overlap
/// or leave a gap, an unknown light, outcomes without a word.
void check_light_params(const nlohmann::json& params, const std::string& path,
                        const std::string& who, Findings& out);

/// The percentage text of a ratio with two decimals: 0.5 → "50.00%".
std::string percent_text(Decimal ratio);

}  // namespace selfeval::rules
