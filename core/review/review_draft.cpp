#include "review/review_draft.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/decimal.hpp"
#include "base/finding.hpp"
#include "base/json_access.hpp"
#include "base/json_reader.hpp"
#include "forms/declaration.hpp"
#include "forms/scoring.hpp"
#include "forms/template_loader.hpp"
#include "model/answers.hpp"
#include "model/answers_json.hpp"
#include "signing/review_link.hpp"
#include "signing/submission.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

json refusal(const char* code, const std::string& zh, const std::string& en) {
  return json{{"ok", false},
              {"findings", json::array({Finding{code, Severity::kError, "", zh, en}.to_json()})}};
}

json refusal(const Findings& findings) {
  return json{{"ok", false}, {"findings", findings_to_json(findings)}};
}

// The unit's filled form as the draft reads it.
struct UnitForm {
  json answers;       ///< the unit's answers document
  json template_ref;  ///< {"id", "version"[, "sha256"]}
  bool signed_file = false;
  std::optional<Envelope> envelope;  ///< a signed file's envelope, for the sheet's link to it
};

// A signed submission (its answers, unverified: the workbench and `selfeval verify` decide
// trust) or a plain answers document.
std::optional<UnitForm> read_unit_file(std::string_view text, json& refused) {
  JsonRead r = read_json(text, "提交或答卷", "submission or answers");
  if (!r.value) {
    refused = refusal(r.findings);
    return std::nullopt;
  }
  UnitForm u;
  const json& doc = *r.value;
  if (doc.is_object() && doc.contains("jws")) {
    Envelope env = read_envelope(text);
    if (!env.findings.empty()) {
      refused = refusal(env.findings);
      return std::nullopt;
    }
    u.answers = env.submission["answers"];
    u.template_ref = env.submission["template"];
    u.signed_file = true;
    u.envelope = std::move(env);
    return u;
  }
  if (!doc.is_object() || json_str(doc, "format") != "selfeval.answers.v1") {
    refused = refusal("review.not_a_form", "文件既不是签名提交文件，也不是答卷",
                      "the file is neither a signed submission nor an answers document");
    return std::nullopt;
  }
  u.answers = doc;
  u.template_ref = doc.value("template", json::object());
  return u;
}

// Fills a suggestion's placeholders.
std::string fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) {
    const std::string mark = "{" + key + "}";
    for (std::size_t at = text.find(mark); at != std::string::npos;
         at = text.find(mark, at + value.size()))
      text.replace(at, mark.size(), value);
  }
  return text;
}

// One suggestion being gathered: a rule of the review data on one sheet item.
struct Gathered {
  std::string item;
  const json* rule = nullptr;
  std::set<std::string> codes;
  std::vector<std::string> indicators, names;
  std::map<std::string, std::string> values;  ///< placeholders from the first finding
};

