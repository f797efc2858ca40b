// The bureau's verdict on signed submissions, one decision path for the CLI and the page.
// Cheap checks come first and costly ones last: the file's size and form, the signature,
// the signing time, the template, the signer against the key registry, and only then
// re-scoring the answers. "Authentic" (the unit signed exactly this, and the recorded
// result follows from the answers) and "valid" (the form has no errors) are reported
// apart. The core has no clock and no crypto provider of its own choosing: the time of
// the check and the signature check are inputs.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/crypto.hpp"
#include "base/finding.hpp"
#include "base/timestamp.hpp"
#include "forms/known_templates.hpp"
#include "model/answers.hpp"
#include "signing/key_registry.hpp"
#include "signing/profile.hpp"
#include "signing/submission.hpp"

namespace selfeval {

/// How far a signing time may lie ahead of the verifier's clock (office clocks drift).
inline constexpr std::int64_t kClockSkewSeconds = 10 * 60;

/// Whether `signature` over `message` is valid for `public_key` in `profile` (raw bytes as in
/// the envelope: Ed25519's 64-byte signature and 32-byte key; SM2's r || s and 65-byte point,
/// to be checked with the ID 1234567812345678). A checker that lacks a profile's algorithm
/// returns false: the file fails, closed.
using SignatureCheck = std::function<bool(Profile profile, std::string_view message,
                                          std::string_view signature, std::string_view public_key)>;

/// The core's own check: Ed25519 with libsodium. It holds no SM2 arithmetic, so an SM2-SM3 file
/// fails closed under it (the CLI checks SM2 with OpenSSL).
bool core_signature_check(Profile profile, std::string_view message, std::string_view signature,
                          std::string_view public_key);

struct VerifyOptions {
  Instant at;                             ///< when key validity is judged (now, or a chosen time)
  const KeyRegistry* registry = nullptr;  ///< nullptr: the signer is not checked
  bool reject_errors = false;             ///< a form whose result has errors fails
};

enum class VerifyStatus { kPassed, kFailed, kDuplicate, kSuperseded };

/// "passed" / "failed" / "duplicate" / "superseded".
const char* verify_status_name(VerifyStatus s);

/// The verdict on one file.
struct Verdict {
  std::string name;  ///< the file as the user named it
  VerifyStatus status = VerifyStatus::kFailed;
  bool authentic = false;  ///< well formed, signature valid, template known, result re-scored equal
  bool signer_checked = false;  ///< a registry was consulted
  bool signer_ok =
      false;  ///< registered to the form's unit in the form's role, valid at the time checked
  std::string kid, created;  ///< created: the signing time the signer claims
  std::string template_id, template_version, template_sha256, template_origin;
  std::string
      template_sm3;        ///< the SM2-SM3 profile's template hash (template_sha256 is then empty)
  std::string unit_field;  ///< the template's field that names the signing unit
  std::string unit, project;
  std::optional<int> year;
  std::string registered_unit, key_validity;  ///< what the registry says of the key
  std::optional<std::string> total, grade;
  int errors = 0, warnings = 0;  ///< findings of the re-scored result
  Findings findings;             ///< every reason it did not pass
  std::string digest;  ///< SHA-256 (hex) of the signed bytes: equal for the same submission
  std::string duplicate_of, superseded_by;
  /// A verification sheet's link (answers.reviewed): the submission it reviews, and the file of
  /// the batch found to be that submission.
  std::optional<ReviewedSubmission> reviewed;
  std::string reviewed_file;
  // What the bureau's summary needs of the re-scored form (not in the verify report):
  std::string template_name;                  ///< the known template's name (中文)
  std::optional<std::string> execution_rate;  ///< 全年执行数 / 全年预算数, exact decimal ("0.95")
  std::optional<std::string> reported_total;  ///< the total the unit typed itself (自报)
  std::optional<std::string> full_marks;      ///< the form's full marks
  Findings form_findings;                     ///< the re-scored form's own findings
  std::map<std::string, int> lights;  ///< a monitoring form's rows by light (red, yellow, …)
};

/// The reporting year of a submission: the answers' own, else a "year" header field's.
std::optional<int> submission_year(const nlohmann::json& submission);
/// The project a unit block names (project_name, or policy_name; "" when none).
std::string submission_project(const nlohmann::json& unit);

/// Verifies one submission file's text.
Verdict verify_submission(std::string_view text, const std::string& name,
                          const KnownTemplates& templates, const VerifyOptions& options,
                          const SignatureCheck& signature_ok);

/// verify_submission in two halves, for a caller whose signature check answers later (the
/// page's worker asks the browser): the file read and checked up to its signature (step 1),
/// then, with the signature's verdict on exactly envelope's signing_input, signature and
/// public_key, the rest. verify_submission is open_submission + the check + finish_submission.
struct OpenedSubmission {
  Verdict verdict;    ///< the name; the findings when the file is not well formed
  Envelope envelope;  ///< the signature's question when it is
  bool well_formed() const { return verdict.findings.empty(); }
};
OpenedSubmission open_submission(std::string_view text, const std::string& name);
Verdict finish_submission(OpenedSubmission opened, bool signature_valid,
                          const KnownTemplates& templates, const VerifyOptions& options);

/// Settles a batch, in order: the same submission again is a duplicate of the first; of
/// the submissions for one template, unit, project and year that are authentic and whose
/// signer is trusted (or not checked), the latest signing time counts and the earlier are
/// superseded; two different ones signed at the same second are both failed. Last, each
/// verification sheet that passed so far needs the submission it names (answers.reviewed) in
/// the batch, authentic, trusted and as the sheet describes it; otherwise it fails.
void settle_batch(std::vector<Verdict>& verdicts);

struct VerifySummary {
  int files = 0, passed = 0, failed = 0, duplicates = 0, superseded = 0, with_errors = 0;
  bool signer_checked = false;
  /// 0: every file passed, signers checked; 1: a file failed, was a duplicate or superseded;
  /// 3: every file passed but no registry was given, so no signer was checked.
  int exit_code() const;
};
VerifySummary summarize(const std::vector<Verdict>& verdicts, bool signer_checked);

/// One verdict as JSON (schemas/verify-report.v1.schema.json, "files" items).
nlohmann::json verdict_to_json(const Verdict& v);
/// The whole report (schemas/verify-report.v1.schema.json).
nlohmann::json verify_report_to_json(const std::vector<Verdict>& verdicts,
                                     const VerifyOptions& options);

}  // namespace selfeval
