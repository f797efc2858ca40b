#include "review/sampling.hpp"

#include <algorithm>
#include <map>

#include "base/crypto.hpp"
#include "base/decimal.hpp"
#include "base/finding.hpp"
#include "review/summary.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

const char* const kAllFlags[] = {"excellent_low_execution", "reported_differs", "not_numeric",
                                 "copied_targets", "not_passed"};

json bad(const char* field, const std::string& zh, const std::string& en) {
  Finding f{"sample.bad_parameter", Severity::kError, std::string("/") + field, zh, en};
  return json{{"ok", false}, {"findings", json::array({f.to_json()})}};
}

}  // namespace

bool in_sampling_pool(const Verdict& v) {
  // Re-scored: the signature held, the template is known and the answers were scored again.
  // A duplicate or superseded file is another copy or an older version of one in the pool.
  return (v.status == VerifyStatus::kPassed || v.status == VerifyStatus::kFailed) &&
         v.total.has_value() && !v.digest.empty();
}

std::vector<std::string> risk_flags(const Verdict& v, const RiskThresholds& t) {
  std::vector<std::string> out;
  const auto below = Decimal::parse(t.low_execution_below);
  if (v.grade && *v.grade == "优" && v.execution_rate && below)
    if (auto r = Decimal::parse(*v.execution_rate); r && *r < *below)
      out.push_back("excellent_low_execution");
  if (auto d = reported_difference(v); d && !Decimal::parse(*d)->is_zero())
    out.push_back("reported_differs");
  int not_numeric = 0;
  bool copied = false;
  for (const auto& f : v.form_findings) {
    not_numeric += f.code == "actual.not_numeric";
    copied =
        copied || f.code == "actual.equals_target_most_rows" || f.code == "actual.has_comparator";
  }
  if (t.not_numeric_at_least > 0 && not_numeric >= t.not_numeric_at_least)
    out.push_back("not_numeric");
  if (copied) out.push_back("copied_targets");
  return out;
}

