#include "rules/light_scheme.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/json_access.hpp"
#include "rules/rule_support.hpp"

namespace selfeval::rules {
namespace {

using nlohmann::json;

Decimal pct(int v) { return Decimal::from_int(v); }

// The common scheme: below 60 % red, 60–80 % yellow, 80–120 % green, 120 % or more blue.
std::vector<LightBand> default_bands() {
  return {{Light::kRed, pct(0), pct(60)},
          {Light::kYellow, pct(60), pct(80)},
          {Light::kGreen, pct(80), pct(120)},
          {Light::kBlue, pct(120), std::nullopt}};
}

std::vector<std::string> strings(const json& params, const char* key,
                                 std::vector<std::string> fallback) {
  if (!params.is_object() || !params.contains(key) || !params[key].is_array()) return fallback;
  std::vector<std::string> out;
  for (const auto& v : params[key])
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string bound_text(const std::optional<Decimal>& d) { return d ? d->to_string() : "∞"; }

}  // namespace

const char* light_id(Light l) {
  switch (l) {
    case Light::kRed:
      return "red";
    case Light::kYellow:
      return "yellow";
    case Light::kGreen:
      return "green";
    case Light::kBlue:
      return "blue";
  }
  return "green";
}

const char* light_zh(Light l) {
  switch (l) {
    case Light::kRed:
      return "红灯";
    case Light::kYellow:
      return "黄灯";
    case Light::kGreen:
      return "绿灯";
    case Light::kBlue:
      return "蓝灯";
  }
  return "绿灯";
}

const char* light_en(Light l) {
  switch (l) {
    case Light::kRed:
      return "Red";
    case Light::kYellow:
      return "Yellow";
    case Light::kGreen:
      return "Green";
    case Light::kBlue:
      return "Blue";
  }
  return "Green";
}

std::optional<Light> light_from_id(const std::string& id) {
  for (Light l : {Light::kRed, Light::kYellow, Light::kGreen, Light::kBlue})
    if (id == light_id(l)) return l;
  return std::nullopt;
}

std::optional<Light> LightScheme::band_light(Decimal percent) const {
  for (const auto& b : bands)
    if (percent >= b.min && (!b.max || percent < *b.max)) return b.light;
  return std::nullopt;
}

bool LightScheme::requires_reason(Light l) const {
  return std::find(require_reason.begin(), require_reason.end(), l) != require_reason.end();
}

LightScheme read_light_scheme(const json& params) {
  LightScheme s;
  if (params.is_object() && params.contains("bands") && params["bands"].is_array()) {
    for (const auto& b : params["bands"]) {
      LightBand band;
      band.light = light_from_id(json_str(b, "light")).value_or(Light::kGreen);
      band.min = b.contains("min") ? param_number(b["min"]).value_or(Decimal()) : Decimal();
      if (b.contains("max")) band.max = param_number(b["max"]);
      s.bands.push_back(band);
    }
    std::sort(s.bands.begin(), s.bands.end(),
              [](const LightBand& a, const LightBand& b) { return a.min < b.min; });
  } else {
    s.bands = default_bands();
  }
  for (const auto& id : strings(params, "require_reason", {"red", "yellow"}))
    if (auto l = light_from_id(id)) s.require_reason.push_back(*l);
  if (params.is_object() && params.contains("outcomes") && params["outcomes"].is_array()) {
    for (const auto& o : params["outcomes"])
      s.outcomes.push_back(
          {json_str(o, "word"), light_from_id(json_str(o, "light")).value_or(Light::kGreen)});
  } else {
    s.outcomes = {
        {"达到预期目标", Light::kGreen}, {"部分达到", Light::kYellow}, {"未达到", Light::kRed}};
  }
  s.prorate_categories =
      strings(params, "prorate_categories",
              {"数量", "经济效益", "社会效益", "生态效益", "可持续影响", "满意度"});
  s.rate_units = strings(params, "rate_units", {});
  s.reason_categories = strings(params, "reason_categories",
                                {"经费保障", "制度保障", "人员保障", "硬件保障", "其他"});
  s.likelihoods = strings(params, "likelihoods", {"确定能", "有可能", "完全不可能"});
  return s;
}

void check_light_params(const json& params, const std::string& path, const std::string& who,
                        Findings& out) {
  auto bad = [&](const std::string& at, const std::string& zh, const std::string& en) {
    out.push_back(Finding{"rule.bad_param", Severity::kError, at,
                          fmt::format("“{}”的亮灯规则参数：{}", who, zh),
                          fmt::format("traffic-light parameters of \"{}\": {}", who, en)});
  };
  if (!params.is_object()) return;
  for (const char* key :
       {"require_reason", "prorate_categories", "rate_units", "reason_categories", "likelihoods"}) {
    if (!params.contains(key) || !params[key].is_array()) continue;
    const json& list = params[key];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const bool is_light_list = std::string(key) == "require_reason";
      const bool ok = list[i].is_string() && !list[i].get<std::string>().empty() &&
                      (!is_light_list || light_from_id(list[i].get<std::string>()));
      if (!ok)
        bad(json_pointer_append(json_pointer_append(path, key), i),
            is_light_list ? fmt::format("{} 的第 {} 项应为 red、yellow、green 或 blue", key, i + 1)
                          : fmt::format("{} 的第 {} 项应为非空文字", key, i + 1),
            is_light_list
                ? fmt::format("item {} of {} must be red, yellow, green or blue", i + 1, key)
                : fmt::format("item {} of {} must be a non-empty text", i + 1, key));
    }
  }
  if (params.contains("outcomes") && params["outcomes"].is_array()) {
    const json& list = params["outcomes"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const json& o = list[i];
      const bool ok = o.is_object() && !json_str(o, "word").empty() &&
                      light_from_id(json_str(o, "light")) && o.size() == 2;
      if (!ok)
        bad(json_pointer_append(json_pointer_append(path, "outcomes"), i),
            fmt::format("第 {} 个完成情况应为 {{\"word\": 文字, \"light\": red/yellow/green/blue}}",
                        i + 1),
            fmt::format("outcome {} must be {{\"word\": text, \"light\": red/yellow/green/blue}}",
                        i + 1));
    }
  }
  if (!params.contains("bands") || !params["bands"].is_array()) return;
  // Each band on its own, then the bands together: sorted by their lower ends they must
  // start at 0, meet end to end and leave the last one open, so every completion has one light.
  const json& list = params["bands"];
  const std::string bands_path = json_pointer_append(path, "bands");
  struct Read {
    std::size_t index;
    Decimal min;
    std::optional<Decimal> max;
  };
  std::vector<Read> read;
  bool all_ok = true;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& b = list[i];
    const std::string at = json_pointer_append(bands_path, i);
    std::optional<Decimal> mn =
        b.is_object() && b.contains("min") ? param_number(b["min"]) : std::nullopt;
    std::optional<Decimal> mx =
        b.is_object() && b.contains("max") ? param_number(b["max"]) : std::nullopt;
    bool ok = b.is_object() && light_from_id(json_str(b, "light")) && mn && !mn->is_negative() &&
              (!b.contains("max") || (mx && *mx > *mn));
    if (ok)
      for (const auto& [k, v] : b.items()) ok = ok && (k == "light" || k == "min" || k == "max");
    if (!ok) {
      all_ok = false;
      bad(at,
          fmt::format("第 {} 个区间应为 {{\"light\": red/yellow/green/blue, \"min\": 不小于 0 的"
                      "百分数, \"max\": 大于 min 的百分数（最后一档可省略）}}",
                      i + 1),
          fmt::format("band {} must be {{\"light\": red/yellow/green/blue, \"min\": a percentage "
                      "≥ 0, \"max\": a percentage above min (the last may leave it out)}}",
                      i + 1));
      continue;
    }
    read.push_back({i, *mn, mx});
  }
  if (!all_ok) return;
  if (read.empty()) {
    bad(bands_path, "至少需要一个完成率区间", "at least one completion band is needed");
    return;
  }
  std::stable_sort(read.begin(), read.end(),
                   [](const Read& a, const Read& b) { return a.min < b.min; });
  if (!read.front().min.is_zero()) {
    bad(json_pointer_append(bands_path, read.front().index),
        fmt::format("完成率区间应从 0% 开始，最低的一档从 {}% 开始", read.front().min.to_string()),
        fmt::format("the completion bands must start at 0%; the lowest starts at {}%",
                    read.front().min.to_string()));
  }
  for (std::size_t k = 1; k < read.size(); ++k) {
    const Read& prev = read[k - 1];
    const Read& cur = read[k];
    const std::string at = json_pointer_append(bands_path, cur.index);
    if (!prev.max || cur.min < *prev.max) {
      bad(at,
          fmt::format("第 {} 个区间 [{}%, {}%) 与第 {} 个区间 [{}%, {}%) 重叠", cur.index + 1,
                      cur.min.to_string(), bound_text(cur.max), prev.index + 1,
                      prev.min.to_string(), bound_text(prev.max)),
          fmt::format("band {} [{}%, {}%) overlaps band {} [{}%, {}%)", cur.index + 1,
                      cur.min.to_string(), bound_text(cur.max), prev.index + 1,
                      prev.min.to_string(), bound_text(prev.max)));
    } else if (cur.min > *prev.max) {
      bad(at,
          fmt::format("第 {} 个区间从 {}% 开始，与上一档的 {}% 之间有空缺", cur.index + 1,
                      cur.min.to_string(), prev.max->to_string()),
          fmt::format("band {} starts at {}%, leaving a gap after {}%", cur.index + 1,
                      cur.min.to_string(), prev.max->to_string()));
    }
  }
  if (read.back().max) {
    bad(json_pointer_append(bands_path, read.back().index),
        fmt::format("最高的一档应不设上限（省略 max），现为 {}%", read.back().max->to_string()),
        fmt::format("the highest band must have no upper end (leave out max); it has {}%",
                    read.back().max->to_string()));
  }
}

std::string percent_text(Decimal ratio) {
  return Decimal::mul(ratio, Decimal::from_int(100)).value_or(Decimal()).to_fixed(2) + "%";
}

}  // namespace selfeval::rules
