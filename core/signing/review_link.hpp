// A verification sheet names the submission it reviews (answers.reviewed: the SHA-256 of that
// submission's signed bytes and what it names). The sheet's signature covers the link; the
// bureau's check is that the named submission is among the files it verifies, authentic, from a
// trusted signer, and as the sheet describes it. One decision path for the CLI and the workbench.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "model/template_model.hpp"
#include "signing/submission.hpp"
#include "signing/verifier.hpp"

namespace selfeval {

/// The link a sheet drafted from this signed submission carries (its signing unit is the value of
/// the template's unit_field), described exactly as the verifier will find the submission.
ReviewedSubmission review_link_for(const Envelope& env, const std::string& unit_field);

/// Reads a signed sheet's link into v.reviewed when its template requires one
/// (signer.reviews_submission); a missing or malformed link is a finding. False when it fails.
bool read_review_link(Verdict& v, const nlohmann::json& submission, const Template& tmpl);

/// For each sheet of the batch that passed so far: finds the file whose digest is the one named,
/// sets v.reviewed_file, and fails the sheet when there is none, when that file did not pass
/// as authentic and trusted, or when it differs from what the sheet says of it.
void link_reviews(std::vector<Verdict>& verdicts);

/// The link as the verify report shows it (null when the file is no sheet).
nlohmann::json review_link_to_json(const Verdict& v);

}  // namespace selfeval
