#include "submission.hpp"

#include <fmt/format.h>

#include "api.hpp"
#include "canonical_json.hpp"
#include "json_access.hpp"
#include "json_reader.hpp"
#include "key_file.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

constexpr const char* kTyp = "selfeval-submission+json";

Finding problem(const char* code, const std::string& path, std::string zh, std::string en) {
  return Finding{code, Severity::kError, path, std::move(zh), std::move(en)};
}

std::string canonical_or_empty(const json& v) {
  std::string err;
  return canonical_json(v, &err).value_or("");
}

}  // namespace

std::optional<std::string> template_hash(std::string_view template_json) {
  Canonical c = canonicalize(template_json);
  if (!c.text) return std::nullopt;
  return crypto::base64url(crypto::view(crypto::sha256(*c.text)));
}

SubmissionBuild create_submission(std::string_view template_json, std::string_view answers_json,
                                  const std::string& created, const crypto::KeyPair& key) {
  SubmissionBuild out;
  const json result = api_score(template_json, answers_json);
  if (!result.contains("total")) {
    for (const auto& f : result["findings"])
      out.findings.push_back(problem("submission.inputs", f.value("path", ""), f.value("message_zh", ""), f.value("message_en", "")));
    return out;
  }
  const json tmpl = json::parse(template_json, nullptr, false);
  const json answers = json::parse(answers_json, nullptr, false);
  const auto hash = template_hash(template_json);
  if (tmpl.is_discarded() || answers.is_discarded() || !hash) {
    out.findings.push_back(problem("submission.inputs", "", "模板或答卷无法规范化", "the template or answers cannot be canonicalized"));
    return out;
  }
  const json submission = {
      {"format", "selfeval.submission.v1"},
      {"engine_version", engine_version()},
      {"template", {{"id", json_str(tmpl, "id")}, {"version", json_str(tmpl, "version")}, {"sha256", *hash}}},
      {"unit", answers.contains("unit") ? answers["unit"] : json::object()},
      {"year", answers.contains("year") ? answers["year"] : json(nullptr)},
      {"answers", answers},
      {"result", result},
      {"created", created},
      {"signer", {{"alg", "Ed25519"}, {"public_key", crypto::base64url(crypto::view(key.public_key))}}}};
  const json header = {{"alg", "Ed25519"}, {"b64", false}, {"crit", json::array({"b64"})},
                       {"kid", key_id(key.public_key)}, {"typ", kTyp}};
  const std::string protected_b64 = crypto::base64url(canonical_or_empty(header));
  const std::string input = protected_b64 + "." + canonical_or_empty(submission);
  const auto sig = crypto::ed25519_sign(input, key);
  out.envelope = json{{"submission", submission},
                      {"jws", {{"protected", protected_b64}, {"signature", crypto::base64url(crypto::view(sig))}}}};
  return out;
}

const TemplateCache::Entry& TemplateCache::get(const std::string& template_json) {
  auto it = entries_.find(template_json);
  if (it == entries_.end())
    it = entries_.emplace(template_json, Entry{template_hash(template_json), load_template(template_json)}).first;
  return it->second;
}

