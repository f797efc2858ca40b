// SM2 with SM3 through OpenSSL 3 (Debian's libssl-dev): key pairs, signatures made and
// checked with the signer ID set explicitly to 1234567812345678 (EVP_PKEY_CTX_set1_id;
// OpenSSL would otherwise take an empty ID), and the conversions between the JWS's r || s
// and the DER SEQUENCE { INTEGER r, INTEGER s } that OpenSSL produces and requires.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace selfeval::cli {

/// A raw SM2 key pair: 32-byte private key, 65-byte public point 04 || x || y.
struct Sm2Pair {
  std::string private_key, public_key;
};

/// A new key pair from OpenSSL's CSPRNG.
std::optional<Sm2Pair> openssl_sm2_generate();
/// The public point of a private key (nullopt unless 1 <= d < n - 1).
std::optional<std::string> openssl_sm2_public_key(std::string_view private_key);

/// r || s (64 bytes) as DER; nullopt when the length is wrong or r or s is zero.
std::optional<std::string> sm2_der_from_raw(std::string_view raw);
/// DER as r || s; nullopt unless the input is exactly the DER encoding of two INTEGERs
/// in 1 .. 2^256 - 1 (non-minimal encodings, trailing bytes and negatives are refused).
std::optional<std::string> sm2_raw_from_der(std::string_view der);

/// How the Z value (GB/T 32918.2 §5.5) enters a signature, for the tests that show the
/// profile refuses the other ways.
enum class Sm2Z {
  kDefaultId,  ///< Z from the ID 1234567812345678: the profile
  kEmptyId,    ///< OpenSSL's own default: no ID set, so Z of an empty ID
  kNoZ,        ///< the digest of the message alone, no Z
};

/// The signature (r || s) of `message` by the key; nullopt if OpenSSL refuses.
std::optional<std::string> openssl_sm2_sign(std::string_view message, const Sm2Pair& key,
                                            Sm2Z z = Sm2Z::kDefaultId);
/// Whether r || s is a valid SM2-SM3 signature of `message` by `public_key` with the ID
/// 1234567812345678.
bool openssl_sm2_verify(std::string_view message, std::string_view raw_signature,
                        std::string_view public_key);

/// The public key as a PEM SubjectPublicKeyInfo (id-ecPublicKey, curve SM2), for openssl.
std::optional<std::string> sm2_public_key_pem(std::string_view public_key);

}  // namespace selfeval::cli
