// The bureau's workbench as one object: a key registry and a time of checking, then files
// added one by one (each verified and re-scored at once, only its summary kept), settled as
// a batch (duplicates and superseded submissions grouped), and the outputs: the table's rows,
// one file's details, the charts' counts, a sample, the summary workbook and CSV. The page's
// worker holds one; `selfeval verify --summary` uses the same functions on its verdicts.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "forms/known_templates.hpp"
#include "review/sampling.hpp"
#include "signing/key_registry.hpp"
#include "signing/verifier.hpp"

namespace selfeval {

class ReviewSession {
 public:
  /// The page's session: Ed25519 signatures checked with libsodium; an SM2-SM3 signature is
  /// asked of the caller (the page's SM2 library; the core has no SM2 arithmetic): add()
  /// then returns {signature_check} and the file waits for answer_signature().
  ReviewSession();
  /// Every signature checked by `check` (the CLI passes OpenSSL's); nothing is asked.
  explicit ReviewSession(SignatureCheck check);

  /// The registry the CLI reads (--keys); "" for none. {ok, keys, findings}. Files already
  /// added are not re-verified: set it first (the page starts a new batch on a change).
  nlohmann::json set_registry(std::string_view text);
  /// An RFC 3339 time or a date (the end of that day, China Standard Time). {ok, at, findings}
  nlohmann::json set_time(std::string_view text);
  /// The bureau's own templates (the CLI's --templates DIR): [{name, text}], added to the
  /// built-in ones in name order as the CLI adds a folder's files. All or nothing: a file that
  /// is no template, or has a known template's id and version with other content, refuses the
  /// set ({ok: false, findings} naming the file; the templates known stay as they were).
  /// {ok, templates: [{origin, id, version, name}]} lists the added ones. [] for none.
  nlohmann::json set_templates(const nlohmann::json& files);
  void set_reject_errors(bool on) { options_.reject_errors = on; }
  /// The thresholds of the risk flags the rows carry (JSON as draw_sample reads them).
  void set_thresholds(const nlohmann::json& t);

  /// Verifies one file and keeps its verdict; returns its row (before the batch is settled).
  /// An SM2-SM3 file in the page's session returns instead {"signature_check": {profile,
  /// signature_hex (r || s), public_key_hex, id (the signer ID)}}, with the signed bytes in
  /// pending_message(): what the verifier would check, prepared by the core. The file is pending
  /// until answer_signature(); the next add, add_unreadable, settle or clear first keeps it as
  /// unchecked (failed: 签名无效), so nothing passes unasked.
  nlohmann::json add(const std::string& name, std::string_view text);
  /// add() without the row, for a caller that drops it (the page's worker: building and
  /// passing 10,000 rows it never reads cost time): null, or the {signature_check} question.
  nlohmann::json add_quiet(const std::string& name, std::string_view text);
  /// The caller's SM2 verdict on the pending file's signature: its row. The core takes
  /// `valid` for exactly the bytes it prepared and decides the verdict itself; with no file
  /// pending it returns {"ok": false}.
  nlohmann::json answer_signature(bool valid);
  /// The bytes the pending file's signature must cover (empty when none is pending).
  std::string_view pending_message() const;
  /// A file that could not be read (the page says why).
  nlohmann::json add_unreadable(const std::string& name, const std::string& why);
  /// Orders the files by name and settles the batch: {summary, rows}.
  nlohmann::json settle();
  /// Forgets every file (the registry and time stay).
  void clear();

  std::size_t size() const { return verdicts_.size(); }
  /// One file: its row, every reason it failed, the form's findings, the signer.
  nlohmann::json detail(std::size_t index) const;
  nlohmann::json charts() const;
  nlohmann::json sample(const nlohmann::json& params) const;
  std::string summary_xlsx() const;
  std::string summary_csv() const;

 private:
  /// Finishes the pending file with `valid` as its signature's verdict; its row.
  nlohmann::json finish_pending(bool valid);

  bool ask_sm2_ = false;
  std::optional<OpenedSubmission> pending_;  ///< a file read up to the signature it asks about
  KnownTemplates templates_;
  std::optional<KeyRegistry> registry_;
  VerifyOptions options_;
  SignatureCheck check_;
  std::vector<Verdict> verdicts_;
  RiskThresholds thresholds_;
};

}  // namespace selfeval