std::string joined(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// The unit form's leaves by id: name, category, target.
struct Leaf {
  std::string name, category, target;
};

class Drafter {
 public:
  Drafter(const json& review, const json& unit_answers, const json& result,
          const Declaration* declaration)
      : review_(review), answers_(unit_answers), declaration_(declaration) {
    for (const auto& row : result.value("indicators", json::array()))
      leaves_[json_str(row, "id")] = {json_str(row, "name"), json_str(row, "category"),
                                      json_str(row, "target")};
  }

  // Each finding of the unit's form under the first rule that takes it.
  void gather(const json& findings) {
    for (const auto& f : findings) {
      const std::string code = json_str(f, "code");
      const std::string id = json_str(f, "indicator");
      const auto leaf = leaves_.find(id);
      const std::string category = leaf == leaves_.end() ? "" : leaf->second.category;
      const json* rule = match(code, category);
      if (!rule) continue;
      std::string item = json_str(*rule, "item");
      if (item.empty()) item = review_["items_by_category"].value(category, "");
      if (item.empty()) continue;
      Gathered& g = take(item, rule);
      g.codes.insert(code);
      if (leaf != leaves_.end() &&
          std::find(g.indicators.begin(), g.indicators.end(), id) == g.indicators.end()) {
        g.indicators.push_back(id);
        g.names.push_back(leaf->second.name);
        if (g.values.empty()) g.values = placeholders(id, leaf->second);
      }
    }
  }

  void add_spending(const std::string& zh, const std::string& en, const std::string& item,
                    const json& advice) {
    spending_advice_ = advice;
    Gathered g;
    g.item = item;
    g.codes.insert("budget.spending_low");
    g.values = {{"zh", zh}, {"en", en}};
    spending_ = g;
  }

  // values.<item>.suggestions of the sheet's answers.
  void write(json& values) const {
    auto put = [&](const std::string& item, json s) {
      json& v = values[item];
      if (!v.is_object()) v = json::object();
      if (!v.contains("suggestions")) v["suggestions"] = json::array();
      v["suggestions"].push_back(std::move(s));
    };
    for (const auto& g : gathered_) {
      std::map<std::string, std::string> vals = g.values;
      vals["names"] = joined(g.names, "、");
      json s = {{"codes", json(std::vector<std::string>(g.codes.begin(), g.codes.end()))},
                {"indicators", g.indicators},
                {"zh", fill(json_str(*g.rule, "zh"), vals)},
                {"en", fill(json_str(*g.rule, "en"), with_english_names(vals, g))}};
      if (g.rule->contains("advice")) s["advice"] = (*g.rule)["advice"];
      put(g.item, std::move(s));
    }
    if (spending_) {
      json s = {{"codes", json::array({"budget.spending_low"})},
                {"indicators", json::array()},
                {"zh", spending_->values.at("zh")},
                {"en", spending_->values.at("en")}};
      if (spending_advice_.is_object()) s["advice"] = spending_advice_;
      put(spending_->item, std::move(s));
    }
  }

 private:
  const json* match(const std::string& code, const std::string& category) const {
    for (const auto& rule : review_["suggestions"]) {
      const json& codes = rule["codes"];
      if (std::find(codes.begin(), codes.end(), code) == codes.end()) continue;
      if (rule.contains("categories")) {
        const json& cats = rule["categories"];
        if (std::find(cats.begin(), cats.end(), category) == cats.end()) continue;
      }
      return &rule;
    }
    return nullptr;
  }

  Gathered& take(const std::string& item, const json* rule) {
    for (auto& g : gathered_)
      if (g.item == item && g.rule == rule) return g;
    gathered_.push_back(Gathered{item, rule, {}, {}, {}, {}});
    return gathered_.back();
  }

  std::map<std::string, std::string> placeholders(const std::string& id, const Leaf& leaf) const {
    std::map<std::string, std::string> v;
    v["target"] = leaf.target;
    const json& values = answers_.value("values", json::object());
    const json record = values.value(id, json::object());
    const auto actual = decimal_text(record, "actual");
    v["actual"] = actual ? *actual : "";
    if (declaration_)
      if (const DeclaredTarget* d = declaration_->find(id, leaf.name)) v["declared"] = d->target;
    return v;
  }

  // The English text names the indicators by their ids' names as written (Chinese names stay).
  static std::map<std::string, std::string> with_english_names(
      std::map<std::string, std::string> vals, const Gathered& g) {
    vals["names"] = joined(g.names, ", ");
    return vals;
  }

  const json& review_;
  const json& answers_;
  const Declaration* declaration_;
  std::map<std::string, Leaf> leaves_;
  std::vector<Gathered> gathered_;
  std::optional<Gathered> spending_;
  json spending_advice_;
};

// 全年预算数 and 全年执行数 of the unit's budget block, in 万元.
struct Spending {
  std::optional<Decimal> budget, executed;
};

Spending unit_spending(const json& answers, const std::string& money_unit) {
  Spending s;
  const json rows =
      answers.contains("budget") ? answers["budget"].value("rows", json::object()) : json::object();
  const json total = rows.value("total", json::object());
  auto read = [&](const char* col) -> std::optional<Decimal> {
    const auto text = decimal_text(total, col);
    auto d = text ? Decimal::parse(*text) : std::nullopt;
    // A form kept in 元 is shown in the sheet's 万元.
    if (d && money_unit == "元") d = Decimal::div(*d, Decimal::from_int(10000));
    return d;
  };
  s.budget = read("adjusted");
  s.executed = read("executed");
  return s;
}

// A decimal field of the review data or of the sheet's answers, read exactly.
std::optional<Decimal> decimal_field(const json& obj, const char* key) {
  const auto text = decimal_text(obj, key);
  return text ? Decimal::parse(*text) : std::nullopt;
}

// 支出率 in percent, to two places: executed / budget × 100; none without a budget above 0.
std::optional<Decimal> spending_rate(const std::optional<Decimal>& budget,
                                     const std::optional<Decimal>& executed) {
  if (!budget || !executed || *budget <= Decimal()) return std::nullopt;
  const auto r = Decimal::mul_div(*executed, Decimal::from_int(100), *budget);
  return r ? std::optional<Decimal>(r->rounded(2)) : std::nullopt;
}

}  // namespace

