// A form being filled in: the loaded template, the answers document and the current
// evaluation. Edits are fine-grained — set one value, get back only what changed — so
// typing never re-parses or re-scores the whole form. This is the object the wasm
// module hands to the page.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "forms/declaration.hpp"
#include "forms/evaluator.hpp"
#include "forms/form.hpp"
#include "model/answers.hpp"

namespace selfeval {

class FormSession {
 public:
  /// Loads a template from JSON text and starts empty answers for it.
  /// {"ok", "findings"}; on success the session is ready.
  nlohmann::json load_template(std::string_view template_json);
  /// Loads one of the built-in templates by id.
  nlohmann::json load_builtin(std::string_view id);
  /// Replaces the answers with a whole document. {"ok", "findings"}.
  nlohmann::json load_answers(std::string_view answers_json);
  /// Attaches a declaration (申报表) to check targets against; "" detaches.
  nlohmann::json set_declaration(std::string_view declaration_json);

  /// What the page needs to render the form: metadata, unit fields, budget rows,
  /// the indicator tree in order with each leaf's rule inputs and options. A node's optional
  /// fields (name_en, category, unit, direction, open, from_project …) are there only when set.
  nlohmann::json describe() const;
  /// describe() as JSON text, written directly (what the page asks for).
  std::string describe_text() const;
  /// The full result document (schemas/result.v1.schema.json).
  nlohmann::json result() const;
  /// What the page shows of the result, in the shape of an edit's delta with every row and
  /// section in it (id, score and its findings, each with message_zh and message_en only):
  /// a form of thousands of rows in a quarter of the text of result().
  nlohmann::json overview() const;
  /// overview() as JSON text, written directly (what the page asks for).
  std::string overview_text() const;
  /// The answers document as it stands (what drafts and "save" write), written from the typed
  /// answers by the one serializer (model/answers_json.hpp).
  nlohmann::json answers() const;

  /// Sets one field of one indicator's value record ("" clears it) and returns what
  /// changed: that row, its ancestors' subtotals, total, grade, form findings.
  nlohmann::json set_value(const std::string& id, const std::string& field,
                           const std::string& text);
  /// Sets a header field (项目名称 …); the template's year field sets the answers' year.
  nlohmann::json set_unit(const std::string& field, const std::string& text);
  /// Sets a funding cell: row id, column initial | adjusted | executed.
  nlohmann::json set_budget(const std::string& row, const std::string& column,
                            const std::string& text);
  /// Sets the budget block's reason, the goals or the closing texts: budget_reason,
  /// goals.expected, goals.actual, problems, improvements, reported_total, year.
  nlohmann::json set_text(const std::string& key, const std::string& text);

  /// Adds a project indicator under an open category. Returns {"ok", "id", "findings"}.
  nlohmann::json add_indicator(const std::string& parent, const std::string& name);
  /// Edits a project indicator's definition: name, target, weight, direction, rule.
  nlohmann::json update_indicator(const std::string& id, const std::string& field,
                                  const std::string& text);
  /// Removes a project indicator and its values.
  nlohmann::json remove_indicator(const std::string& id);
  /// Moves a project indicator up (-1) or down (+1) among its siblings.
  nlohmann::json move_indicator(const std::string& id, int delta);
  /// Replaces the project indicators with those of a declaration (its targets),
  /// mapping each declared indicator to the open category its parent id names or,
  /// failing that, to the category of the same name. {"ok", "imported", "findings"}.
  nlohmann::json import_declaration(std::string_view declaration_json);

  /// Signs the current answers with a key file unlocked by `passphrase`; `created` is the
  /// signing time (the page's clock, RFC 3339). {"ok", "envelope", "file_name"}; a form with
  /// errors is refused with {"ok": false, "blocked": true, "findings": its errors}.
  nlohmann::json sign(std::string_view key_file_json, std::string_view passphrase,
                      const std::string& created) const;
  /// The first half of signing with an SM2 key file (the 国密 SM2-SM3 profile), whose curve
  /// arithmetic is not in the core: opens the key file and prepares the submission.
  /// {"ok", "prepared": {submission, protected}, "signing_input_hex", "private_key_hex",
  /// "public_key_hex", "file_name"}; the page signs the input with its SM2 library (ID
  /// 1234567812345678) and has the core seal it (api_seal_submission). Errors as `sign`.
  nlohmann::json sign_prepare(std::string_view key_file_json, std::string_view passphrase,
                              const std::string& created) const;

  /// The name a clerk would give this form's file:
  /// "2022年度-产业人才发展专项资金-项目支出绩效自评表" plus ".json" (kind answers), ".xlsx",
  /// ".csv", ".signed.json" (signed), nothing for "print".
  std::string file_name(std::string_view kind) const;
  /// The unit fields that say what a filled form is about, in order (the first typed one names
  /// files and drafts): 项目名称, else 政策名称, else the signing unit.
  std::vector<std::string> subject_fields() const;

  /// Drops the suggested reason of a drafted review's item (review-draft) whose Chinese words are
  /// `zh`: the reviewer did not take it. Returns the row's delta.
  nlohmann::json discard_suggestion(const std::string& id, const std::string& zh);
  /// A verification sheet's overall opinion drafted from the reasons entered and the suggestions
  /// accepted (review/review_draft.hpp): {"ok", "zh", "en"}.
  nlohmann::json review_opinion() const;

  /// The official printed layout (report_sheet.hpp) as rows of spanned cells.
  nlohmann::json report() const;
  /// The filled form as .xlsx bytes (official layout + the 数据 sheet); "" without a form.
  std::string export_xlsx() const;
  /// The official layout as CSV (UTF-8 with BOM); "" without a form.
  std::string export_csv() const;

  bool ready() const { return tmpl_.has_value(); }

 private:
  void rebuild();                // after a structural change: form, evaluator, full evaluation
  void refresh_form_findings();  // after a value edit: cached structure findings + value checks
  nlohmann::json delta(std::optional<std::size_t> leaf, bool budget) const;
  nlohmann::json set_year(const std::string& text);
  nlohmann::json error(const char* code, const std::string& zh, const std::string& en) const;
  nlohmann::json no_template() const;  // the refusal of every edit before a template is loaded
  std::optional<std::size_t> project_row(const std::string& id) const;
  // Checks project rows against the answers schema as a file's would be; findings name the row
  // at `first` onwards. The typed rows when they pass.
  std::optional<std::vector<ProjectIndicator>> check_project_rows(const nlohmann::json& rows,
                                                                  std::size_t first,
                                                                  Findings& findings) const;
  void renumber_project_rows();
  // A refusal when `project_rows` of the project's own on this template would make the
  // form larger than kMaxFormIndicators; nullopt when they fit.
  std::optional<nlohmann::json> too_large(std::size_t project_rows) const;

  std::optional<Template> tmpl_;
  std::size_t template_indicators_ = 0;  ///< the template's indicators, every level
  std::string template_text_;            ///< as loaded: what a signature's template hash covers
  Answers answers_;  ///< the one copy of what was typed; the evaluator reads it in place
  std::optional<Declaration> declaration_;
  std::optional<Form> form_;
  std::optional<Evaluator> evaluator_;
  Evaluation eval_;
  Findings structure_findings_;  ///< Evaluator::structure_checks() of the current form
};

}  // namespace selfeval
