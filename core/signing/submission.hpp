// Signed submissions: the filled form with its full result, sealed by a detached JWS
// with unencoded payload (RFC 7515 + RFC 7797). Signed bytes are
// ASCII(BASE64URL(protected)) || "." || JCS(submission). The envelope leaves room for a
// second algorithm (SM2/SM3) in the header's "alg" without a format change.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/crypto.hpp"
#include "base/finding.hpp"

namespace selfeval {

/// The largest submission file read, in bytes (16 MiB): a 10,000-row form signs to about
/// a tenth of that. Anything larger is refused before it is parsed.
inline constexpr std::size_t kMaxSubmissionBytes = std::size_t{16} << 20;

struct SubmissionBuild {
  std::optional<nlohmann::json> envelope;
  Findings findings;
};

/// Scores the answers against the template, builds the submission and signs it.
SubmissionBuild create_submission(std::string_view template_json, std::string_view answers_json,
                                  const std::string& created, const crypto::KeyPair& key);

/// An envelope read as far as its form allows: what is signed, by which key, with which
/// signature. Nothing here says the signature holds or the form is right (see verifier).
struct Envelope {
  Findings findings;          ///< why the envelope is unacceptable; empty = well formed
  nlohmann::json submission;  ///< the submission, once the file is JSON
  std::string signing_input;  ///< the bytes the signature must cover (set when well formed)
  crypto::Bytes32 public_key{};
  crypto::Bytes64 signature{};
  std::string kid;
  std::string alg;  ///< the header's alg as written
};

/// Reads an envelope strictly and cheaply, before anything costly: at most
/// kMaxSubmissionBytes; JSON without a BOM or duplicate members; the submission schema
/// (schemas/submission.v1.schema.json); a protected header that decodes to a JSON object
/// with exactly alg (Ed25519, or its JOSE name EdDSA), b64 false, crit ["b64"], typ and a
/// kid equal to the hash of the signer's key, and no duplicate or other member; the
/// signer's alg agreeing with the header's; a 64-byte signature and a 32-byte key.
Envelope read_envelope(std::string_view text);

}  // namespace selfeval