json review_draft(const ReviewDraftInput& in) {
  json refused;
  const std::optional<UnitForm> unit = read_unit_file(in.unit_file, refused);
  if (!unit) return refused;
  const std::string tid = json_str(unit->template_ref, "id");
  const std::string tver = json_str(unit->template_ref, "version");
  // Answers that name no version (the schema allows it) are of the one known template of that id.
  const KnownTemplate* known = nullptr;
  if (in.templates && !tver.empty()) known = in.templates->find(tid, tver);
  if (in.templates && tver.empty() && !unit->signed_file) {
    std::vector<const KnownTemplate*> same_id;
    for (const auto& k : in.templates->all())
      if (k.id == tid) same_id.push_back(&k);
    if (same_id.size() == 1) known = same_id.front();
  }
  if (!known)
    return refusal("review.unknown_template",
                   fmt::format("不认识被核查表单的模板“{} {}”", tid, tver),
                   fmt::format("the reviewed form's template \"{} {}\" is not known", tid, tver));
  if (unit->signed_file && json_str(unit->template_ref, "sha256") != known->sha256)
    return refusal("review.template_mismatch", "提交文件所用模板与已知模板内容不符",
                   "the submission's template differs from the known one");
  const std::string answers_text = unit->answers.dump();
  const json result = score_result(known->text, answers_text, in.declaration);
  if (result.value("ok", true) == false && !result.contains("format"))
    return json{{"ok", false}, {"findings", result["findings"]}};

  TemplateLoad sheet = load_template(in.sheet_template);
  if (!sheet.tmpl) return refusal(sheet.findings);
  const Template& st = *sheet.tmpl;
  if (!st.review.is_object())
    return refusal(
        "review.no_review_data", fmt::format("模板“{}”不是核查评分表（没有 review 数据）", st.id),
        fmt::format("template \"{}\" is not a verification sheet (it has no review data)", st.id));
  std::optional<Declaration> declaration;
  if (!in.declaration.empty()) declaration = load_declaration(in.declaration).declaration;

  const Template& ut = *known->load().tmpl;
  const json& ua = unit->answers;
  const json& uunit = ua.value("unit", json::object());
  auto unit_text = [&](const std::string& field) {
    auto it = uunit.find(field);
    return it == uunit.end() ? std::string()
           : it->is_string() ? it->get<std::string>()
                             : it->dump();
  };
  json answers = {{"format", "selfeval.answers.v1"},
                  {"template", {{"id", st.id}, {"version", st.version}}},
                  {"unit", json::object()},
                  {"values", json::object()}};
  if (ua.contains("year")) answers["year"] = ua["year"];
  // A signed submission is named by its digest, so the reviewer's signed sheet says which one it
  // scores (the verifier checks it); plain answers give no link, and the sheet cannot be signed.
  if (unit->envelope)
    answers["reviewed"] =
        reviewed_to_json(review_link_for(*unit->envelope, ut.signer ? ut.signer->unit_field : ""));
  // The header: who and what is reviewed, in the sheet's own fields.
  const std::string signer_field = ut.signer ? ut.signer->unit_field : "unit_name";
  std::map<std::string, std::string> header = {{"unit_name", unit_text(signer_field)},
                                               {"project_name", unit_text("project_name")},
                                               {"project_code", unit_text("project_code")}};
  const Spending spend = unit_spending(ua, ut.budget ? ut.budget->money_unit : "万元");
  if (spend.budget) header["budget_amount"] = spend.budget->to_string();
  for (const auto& f : st.unit_fields)
    if (auto it = header.find(f.id); it != header.end() && !it->second.empty())
      answers["unit"][f.id] = it->second;

  Drafter drafter(st.review, ua, result, declaration ? &*declaration : nullptr);
  drafter.gather(result.value("findings", json::array()));
  Findings notes;
  const json& review = st.review;
  const std::optional<Decimal> rate = spending_rate(spend.budget, spend.executed);
  if (review.contains("spending")) {
    const json& sp = review["spending"];
    const std::string item = json_str(sp, "item");
    if (spend.budget) answers["values"][item]["budget"] = spend.budget->to_string();
    if (spend.executed) answers["values"][item]["executed"] = spend.executed->to_string();
    const auto bar = decimal_field(sp, "below_percent");
    if (rate && bar && *rate < *bar) {
      const std::map<std::string, std::string> vals = {
          {"year", ua.contains("year") ? ua["year"].dump() : ""},
          {"budget", spend.budget->to_string()},
          {"executed", spend.executed->to_string()},
          {"rate", rate->to_fixed(2)}};
      drafter.add_spending(fill(json_str(sp, "zh"), vals), fill(json_str(sp, "en"), vals), item,
                           sp.value("advice", json()));
    }
    if (!rate)
      notes.push_back(Finding{"review.spending_unknown", Severity::kWarning, "",
                              "被核查表单没有全年预算数和全年执行数，支出率需评审组填写",
                              "the reviewed form has no budget and executed totals; the reviewers "
                              "enter the spending figures"});
  }
  // The proposed recommendation: the first rule whose bar the execution rate is under.
  if (review.contains("recommendation")) {
    const json& rec = review["recommendation"];
    std::string choice = json_str(rec, "default");
    if (rate)
      for (const auto& rule : rec["rules"]) {
        const auto bar = decimal_field(rule, "rate_below_percent");
        if (bar && *rate < *bar) {
          choice = json_str(rule, "choice");
          break;
        }
      }
    answers["unit"][json_str(rec, "field")] = choice;
  }
  // Figures the sheet takes from the unit's form as they are (the satisfaction rate).
  for (const auto& c : review.value("carry", json::array())) {
    std::vector<std::string> from;
    for (const auto& row : result.value("indicators", json::array()))
      if (json_str(row, "category") == json_str(c, "from_category"))
        from.push_back(json_str(row, "id"));
    const json values = ua.value("values", json::object());
    const auto actual = from.size() == 1
                            ? decimal_text(values.value(from[0], json::object()), "actual")
                            : std::nullopt;
    // Only a rate is carried: a satisfaction row reporting a count ("62人次") is no 满意度 the
    // sheet's tiers can score, and the reviewers enter the figure they checked.
    if (actual && actual->find('%') != std::string::npos)
      answers["values"][json_str(c, "item")]["actual"] = *actual;
  }
  drafter.write(answers["values"]);
  if (unit->signed_file)
    notes.push_back(
        Finding{"review.signature_not_checked", Severity::kInfo, "",
                "起草核查表时未核验签名：请在汇总复核台或用 selfeval verify 核验提交文件",
                "the draft does not check the signature: verify the submission in the "
                "bureau workbench or with selfeval verify"});
  return json{{"ok", true}, {"answers", std::move(answers)}, {"notes", findings_to_json(notes)}};
}

