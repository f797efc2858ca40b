#include "signing/submission.hpp"

#include <fmt/format.h>

#include "base/canonical_json.hpp"
#include "base/embedded_schemas.hpp"
#include "base/json_access.hpp"
#include "base/json_reader.hpp"
#include "forms/known_templates.hpp"
#include "forms/scoring.hpp"
#include "signing/key_file.hpp"
#include "signing/profile.hpp"
#include "version.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

constexpr const char* kTyp = "selfeval-submission+json";

std::string canonical_or_empty(const json& v) {
  std::string err;
  return canonical_json(v, &err).value_or("");
}

// The protected header: exactly alg (a profile's name, agreeing with the signer's key alg),
// b64 false, crit ["b64"], kid and typ; the kid is checked with the signer's key later.
void check_header(Envelope& c, const json& header) {
  auto fail = [&](const char* code, const std::string& path, std::string zh, std::string en) {
    c.findings.push_back(error_at(code, path, std::move(zh), std::move(en)));
  };
  for (const auto& [name, value] : header.items()) {
    if (name != "alg" && name != "b64" && name != "crit" && name != "kid" && name != "typ")
      fail("jws.unknown_member", "/jws/protected", fmt::format("签名头含有不允许的字段“{}”", name),
           fmt::format("the protected header holds a member that is not allowed: \"{}\"", name));
  }
  c.alg = json_str(header, "alg");
  const auto profile = profile_of_header_alg(c.alg);
  if (!profile)
    fail("jws.alg", "/jws/protected", fmt::format("不支持的签名算法“{}”", c.alg),
         fmt::format("unsupported algorithm \"{}\"", c.alg));
  else if (json_str(c.submission["signer"], "alg") != profile_key_alg(*profile))
    fail("jws.alg_mismatch", "/submission/signer/alg", "签名头的算法与签名者的算法不一致",
         "the header's algorithm differs from the signer's");
  if (profile) c.profile = *profile;
  if (!header.contains("b64") || header["b64"] != false || !header.contains("crit") ||
      header["crit"] != json::array({"b64"}))
    fail("jws.b64", "/jws/protected", "签名头须声明 b64:false 且 crit 为 [\"b64\"]",
         "the header must say b64:false with crit [\"b64\"]");
  if (json_str(header, "typ") != kTyp)
    fail("jws.typ", "/jws/protected", "签名头的 typ 不对", "the header's typ is wrong");
}

// The template's hash is the profile's own: sha256 for Ed25519, sm3 for SM2-SM3, never both
// and never the other one (a mixed profile is refused, not guessed at).
void check_template_hash(Envelope& c) {
  const json& t = c.submission["template"];
  const char* want = profile_hash_name(c.profile);
  const char* other = c.profile == Profile::kSm2Sm3 ? "sha256" : "sm3";
  if (t.contains(other) || !t.contains(want))
    c.findings.push_back(
        error_at("jws.mixed_profile", "/submission/template",
                 fmt::format("签名算法为 {}，模板哈希须为 {}（不得混用 {}）", c.alg, want, other),
                 fmt::format("the signature is {}, so the template hash must be {} (not {})", c.alg,
                             want, other)));
}

}  // namespace

PreparedSubmission prepare_submission(std::string_view template_json, std::string_view answers_json,
                                      const std::string& created, Profile profile,
                                      std::string_view public_key) {
  PreparedSubmission out;
  const json result = score_result(template_json, answers_json);
  if (!result.contains("total")) {
    for (const auto& f : result["findings"])
      out.findings.push_back(error_at("submission.inputs", f.value("path", ""),
                                      f.value("message_zh", ""), f.value("message_en", "")));
    return out;
  }
  const json tmpl = json::parse(template_json, nullptr, false);
  const json answers = json::parse(answers_json, nullptr, false);
  const auto hash =
      profile == Profile::kSm2Sm3 ? template_hash_sm3(template_json) : template_hash(template_json);
  if (tmpl.is_discarded() || answers.is_discarded() || !hash) {
    out.findings.push_back(error_at("submission.inputs", "", "模板或答卷无法规范化",
                                    "the template or answers cannot be canonicalized"));
    return out;
  }
  const json& signer = tmpl.contains("signer") ? tmpl["signer"] : json();
  if (signer.is_object() && signer.value("reviews_submission", json(false)) == json(true) &&
      !(answers.is_object() && answers.contains("reviewed"))) {
    out.findings.push_back(error_at(
        "submission.no_reviewed", "/reviewed",
        "核查评分表没有写明所核查的提交（reviewed）：请从单位的签名提交文件起草（生成核查评分表，或"
        " "
        "selfeval review-draft）后再签名",
        "the verification sheet does not name the submission it reviews (reviewed): draft it from "
        "the unit's signed submission (生成核查评分表, or selfeval review-draft) before signing"));
    return out;
  }
  if (!profile_public_key_well_formed(profile, public_key)) {
    out.findings.push_back(error_at("submission.signer", "", "签名公钥格式不对",
                                    "the signing public key is malformed"));
    return out;
  }
  out.submission = {
      {"format", "selfeval.submission.v1"},
      {"engine_version", kEngineVersion},
      {"template",
       {{"id", json_str(tmpl, "id")},
        {"version", json_str(tmpl, "version")},
        {profile_hash_name(profile), *hash}}},
      {"unit", answers.contains("unit") ? answers["unit"] : json::object()},
      {"year", answers.contains("year") ? answers["year"] : json(nullptr)},
      {"answers", answers},
      {"result", result},
      {"created", created},
      {"signer",
       {{"alg", profile_key_alg(profile)}, {"public_key", crypto::base64url(public_key)}}}};
  const json header = {{"alg", profile_header_alg(profile)},
                       {"b64", false},
                       {"crit", json::array({"b64"})},
                       {"kid", key_id(profile, public_key)},
                       {"typ", kTyp}};
  out.protected_b64 = crypto::base64url(canonical_or_empty(header));
  out.signing_input = out.protected_b64 + "." + canonical_or_empty(out.submission);
  return out;
}