json draw_sample(const std::vector<Verdict>& verdicts, const json& p) {
  if (!p.is_object())
    return bad("", "抽查参数应为 JSON 对象", "sampling parameters must be an object");
  if (!p.contains("seed") || !p["seed"].is_string() || p["seed"].get<std::string>().empty())
    return bad("seed", "请填写随机种子", "a seed is required");
  const std::string seed = p["seed"].get<std::string>();
  const bool has_percent = p.contains("percent") && !p["percent"].is_null();
  const bool has_count = p.contains("count") && !p["count"].is_null();
  if (has_percent == has_count)
    return bad("percent", "请给出抽查比例或抽查份数（二选一）",
               "give either a percentage or a count");
  std::optional<Decimal> percent;
  std::int64_t count = 0;
  if (has_percent) {
    percent =
        p["percent"].is_string() ? Decimal::parse(p["percent"].get<std::string>()) : std::nullopt;
    if (!percent || percent->is_negative() || *percent > Decimal::from_int(100))
      return bad("percent", "抽查比例应为 0 到 100 之间的数（文本，如 \"10\"）",
                 "the percentage must be a number from 0 to 100 (as text, such as \"10\")");
  } else {
    if (!p["count"].is_number_integer() || p["count"].get<std::int64_t>() < 0)
      return bad("count", "抽查份数应为非负整数", "the count must be a whole number ≥ 0");
    count = p["count"].get<std::int64_t>();
  }
  if (p.contains("stratify") && !p["stratify"].is_string())
    return bad("stratify", "分层方式应为 none 或 grade", "stratify must be \"none\" or \"grade\"");
  const std::string stratify = p.contains("stratify") ? p["stratify"].get<std::string>() : "none";
  if (stratify != "none" && stratify != "grade")
    return bad("stratify", "分层方式应为 none 或 grade", "stratify must be \"none\" or \"grade\"");
  RiskThresholds t;
  if (p.contains("low_execution_below")) {
    if (!p["low_execution_below"].is_string() ||
        !Decimal::parse(p["low_execution_below"].get<std::string>()))
      return bad("low_execution_below", "执行率阈值应为小数文本，如 \"0.8\"",
                 "the execution-rate threshold must be decimal text such as \"0.8\"");
    t.low_execution_below = p["low_execution_below"].get<std::string>();
  }
  if (p.contains("low_execution_below_percent")) {  // the page's field: 80 for 0.8
    const auto pct = p["low_execution_below_percent"].is_string()
                         ? Decimal::parse(p["low_execution_below_percent"].get<std::string>())
                         : std::nullopt;
    const auto frac = pct ? Decimal::div(*pct, Decimal::from_int(100)) : std::nullopt;
    if (!frac || frac->is_negative())
      return bad("low_execution_below_percent", "执行率阈值应为百分数，如 80",
                 "the execution-rate threshold must be a percentage such as 80");
    t.low_execution_below = frac->to_string();
  }
  if (p.contains("not_numeric_at_least")) {
    if (!p["not_numeric_at_least"].is_number_integer() || p["not_numeric_at_least"].get<int>() < 1)
      return bad("not_numeric_at_least", "“完成值无数字”的份数阈值应为正整数",
                 "the not-numeric threshold must be a whole number ≥ 1");
    t.not_numeric_at_least = p["not_numeric_at_least"].get<int>();
  }
  if (p.contains("risk_only") && !p["risk_only"].is_boolean())
    return bad("risk_only", "“只抽有风险提示的”应为 true 或 false",
               "risk_only must be true or false");
  const bool risk_only = p.contains("risk_only") && p["risk_only"].get<bool>();
  std::vector<std::string> wanted(std::begin(kAllFlags), std::end(kAllFlags));
  if (p.contains("risk_flags")) {
    if (!p["risk_flags"].is_array())
      return bad("risk_flags", "风险条件应为列表", "risk_flags must be a list");
    wanted.clear();
    for (const auto& f : p["risk_flags"]) {
      if (!f.is_string() || std::find(std::begin(kAllFlags), std::end(kAllFlags),
                                      f.get<std::string>()) == std::end(kAllFlags))
        return bad("risk_flags", "未知的风险条件", "unknown risk flag");
      wanted.push_back(f.get<std::string>());
    }
  }

  // The pool: files that count, with their lots; strata by grade.
  struct Lot {
    std::string key;
    std::size_t index;
    std::vector<std::string> flags;
  };
  std::map<std::string, std::vector<Lot>> strata;
  std::size_t pool = 0;
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    const Verdict& v = verdicts[i];
    if (!in_sampling_pool(v)) continue;
    std::vector<std::string> flags = risk_flags(v, t);
    if (v.status != VerifyStatus::kPassed) flags.push_back("not_passed");
    if (risk_only) {
      bool any = false;
      for (const auto& f : flags)
        any = any || std::find(wanted.begin(), wanted.end(), f) != wanted.end();
      if (!any) continue;
    }
    ++pool;
    const std::string key = crypto::hex(crypto::view(crypto::sha256(seed + "\n" + v.digest)));
    strata[stratify == "grade" ? v.grade.value_or("—") : ""].push_back({key, i, std::move(flags)});
  }
  // How many from each stratum: a percentage rounds each stratum up; a count is shared in
  // proportion, the remainders going to the largest fractions (then the grade's order).
  std::map<std::string, std::int64_t> take;
  if (percent) {
    for (const auto& [g, lots] : strata) {
      const std::int64_t micros = percent->micros() * static_cast<std::int64_t>(lots.size());
      const std::int64_t whole = 100 * Decimal::kOne;
      take[g] = micros / whole + (micros % whole != 0);
    }
  } else {
    const std::int64_t n = std::min<std::int64_t>(count, static_cast<std::int64_t>(pool));
    std::vector<std::pair<std::int64_t, std::string>> rest;
    std::int64_t given = 0;
    for (const auto& [g, lots] : strata) {
      const std::int64_t share = n * static_cast<std::int64_t>(lots.size());
      take[g] = pool ? share / static_cast<std::int64_t>(pool) : 0;
      given += take[g];
      rest.push_back({pool ? share % static_cast<std::int64_t>(pool) : 0, g});
    }
    std::stable_sort(rest.begin(), rest.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; given < n && k < rest.size(); ++k, ++given) ++take[rest[k].second];
  }
  json selected = json::array(), strata_out = json::array();
  for (auto& [g, lots] : strata) {
    std::sort(lots.begin(), lots.end(), [](const Lot& a, const Lot& b) {
      return a.key != b.key ? a.key < b.key : a.index < b.index;
    });
    const std::size_t n = std::min<std::size_t>(lots.size(), static_cast<std::size_t>(take[g]));
    strata_out.push_back({{"grade", stratify == "grade" ? json(g) : json(nullptr)},
                          {"pool", lots.size()},
                          {"drawn", n}});
    for (std::size_t k = 0; k < n; ++k) {
      const Verdict& v = verdicts[lots[k].index];
      selected.push_back({{"file", base_name(v.name)},
                          {"status", verify_status_name(v.status)},
                          {"unit", v.unit},
                          {"project", v.project},
                          {"form", v.template_id},
                          {"year", v.year ? json(*v.year) : json(nullptr)},
                          {"grade", v.grade ? json(*v.grade) : json(nullptr)},
                          {"total", v.total ? json(*v.total) : json(nullptr)},
                          {"digest", v.digest},
                          {"lot", lots[k].key},
                          {"flags", lots[k].flags}});
    }
  }
  json params = {{"seed", seed},
                 {"percent", percent ? json(p["percent"].get<std::string>()) : json(nullptr)},
                 {"count", has_count ? json(count) : json(nullptr)},
                 {"stratify", stratify},
                 {"risk_only", risk_only},
                 {"risk_flags", wanted},
                 {"low_execution_below", t.low_execution_below},
                 {"not_numeric_at_least", t.not_numeric_at_least}};
  return json{
      {"ok", true},
      {"format", "selfeval.sample.v1"},
      {"method", "lot = SHA-256(seed \"\\n\" digest); the smallest lots of each stratum are drawn"},
      {"pool_rule",
       "every re-scored submission, passed or failed (failed ones flagged not_passed); not "
       "duplicates or superseded versions, nor files whose signature or template failed"},
      {"params", params},
      {"pool", pool},
      {"drawn", selected.size()},
      {"strata", strata_out},
      {"selected", selected}};
}

}  // namespace selfeval