namespace {

const char* const kChineseNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

std::string heading(std::size_t n, const std::string& title, bool zh) {
  if (zh) return fmt::format("{}、{}", n < 10 ? kChineseNumerals[n] : std::to_string(n + 1), title);
  return fmt::format("{}. {}", n + 1, title);
}

}  // namespace

json review_opinion(const Template& sheet, const json& answers, const json& result) {
  if (!sheet.review.is_object() || !sheet.review.contains("opinion"))
    return refusal(
        "review.no_review_data",
        fmt::format("模板“{}”不是核查评分表（没有 review 数据）", sheet.id),
        fmt::format("template \"{}\" is not a verification sheet (it has no review data)",
                    sheet.id));
  const json& op = sheet.review["opinion"];
  const json values = answers.value("values", json::object());
  auto value = [&](const std::string& item) { return values.value(item, json::object()); };
  // The summary line: the spending figures of the sheet and its total and grade.
  std::map<std::string, std::string> vals = {
      {"year", answers.contains("year") ? answers["year"].dump() : ""},
      {"total", json_str(result, "total")},
      {"grade", json_str(result, "grade")},
      {"grade_en", json_str(result, "grade_en")}};
  const std::string spend_item =
      sheet.review.contains("spending") ? json_str(sheet.review["spending"], "item") : "";
  const auto budget = decimal_text(value(spend_item), "budget");
  const auto executed = decimal_text(value(spend_item), "executed");
  vals["budget"] = budget.value_or("");
  vals["executed"] = executed.value_or("");
  if (const auto rate = spending_rate(decimal_field(value(spend_item), "budget"),
                                      decimal_field(value(spend_item), "executed")))
    vals["rate"] = rate->to_fixed(2);
  std::string zh = fill(json_str(op["summary"], "zh"), vals) + "\n";
  std::string en = fill(json_str(op["summary"], "en"), vals) + "\n";
  std::size_t section = 0;
  // The reasons the reviewer wrote, by group of sheet items.
  for (const auto& g : op["groups"]) {
    std::vector<std::string> reasons;
    for (const auto& item : g["items"]) {
      const std::string reason = json_str(value(item.get<std::string>()), "reason");
      if (!reason.empty()) reasons.push_back(reason);
    }
    if (reasons.empty()) continue;
    zh += heading(section, json_str(g, "zh"), true) + "\n";
    en += heading(section, json_str(g, "en"), false) + "\n";
    ++section;
    for (std::size_t i = 0; i < reasons.size(); ++i) {
      zh += fmt::format("{}. {}\n", i + 1, reasons[i]);
      en += fmt::format("{}. {}\n", i + 1, reasons[i]);
    }
  }
  // The advice of each suggestion the reviewer accepted (its words are in the item's reason).
  std::map<std::string, std::vector<json>> advice;
  for (const auto& [item, v] : values.items()) {
    const std::string reason = json_str(v, "reason");
    for (const auto& sug : v.value("suggestions", json::array())) {
      if (!sug.contains("advice") || reason.find(json_str(sug, "zh")) == std::string::npos)
        continue;
      auto& list = advice[json_str(sug["advice"], "group")];
      if (std::find(list.begin(), list.end(), sug["advice"]) == list.end())
        list.push_back(sug["advice"]);
    }
  }
  for (const auto& g : op["advice_groups"]) {
    const auto it = advice.find(json_str(g, "id"));
    if (it == advice.end()) continue;
    zh += heading(section, json_str(g, "zh"), true) + "\n";
    en += heading(section, json_str(g, "en"), false) + "\n";
    ++section;
    for (std::size_t i = 0; i < it->second.size(); ++i) {
      zh += fmt::format("{}. {}\n", i + 1, json_str(it->second[i], "zh"));
      en += fmt::format("{}. {}\n", i + 1, json_str(it->second[i], "en"));
    }
  }
  zh.pop_back();
  en.pop_back();
  return json{{"ok", true}, {"zh", zh}, {"en", en}};
}

}  // namespace selfeval
