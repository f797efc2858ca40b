// The bureau's key registry (schemas/registry.v1.schema.json), read strictly: a registry
// that is unclear in any way is refused as a whole, so a trust decision never rests on a
// guess. A key belongs to one unit; any revoked entry revokes it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/finding.hpp"
#include "base/timestamp.hpp"

namespace selfeval {

/// Everything the registry says about one public key.
struct RegisteredKey {
  std::string unit;
  std::string role;  ///< "unit" or "reviewer"
  std::string alg;
  std::string kid;
  bool revoked = false;
  struct Period {
    CivilDate from, to;  ///< inclusive, China Standard Time
  };
  std::vector<Period> periods;  ///< of its active entries

  /// Whether an active entry covers the day (and no entry revokes the key).
  bool valid_on(const CivilDate& day) const;
  /// The periods as text, "2023-01-01 至 2023-12-31；…".
  std::string periods_text(const char* to_word) const;
};

struct RegistryLoad;
RegistryLoad load_registry(std::string_view text);

class KeyRegistry {
 public:
  /// The key registered under this base64url public key, or nullptr.
  const RegisteredKey* find(const std::string& public_key_b64url) const;
  std::size_t size() const { return keys_.size(); }

 private:
  friend RegistryLoad load_registry(std::string_view text);
  std::unordered_map<std::string, RegisteredKey> keys_;
};

struct RegistryLoad {
  std::optional<KeyRegistry> registry;  ///< set only when nothing is wrong
  Findings findings;                    ///< every problem, each an error naming its entry
};

/// Reads a registry: JSON without duplicate keys or BOM, the schema, ISO dates with
/// valid_from ≤ valid_to, kid = SHA-256 of the key, the optional fingerprint equal to the
/// key's, one unit and role per key, at least one key.
RegistryLoad load_registry(std::string_view text);

}  // namespace selfeval