nlohmann::json seal_submission(const PreparedSubmission& prepared, std::string_view signature) {
  return json{
      {"submission", prepared.submission},
      {"jws",
       {{"protected", prepared.protected_b64}, {"signature", crypto::base64url(signature)}}}};
}

SubmissionBuild create_submission(std::string_view template_json, std::string_view answers_json,
                                  const std::string& created, const crypto::KeyPair& key) {
  SubmissionBuild out;
  const PreparedSubmission p = prepare_submission(template_json, answers_json, created,
                                                  Profile::kEd25519, crypto::view(key.public_key));
  out.findings = p.findings;
  if (p.signing_input.empty()) return out;
  const auto sig = crypto::ed25519_sign(p.signing_input, key);
  out.envelope = seal_submission(p, crypto::view(sig));
  return out;
}

Envelope read_envelope(std::string_view text) {
  Envelope c;
  auto fail = [&](const char* code, const std::string& path, std::string zh, std::string en) {
    c.findings.push_back(error_at(code, path, std::move(zh), std::move(en)));
  };
  if (text.size() > kMaxSubmissionBytes) {
    fail("submission.too_large", "",
         fmt::format("提交文件过大（{} 字节），上限为 {} MB", text.size(),
                     kMaxSubmissionBytes >> 20),
         fmt::format("the submission file is too large ({} bytes); the limit is {} MB", text.size(),
                     kMaxSubmissionBytes >> 20));
    return c;
  }
  JsonRead r = read_json(text, "提交", "submission");
  // In a trust document every doubt is an error, a byte-order mark included.
  for (auto f : r.findings) {
    f.severity = Severity::kError;
    c.findings.push_back(std::move(f));
  }
  if (!r.value) return c;
  const json& env = *r.value;
  if (!env.is_object() || !env.contains("submission") || !env["submission"].is_object() ||
      !env.contains("jws") || !env["jws"].is_object() || env.size() != 2) {
    fail("submission.structure", "", "提交文件应只含 submission 与 jws 两部分",
         "a submission file holds exactly \"submission\" and \"jws\"");
    return c;
  }
  c.submission = env["submission"];
  for (auto f : submission_schema().validate(env)) {
    f.code = "submission." + f.code;
    c.findings.push_back(std::move(f));
  }
  if (!c.findings.empty()) return c;

  const json& jws = env["jws"];
  const std::string protected_b64 = json_str(jws, "protected");
  const auto header_text = crypto::base64url_decode(protected_b64);
  if (!header_text) {
    fail("jws.protected", "/jws/protected", "签名头无法解码",
         "the protected header cannot be decoded");
    return c;
  }
  JsonRead h = read_json(*header_text, "签名头", "protected header");
  if (!h.value || !h.findings.empty() || !h.value->is_object()) {
    fail("jws.protected", "/jws/protected",
         "签名头不是合法的 JSON 对象（或字段重复）" +
             (h.findings.empty() ? std::string() : "：" + h.findings[0].message_zh),
         "the protected header is not a JSON object (or repeats a member)" +
             (h.findings.empty() ? std::string() : ": " + h.findings[0].message_en));
    return c;
  }
  check_header(c, *h.value);
  if (profile_of_header_alg(c.alg)) check_template_hash(c);
  // Both profiles' signatures are 64 bytes: Ed25519's R || S, SM2's r || s.
  const auto sig = crypto::base64url_decode(json_str(jws, "signature"));
  if (!sig || sig->size() != 64)
    fail("jws.signature", "/jws/signature", "签名格式不对", "the signature is malformed");
  else
    c.signature = *sig;
  const auto pk = crypto::base64url_decode(json_str(c.submission["signer"], "public_key"));
  if (!pk || !profile_public_key_well_formed(c.profile, *pk)) {
    fail("submission.signer", "/submission/signer/public_key", "签名者公钥缺失或格式不对",
         "the signer's public key is missing or malformed");
  } else {
    c.public_key = *pk;
    c.kid = key_id(c.profile, c.public_key);
    const std::string other =
        key_id(c.profile == Profile::kSm2Sm3 ? Profile::kEd25519 : Profile::kSm2Sm3, *pk);
    if (json_str(*h.value, "kid") == other)
      fail("jws.mixed_profile", "/jws/protected",
           fmt::format("签名算法为 {}，kid 却是用另一种哈希算出的", c.alg),
           fmt::format("the signature is {}, but the kid is computed with the other hash", c.alg));
    else if (json_str(*h.value, "kid") != c.kid)
      fail("jws.kid", "/jws/protected", "签名头的 kid 与签名者公钥不符",
           "the header's kid does not match the signer's public key");
  }
  if (!c.findings.empty()) return c;
  std::string err;
  const auto canonical = canonical_json(c.submission, &err);
  if (!canonical) {
    fail("submission.canonical", "/submission", "提交内容无法规范化：" + err,
         "the submission cannot be canonicalized: " + err);
    return c;
  }
  c.signing_input = protected_b64 + "." + *canonical;
  return c;
}

}  // namespace selfeval
