// Signed submissions: the filled form with its full result, sealed by a detached JWS
// with unencoded payload (RFC 7515 + RFC 7797). Signed bytes are
// ASCII(BASE64URL(protected)) || "." || JCS(submission). Two profiles share the envelope
// (signing/profile.hpp): Ed25519 with SHA-256 hashes and SM2-SM3 with SM3 hashes.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/crypto.hpp"
#include "base/finding.hpp"
#include "signing/profile.hpp"

namespace selfeval {

/// The largest submission file read, in bytes (16 MiB): a 10,000-row form signs to about
/// a tenth of that. Anything larger is refused before it is parsed.
inline constexpr std::size_t kMaxSubmissionBytes = std::size_t{16} << 20;

struct SubmissionBuild {
  std::optional<nlohmann::json> envelope;
  Findings findings;
};

/// A submission ready to be signed: what the signature must cover, and the parts the
/// envelope is made of once it is signed.
struct PreparedSubmission {
  nlohmann::json submission;
  std::string protected_b64;
  std::string signing_input;  ///< empty when the inputs do not score (see findings)
  Findings findings;
};

/// Scores the answers against the template and builds the submission of the profile for
/// `public_key` (raw: 32 bytes Ed25519, 65 bytes SM2), with its header and signed bytes.
/// The signature is made outside the core when its algorithm is not in the core (SM2).
PreparedSubmission prepare_submission(std::string_view template_json, std::string_view answers_json,
                                      const std::string& created, Profile profile,
                                      std::string_view public_key);

/// The envelope of a prepared submission and its raw signature (64 bytes: Ed25519, or SM2's
/// r || s).
nlohmann::json seal_submission(const PreparedSubmission& prepared, std::string_view signature);

/// Scores the answers against the template, builds the submission and signs it (Ed25519).
SubmissionBuild create_submission(std::string_view template_json, std::string_view answers_json,
                                  const std::string& created, const crypto::KeyPair& key);

/// An envelope read as far as its form allows: what is signed, by which key, with which
/// signature. Nothing here says the signature holds or the form is right (see verifier).
struct Envelope {
  Findings findings;          ///< why the envelope is unacceptable; empty = well formed
  nlohmann::json submission;  ///< the submission, once the file is JSON
  std::string signing_input;  ///< the bytes the signature must cover (set when well formed)
  Profile profile = Profile::kEd25519;
  std::string public_key;  ///< raw: 32 bytes (Ed25519) or 65 (SM2, 04 || x || y)
  std::string signature;   ///< raw, 64 bytes: Ed25519's, or SM2's r || s
  std::string kid;
  std::string alg;  ///< the header's alg as written
};

/// Reads an envelope strictly and cheaply, before anything costly: at most
/// kMaxSubmissionBytes; JSON without a BOM or duplicate members; the submission schema
/// (schemas/submission.v1.schema.json); a protected header that decodes to a JSON object
/// with exactly alg (Ed25519, or its JOSE name EdDSA; or SM2-SM3), b64 false, crit ["b64"],
/// typ and a kid equal to the profile's hash of the signer's key, and no duplicate or other
/// member; the signer's alg agreeing with the header's; the template hash of the profile
/// (sha256 / sm3) and no other; a 64-byte signature and a key of the profile's form.
Envelope read_envelope(std::string_view text);

}  // namespace selfeval
