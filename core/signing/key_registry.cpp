#include "signing/key_registry.hpp"

#include <fmt/format.h>

#include "base/crypto.hpp"
#include "base/embedded_schemas.hpp"
#include "base/json_access.hpp"
#include "base/json_reader.hpp"
#include "signing/key_file.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

}  // namespace

bool RegisteredKey::valid_on(const CivilDate& day) const {
  if (revoked) return false;
  for (const auto& p : periods)
    if (p.from <= day && day <= p.to) return true;
  return false;
}

std::string RegisteredKey::periods_text(const char* to_word) const {
  std::string out;
  for (const auto& p : periods)
    out += (out.empty() ? "" : "; ") + p.from.to_string() + " " + to_word + " " + p.to.to_string();
  return out;
}

const RegisteredKey* KeyRegistry::find(const std::string& public_key_b64url) const {
  auto it = keys_.find(public_key_b64url);
  return it == keys_.end() ? nullptr : &it->second;
}

// Long on purpose: each entry's checks (fields, key, unit, role, dates, revocation) in the order a
// clerk reads the entry, each with its own message naming the entry.
RegistryLoad load_registry(std::string_view text) {
  RegistryLoad out;
  if (text.empty()) {
    out.findings.push_back(error_at("registry.empty_file", "", "公钥登记表文件是空的",
                                    "the key registry file is empty"));
    return out;
  }
  JsonRead r = read_json(text, "公钥登记表", "key registry");
  // A byte-order mark is only a note elsewhere; in a trust document every doubt is an error.
  for (auto f : r.findings) {
    f.severity = Severity::kError;
    out.findings.push_back(std::move(f));
  }
  if (!r.value) return out;
  for (auto f : registry_schema().validate(*r.value)) {
    f.code = "registry." + f.code;
    out.findings.push_back(std::move(f));
  }
  if (!out.findings.empty()) return out;

  KeyRegistry reg;
  const json& keys = (*r.value)["keys"];
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const json& k = keys[i];
    const std::string path = json_pointer_append("/keys", i);
    const std::string entry_zh = fmt::format("第 {} 条登记", i + 1),
                      entry_en = fmt::format("entry {}", i + 1);
    const std::string pk_text = json_str(k, "public_key");
    const auto pk = crypto::base64url_decode(pk_text);
    // The schema allows only the two algs; each has its key form and its hash.
    const Profile profile = profile_of_key_alg(json_str(k, "alg")).value_or(Profile::kEd25519);
    if (!pk || !profile_public_key_well_formed(profile, *pk)) {
      out.findings.push_back(error_at("registry.public_key", path + "/public_key",
                                      entry_zh + "：公钥格式不对",
                                      entry_en + ": the public key is malformed"));
      continue;
    }
    if (json_str(k, "kid") != key_id(profile, *pk))
      out.findings.push_back(error_at("registry.kid", path + "/kid", entry_zh + "：kid 与公钥不符",
                                      entry_en + ": the kid does not match the public key"));
    if (k.contains("fingerprint") && json_str(k, "fingerprint") != key_fingerprint(profile, *pk))
      out.findings.push_back(
          error_at("registry.fingerprint", path + "/fingerprint", entry_zh + "：公钥指纹与公钥不符",
                   entry_en + ": the fingerprint does not match the public key"));
    const auto from = parse_iso_date(json_str(k, "valid_from"));
    const auto to = parse_iso_date(json_str(k, "valid_to"));
    if (!from)
      out.findings.push_back(error_at("registry.date", path + "/valid_from",
                                      fmt::format("{}：有效期起“{}”不是 YYYY-MM-DD 格式的日期",
                                                  entry_zh, json_str(k, "valid_from")),
                                      fmt::format("{}: valid_from \"{}\" is not a YYYY-MM-DD date",
                                                  entry_en, json_str(k, "valid_from"))));
    if (!to)
      out.findings.push_back(error_at("registry.date", path + "/valid_to",
                                      fmt::format("{}：有效期止“{}”不是 YYYY-MM-DD 格式的日期",
                                                  entry_zh, json_str(k, "valid_to")),
                                      fmt::format("{}: valid_to \"{}\" is not a YYYY-MM-DD date",
                                                  entry_en, json_str(k, "valid_to"))));
    if (k.contains("registered") && !parse_iso_date(json_str(k, "registered")))
      out.findings.push_back(error_at("registry.date", path + "/registered",
                                      entry_zh + "：登记日期不是 YYYY-MM-DD 格式的日期",
                                      entry_en + ": registered is not a YYYY-MM-DD date"));
    if (from && to && *to < *from)
      out.findings.push_back(error_at("registry.date_order", path + "/valid_to",
                                      entry_zh + "：有效期止早于有效期起",
                                      entry_en + ": valid_to is before valid_from"));
    auto [it, fresh] = reg.keys_.try_emplace(pk_text);
    RegisteredKey& rk = it->second;
    if (fresh) {
      rk.unit = json_str(k, "unit");
      rk.role = json_str(k, "role");
      rk.alg = json_str(k, "alg");
      rk.kid = json_str(k, "kid");
    } else if (rk.unit != json_str(k, "unit") || rk.role != json_str(k, "role") ||
               rk.alg != json_str(k, "alg")) {
      out.findings.push_back(error_at(
          "registry.key_two_units", path + "/unit",
          fmt::format("{}：同一公钥已登记在“{}”名下，不能再登记给“{}”", entry_zh, rk.unit,
                      json_str(k, "unit")),
          fmt::format(
              "{}: the key is already registered to \"{}\" and cannot also belong to \"{}\"",
              entry_en, rk.unit, json_str(k, "unit"))));
    }
    if (json_str(k, "status") == "revoked")
      rk.revoked = true;  // wins over every other entry, earlier or later
    else if (from && to)
      rk.periods.push_back({*from, *to});
  }
  if (out.findings.empty()) out.registry = std::move(reg);
  return out;
}

}  // namespace selfeval
