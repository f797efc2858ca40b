#include "signing/verifier.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "base/canonical_json.hpp"
#include "base/json_access.hpp"
#include "forms/scoring.hpp"
#include "signing/review_link.hpp"
#include "signing/submission.hpp"
#include "version.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

// The signer against the registry: registered, to this unit, in this role, valid now.
void check_signer(Verdict& v, const Template& tmpl, const Envelope& env, const VerifyOptions& o) {
  v.signer_checked = true;
  const std::string pk = crypto::base64url(env.public_key);
  const RegisteredKey* k = o.registry->find(pk);
  const std::string day = o.at.date_at_offset(kChinaOffsetMinutes).to_string();
  if (!k) {
    v.findings.push_back(error_at("registry.unregistered", "/submission/signer/public_key",
                                  "签名公钥未在登记表中",
                                  "the signing key is not in the key registry"));
    return;
  }
  v.registered_unit = k->unit;
  v.key_validity = k->periods_text("—");
  bool ok = true;
  if (!tmpl.signer) {
    v.findings.push_back(
        error_at("registry.no_unit_field", "/submission/template",
                 "模板未声明哪个字段是签名单位，无法核对签名者",
                 "the template does not declare which field names the signing unit"));
    return;
  }
  if (v.unit != k->unit) {
    ok = false;
    v.findings.push_back(error_at(
        "registry.unit_mismatch", json_pointer_append("/submission/unit", tmpl.signer->unit_field),
        fmt::format("公钥登记在“{}”名下，而表中签名单位（{}）为“{}”", k->unit, v.unit_field,
                    v.unit),
        fmt::format("the key is registered to \"{}\", but the form's signing unit ({}) is \"{}\"",
                    k->unit, v.unit_field, v.unit)));
  }
  if (k->alg != profile_key_alg(env.profile)) {
    ok = false;
    v.findings.push_back(error_at(
        "registry.alg", "/submission/signer/alg",
        fmt::format("公钥登记的算法为“{}”，签名用的是“{}”", k->alg, profile_key_alg(env.profile)),
        fmt::format("the key is registered for \"{}\", the signature is \"{}\"", k->alg,
                    profile_key_alg(env.profile))));
  }
  if (k->role != tmpl.signer->role) {
    ok = false;
    v.findings.push_back(error_at(
        "registry.role", "/submission/template",
        fmt::format("公钥的登记角色为“{}”，此表须由“{}”签名", k->role, tmpl.signer->role),
        fmt::format("the key is registered for the role \"{}\"; this form is signed by \"{}\"",
                    k->role, tmpl.signer->role)));
  }
  if (k->revoked) {
    ok = false;
    v.findings.push_back(error_at("registry.revoked", "/submission/signer/public_key",
                                  "该公钥已被登记表注销", "the key is revoked in the registry"));
  } else if (!k->valid_on(o.at.date_at_offset(kChinaOffsetMinutes))) {
    ok = false;
    v.findings.push_back(
        error_at("registry.expired", "/submission/signer/public_key",
                 fmt::format("核验日 {} 不在公钥有效期（{}）内；签名者自称的签名时间为 {}", day,
                             k->periods_text("至"), v.created),
                 fmt::format("the day of checking, {}, is outside the key's validity ({}); the "
                             "signer claims to have signed at {}",
                             day, k->periods_text("to"), v.created)));
  }
  v.signer_ok = ok;
}

}  // namespace

const char* verify_status_name(VerifyStatus s) {
  switch (s) {
    case VerifyStatus::kPassed:
      return "passed";
    case VerifyStatus::kFailed:
      return "failed";
    case VerifyStatus::kDuplicate:
      return "duplicate";
    case VerifyStatus::kSuperseded:
      return "superseded";
  }
  return "failed";
}

