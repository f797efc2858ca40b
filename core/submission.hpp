// Signed submissions: the filled form with its full result, sealed by a detached JWS
// with unencoded payload (RFC 7515 + RFC 7797). Signed bytes are
// ASCII(BASE64URL(protected)) || "." || JCS(submission). The envelope leaves room for a
// second algorithm (SM2/SM3) in the header's "alg" without a format change.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "crypto.hpp"
#include "finding.hpp"
#include "template_loader.hpp"

namespace selfeval {

/// Finds a template's JSON text by id and version ("" when unknown). Where several known
/// templates share an id and version, the one whose hash is `sha256` is the one meant.
using TemplateLookup =
    std::function<std::string(const std::string& id, const std::string& version, const std::string& sha256)>;

/// base64url SHA-256 of a template's canonical (JCS) bytes.
std::optional<std::string> template_hash(std::string_view template_json);

struct SubmissionBuild {
  std::optional<nlohmann::json> envelope;
  Findings findings;
};

/// Scores the answers against the template, builds the submission and signs it.
SubmissionBuild create_submission(std::string_view template_json, std::string_view answers_json,
                                  const std::string& created, const crypto::KeyPair& key);

/// What checking an envelope established, short of the signature arithmetic, which the
/// caller performs (the bureau's CLI with OpenSSL, tests with libsodium too).
struct SubmissionCheck {
  Findings findings;           ///< every reason it fails; empty = sound so far
  std::string signing_input;   ///< the bytes the signature must cover
  crypto::Bytes32 public_key{};
  crypto::Bytes64 signature{};
  nlohmann::json submission;   ///< the parsed submission, when readable
  std::string kid;
};

/// Templates met while checking a batch, by their text: each is hashed, parsed and
/// validated once, however many submissions use it.
class TemplateCache {
 public:
  struct Entry {
    std::optional<std::string> hash;
    TemplateLoad load;
  };
  const Entry& get(const std::string& template_json);

 private:
  std::unordered_map<std::string, Entry> entries_;
};

/// Checks an envelope: structure, protected header (alg Ed25519 or EdDSA, b64 false,
/// crit b64, typ, kid = hash of the signer's key), the template's hash against a known
/// template, and the recorded result against a fresh evaluation, byte for byte. With a
/// cache, templates already met are not hashed or loaded again.
SubmissionCheck check_submission(std::string_view envelope_json, const TemplateLookup& find_template,
                                 TemplateCache* cache = nullptr);

/// Checks the signer against a key registry {"keys": [{"unit", "public_key", "valid_from",
/// "valid_to", "status"}]}: registered for one of the submission's unit names, active,
/// and valid on the submission's creation date.
Findings check_registry(const SubmissionCheck& check, std::string_view registry_json);

}  // namespace selfeval
