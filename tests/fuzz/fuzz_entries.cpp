#include "fuzz_entries.hpp"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string_view>

#include "api.hpp"
#include "base/canonical_json.hpp"
#include "base/crypto.hpp"
#include "base/text_encoding.hpp"
#include "base/timestamp.hpp"
#include "base/utf8.hpp"
#include "forms/builtin_templates.hpp"
#include "forms/known_templates.hpp"
#include "office/answers_workbook.hpp"
#include "session/form_session.hpp"
#include "signing/key_registry.hpp"
#include "signing/submission.hpp"
#include "signing/verifier.hpp"
#include "spreadsheet/csv.hpp"
#include "spreadsheet/number_format.hpp"

namespace selfeval::fuzz {
namespace {

using nlohmann::json;

// A broken invariant: say which and stop, so the fuzzer keeps the input.
void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "invariant broken: %s\n", what);
  std::abort();
}

std::string_view bytes(const std::uint8_t* d, std::size_t n) {
  return {reinterpret_cast<const char*>(d), n};
}

// Every engine answer is a JSON object with "ok" and, when not ok, findings that say why.
void well_formed(const json& r, const char* what) {
  require(r.is_object() && r.contains("ok") && r["ok"].is_boolean(), what);
  if (!r["ok"].get<bool>())
    require(r.contains("findings") && r["findings"].is_array() && !r["findings"].empty(), what);
  if (r.contains("findings"))
    for (const auto& f : r["findings"]) {
      require(f.contains("code") && f.contains("message_zh") && f.contains("message_en"),
              "finding shape");
      // The wasm build does not catch C++ exceptions: none may reach the API's safety net.
      require(f["code"] != "internal.error", "no exception escapes the core");
    }
  // The text crosses to JS: it must serialize whatever it holds.
  (void)json_text(r);
}

// What every loaded form must survive: results, the layout, and the Excel round trip.
void exercise(FormSession& s) {
  json result = s.result();
  require(result.contains("total") && result.contains("grade"), "a loaded form scores");
  (void)s.describe();
  (void)s.report();
  (void)s.export_csv();
  json back = api_answers_from_xlsx(s.export_xlsx());
  require(back.value("ok", false), "an exported workbook reads back");
  require(back["answers"] == s.answers(), "the Excel round trip gives the same answers");
}

}  // namespace

int target_expr(const std::uint8_t* d, std::size_t n) {
  static const char* directions[] = {"", "正向", "反向", "等于", "定性"};
  const char* dir = n ? directions[d[0] % 5] : "";
  json r = api_parse_target(bytes(d, n), dir);
  require(r.is_object() && r.contains("findings"), "parse_target answers an object with findings");
  for (const auto& f : r["findings"])
    require(f["code"] != "internal.error", "no exception escapes the core");
  (void)json_text(r);
  return 0;
}

int template_loader(const std::uint8_t* d, std::size_t n) {
  json r = api_check_template(bytes(d, n));
  well_formed(r, "check_template");
  FormSession s;
  json loaded = s.load_template(bytes(d, n));
  well_formed(loaded, "load_template");
  require(loaded["ok"] == r["ok"], "check_template and load_template agree");
  if (loaded["ok"].get<bool>()) exercise(s);
  return 0;
}

// A session with the built-in template `id` loaded: loaded once, copied for each input (loading
// and validating a template costs more than the answers; a copy's evaluation is rebuilt by
// load_answers, the copy keeps nothing of the prototype once answers load).
FormSession session_with(const std::string& id) {
  static std::map<std::string, FormSession> loaded;
  auto [it, fresh] = loaded.try_emplace(id);
  if (fresh) require(it->second.load_builtin(id)["ok"] == true, "built-in templates load");
  return it->second;
}

// The answers loader alone: parse, validate, score. Fast, so it reaches depth.
int answers_loader(const std::uint8_t* d, std::size_t n) {
  // The first byte picks the built-in template; the rest is the answers file.
  static const json list = builtin_template_list();
  if (n == 0) return 0;
  const std::string id = list[d[0] % list.size()]["id"];
  FormSession s = session_with(id);
  json r = s.load_answers(bytes(d + 1, n - 1));
  well_formed(r, "load_answers");
  if (r["ok"].get<bool>()) {
    json result = s.result();
    require(result.contains("total") && result.contains("grade"), "loaded answers score");
  }
  return 0;
}

// What loaded answers go through afterwards: the layout, the Excel round trip, and the
// stateless API's result equal to the session's (slow: ~10 ms an input under ASan).
int answers_roundtrip(const std::uint8_t* d, std::size_t n) {
  static const json list = builtin_template_list();
  if (n == 0) return 0;
  const std::string id = list[d[0] % list.size()]["id"];
  FormSession s;
  require(s.load_builtin(id)["ok"] == true, "built-in templates load");
  json r = s.load_answers(bytes(d + 1, n - 1));
  well_formed(r, "load_answers");
  if (r["ok"].get<bool>()) {
    exercise(s);
    json whole = api_score(builtin_template(id), bytes(d + 1, n - 1));
    require(whole == s.result(), "api_score equals the session's result");
  }
  return 0;
}

int canonical_json(const std::uint8_t* d, std::size_t n) {
  json r = api_canonicalize(bytes(d, n));
  well_formed(r, "canonicalize");
  if (r["ok"].get<bool>()) {
    const std::string c = r["canonical"];
    json again = api_canonicalize(c);
    require(again["ok"] == true && again["canonical"] == c, "canonical form is a fixed point");
  }
  return 0;
}

// The example key's registry entry: mutated submissions that keep the example's key reach
// the signer checks.
constexpr const char* kRegistry =
    R"({"format":"selfeval.registry.v1","keys":[{"unit":"番禺区委组织部","role":"unit",