namespace {

// The claimed signing time: a strict RFC 3339 time, not ahead of the checking time.
bool check_signing_time(Verdict& v, const VerifyOptions& o) {
  const auto created = parse_rfc3339(v.created);
  if (!created) {
    v.findings.push_back(error_at(
        "submission.created", "/submission/created",
        fmt::format("签名时间“{}”不是 RFC 3339 格式的时间（如 2023-06-01T09:00:00Z）", v.created),
        fmt::format(
            "the signing time \"{}\" is not an RFC 3339 time (such as 2023-06-01T09:00:00Z)",
            v.created)));
    return false;
  }
  if (created->seconds > o.at.seconds + kClockSkewSeconds) {
    v.findings.push_back(
        error_at("submission.created_in_future", "/submission/created",
                 fmt::format("签名时间 {} 晚于核验时间 {}", v.created, o.at.to_string()),
                 fmt::format("the signing time {} is later than the time of checking, {}",
                             v.created, o.at.to_string())));
    return false;
  }
  return true;
}

// The template: known by id and version, and the very one signed. nullptr when not.
const TemplateLoad* signed_template(Verdict& v, const json& tref, const KnownTemplates& templates) {
  v.template_id = json_str(tref, "id");
  v.template_version = json_str(tref, "version");
  v.template_sha256 = json_str(tref, "sha256");
  v.template_sm3 = json_str(tref, "sm3");
  const KnownTemplate* known = templates.find(v.template_id, v.template_version);
  if (!known) {
    v.findings.push_back(
        error_at("submission.unknown_template", "/submission/template",
                 fmt::format("未知模板“{} {}”", v.template_id, v.template_version),
                 fmt::format("unknown template \"{} {}\"", v.template_id, v.template_version)));
    return nullptr;
  }
  v.template_origin = known->origin;
  // The envelope was read with its profile: exactly one of the two hashes is present.
  const bool hash_matches =
      v.template_sm3.empty() ? known->sha256 == v.template_sha256 : known->sm3 == v.template_sm3;
  if (hash_matches && known->load().tmpl) v.template_name = known->load().tmpl->name;
  if (!hash_matches) {
    v.findings.push_back(error_at("submission.template_hash", "/submission/template/sha256",
                                  "模板哈希与已知模板不符",
                                  "the template hash does not match the known template"));
    return nullptr;
  }
  if (!known->load().tmpl) {
    v.findings.push_back(error_at("submission.template_invalid", "/submission/template",
                                  "已知模板无法加载", "the known template does not load"));
    return nullptr;
  }
  return &known->load();
}

// The unit block: only the template's fields, the same as the answers'; the signing unit
// is the value of the field the template names.
bool check_unit_block(Verdict& v, const json& s, const Template& tmpl) {
  bool sound = true;
  const json& unit = s["unit"];
  std::set<std::string> fields;
  for (const auto& f : tmpl.unit_fields) fields.insert(f.id);
  for (const auto& [field, value] : unit.items()) {
    if (fields.count(field)) continue;
    sound = false;
    v.findings.push_back(error_at(
        "submission.unit_unknown_field", json_pointer_append("/submission/unit", field),
        fmt::format("单位信息含有模板没有的字段“{}”", field),
        fmt::format("the unit block holds a field the template does not have: \"{}\"", field)));
  }
  if (tmpl.signer) {
    v.unit_field = tmpl.signer->unit_field;
    v.unit = json_str(unit, v.unit_field.c_str());
  }
  if (s["answers"].value("unit", json::object()) != unit ||
      s["answers"].value("year", json()) != s["year"]) {
    sound = false;
    v.findings.push_back(error_at("submission.header_mismatch", "/submission/unit",
                                  "提交的单位或年度与答卷不一致",
                                  "the submission's unit or year differs from its answers"));
  }
  return sound;
}

// The recorded result must be what the engine computes now; then its counts are the form's.
bool rescore(Verdict& v, const json& s, const TemplateLoad& load) {
  const json fresh = score_result_loaded(load, s["answers"].dump());
  const json& recorded = s["result"];
  std::string err;
  if (fresh != recorded && canonical_json(fresh, &err) != canonical_json(recorded, &err)) {
    v.findings.push_back(error_at("submission.result_mismatch", "/submission/result",
                                  "重新计算的结果与提交的结果不一致",
                                  "re-scoring the answers does not give the submitted result"));
    return false;
  }
  if (fresh.contains("total") && fresh["total"].is_string())
    v.total = fresh["total"].get<std::string>();
  if (fresh.contains("grade") && fresh["grade"].is_string())
    v.grade = fresh["grade"].get<std::string>();
  if (fresh.contains("findings"))
    for (const auto& f : fresh["findings"]) {
      const std::string sev = json_str(f, "severity");
      v.errors += sev == "error";
      v.warnings += sev == "warning";
      v.form_findings.push_back(Finding{json_str(f, "code"),
                                        sev == "error"     ? Severity::kError
                                        : sev == "warning" ? Severity::kWarning
                                                           : Severity::kInfo,
                                        json_str(f, "path"), json_str(f, "message_zh"),
                                        json_str(f, "message_en"), json_str(f, "indicator")});
    }
  if (const json& l = fresh.value("lights", json()); l.is_object())
    for (const auto& [light, n] : l.items())
      if (n.is_number_integer()) v.lights[light] = n.get<int>();
  if (fresh.contains("full_marks") && fresh["full_marks"].is_string())
    v.full_marks = fresh["full_marks"].get<std::string>();
  if (const json& b = fresh.value("budget", json()); b.is_object()) {
    const json& d = b.value("detail", json());
    if (d.is_object() && d.contains("rate") && d["rate"].is_string())
      v.execution_rate = d["rate"].get<std::string>();
  }
  if (const json& a = s["answers"]; a.contains("reported_total")) {
    const json& r = a["reported_total"];
    if (r.is_string())
      v.reported_total = r.get<std::string>();
    else if (r.is_number())
      v.reported_total = r.dump();
  }
  return true;
}

}  // namespace

