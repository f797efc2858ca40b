// Ed25519 and SHA-256 through libsodium: RFC 8032 §7.1 vectors, a NIST SHA-256 vector,
// base64url, and 5,000 random messages cross-checked with OpenSSL in both directions.
#include "base/crypto.hpp"

#include <doctest/doctest.h>
#include <openssl/evp.h>

#include <random>

namespace {

using namespace selfeval::crypto;

template <std::size_t N>
std::array<std::uint8_t, N> arr(const std::string& hex_text) {
  const auto bytes = from_hex(hex_text);
  REQUIRE(bytes);
  REQUIRE(bytes->size() == N);
  std::array<std::uint8_t, N> a{};
  std::copy(bytes->begin(), bytes->end(), a.begin());
  return a;
}

bool openssl_verify(std::string_view msg, const Bytes64& sig, const Bytes32& pk) {
  EVP_PKEY* key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, pk.data(), pk.size());
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok =
      EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key) == 1 &&
      EVP_DigestVerify(ctx, sig.data(), sig.size(),
                       reinterpret_cast<const unsigned char*>(msg.data()), msg.size()) == 1;
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  return ok;
}

Bytes64 openssl_sign(std::string_view msg, const Bytes32& seed) {
  EVP_PKEY* key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size());
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  Bytes64 sig{};
  std::size_t len = sig.size();
  REQUIRE(EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, key) == 1);
  REQUIRE(EVP_DigestSign(ctx, sig.data(), &len, reinterpret_cast<const unsigned char*>(msg.data()),
                         msg.size()) == 1);
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  return sig;
}

}  // namespace

TEST_CASE("RFC 8032 §7.1 Ed25519 test vectors 1-3") {
  const struct {
    const char *seed, *pk, *msg, *sig;
  } v[] = {
      {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
       "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
       "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf"
       "9b46bd25bf5f0595bbe24655141438e7a100b"},
      {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
       "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
       "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f"
       "11d8c387b2eaeb4302aeeb00d291612bb0c00"},
      {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
       "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
       "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984"
       "dc6594a7c15e9716ed28dc027beceea1ec40a"},
  };
  for (const auto& t : v) {
    const KeyPair k = ed25519_from_seed(arr<32>(t.seed));
    CHECK(hex(view(k.public_key)) == t.pk);
    const std::string msg = *from_hex(t.msg);
    const Bytes64 sig = ed25519_sign(msg, k);
    CHECK(hex(view(sig)) == t.sig);
    CHECK(ed25519_verify(msg, sig, k.public_key));
    CHECK_FALSE(ed25519_verify(msg + "x", sig, k.public_key));
    Bytes64 bad = sig;
    bad[10] ^= 1;
    CHECK_FALSE(ed25519_verify(msg, bad, k.public_key));
  }
}

TEST_CASE("SHA-256 of \"abc\" (FIPS 180-2) and base64url") {
  CHECK(hex(view(sha256("abc"))) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(base64url("\xfb\xff\xfe") == "-__-");
  CHECK(base64url("") == "");
  CHECK(*base64url_decode("-__-") == "\xfb\xff\xfe");
  CHECK_FALSE(base64url_decode("+//+"));
  CHECK_FALSE(base64url_decode("a==="));
}

TEST_CASE(
    "5,000 random messages: the core's signatures verify in OpenSSL and OpenSSL's in the core") {
  std::mt19937_64 rng(8032);
  for (int i = 0; i < 2500; ++i) {
    const KeyPair k = ed25519_generate();
    std::string msg(static_cast<std::size_t>(rng() % 300), '\0');
    for (auto& c : msg) c = static_cast<char>(rng());
    const Bytes64 mine = ed25519_sign(msg, k);
    CHECK(openssl_verify(msg, mine, k.public_key));
    const Bytes64 theirs = openssl_sign(msg, k.seed);
    CHECK(ed25519_verify(msg, theirs, k.public_key));
    CHECK(mine == theirs);  // Ed25519 is deterministic
  }
}
