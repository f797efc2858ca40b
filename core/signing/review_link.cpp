#include "signing/review_link.hpp"

#include <fmt/format.h>

#include <string>

#include "base/crypto.hpp"
#include "base/json_access.hpp"
#include "model/answers.hpp"
#include "model/answers_json.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

constexpr const char* kPath = "/submission/answers/reviewed";

bool lower_hex_64(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string year_text(const std::optional<int>& y) { return y ? std::to_string(*y) : "—"; }

// What the sheet says of the submission against what that submission is: the first difference.
struct Difference {
  const char* field;
  std::string claimed, found;
};
std::optional<Difference> first_difference(const ReviewedSubmission& r, const Verdict& s) {
  if (r.template_id != s.template_id)
    return Difference{"template/id", r.template_id, s.template_id};
  if (r.template_version != s.template_version)
    return Difference{"template/version", r.template_version, s.template_version};
  if (r.unit != s.unit) return Difference{"unit", r.unit, s.unit};
  if (r.project != s.project) return Difference{"project", r.project, s.project};
  if (r.year != s.year) return Difference{"year", year_text(r.year), year_text(s.year)};
  if (r.created != s.created) return Difference{"created", r.created, s.created};
  return std::nullopt;
}

void fail(Verdict& v, Finding f) {
  v.status = VerifyStatus::kFailed;
  v.findings.push_back(std::move(f));
}

}  // namespace

ReviewedSubmission review_link_for(const Envelope& env, const std::string& unit_field) {
  const json& s = env.submission;
  const json& t = s["template"];
  return ReviewedSubmission{crypto::hex(crypto::view(crypto::sha256(env.signing_input))),
                            json_str(t, "id"),
                            json_str(t, "version"),
                            json_str(s["unit"], unit_field.c_str()),
                            submission_project(s["unit"]),
                            json_str(s, "created"),
                            submission_year(s)};
}

bool read_review_link(Verdict& v, const json& s, const Template& tmpl) {
  if (!tmpl.signer || !tmpl.signer->reviews_submission) return true;
  const json& answers = s["answers"];
  const json* link =
      answers.is_object() && answers.contains("reviewed") ? &answers["reviewed"] : nullptr;
  // The answers schema (checked when re-scoring) holds the link's form; here only what the
  // verifier relies on before that: an object with a lower-case hex digest.
  if (!link || !link->is_object()) {
    v.findings.push_back(error_at("review.no_reviewed", kPath,
                                  "核查评分表没有写明所核查的提交（reviewed）",
                                  "the verification sheet does not name the submission it reviews "
                                  "(reviewed)"));
    return false;
  }
  const std::string sha = json_str(*link, "sha256");
  if (!lower_hex_64(sha)) {
    v.findings.push_back(error_at(
        "review.reviewed_digest", std::string(kPath) + "/sha256",
        "所核查提交的 SHA-256（reviewed.sha256）应为 64 位小写十六进制",
        "the reviewed submission's SHA-256 (reviewed.sha256) must be 64 lower-case hex digits"));
    return false;
  }
  const json& t = link->value("template", json::object());
  ReviewedSubmission r{sha,
                       json_str(t, "id"),
                       json_str(t, "version"),
                       json_str(*link, "unit"),
                       json_str(*link, "project"),
                       json_str(*link, "created"),
                       std::nullopt};
  if (link->contains("year") && (*link)["year"].is_number_integer())
    r.year = (*link)["year"].get<int>();
  v.reviewed = std::move(r);
  // The sheet's own header names the project it scores: it must be the reviewed one.
  if (!v.project.empty() && v.project != v.reviewed->project) {
    v.findings.push_back(error_at(
        "review.reviewed_project", std::string(kPath) + "/project",
        fmt::format("评分表的项目名称“{}”与所核查提交的项目“{}”不一致", v.project,
                    v.reviewed->project),
        fmt::format("the sheet's project \"{}\" differs from the reviewed submission's \"{}\"",
                    v.project, v.reviewed->project)));
    return false;
  }
  return true;
}

void link_reviews(std::vector<Verdict>& verdicts) {
  for (Verdict& v : verdicts) {
    if (!v.reviewed || v.status != VerifyStatus::kPassed) continue;
    const ReviewedSubmission& r = *v.reviewed;
    const Verdict* found = nullptr;
    for (const Verdict& other : verdicts)
      if (&other != &v && other.digest == r.sha256 && (!found || other.authentic)) found = &other;
    if (!found) {
      fail(v, error_at("review.reviewed_missing", std::string(kPath) + "/sha256",
                       fmt::format("所核查的提交（SHA-256 {}…，{}，{}）不在本次核验的文件中：请把"
                                   "该提交与评分表一起核验",
                                   r.sha256.substr(0, 16), r.unit, r.project),
                       fmt::format("the reviewed submission (SHA-256 {}…, {}, {}) is not among the "
                                   "files checked: verify it together with the sheet",
                                   r.sha256.substr(0, 16), r.unit, r.project)));
      continue;
    }
    v.reviewed_file = found->name;
    if (!found->authentic || (found->signer_checked && !found->signer_ok)) {
      fail(v, error_at("review.reviewed_failed", std::string(kPath) + "/sha256",
                       fmt::format("所核查的提交“{}”未通过核验", found->name),
                       fmt::format("the reviewed submission \"{}\" did not pass", found->name)));
      continue;
    }
    if (const auto d = first_difference(r, *found))
      fail(v,
           error_at("review.reviewed_mismatch", std::string(kPath) + "/" + d->field,
                    fmt::format("评分表所写的被核查提交（reviewed/{}：“{}”）与提交“{}”不符（“{}”）",
                                d->field, d->claimed, found->name, d->found),
                    fmt::format("the sheet's reviewed/{} (\"{}\") differs from the submission "
                                "\"{}\" (\"{}\")",
                                d->field, d->claimed, found->name, d->found)));
  }
}

json review_link_to_json(const Verdict& v) {
  if (!v.reviewed) return nullptr;
  json out = reviewed_to_json(*v.reviewed);
  out["file"] = v.reviewed_file.empty() ? json(nullptr) : json(v.reviewed_file);
  return out;
}

}  // namespace selfeval