// The reporting year: the answers' own, else the one typed into a "year" header field.
std::optional<int> submission_year(const json& submission) {
  const json& y = submission["year"];
  if (y.is_number_integer()) return y.get<int>();
  const json& unit = submission["unit"];
  if (unit.contains("year")) {
    const json& u = unit["year"];
    if (u.is_number_integer()) return u.get<int>();
    if (u.is_string()) {
      const std::string& t = u.get_ref<const std::string&>();
      if (t.size() == 4 &&
          std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
    }
  }
  return std::nullopt;
}

std::string submission_project(const json& unit) {
  for (const char* field : {"project_name", "policy_name"})
    if (const std::string p = json_str(unit, field); !p.empty()) return p;
  return "";
}

bool core_signature_check(Profile profile, std::string_view message, std::string_view signature,
                          std::string_view public_key) {
  if (profile != Profile::kEd25519 || signature.size() != 64 || public_key.size() != 32)
    return false;
  crypto::Bytes64 s{};
  crypto::Bytes32 k{};
  std::copy(signature.begin(), signature.end(), s.begin());
  std::copy(public_key.begin(), public_key.end(), k.begin());
  return crypto::ed25519_verify(message, s, k);
}

OpenedSubmission open_submission(std::string_view text, const std::string& name) {
  OpenedSubmission o;
  o.verdict.name = name;
  // 1. Form: size, JSON, schema, header. Nothing costly has run yet.
  o.envelope = read_envelope(text);
  o.verdict.findings = std::move(o.envelope.findings);
  o.envelope.findings.clear();
  if (o.well_formed()) o.verdict.kid = o.envelope.kid;
  return o;
}

Verdict verify_submission(std::string_view text, const std::string& name,
                          const KnownTemplates& templates, const VerifyOptions& o,
                          const SignatureCheck& signature_ok) {
  OpenedSubmission opened = open_submission(text, name);
  if (!opened.well_formed()) return std::move(opened.verdict);
  const Envelope& env = opened.envelope;
  const bool valid = signature_ok(env.profile, env.signing_input, env.signature, env.public_key);
  return finish_submission(std::move(opened), valid, templates, o);
}

Verdict finish_submission(OpenedSubmission opened, bool signature_valid,
                          const KnownTemplates& templates, const VerifyOptions& o) {
  Verdict v = std::move(opened.verdict);
  if (!v.findings.empty()) return v;
  const Envelope& env = opened.envelope;
  const json& s = env.submission;
  // 2. The signature, before the content is believed or anything is re-computed.
  if (!signature_valid) {
    v.findings.push_back(error_at(
        "jws.bad_signature", "/jws/signature", "签名无效：内容在签名后被改动，或签名不属于该公钥",
        "invalid signature: the content changed after signing, or the key did not sign it"));
    return v;
  }
  v.digest = crypto::hex(crypto::view(crypto::sha256(env.signing_input)));
  v.created = s["created"].get<std::string>();
  v.project = submission_project(s["unit"]);
  v.year = submission_year(s);
  // 3–5. Authentic so far: the time, the template, the unit block (whatever the registry says).
  bool sound = check_signing_time(v, o);
  const TemplateLoad* load = signed_template(v, s["template"], templates);
  if (!load) return v;
  sound = check_unit_block(v, s, *load->tmpl) && sound;
  sound = read_review_link(v, s, *load->tmpl) && sound;
  // 6. The signer, against the registry when there is one.
  if (o.registry) check_signer(v, *load->tmpl, env, o);
  // 7. Last and costliest: re-scoring.
  if (!rescore(v, s, *load)) return v;
  v.authentic = sound;
  if (o.reject_errors && v.errors > 0)
    v.findings.push_back(error_at(
        "form.has_errors", "/submission/result/findings",
        fmt::format("表单有 {} 处错误（按要求拒收有错误的表）", v.errors),
        fmt::format("the form has {} error(s) (files with errors are refused)", v.errors)));
  if (v.findings.empty()) v.status = VerifyStatus::kPassed;
  return v;
}

void settle_batch(std::vector<Verdict>& verdicts) {
  std::map<std::string, std::size_t> first;  // digest → first file with it
  std::map<std::tuple<std::string, std::string, std::string, std::string>, std::vector<std::size_t>>
      groups;
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    Verdict& v = verdicts[i];
    if (!v.authentic || (v.signer_checked && !v.signer_ok)) continue;
    auto [it, fresh] = first.emplace(v.digest, i);
    if (!fresh) {
      v.status = VerifyStatus::kDuplicate;
      v.duplicate_of = verdicts[it->second].name;
      v.findings.push_back(error_at("batch.duplicate", "",
                                    fmt::format("与“{}”是同一份提交", v.duplicate_of),
                                    fmt::format("the same submission as \"{}\"", v.duplicate_of)));
      continue;
    }
    groups[{v.template_id, v.unit, v.project, v.year ? std::to_string(*v.year) : ""}].push_back(i);
  }
  for (auto& [key, members] : groups) {
    if (members.size() < 2) continue;
    // The latest signing time counts (times of authentic files parse; compare as instants).
    auto when = [&](std::size_t i) {
      return parse_rfc3339(verdicts[i].created).value_or(Instant{}).seconds;
    };
    std::size_t latest = members[0];
    for (std::size_t i : members)
      if (when(i) > when(latest)) latest = i;
    int ties = 0;
    for (std::size_t i : members) ties += when(i) == when(latest);
    for (std::size_t i : members) {
      Verdict& v = verdicts[i];
      if (ties > 1 && when(i) == when(latest)) {
        v.status = VerifyStatus::kFailed;
        v.findings.push_back(error_at(
            "batch.same_time", "/submission/created",
            "同一单位、表单、项目和年度有两份不同的提交，签名时间相同，无法判断以哪份为准",
            "two different submissions for the same unit, form, project and year were signed at "
            "the same time; neither can be taken as the latest"));
      } else if (i != latest) {
        v.status = VerifyStatus::kSuperseded;
        v.superseded_by = verdicts[latest].name;
        v.findings.push_back(
            error_at("batch.superseded", "/submission/created",
                     fmt::format("已被较晚签名的“{}”取代", v.superseded_by),
                     fmt::format("superseded by the later \"{}\"", v.superseded_by)));
      }
    }
  }
  link_reviews(verdicts);
}

