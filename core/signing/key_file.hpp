// A unit's signing key at rest: the Ed25519 seed (or, in the SM2-SM3 profile, the SM2
// private key, 32 bytes big-endian, in the same "sealed_seed" member) sealed with
// XChaCha20-Poly1305 under a key derived from a passphrase with Argon2id. The public fields (unit,
// public key, kid, creation time, KDF parameters) are the associated data, so none can be swapped.
// Never a plaintext key on disk or in the browser's storage.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/crypto.hpp"
#include "base/finding.hpp"
#include "signing/profile.hpp"

namespace selfeval {

/// kid: base64url of the profile's hash (SHA-256 / SM3) of the raw public key.
std::string key_id(Profile profile, std::string_view public_key);
/// The Ed25519 kid: base64url of SHA-256 of the raw 32-byte public key.
std::string key_id(const crypto::Bytes32& public_key);

/// The fingerprint printed on the 公钥登记表: hex of the profile's hash of the raw public key
/// in groups of four ("3f2a 91c0 …"), for a clerk to compare by eye.
std::string key_fingerprint(Profile profile, std::string_view public_key);
std::string key_fingerprint(const crypto::Bytes32& public_key);

/// Generates a key pair and returns its encrypted key file (format selfeval.key.v1).
nlohmann::json create_key_file(const std::string& unit, std::string_view passphrase,
                               const std::string& created, const crypto::Argon2Params& params = {});

/// Seals an SM2 key pair made by an SM2 implementation (OpenSSL in the CLI, the page's
/// library in the browser) as a key file of alg "SM2": the 32-byte private key and the
/// 65-byte uncompressed public point (04 || x || y).
nlohmann::json create_sm2_key_file(const std::string& unit, std::string_view passphrase,
                                   const std::string& created, std::string_view private_key,
                                   std::string_view public_key,
                                   const crypto::Argon2Params& params = {});

/// An opened SM2 key: the private key (32 bytes) and public point (65 bytes).
struct Sm2Key {
  std::string private_key, public_key;
};

struct KeyOpen {
  Profile profile = Profile::kEd25519;
  std::optional<crypto::KeyPair> key;  ///< an Ed25519 key file
  std::optional<Sm2Key> sm2;           ///< an SM2 key file
  Findings findings;                   ///< key.bad_file, key.wrong_passphrase …
};

/// Opens a key file with its passphrase.
KeyOpen open_key_file(std::string_view key_file_json, std::string_view passphrase);

}  // namespace selfeval
