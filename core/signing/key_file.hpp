// A unit's signing key at rest: the Ed25519 seed sealed with XChaCha20-Poly1305 under a
// key derived from a passphrase with Argon2id. The public fields (unit, public key, kid,
// creation time, KDF parameters) are the associated data, so none can be swapped.
// Never a plaintext key on disk or in the browser's storage.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/crypto.hpp"
#include "base/finding.hpp"

namespace selfeval {

/// kid: base64url of SHA-256 of the raw 32-byte public key.
std::string key_id(const crypto::Bytes32& public_key);

/// The fingerprint printed on the 公钥登记表: hex SHA-256 of the raw public key in groups of
/// four ("3f2a 91c0 …"), for a clerk to compare by eye.
std::string key_fingerprint(const crypto::Bytes32& public_key);

/// Generates a key pair and returns its encrypted key file (format selfeval.key.v1).
nlohmann::json create_key_file(const std::string& unit, std::string_view passphrase,
                               const std::string& created, const crypto::Argon2Params& params = {});

struct KeyOpen {
  std::optional<crypto::KeyPair> key;
  Findings findings;  ///< key.bad_file, key.wrong_passphrase …
};

/// Opens a key file with its passphrase.
KeyOpen open_key_file(std::string_view key_file_json, std::string_view passphrase);

}  // namespace selfeval