int VerifySummary::exit_code() const {
  if (failed + duplicates + superseded > 0) return 1;
  return signer_checked ? 0 : 3;
}

VerifySummary summarize(const std::vector<Verdict>& verdicts, bool signer_checked) {
  VerifySummary s;
  s.signer_checked = signer_checked;
  for (const auto& v : verdicts) {
    ++s.files;
    s.passed += v.status == VerifyStatus::kPassed;
    s.failed += v.status == VerifyStatus::kFailed;
    s.duplicates += v.status == VerifyStatus::kDuplicate;
    s.superseded += v.status == VerifyStatus::kSuperseded;
    s.with_errors += v.authentic && v.errors > 0;
  }
  return s;
}

json verdict_to_json(const Verdict& v) {
  auto opt = [](const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); };
  json out = {
      {"file", v.name},
      {"status", verify_status_name(v.status)},
      {"authentic", v.authentic},
      {"signer",
       {{"checked", v.signer_checked},
        {"ok", v.signer_checked ? json(v.signer_ok) : json(nullptr)},
        {"kid", v.kid},
        {"registered_unit", v.registered_unit.empty() ? json(nullptr) : json(v.registered_unit)},
        {"validity", v.key_validity.empty() ? json(nullptr) : json(v.key_validity)}}},
      {"created", v.created.empty() ? json(nullptr) : json(v.created)},
      {"template",
       {{"id", v.template_id},
        {"version", v.template_version},
        {"sha256", v.template_sha256},
        {"origin", v.template_origin.empty() ? json(nullptr) : json(v.template_origin)}}},
      {"unit_field", v.unit_field.empty() ? json(nullptr) : json(v.unit_field)},
      {"unit", v.unit},
      {"project", v.project},
      {"year", v.year ? json(*v.year) : json(nullptr)},
      {"total", opt(v.total)},
      {"grade", opt(v.grade)},
      {"errors", v.errors},
      {"warnings", v.warnings},
      {"digest", v.digest.empty() ? json(nullptr) : json(v.digest)},
      {"duplicate_of", v.duplicate_of.empty() ? json(nullptr) : json(v.duplicate_of)},
      {"superseded_by", v.superseded_by.empty() ? json(nullptr) : json(v.superseded_by)},
      {"findings", findings_to_json(v.findings)}};
  if (!v.template_sm3.empty()) out["template"]["sm3"] = v.template_sm3;
  if (v.reviewed) out["reviewed"] = review_link_to_json(v);
  return out;
}

json verify_report_to_json(const std::vector<Verdict>& verdicts, const VerifyOptions& options) {
  const VerifySummary s = summarize(verdicts, options.registry != nullptr);
  json files = json::array();
  for (const auto& v : verdicts) files.push_back(verdict_to_json(v));
  return json{{"format", "selfeval.verify-report.v1"},
              {"engine_version", kEngineVersion},
              {"checked_at", options.at.to_string()},
              {"signer_checked", s.signer_checked},
              {"reject_errors", options.reject_errors},
              {"summary",
               {{"files", s.files},
                {"passed", s.passed},
                {"failed", s.failed},
                {"duplicates", s.duplicates},
                {"superseded", s.superseded},
                {"with_errors", s.with_errors}}},
              {"exit_code", s.exit_code()},
              {"files", files}};
}

}  // namespace selfeval
