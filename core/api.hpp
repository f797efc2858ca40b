// The engine's entry points over JSON text: what the CLI and the wasm module call.
// Never throws: any failure becomes a result with findings.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/json_text_writer.hpp"
#include "forms/template_loader.hpp"

namespace selfeval {

/// The engine version string, e.g. "0.1.0".
std::string engine_version();

/// Parses one target; `direction` is "" or 正向/反向/等于/定性.
nlohmann::json api_parse_target(std::string_view text, std::string_view direction);

/// Parses a table: a JSON array of {"text", "direction"?}; returns an array of results.
nlohmann::json api_parse_target_table(std::string_view table_json);

/// Checks a template: {"ok": bool, "findings": [...], "template": {id, name, version}}.
nlohmann::json api_check_template(std::string_view template_json);

/// Scores answers against a template (and optionally a declaration): the result
/// document, or {"ok": false, "findings": [...]} when an input cannot be loaded.
nlohmann::json api_score(std::string_view template_json, std::string_view answers_json,
                         std::string_view declaration_json = {});
/// api_score with the template already loaded (by load_template): a batch of answers on one
/// form parses and validates its template once.
nlohmann::json api_score_loaded(const TemplateLoad& tmpl, std::string_view answers_json);

/// The same evaluation as readable text (Chinese), for `selfeval score --text`.
std::string api_score_text(std::string_view template_json, std::string_view answers_json,
                           std::string_view declaration_json = {});

/// RFC 8785 canonical form of JSON text: {"ok", "canonical", "findings"}.
nlohmann::json api_canonicalize(std::string_view json_text);

/// Ed25519 and SHA-256 primitives over hex (binary-safe across the JS boundary):
/// {"ok", "public_key"} / {"ok", "signature"} / {"ok", "valid"} / {"ok", "sha256"};
/// a new key pair comes from the platform CSPRNG when `seed_hex` is "".
nlohmann::json api_ed25519_keypair(std::string_view seed_hex);
nlohmann::json api_ed25519_sign(std::string_view seed_hex, std::string_view message_hex);
nlohmann::json api_ed25519_verify(std::string_view public_key_hex, std::string_view message_hex,
                                  std::string_view signature_hex);
nlohmann::json api_sha256(std::string_view message_hex);
/// SHA-256 of text as its UTF-8 bytes (the page's draft seals): {"ok", "sha256"}.
nlohmann::json api_sha256_text(std::string_view text);

/// A new encrypted key file for `unit` (selfeval.key.v1), the passphrase checked by the
/// one rule (core/passphrase.hpp): {"ok", "key_file"} or findings.
nlohmann::json api_create_key_file(const std::string& unit, std::string_view passphrase,
                                   const std::string& created);
/// What the page shows of a key file: {"ok", "unit", "kid", "public_key", "created",
/// "fingerprint" (SHA-256 of the key, hex in groups of four)}.
nlohmann::json api_key_info(std::string_view key_file_json);

/// SM3 (GB/T 32905) of hex bytes: {ok, sm3 (hex)}.
nlohmann::json api_sm3(std::string_view message_hex);
/// Seals an SM2 key pair made by the page's SM2 library as a key file (alg "SM2"), under the
/// same passphrase rule as an Ed25519 key: {ok, key_file} or {ok: false, findings}.
nlohmann::json api_create_sm2_key_file(const std::string& unit, std::string_view passphrase,
                                       const std::string& created, std::string_view private_hex,
                                       std::string_view public_hex);
/// A submission of the SM2-SM3 profile for `public_hex`, ready for a signature made outside
/// the core: {ok, prepared: {submission, protected}, signing_input_hex}.
nlohmann::json api_prepare_sm2_submission(std::string_view template_json,
                                          std::string_view answers_json, const std::string& created,
                                          std::string_view public_hex);
/// The envelope of a prepared submission and its signature (hex r || s, 64 bytes):
/// {ok, envelope}.
nlohmann::json api_seal_submission(std::string_view prepared_json, std::string_view signature_hex);

/// The answers document held by an .xlsx file exported by selfeval:
/// {"ok", "answers"} or {"ok": false, "findings"}.
nlohmann::json api_answers_from_xlsx(std::string_view xlsx_bytes);

/// A template from an indicator-list spreadsheet (.xlsx bytes or CSV text) with the
/// columns 一级, 二级, 三级, 年度指标值, 分值, 方向, 规则: {"ok", "template"} or findings.
nlohmann::json api_template_from_sheet(std::string_view file_bytes, const std::string& name);

/// Checks a signed submission as the bureau does (see verifier.hpp), against the built-in
/// templates and, when `registry_json` is not empty, a key registry, at the RFC 3339 time
/// `at`; the signature is verified with libsodium. The verdict (verify-report.v1's file
/// entry) with "ok": true when it passed; {"ok": false, "findings"} for a refused
/// registry or time.
nlohmann::json api_verify_submission(std::string_view envelope_json, std::string_view registry_json,
                                     std::string_view at);

/// A reviewer's verification sheet drafted from a unit's submission or answers
/// (review/review_draft.hpp): {"ok", "answers", "notes"} or {"ok": false, "findings"}. The unit's
/// form is found among the built-in templates; `sheet_template` "" is the built-in
/// verification-sheet.
nlohmann::json api_review_draft(std::string_view unit_file, std::string_view declaration_json,
                                std::string_view sheet_template);

/// The answers of the next form started from the previous one (forms/carry.hpp): `from` a
/// declaration or a monitoring form's answers, `to_template` a built-in id or a template's text.
/// {"ok", "answers", "notes"} or {"ok": false, "findings"}.
nlohmann::json api_carry(std::string_view from_json, std::string_view to_template);

/// The overall opinion of a filled verification sheet (its answers), drafted from its reasons and
/// accepted suggestions: {"ok", "zh", "en"}; `sheet_template` "" is the built-in one.
nlohmann::json api_review_opinion(std::string_view sheet_answers, std::string_view sheet_template);

}  // namespace selfeval
