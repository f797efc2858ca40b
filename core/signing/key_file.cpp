#include "signing/key_file.hpp"

#include "base/canonical_json.hpp"
#include "base/json_access.hpp"
#include "base/json_reader.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

// The associated data: the canonical form of every field but the sealed seed.
std::string associated_data(const json& file) {
  json pub = file;
  pub.erase("sealed_seed");
  std::string err;
  return canonical_json(pub, &err).value_or("");
}

Finding problem(const char* code, std::string zh, std::string en) {
  return Finding{code, Severity::kError, "", std::move(zh), std::move(en)};
}

// The key file of a secret (Ed25519 seed or SM2 private key) and its public key.
json seal_key_file(Profile profile, const std::string& unit, std::string_view passphrase,
                   const std::string& created, std::string_view secret, std::string_view public_key,
                   const crypto::Argon2Params& params) {
  const std::string salt = crypto::random_bytes(16);
  const std::string nonce = crypto::random_bytes(24);
  json file = {
      {"format", "selfeval.key.v1"},
      {"alg", profile_key_alg(profile)},
      {"unit", unit},
      {"created", created},
      {"public_key", crypto::base64url(public_key)},
      {"kid", key_id(profile, public_key)},
      {"kdf",
       {{"alg", "argon2id"},
        {"salt", crypto::base64url(salt)},
        {"opslimit", params.opslimit},
        {"memlimit", params.memlimit}}},
      {"cipher", {{"alg", "xchacha20poly1305-ietf"}, {"nonce", crypto::base64url(nonce)}}}};
  const auto derived = crypto::argon2id(passphrase, salt, params);
  file["sealed_seed"] = crypto::base64url(crypto::xchacha_seal(
      secret, associated_data(file), nonce, derived.value_or(crypto::Bytes32{})));
  return file;
}

}  // namespace

std::string key_id(Profile profile, std::string_view public_key) {
  return crypto::base64url(crypto::view(profile_hash(profile, public_key)));
}

std::string key_fingerprint(Profile profile, std::string_view public_key) {
  const std::string h = crypto::hex(crypto::view(profile_hash(profile, public_key)));
  std::string groups;
  for (std::size_t i = 0; i < h.size(); i += 4) groups += (i ? " " : "") + h.substr(i, 4);
  return groups;
}

std::string key_id(const crypto::Bytes32& public_key) {
  return key_id(Profile::kEd25519, crypto::view(public_key));
}

std::string key_fingerprint(const crypto::Bytes32& public_key) {
  return key_fingerprint(Profile::kEd25519, crypto::view(public_key));
}

json create_key_file(const std::string& unit, std::string_view passphrase,
                     const std::string& created, const crypto::Argon2Params& params) {
  const crypto::KeyPair k = crypto::ed25519_generate();
  return seal_key_file(Profile::kEd25519, unit, passphrase, created, crypto::view(k.seed),
                       crypto::view(k.public_key), params);
}

json create_sm2_key_file(const std::string& unit, std::string_view passphrase,
                         const std::string& created, std::string_view private_key,
                         std::string_view public_key, const crypto::Argon2Params& params) {
  return seal_key_file(Profile::kSm2Sm3, unit, passphrase, created, private_key, public_key,
                       params);
}

KeyOpen open_key_file(std::string_view text, std::string_view passphrase) {
  KeyOpen out;
  JsonRead r = read_json(text, "密钥文件", "key file");
  out.findings = r.findings;
  if (!r.value) return out;
  const json& f = *r.value;
  auto bad = [&](const char* what) {
    out.findings.push_back(
        problem("key.bad_file", std::string("密钥文件已损坏或格式不对：") + what,
                std::string("the key file is corrupted or not a key file: ") + what));
    return out;
  };
  if (!f.is_object() || json_str(f, "format") != "selfeval.key.v1") return bad("format");
  const auto profile = profile_of_key_alg(json_str(f, "alg"));
  if (!profile) return bad("alg");
  out.profile = *profile;
  if (!f.contains("kdf") || !f["kdf"].is_object() || !f.contains("cipher") ||
      !f["cipher"].is_object())
    return bad("kdf/cipher");
  const auto salt = crypto::base64url_decode(json_str(f["kdf"], "salt"));
  const auto nonce = crypto::base64url_decode(json_str(f["cipher"], "nonce"));
  const auto sealed = crypto::base64url_decode(json_str(f, "sealed_seed"));
  const auto pk = crypto::base64url_decode(json_str(f, "public_key"));
  if (!salt || !nonce || !sealed || !pk || !profile_public_key_well_formed(*profile, *pk))
    return bad("fields");
  crypto::Argon2Params p;
  if (!f["kdf"].contains("opslimit") || !f["kdf"]["opslimit"].is_number_unsigned() ||
      !f["kdf"].contains("memlimit") || !f["kdf"]["memlimit"].is_number_unsigned())
    return bad("kdf parameters");
  p.opslimit = f["kdf"]["opslimit"].get<unsigned long long>();
  p.memlimit = f["kdf"]["memlimit"].get<std::size_t>();
  // Parameters an attacker could inflate to exhaust memory or time are bounded.
  if (p.opslimit < 1 || p.opslimit > 10 || p.memlimit < (8u << 20) || p.memlimit > (256u << 20))
    return bad("kdf parameters");
  const auto derived = crypto::argon2id(passphrase, *salt, p);
  if (!derived) return bad("kdf");
  const auto seed = crypto::xchacha_open(*sealed, associated_data(f), *nonce, *derived);
  if (!seed || seed->size() != 32) {
    out.findings.push_back(problem("key.wrong_passphrase", "口令错误，或密钥文件已被改动",
                                   "wrong passphrase, or the key file has been altered"));
    return out;
  }
  if (*profile == Profile::kSm2Sm3) {
    // The public key is bound to the sealed private key as associated data; that it is the
    // private key's own point is checked by whoever holds SM2 arithmetic (the CLI with
    // OpenSSL, the page with its SM2 library) before anything is signed.
    if (key_id(*profile, *pk) != json_str(f, "kid"))
      return bad("public key does not match the kid");
    out.sm2 = Sm2Key{*seed, *pk};
    return out;
  }
  crypto::Bytes32 s{};
  std::copy(seed->begin(), seed->end(), s.begin());
  crypto::KeyPair k = crypto::ed25519_from_seed(s);
  if (crypto::base64url(crypto::view(k.public_key)) != json_str(f, "public_key") ||
      key_id(k.public_key) != json_str(f, "kid"))
    return bad("public key does not match the sealed key");
  out.key = k;
  return out;
}

}  // namespace selfeval
