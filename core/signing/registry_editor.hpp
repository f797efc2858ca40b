// Keeping the bureau's key registry (schemas/registry.v1.schema.json) by hand in the page:
// listing its keys with the fingerprints the units' 公钥登记表 print, adding a unit's key
// (from the key file the unit sends, its exported public key, or the bare key), setting a
// key's validity and revoking it. Every change is checked by reading the result back as the
// CLI reads it (load_registry), so the page never exports a file `selfeval verify --keys`
// would refuse.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace selfeval {

/// {ok, findings, keys: [{unit, role, alg, public_key, kid, fingerprint, status, valid_from,
/// valid_to, registered, note}]}; an empty text is an empty list.
nlohmann::json registry_describe(std::string_view registry_text);

/// What a unit sent: a key file (selfeval.key.v1), a JSON object with public_key (and unit),
/// or the base64url public key itself. {ok, findings, unit, public_key, kid, fingerprint}.
nlohmann::json registry_key_from(std::string_view sent);

struct KeyEntryInput {
  std::string unit, role = "unit", valid_from, valid_to, registered, note;
};
/// Adds `sent`'s key under `entry`. {ok, findings, text (the registry, as the CLI reads it)}.
nlohmann::json registry_add(std::string_view registry_text, std::string_view sent,
                            const KeyEntryInput& entry);
/// Sets the validity of every entry of the key `kid`.
nlohmann::json registry_set_validity(std::string_view registry_text, const std::string& kid,
                                     const std::string& valid_from, const std::string& valid_to);
/// Revokes the key `kid` (every entry of it; a revoked key stays listed as revoked).
nlohmann::json registry_revoke(std::string_view registry_text, const std::string& kid,
                               const std::string& note);

}  // namespace selfeval
