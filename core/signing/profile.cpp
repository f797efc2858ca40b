#include "signing/profile.hpp"

namespace selfeval {

const char* profile_header_alg(Profile p) { return p == Profile::kSm2Sm3 ? "SM2-SM3" : "Ed25519"; }

const char* profile_key_alg(Profile p) { return p == Profile::kSm2Sm3 ? "SM2" : "Ed25519"; }

const char* profile_hash_name(Profile p) { return p == Profile::kSm2Sm3 ? "sm3" : "sha256"; }

std::size_t profile_public_key_size(Profile p) { return p == Profile::kSm2Sm3 ? 65 : 32; }

std::optional<Profile> profile_of_header_alg(std::string_view alg) {
  if (alg == "Ed25519" || alg == "EdDSA") return Profile::kEd25519;
  if (alg == "SM2-SM3") return Profile::kSm2Sm3;
  return std::nullopt;
}

std::optional<Profile> profile_of_key_alg(std::string_view alg) {
  if (alg == "Ed25519") return Profile::kEd25519;
  if (alg == "SM2") return Profile::kSm2Sm3;
  return std::nullopt;
}

crypto::Bytes32 profile_hash(Profile p, std::string_view bytes) {
  return p == Profile::kSm2Sm3 ? crypto::sm3(bytes) : crypto::sha256(bytes);
}

bool profile_public_key_well_formed(Profile p, std::string_view public_key) {
  if (public_key.size() != profile_public_key_size(p)) return false;
  return p != Profile::kSm2Sm3 || static_cast<unsigned char>(public_key[0]) == 0x04;
}

}  // namespace selfeval
