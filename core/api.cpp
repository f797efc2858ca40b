#include "api.hpp"

#include "answers_workbook.hpp"
#include "crypto.hpp"
#include "form_session.hpp"
#include "submission.hpp"
#include "template_table.hpp"

#include <exception>

#include "answers.hpp"
#include "canonical_json.hpp"
#include "crypto.hpp"
#include "declaration.hpp"
#include "direction.hpp"
#include "evaluator.hpp"
#include "form.hpp"
#include "result_json.hpp"
#include "json_reader.hpp"
#include "target_expr.hpp"
#include "template_loader.hpp"

namespace selfeval {
namespace {

using json = nlohmann::json;

[[maybe_unused]] json internal_error(const char* where, const char* what) {
  Finding f{"internal.error", Severity::kError, "",
            std::string("内部错误（") + where + "）：" + what,
            std::string("internal error in ") + where + ": " + what};
  return json{{"ok", false}, {"findings", json::array({f.to_json()})}};
}

// Runs `fn`, turning any exception into an internal-error result, so neither the CLI
// nor the wasm module can be brought down by a bug on an unforeseen input.
// Built without exceptions (the wasm module), there is nothing to catch: the fuzzers, which
// run natively with exceptions, fail if anything ever arrives here.
template <typename Fn>
json guarded(const char* where, Fn&& fn) {
#if defined(__cpp_exceptions)
  try {
    return fn();
  } catch (const std::exception& e) {
    return internal_error(where, e.what());
  } catch (...) {
    return internal_error(where, "unknown");
  }
#else
  (void)where;
  return fn();
#endif
}

}  // namespace

std::string engine_version() { return "0.1.0"; }

json api_parse_target(std::string_view text, std::string_view direction) {
  return guarded("parse_target", [&]() -> json {
    Direction d = Direction::kUnspecified;
    if (!direction.empty()) {
      auto parsed = parse_direction(direction);
      if (!parsed) {
        Finding f{"direction.unknown", Severity::kError, "/direction",
                  "指标方向“" + std::string(direction) + "”无效，应为 正向、反向、等于 或 定性",
                  "direction \"" + std::string(direction) +
                      "\" is not one of 正向, 反向, 等于, 定性"};
        return json{{"text", std::string(text)}, {"findings", json::array({f.to_json()})}};
      }
      d = *parsed;
    }
    return target_to_json(parse_target(text, d));
  });
}

json api_parse_target_table(std::string_view table_json) {
  return guarded("parse_target_table", [&]() -> json {
    JsonRead r = read_json(table_json, "指标值表", "target table");
    if (!r.value) return json{{"ok", false}, {"findings", findings_to_json(r.findings)}};
    if (!r.value->is_array()) {
      Finding f{"table.not_array", Severity::kError, "", "指标值表应为数组",
                "the target table must be an array"};
      return json{{"ok", false}, {"findings", json::array({f.to_json()})}};
    }
    json out = json::array();
    for (const auto& row : *r.value) {
      const std::string text =
          row.is_object() && row.contains("text") && row["text"].is_string() ? row["text"].get<std::string>() : "";
      const std::string dir = row.is_object() && row.contains("direction") && row["direction"].is_string()
                                  ? row["direction"].get<std::string>()
                                  : "";
      out.push_back(api_parse_target(text, dir));
    }
    return out;
  });
}

json api_check_template(std::string_view template_json) {
  return guarded("check_template", [&]() -> json {
    TemplateLoad load = load_template(template_json);
    json out{{"ok", load.tmpl.has_value()}, {"findings", findings_to_json(load.findings)}};
    if (load.tmpl) {
      out["template"] = {{"id", load.tmpl->id},
                         {"name", load.tmpl->name},
                         {"version", load.tmpl->version},
                         {"total", load.tmpl->total.to_string()}};
    }
    return out;
  });
}

namespace {

// Loads the three inputs; on failure returns the findings as an error result.
struct Inputs {
  std::optional<Template> owned;   ///< the template loaded here
  const Template* tmpl = nullptr;  ///< owned, or one the caller loaded
  std::optional<Answers> answers;
  std::optional<Declaration> declaration;
  Findings findings;
  bool ok = false;
};

Findings prefix(Findings fs, const char* doc) {
  for (auto& f : fs) f.path = std::string(doc) + (f.path.empty() ? "" : ":" + f.path);
  return fs;
}

// `t` is either the template loaded here (moved into the inputs) or one the caller keeps.
Inputs load_inputs(TemplateLoad* owned, const TemplateLoad& t, std::string_view answers_json,
                   std::string_view declaration_json) {
  Inputs in;
  AnswersLoad a = load_answers(answers_json);
  for (auto& f : prefix(t.findings, "template"))
    if (f.severity == Severity::kError) in.findings.push_back(f);
  // Only errors: a note about the file (a BOM) is not part of the form's result, which must
  // equal what a FormSession holding the same answers reports.
  for (auto& f : prefix(a.findings, "answers"))
    if (f.severity == Severity::kError) in.findings.push_back(f);
  if (owned) {
    in.owned = std::move(owned->tmpl);
    in.tmpl = in.owned ? &*in.owned : nullptr;
  } else {
    in.tmpl = t.tmpl ? &*t.tmpl : nullptr;
  }
  in.answers = std::move(a.answers);
  if (!declaration_json.empty()) {
    DeclarationLoad d = load_declaration(declaration_json);
    for (auto& f : prefix(d.findings, "declaration"))
      if (f.severity == Severity::kError) in.findings.push_back(f);
    in.declaration = std::move(d.declaration);
    if (!in.declaration) return in;
  }
  in.ok = in.tmpl && in.answers;
  return in;
}

// Loads the inputs, scores them and hands the form and its evaluation to `present`;
// inputs that do not load go to `on_failure` instead.
template <typename Present, typename OnFailure>
auto score_inputs(Inputs in, Present present, OnFailure on_failure) {
  if (!in.ok) return on_failure(in.findings);
  const Form form = build_form(*in.tmpl, &*in.answers);
  const Evaluator ev(form, *in.answers, in.declaration ? &*in.declaration : nullptr);
  Evaluation e = ev.evaluate();
  e.form_findings.insert(e.form_findings.begin(), in.findings.begin(), in.findings.end());
  return present(form, e);
}

template <typename Present, typename OnFailure>
auto score_with(std::string_view template_json, std::string_view answers_json,
                std::string_view declaration_json, Present present, OnFailure on_failure) {
  TemplateLoad t = load_template(template_json);
  return score_inputs(load_inputs(&t, t, answers_json, declaration_json), present, on_failure);
}

}  // namespace

json api_score(std::string_view template_json, std::string_view answers_json,
               std::string_view declaration_json) {
  return guarded("score", [&]() -> json {
    return score_with(
        template_json, answers_json, declaration_json,
        [](const Form& form, const Evaluation& e) { return result_to_json(form, e); },
        [](const Findings& fs) { return json{{"ok", false}, {"findings", findings_to_json(fs)}}; });
  });
}

json api_score_loaded(const TemplateLoad& tmpl, std::string_view answers_json) {
  return guarded("score", [&]() -> json {
    return score_inputs(
        load_inputs(nullptr, tmpl, answers_json, ""),
        [](const Form& form, const Evaluation& e) { return result_to_json(form, e); },
        [](const Findings& fs) { return json{{"ok", false}, {"findings", findings_to_json(fs)}}; });
  });
}

std::string api_score_text(std::string_view template_json, std::string_view answers_json,
                           std::string_view declaration_json) {
  auto text = [&] {
    return score_with(
        template_json, answers_json, declaration_json,
        [](const Form& form, const Evaluation& e) { return result_to_text(form, e); },
        [](const Findings& fs) {
          std::string out;
          for (const auto& f : fs) out += f.path + ": " + f.message() + "\n";
          return out;
        });
  };
#if defined(__cpp_exceptions)
  try {
    return text();
  } catch (const std::exception& e) {
    return std::string("内部错误 / internal error: ") + e.what() + "\n";
  }
#else
  return text();
#endif
}

json api_canonicalize(std::string_view json_text_in) {
  return guarded("canonicalize", [&]() -> json {
    Canonical c = canonicalize(json_text_in);
    json out{{"ok", c.text.has_value()}, {"findings", findings_to_json(c.findings)}};
    if (c.text) out["canonical"] = *c.text;
    return out;
  });
}

namespace {

json bad_hex(const char* field) {
  Finding f{"crypto.bad_input", Severity::kError, std::string("/") + field,
            std::string("“") + field + "”不是正确长度的十六进制",
            std::string("\"") + field + "\" is not hex of the right length"};
  return json{{"ok", false}, {"findings", json::array({f.to_json()})}};
}

template <std::size_t N>
std::optional<std::array<std::uint8_t, N>> fixed(std::string_view hex_text) {
  auto b = crypto::from_hex(hex_text);
  if (!b || b->size() != N) return std::nullopt;
  std::array<std::uint8_t, N> a{};
  std::copy(b->begin(), b->end(), a.begin());
  return a;
}

}  // namespace

json api_ed25519_keypair(std::string_view seed_hex) {
  return guarded("ed25519_keypair", [&]() -> json {
    crypto::KeyPair k;
    if (seed_hex.empty()) {
      k = crypto::ed25519_generate();
    } else {
      auto seed = fixed<32>(seed_hex);
      if (!seed) return bad_hex("seed");
      k = crypto::ed25519_from_seed(*seed);
    }
    return json{{"ok", true}, {"seed", crypto::hex(crypto::view(k.seed))},
                {"public_key", crypto::hex(crypto::view(k.public_key))}};
  });
}

json api_ed25519_sign(std::string_view seed_hex, std::string_view message_hex) {
  return guarded("ed25519_sign", [&]() -> json {
    auto seed = fixed<32>(seed_hex);
    if (!seed) return bad_hex("seed");
    auto msg = crypto::from_hex(message_hex);
    if (!msg) return bad_hex("message");
    const auto sig = crypto::ed25519_sign(*msg, crypto::ed25519_from_seed(*seed));
    return json{{"ok", true}, {"signature", crypto::hex(crypto::view(sig))}};
  });
}

json api_ed25519_verify(std::string_view public_key_hex, std::string_view message_hex,
                        std::string_view signature_hex) {
  return guarded("ed25519_verify", [&]() -> json {
    auto pk = fixed<32>(public_key_hex);
    if (!pk) return bad_hex("public_key");
    auto sig = fixed<64>(signature_hex);
    if (!sig) return bad_hex("signature");
    auto msg = crypto::from_hex(message_hex);
    if (!msg) return bad_hex("message");
    return json{{"ok", true}, {"valid", crypto::ed25519_verify(*msg, *sig, *pk)}};
  });
}

json api_sha256(std::string_view message_hex) {
  return guarded("sha256", [&]() -> json {
    auto msg = crypto::from_hex(message_hex);
    if (!msg) return bad_hex("message");
    return json{{"ok", true}, {"sha256", crypto::hex(crypto::view(crypto::sha256(*msg)))}};
  });
}

json api_sha256_text(std::string_view text) {
  return guarded("sha256", [&]() -> json {
    return json{{"ok", true}, {"sha256", crypto::hex(crypto::view(crypto::sha256(text)))}};
  });
}

std::string json_text(const json& value, int indent) {
  return value.dump(indent, ' ', false, json::error_handler_t::replace);
}

json api_answers_from_xlsx(std::string_view xlsx_bytes) {
  return guarded("answers_from_xlsx", [&]() -> json { return answers_from_xlsx(xlsx_bytes); });
}

json api_template_from_sheet(std::string_view file_bytes, const std::string& name) {
  return guarded("template_from_sheet", [&]() -> json { return template_from_sheet_file(file_bytes, name); });
}

json api_verify_submission(std::string_view envelope_json, std::string_view registry_json) {
  return guarded("verify_submission", [&]() -> json {
    SubmissionCheck c = check_submission(envelope_json, [](const std::string& id, const std::string&, const std::string&) {
      return builtin_template(id);
    });
    if (!c.signing_input.empty() && !crypto::ed25519_verify(c.signing_input, c.signature, c.public_key))
      c.findings.push_back(Finding{"jws.bad_signature", Severity::kError, "/jws/signature",
                                   "签名无效：内容在签名后被改动，或签名不属于该公钥",
                                   "invalid signature: the content changed after signing, or the key did not sign it"});
    if (!registry_json.empty() && !c.signing_input.empty())
      for (auto& f : check_registry(c, registry_json)) c.findings.push_back(f);
    json out = {{"ok", c.findings.empty()}, {"findings", findings_to_json(c.findings)}, {"kid", c.kid}};
    if (c.findings.empty()) {
      out["total"] = c.submission["result"]["total"];
      out["grade"] = c.submission["result"]["grade"];
    }
    return out;
  });
}

}  // namespace selfeval
