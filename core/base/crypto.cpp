#include "base/crypto.hpp"

#include <sodium.h>

#include <cstring>

namespace selfeval::crypto {
namespace {

// libsodium must be initialised once before use; a failure means no usable CSPRNG.
void ensure_init() {
  static const bool ok = sodium_init() >= 0;
  (void)ok;
}

const unsigned char* u8(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

Bytes32 sha256(std::string_view bytes) {
  ensure_init();
  Bytes32 out{};
  crypto_hash_sha256(out.data(), u8(bytes), bytes.size());
  return out;
}

KeyPair ed25519_from_seed(const Bytes32& seed) {
  ensure_init();
  KeyPair k;
  k.seed = seed;
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(k.public_key.data(), sk, seed.data());
  sodium_memzero(sk, sizeof sk);
  return k;
}

KeyPair ed25519_generate() {
  ensure_init();
  Bytes32 seed{};
  randombytes_buf(seed.data(), seed.size());
  KeyPair k = ed25519_from_seed(seed);
  sodium_memzero(seed.data(), seed.size());
  return k;
}

Bytes64 ed25519_sign(std::string_view message, const KeyPair& key) {
  ensure_init();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, key.seed.data());
  Bytes64 sig{};
  crypto_sign_detached(sig.data(), nullptr, u8(message), message.size(), sk);
  sodium_memzero(sk, sizeof sk);
  return sig;
}

bool ed25519_verify(std::string_view message, const Bytes64& signature, const Bytes32& public_key) {
  ensure_init();
  return crypto_sign_verify_detached(signature.data(), u8(message), message.size(),
                                     public_key.data()) == 0;
}

std::string base64url(std::string_view bytes) {
  ensure_init();
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), u8(bytes), bytes.size(), variant);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  ensure_init();
  std::string out(text.size() * 3 / 4 + 3, '\0');
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

std::string hex(std::string_view bytes) {
  static const char* k = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += k[c >> 4];
    out += k[c & 0xF];
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view text) {
  if (text.size() % 2) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int hi = nibble(text[i]), lo = nibble(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

}  // namespace selfeval::crypto

namespace selfeval::crypto {

std::optional<Bytes32> argon2id(std::string_view passphrase, std::string_view salt16,
                                const Argon2Params& p) {
  ensure_init();
  if (salt16.size() != crypto_pwhash_SALTBYTES) return std::nullopt;
  Bytes32 key{};
  if (crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), u8(salt16),
                    p.opslimit, p.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return std::nullopt;
  }
  return key;
}

std::string random_bytes(std::size_t n) {
  ensure_init();
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

std::string xchacha_seal(std::string_view plaintext, std::string_view ad, std::string_view nonce24,
                         const Bytes32& key) {
  ensure_init();
  std::string out(plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(out.data()), &len,
                                             u8(plaintext), plaintext.size(), u8(ad), ad.size(),
                                             nullptr, u8(nonce24), key.data());
  out.resize(static_cast<std::size_t>(len));
  return out;
}

std::optional<std::string> xchacha_open(std::string_view sealed, std::string_view ad,
                                        std::string_view nonce24, const Bytes32& key) {
  ensure_init();
  if (nonce24.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES ||
      sealed.size() < crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return std::nullopt;
  }
  std::string out(sealed.size(), '\0');
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()), &len,
                                                 nullptr, u8(sealed), sealed.size(), u8(ad),
                                                 ad.size(), u8(nonce24), key.data()) != 0) {
    return std::nullopt;
  }
  out.resize(static_cast<std::size_t>(len));
  return out;
}

}  // namespace selfeval::crypto
