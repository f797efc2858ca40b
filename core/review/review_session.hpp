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
  /// Signatures checked with libsodium (the page); the CLI passes OpenSSL's check.
  ReviewSession();
  explicit ReviewSession(SignatureCheck check);

  /// The registry the CLI reads (--keys); "" for none. {ok, keys, findings}. Files already
  /// added are not re-verified: set it first (the page starts a new batch on a change).
  nlohmann::json set_registry(std::string_view text);
  /// An RFC 3339 time or a date (the end of that day, China Standard Time). {ok, at, findings}
  nlohmann::json set_time(std::string_view text);
  void set_reject_errors(bool on) { options_.reject_errors = on; }
  /// The thresholds of the risk flags the rows carry (JSON as draw_sample reads them).
  void set_thresholds(const nlohmann::json& t);

  /// Verifies one file and keeps its verdict; returns its row (before the batch is settled).
  nlohmann::json add(const std::string& name, std::string_view text);
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
  KnownTemplates templates_;
  std::optional<KeyRegistry> registry_;
  VerifyOptions options_;
  SignatureCheck check_;
  std::vector<Verdict> verdicts_;
  RiskThresholds thresholds_;
};

}  // namespace selfeval
