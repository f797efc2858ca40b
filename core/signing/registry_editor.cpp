#include "signing/registry_editor.hpp"

#include <algorithm>

#include "base/crypto.hpp"
#include "base/finding.hpp"
#include "base/json_access.hpp"
#include "base/timestamp.hpp"
#include "signing/key_file.hpp"
#include "signing/key_registry.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

json refused(const char* code, const std::string& path, const std::string& zh,
             const std::string& en) {
  Finding f{code, Severity::kError, path, zh, en};
  return json{{"ok", false}, {"findings", json::array({f.to_json()})}};
}

// The registry as a document: an empty text starts a new one.
std::optional<json> registry_doc(std::string_view text, json& error) {
  if (text.empty()) return json{{"format", "selfeval.registry.v1"}, {"keys", json::array()}};
  RegistryLoad r = load_registry(text);
  if (!r.registry) {
    error = json{{"ok", false}, {"findings", findings_to_json(r.findings)}};
    return std::nullopt;
  }
  return json::parse(text, nullptr, false);
}

// The changed registry, checked by reading it back as the CLI will.
json finish(const json& doc) {
  const std::string text = doc.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
  RegistryLoad r = load_registry(text);
  if (!r.registry) return json{{"ok", false}, {"findings", findings_to_json(r.findings)}};
  return json{{"ok", true}, {"findings", json::array()}, {"text", text}};
}

// The profile of a raw public key: 32 bytes Ed25519, 65 bytes 04 || x || y SM2 (checked
// against the algorithm a key file or entry names, when it names one).
std::optional<Profile> profile_of_key(std::string_view raw, const std::string& alg) {
  for (Profile p : {Profile::kEd25519, Profile::kSm2Sm3})
    if (profile_public_key_well_formed(p, raw) && (alg.empty() || alg == profile_key_alg(p)))
      return p;
  return std::nullopt;
}

// The fingerprint in groups of four (SHA-256 or SM3 by the key's profile); "" if unreadable.
std::string fingerprint_of(const std::string& public_key, const std::string& alg = "") {
  const auto raw = crypto::base64url_decode(public_key);
  if (!raw) return "";
  const auto p = profile_of_key(*raw, alg);
  return p ? key_fingerprint(*p, *raw) : "";
}

}  // namespace

json registry_describe(std::string_view text) {
  json error;
  const auto doc = registry_doc(text, error);
  if (!doc) return error;
  json keys = json::array();
  for (const auto& k : (*doc)["keys"]) {
    json e = k;
    e["fingerprint"] = fingerprint_of(json_str(k, "public_key"), json_str(k, "alg"));
    keys.push_back(e);
  }
  return json{{"ok", true}, {"findings", json::array()}, {"keys", keys}};
}

json registry_key_from(std::string_view sent) {
  std::string t(sent);
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r' || t.back() == ' ')) t.pop_back();
  while (!t.empty() && (t.front() == ' ' || t.front() == '\n')) t.erase(t.begin());
  std::string pk, unit, alg;
  if (!t.empty() && t.front() == '{') {
    const json j = json::parse(t, nullptr, false);
    if (!j.is_object())
      return refused("registry.key_unreadable", "", "无法读取密钥文件（不是合法的 JSON）",
                     "cannot read the key file (not valid JSON)");
    pk = json_str(j, "public_key");
    unit = json_str(j, "unit");
    alg = json_str(j, "alg");
  } else {
    pk = t;
  }
  const auto raw = crypto::base64url_decode(pk);
  const auto profile = raw ? profile_of_key(*raw, alg) : std::nullopt;
  if (!profile)
    return refused("registry.key_unreadable", "/public_key",
                   "未找到有效的公钥（应为单位的密钥文件、导出的公钥，或 43 个字符的 Ed25519 公钥、"
                   "87 个字符的 SM2 公钥）",
                   "no valid public key found (expected the unit's key file, its exported "
                   "public key, or the 43-character Ed25519 or 87-character SM2 key)");
  return json{{"ok", true},
              {"findings", json::array()},
              {"unit", unit},
              {"alg", profile_key_alg(*profile)},
              {"public_key", pk},
              {"kid", key_id(*profile, *raw)},
              {"fingerprint", key_fingerprint(*profile, *raw)}};
}

json registry_add(std::string_view text, std::string_view sent, const KeyEntryInput& in) {
  json error;
  auto doc = registry_doc(text, error);
  if (!doc) return error;
  const json key = registry_key_from(sent);
  if (!key["ok"].get<bool>()) return key;
  const std::string unit = in.unit.empty() ? key["unit"].get<std::string>() : in.unit;
  if (unit.empty())
    return refused("registry.unit_missing", "/unit", "请填写单位名称（与表中签名单位完全一致）",
                   "enter the unit's name (exactly as the form's signing unit)");
  if (!parse_iso_date(in.valid_from) || !parse_iso_date(in.valid_to))
    return refused("registry.bad_date", "/valid_from", "有效期应为 YYYY-MM-DD 日期",
                   "validity dates must be YYYY-MM-DD");
  for (const auto& k : (*doc)["keys"])
    if (json_str(k, "public_key") == key["public_key"].get<std::string>())
      return refused("registry.key_present", "/public_key",
                     "该公钥已在登记表中（登记在“" + json_str(k, "unit") + "”名下）",
                     "this key is already registered (to \"" + json_str(k, "unit") + "\")");
  json entry = {{"unit", unit},
                {"role", in.role},
                {"alg", key["alg"]},
                {"public_key", key["public_key"]},
                {"kid", key["kid"]},
                {"status", "active"},
                {"valid_from", in.valid_from},
                {"valid_to", in.valid_to},
                {"fingerprint", key["fingerprint"]}};
  if (!in.registered.empty()) entry["registered"] = in.registered;
  if (!in.note.empty()) entry["note"] = in.note;
  (*doc)["keys"].push_back(entry);
  return finish(*doc);
}

json registry_set_validity(std::string_view text, const std::string& kid, const std::string& from,
                           const std::string& to) {
  json error;
  auto doc = registry_doc(text, error);
  if (!doc) return error;
  if (!parse_iso_date(from) || !parse_iso_date(to))
    return refused("registry.bad_date", "/valid_from", "有效期应为 YYYY-MM-DD 日期",
                   "validity dates must be YYYY-MM-DD");
  bool found = false;
  for (auto& k : (*doc)["keys"])
    if (json_str(k, "kid") == kid) {
      k["valid_from"] = from;
      k["valid_to"] = to;
      found = true;
    }
  if (!found) return refused("registry.kid_unknown", "/kid", "登记表中没有该密钥", "no such key");
  return finish(*doc);
}

json registry_revoke(std::string_view text, const std::string& kid, const std::string& note) {
  json error;
  auto doc = registry_doc(text, error);
  if (!doc) return error;
  bool found = false;
  for (auto& k : (*doc)["keys"])
    if (json_str(k, "kid") == kid) {
      k["status"] = "revoked";
      if (!note.empty()) k["note"] = note;
      found = true;
    }
  if (!found) return refused("registry.kid_unknown", "/kid", "登记表中没有该密钥", "no such key");
  return finish(*doc);
}

}  // namespace selfeval