"alg":"Ed25519","public_key":"DzvtYntGpETxVtcu4kT-yYbBmH8Di-YO1HXFaOaCjVs","kid":"X_X3rnkpSOLV_M_OQUe1oGv8gfzcnF3PyvYgHtGnDbs",
"status":"active","valid_from":"2023-01-01","valid_to":"2025-12-31"}]})";

int submission_verify(const std::uint8_t* d, std::size_t n) {
  // The real path refuses every mutation at the signature; a check that accepts any
  // signature lets the fuzzer reach the template, registry and re-scoring steps too.
  static const KnownTemplates templates = KnownTemplates::builtin();
  static const KeyRegistry registry = *load_registry(kRegistry).registry;
  VerifyOptions o;
  o.at = *parse_rfc3339("2024-06-01T00:00:00Z");
  o.registry = &registry;
  o.reject_errors = n % 2 == 0;
  std::vector<Verdict> batch;
  batch.push_back(verify_submission(
      bytes(d, n), "a", templates, o,
      [](Profile, std::string_view, std::string_view, std::string_view) { return true; }));
  batch.push_back(batch.back());
  batch.back().name = "b";
  settle_batch(batch);
  for (const auto& v : batch) {
    require(v.status != VerifyStatus::kPassed || v.findings.empty(),
            "a passed file has no findings");
    require(v.status == VerifyStatus::kPassed || !v.findings.empty(), "a refused file says why");
    for (const auto& f : v.findings)
      require(!f.code.empty() && !f.message_zh.empty(), "finding shape");
    (void)json_text(verdict_to_json(v));
  }
  require(batch[0].status != VerifyStatus::kPassed || batch[1].status == VerifyStatus::kDuplicate,
          "the same submission twice is a duplicate");
  json r = api_verify_submission(bytes(d, n), "", "2024-06-01T00:00:00Z");
  well_formed(r, "verify_submission");
  return 0;
}

int key_registry(const std::uint8_t* d, std::size_t n) {
  const RegistryLoad r = load_registry(bytes(d, n));
  require(r.registry.has_value() == r.findings.empty(),
          "a registry loads exactly when nothing is wrong");
  for (const auto& f : r.findings)
    require(!f.code.empty() && !f.message_zh.empty() && !f.message_en.empty(), "finding shape");
  if (r.registry) require(r.registry->size() > 0, "a loaded registry holds a key");
  return 0;
}

// Any bytes as an answers workbook (.xlsx, or .xls by its signature).
int workbook(const std::uint8_t* d, std::size_t n) {
  json a = api_answers_from_xlsx(bytes(d, n));
  well_formed(a, "answers_from_xlsx");
  return 0;
}

// Any bytes as an indicator list (.xlsx, .xls or CSV in any encoding): a template made from
// it is a valid template.
int indicator_list(const std::uint8_t* d, std::size_t n) {
  json t = api_template_from_sheet(bytes(d, n), "fuzz");
  well_formed(t, "template_from_sheet");
  if (t["ok"].get<bool>())
    require(api_check_template(t["template"].dump())["ok"] == true, "a made template is valid");
  return 0;
}

// Any bytes as a CSV file: its encoding decided and decoded to valid UTF-8, its rows read;
// reading the rows again gives the same rows.
int csv(const std::uint8_t* d, std::size_t n) {
  std::size_t bad = 0;
  auto text = decode_text(bytes(d, n), bad);
  if (!text) {
    require(bad <= n, "the bad offset lies in the input");
    return 0;
  }
  require(utf8_valid(text->utf8), "decoded text is UTF-8");
  std::string why;
  std::size_t rows = 0, fields = 0;
  const bool ok = spreadsheet::read_csv_rows(
      text->utf8,
      [&](int i, std::vector<std::string>& r) {
        require(static_cast<std::size_t>(i) == rows, "rows come in order");
        ++rows;
        fields += r.size();
        return true;
      },
      why);
  auto all = spreadsheet::read_csv(text->utf8, why);
  require(ok == all.has_value(), "both CSV readers agree");
  if (all) require(all->size() == rows, "both CSV readers see the same rows");
  return 0;
}

// A stored value and a number format code (split at the first NUL): the text shown is UTF-8.
int number_format(const std::uint8_t* d, std::size_t n) {
  const std::string_view in = bytes(d, n);
  const auto nul = in.find('\0');
  const std::string_view value = nul == std::string_view::npos ? in : in.substr(0, nul);
  const std::string_view code =
      nul == std::string_view::npos ? std::string_view() : in.substr(nul + 1);
  if (!utf8_valid(code) || !utf8_valid(value)) return 0;  // both come from XML: always UTF-8
  for (bool date1904 : {false, true}) {
    const auto shown = spreadsheet::format_number(value, code, date1904);
    require(utf8_valid(shown.text), "the shown text is UTF-8");
    require(shown.iso_date.empty() || shown.iso_date.size() == 10, "an ISO date is YYYY-MM-DD");
  }
  require(utf8_valid(spreadsheet::format_text("文字", code)), "shown text is UTF-8");
  return 0;
}

const std::vector<Target>& targets() {
  static const std::vector<Target> all = {
      {"target_expr", target_expr},       {"template_loader", template_loader},
      {"answers_loader", answers_loader}, {"answers_roundtrip", answers_roundtrip},
      {"canonical_json", canonical_json}, {"submission_verify", submission_verify},
      {"key_registry", key_registry},     {"workbook", workbook},
      {"indicator_list", indicator_list}, {"csv", csv},
      {"number_format", number_format}};
  return all;
}

}  // namespace selfeval::fuzz
