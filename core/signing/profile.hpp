// The two signature profiles a deployment chooses between. Everything in a submission,
// key file and registry entry follows its profile, with no mixing:
//
//   profile   header alg   key alg (signer, key file, registry)   hash (template, kid, fingerprint)
//   Ed25519   "Ed25519"    "Ed25519", 32-byte public key           SHA-256
//   SM2-SM3   "SM2-SM3"    "SM2", 65-byte uncompressed point       SM3 (GB/T 32905)
//
// SM2-SM3 is SM2 signatures (GB/T 32918.2) over SM3 with the Z value of GM/T 0009 computed
// from the signer's ID, always set explicitly to the standard default 1234567812345678 (OpenSSL
// 3 takes an *empty* ID when none is set, so a default left implicit would be a different
// signature). No JOSE name is registered for SM2, hence "SM2-SM3". The signature in the JWS is
// r || s, 32 bytes each, big-endian (as JOSE does for ECDSA); OpenSSL produces and requires
// the DER SEQUENCE of two INTEGERs, converted at that boundary (cli/openssl_sm2.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/crypto.hpp"

namespace selfeval {

enum class Profile { kEd25519, kSm2Sm3 };

/// The SM2 signer ID of the profile (GM/T 0009-2012 §10, the default user ID).
inline constexpr std::string_view kSm2DefaultId = "1234567812345678";

/// "Ed25519" / "SM2-SM3": the name in the protected header.
const char* profile_header_alg(Profile p);
/// "Ed25519" / "SM2": the key's algorithm (signer.alg, key files, the registry).
const char* profile_key_alg(Profile p);
/// "sha256" / "sm3": the hash every digest of the profile uses (the template's member name).
const char* profile_hash_name(Profile p);
/// 32 / 65: the raw public key's length.
std::size_t profile_public_key_size(Profile p);

/// The profile of a header alg ("Ed25519", its JOSE name "EdDSA", "SM2-SM3").
std::optional<Profile> profile_of_header_alg(std::string_view alg);
/// The profile of a key alg ("Ed25519", "SM2").
std::optional<Profile> profile_of_key_alg(std::string_view alg);

/// The profile's hash: SHA-256 or SM3.
crypto::Bytes32 profile_hash(Profile p, std::string_view bytes);

/// Whether `public_key` has the profile's form: 32 bytes, or 65 bytes starting 0x04.
bool profile_public_key_well_formed(Profile p, std::string_view public_key);

}  // namespace selfeval