SubmissionCheck check_submission(std::string_view envelope_json, const TemplateLookup& find_template,
                                 TemplateCache* cache) {
  SubmissionCheck c;
  auto fail = [&](const char* code, const std::string& path, std::string zh, std::string en) {
    c.findings.push_back(problem(code, path, std::move(zh), std::move(en)));
  };
  JsonRead r = read_json(envelope_json, "提交", "submission");
  for (const auto& f : r.findings)
    if (f.severity == Severity::kError) c.findings.push_back(f);
  if (!r.value) return c;
  const json& env = *r.value;
  if (!env.is_object() || !env.contains("submission") || !env["submission"].is_object() || !env.contains("jws") ||
      !env["jws"].is_object() || env.size() != 2) {
    fail("submission.structure", "", "提交文件应只含 submission 与 jws 两部分", "a submission file holds exactly \"submission\" and \"jws\"");
    return c;
  }
  c.submission = env["submission"];
  const json& jws = env["jws"];
  const std::string protected_b64 = json_str(jws, "protected");
  const auto header_text = crypto::base64url_decode(protected_b64);
  const json header = header_text ? json::parse(*header_text, nullptr, false) : json();
  const auto sig = crypto::base64url_decode(json_str(jws, "signature"));
  if (!header_text || !header.is_object()) {
    fail("jws.protected", "/jws/protected", "签名头无法解码", "the protected header cannot be decoded");
    return c;
  }
  const std::string alg = json_str(header, "alg");
  if (alg != "Ed25519" && alg != "EdDSA")
    fail("jws.alg", "/jws/protected", fmt::format("不支持的签名算法“{}”", alg), fmt::format("unsupported algorithm \"{}\"", alg));
  if (!header.contains("b64") || header["b64"] != false || header.value("crit", json::array()) != json::array({"b64"}))
    fail("jws.b64", "/jws/protected", "签名头须声明 b64:false 且 crit 为 [\"b64\"]", "the header must say b64:false with crit [\"b64\"]");
  if (json_str(header, "typ") != kTyp)
    fail("jws.typ", "/jws/protected", "签名头的 typ 不对", "the header's typ is wrong");
  if (!sig || sig->size() != 64) {
    fail("jws.signature", "/jws/signature", "签名格式不对", "the signature is malformed");
  } else {
    std::copy(sig->begin(), sig->end(), c.signature.begin());
  }
  const json& s = c.submission;
  const auto pk = crypto::base64url_decode(s.contains("signer") ? json_str(s["signer"], "public_key") : "");
  if (!pk || pk->size() != 32) {
    fail("submission.signer", "/submission/signer/public_key", "签名者公钥缺失或格式不对", "the signer's public key is missing or malformed");
  } else {
    std::copy(pk->begin(), pk->end(), c.public_key.begin());
    c.kid = key_id(c.public_key);
    if (json_str(header, "kid") != c.kid)
      fail("jws.kid", "/jws/protected", "签名头的 kid 与签名者公钥不符", "the header's kid does not match the signer's public key");
  }
  std::string err;
  const auto canonical = canonical_json(s, &err);
  if (!canonical) {
    fail("submission.canonical", "/submission", "提交内容无法规范化：" + err, "the submission cannot be canonicalized: " + err);
    return c;
  }
  c.signing_input = protected_b64 + "." + *canonical;

  // The template must be one the bureau knows, byte for byte (by its canonical hash).
  const json tref = s.contains("template") && s["template"].is_object() ? s["template"] : json::object();
  const std::string tmpl = find_template(json_str(tref, "id"), json_str(tref, "version"), json_str(tref, "sha256"));
  if (tmpl.empty()) {
    fail("submission.unknown_template", "/submission/template",
         fmt::format("未知模板“{} {}”", json_str(tref, "id"), json_str(tref, "version")),
         fmt::format("unknown template \"{} {}\"", json_str(tref, "id"), json_str(tref, "version")));
    return c;
  }
  TemplateCache local;
  const TemplateCache::Entry& known = (cache ? *cache : local).get(tmpl);
  if (known.hash != json_str(tref, "sha256")) {
    fail("submission.template_hash", "/submission/template/sha256", "模板哈希与已知模板不符",
         "the template hash does not match the known template");
  }
  // Re-score the answers: the recorded result must be what the engine computes now.
  if (!s.contains("answers") || !s.contains("result")) {
    fail("submission.structure", "/submission", "提交内容缺少答卷或结果", "the submission lacks answers or result");
    return c;
  }
  const json fresh = api_score_loaded(known.load, s["answers"].dump());
  // Equal as JSON values is equal canonically; only a difference is settled by the bytes.
  if (fresh != s["result"] && canonical_or_empty(fresh) != canonical_or_empty(s["result"])) {
    fail("submission.result_mismatch", "/submission/result", "重新计算的结果与提交的结果不一致",
         "re-scoring the answers does not give the submitted result");
  }
  if (s.value("unit", json::object()) != s["answers"].value("unit", json::object()) ||
      s.value("year", json()) != s["answers"].value("year", json()))
    fail("submission.header_mismatch", "/submission/unit", "提交的单位或年度与答卷不一致",
         "the submission's unit or year differs from its answers");
  return c;
}

Findings check_registry(const SubmissionCheck& check, std::string_view registry_json) {
  Findings out;
  JsonRead r = read_json(registry_json, "公钥登记表", "key registry");
  if (!r.value || !r.value->is_object() || !r.value->contains("keys") || !(*r.value)["keys"].is_array()) {
    out.push_back(problem("registry.bad", "", "公钥登记表无法读取", "the key registry cannot be read"));
    return out;
  }
  const std::string pk = crypto::base64url(crypto::view(check.public_key));
  const std::string created = json_str(check.submission, "created").substr(0, 10);
  const json units = check.submission.value("unit", json::object());
  for (const auto& k : (*r.value)["keys"]) {
    if (json_str(k, "public_key") != pk) continue;
    bool unit_ok = false;
    for (const auto& [field, v] : units.items()) unit_ok = unit_ok || (v.is_string() && v == json_str(k, "unit"));
    if (!unit_ok) {
      out.push_back(problem("registry.unit_mismatch", "/submission/unit",
                            fmt::format("公钥登记在“{}”名下，与提交单位不符", json_str(k, "unit")),
                            fmt::format("the key is registered to \"{}\", not to this unit", json_str(k, "unit"))));
    }
    if (json_str(k, "status", "active") != "active") {
      out.push_back(problem("registry.revoked", "", "该公钥已停用", "the key is revoked"));
    }
    const std::string from = json_str(k, "valid_from"), to = json_str(k, "valid_to");
    if ((!from.empty() && created < from) || (!to.empty() && created > to)) {
      out.push_back(problem("registry.expired", "/submission/created",
                            fmt::format("签名日期 {} 不在公钥有效期 {} 至 {} 内", created, from, to),
                            fmt::format("signed on {}, outside the key's validity {} to {}", created, from, to)));
    }
    return out;
  }
  out.push_back(problem("registry.unregistered", "", "该公钥未在登记表中", "the key is not registered"));
  return out;
}

}  // namespace selfeval
