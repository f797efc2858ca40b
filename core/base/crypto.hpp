// Vetted primitives from libsodium, the same code natively and in WebAssembly:
// SHA-256, Ed25519 (RFC 8032), base64url; and SM3 from OpenSSL's source. No curve
// arithmetic and no hash is written here.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace selfeval::crypto {

using Bytes32 = std::array<std::uint8_t, 32>;
using Bytes64 = std::array<std::uint8_t, 64>;

/// SHA-256 of the bytes.
Bytes32 sha256(std::string_view bytes);

/// SM3 (GB/T 32905-2016) of the bytes: OpenSSL's crypto/sm3/sm3.c from Debian's source
/// package, compiled into both builds (crypto_sm3.cpp, tools/openssl_source.sh).
Bytes32 sm3(std::string_view bytes);

/// An Ed25519 key pair: the 32-byte seed (RFC 8032's secret key) and the public key.
struct KeyPair {
  Bytes32 seed{};
  Bytes32 public_key{};
};

/// The key pair of a seed (deterministic, RFC 8032 §5.1.5).
KeyPair ed25519_from_seed(const Bytes32& seed);
/// A new key pair from the platform's CSPRNG (getrandom natively, crypto.getRandomValues
/// in the browser).
KeyPair ed25519_generate();
/// The detached signature of `message`.
Bytes64 ed25519_sign(std::string_view message, const KeyPair& key);
/// Whether `signature` is a valid signature of `message` by `public_key`.
bool ed25519_verify(std::string_view message, const Bytes64& signature, const Bytes32& public_key);

/// base64url without padding (RFC 4648 §5, as JWS uses it).
std::string base64url(std::string_view bytes);
/// Decodes base64url without padding; nullopt on any other character or a bad length.
std::optional<std::string> base64url_decode(std::string_view text);

/// Lower-case hex.
std::string hex(std::string_view bytes);
std::optional<std::string> from_hex(std::string_view text);

/// The bytes of a fixed-size array as a string (for hashing and encoding).
template <std::size_t N>
std::string_view view(const std::array<std::uint8_t, N>& a) {
  return {reinterpret_cast<const char*>(a.data()), N};
}

}  // namespace selfeval::crypto

namespace selfeval::crypto {

/// Argon2id parameters stored in a key file.
struct Argon2Params {
  unsigned long long opslimit = 2;   ///< crypto_pwhash_OPSLIMIT_INTERACTIVE
  std::size_t memlimit = 64u << 20;  ///< crypto_pwhash_MEMLIMIT_INTERACTIVE (64 MiB)
};

/// Derives a 32-byte key from a passphrase with Argon2id; nullopt when out of memory.
std::optional<Bytes32> argon2id(std::string_view passphrase, std::string_view salt16,
                                const Argon2Params& p);

/// 16 random bytes (a salt) and 24 random bytes (an XChaCha20 nonce) from the CSPRNG.
std::string random_bytes(std::size_t n);

/// XChaCha20-Poly1305 (IETF) sealing with associated data.
std::string xchacha_seal(std::string_view plaintext, std::string_view ad, std::string_view nonce24,
                         const Bytes32& key);
/// Opens a sealed box; nullopt when the key, nonce, data or associated data do not match.
std::optional<std::string> xchacha_open(std::string_view sealed, std::string_view ad,
                                        std::string_view nonce24, const Bytes32& key);

}  // namespace selfeval::crypto
