// Embind declarations only: the JS surface of the core. No logic lives here; every
// method forwards to the core and hands JSON text across.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "api.hpp"
#include "forms/builtin_templates.hpp"
#include "review/review_session.hpp"
#include "session/form_session.hpp"
#include "signing/registry_editor.hpp"

namespace {

using emscripten::val;
using selfeval::json_text;

// Bytes cross as Uint8Array (a copy), never as strings: .xlsx files are binary.
val to_bytes(const std::string& s) {
  return val::global("Uint8Array")
      .new_(emscripten::typed_memory_view(s.size(),
                                          reinterpret_cast<const unsigned char*>(s.data())));
}
// One bulk copy into the string's own memory (element by element took seconds for a 40 MB file).
std::string from_bytes(const val& array) {
  std::string s(array["length"].as<std::size_t>(), '\0');
  val(emscripten::typed_memory_view(s.size(), reinterpret_cast<unsigned char*>(s.data())))
      .call<void>("set", array);
  return s;
}

// Stateless entry points: target parsing, template checks, whole-form scoring.
class Engine {
 public:
  std::string version() const { return selfeval::engine_version(); }
  std::string parseTarget(const std::string& text, const std::string& direction) const {
    return json_text(selfeval::api_parse_target(text, direction));
  }
  std::string parseTargetTable(const std::string& table_json) const {
    return json_text(selfeval::api_parse_target_table(table_json));
  }
  std::string checkTemplate(const std::string& template_json) const {
    return json_text(selfeval::api_check_template(template_json));
  }
  // indent: -1 for compact JSON, 2 for the layout of the CLI and the goldens.
  std::string score(const std::string& template_json, const std::string& answers_json,
                    const std::string& declaration_json, int indent) const {
    return json_text(selfeval::api_score(template_json, answers_json, declaration_json), indent);
  }
  std::string canonicalize(const std::string& json) const {
    return json_text(selfeval::api_canonicalize(json));
  }
  std::string ed25519Keypair(const std::string& seed_hex) const {
    return json_text(selfeval::api_ed25519_keypair(seed_hex));
  }
  std::string ed25519Sign(const std::string& seed_hex, const std::string& message_hex) const {
    return json_text(selfeval::api_ed25519_sign(seed_hex, message_hex));
  }
  std::string ed25519Verify(const std::string& pk_hex, const std::string& message_hex,
                            const std::string& sig_hex) const {
    return json_text(selfeval::api_ed25519_verify(pk_hex, message_hex, sig_hex));
  }
  std::string sha256(const std::string& message_hex) const {
    return json_text(selfeval::api_sha256(message_hex));
  }
  std::string sha256Text(const std::string& text) const {
    return json_text(selfeval::api_sha256_text(text));
  }
  std::string createKeyFile(const std::string& unit, const std::string& passphrase,
                            const std::string& created) const {
    return json_text(selfeval::api_create_key_file(unit, passphrase, created));
  }
  std::string keyInfo(const std::string& key_file) const {
    return json_text(selfeval::api_key_info(key_file));
  }
  std::string sm3(const std::string& message_hex) const {
    return json_text(selfeval::api_sm3(message_hex));
  }
  std::string createSm2KeyFile(const std::string& unit, const std::string& passphrase,
                               const std::string& created, const std::string& private_hex,
                               const std::string& public_hex) const {
    return json_text(
        selfeval::api_create_sm2_key_file(unit, passphrase, created, private_hex, public_hex));
  }
  std::string prepareSm2Submission(const std::string& tmpl, const std::string& answers,
                                   const std::string& created,
                                   const std::string& public_hex) const {
    return json_text(selfeval::api_prepare_sm2_submission(tmpl, answers, created, public_hex));
  }
  std::string sealSubmission(const std::string& prepared, const std::string& signature_hex) const {
    return json_text(selfeval::api_seal_submission(prepared, signature_hex));
  }
  std::string builtinTemplates() const { return json_text(selfeval::builtin_template_list()); }
  std::string builtinTemplate(const std::string& id) const {
    return selfeval::builtin_template(id);
  }
  std::string verifySubmission(const std::string& envelope, const std::string& registry,
                               const std::string& at) const {
    return json_text(selfeval::api_verify_submission(envelope, registry, at));
  }
  std::string carry(const std::string& from, const std::string& to_template) const {
    return json_text(selfeval::api_carry(from, to_template));
  }
  std::string reviewDraft(const std::string& unit_file, const std::string& declaration,
                          const std::string& sheet) const {
    return json_text(selfeval::api_review_draft(unit_file, declaration, sheet));
  }
  std::string answersFromXlsx(const val& bytes) const {
    return json_text(selfeval::api_answers_from_xlsx(from_bytes(bytes)));
  }
  std::string templateFromSheet(const val& bytes, const std::string& name) const {
    return json_text(selfeval::api_template_from_sheet(from_bytes(bytes), name));
  }
  std::string registryDescribe(const std::string& registry) const {
    return json_text(selfeval::registry_describe(registry));
  }
  std::string registryKeyFrom(const std::string& sent) const {
    return json_text(selfeval::registry_key_from(sent));
  }
  std::string registryAdd(const std::string& registry, const std::string& sent,
                          const std::string& entry_json) const {
    const auto e = nlohmann::json::parse(entry_json, nullptr, false);
    selfeval::KeyEntryInput in;
    auto text = [&](const char* k, const char* fallback) {
      return e.is_object() && e.contains(k) && e[k].is_string() ? e[k].get<std::string>()
                                                                : std::string(fallback);
    };
    in.unit = text("unit", "");
    in.role = text("role", "unit");
    in.valid_from = text("valid_from", "");
    in.valid_to = text("valid_to", "");
    in.registered = text("registered", "");
    in.note = text("note", "");
    return json_text(selfeval::registry_add(registry, sent, in));
  }
  std::string registrySetValidity(const std::string& registry, const std::string& kid,
                                  const std::string& from, const std::string& to) const {
    return json_text(selfeval::registry_set_validity(registry, kid, from, to));
  }
  std::string registryRevoke(const std::string& registry, const std::string& kid,
                             const std::string& note) const {
    return json_text(selfeval::registry_revoke(registry, kid, note));
  }
};

// The bureau's workbench (core/review/review_session.hpp), one per batch of files.
class Review {
 public:
  std::string setRegistry(const std::string& text) { return json_text(r_.set_registry(text)); }
  std::string setTime(const std::string& text) { return json_text(r_.set_time(text)); }
  std::string setTemplates(const std::string& files) {
    return json_text(r_.set_templates(nlohmann::json::parse(files, nullptr, false)));
  }
  void setRejectErrors(bool on) { r_.set_reject_errors(on); }
  void setThresholds(const std::string& t) {
    r_.set_thresholds(nlohmann::json::parse(t, nullptr, false));
  }
  std::string add(const std::string& name, const val& bytes) {
    return json_text(r_.add(name, from_bytes(bytes)));
  }
  std::string addQuiet(const std::string& name, const val& bytes) {
    return json_text(r_.add_quiet(name, from_bytes(bytes)));
  }
  std::string answerSignature(bool valid) { return json_text(r_.answer_signature(valid)); }
  val pendingMessage() const { return to_bytes(std::string(r_.pending_message())); }
  std::string addUnreadable(const std::string& name, const std::string& why) {
    return json_text(r_.add_unreadable(name, why));
  }
  std::string settle() { return json_text(r_.settle()); }
  void clear() { r_.clear(); }
  int size() const { return static_cast<int>(r_.size()); }
  std::string detail(int index) const {
    return json_text(r_.detail(index < 0 ? r_.size() : static_cast<std::size_t>(index)));
  }
  std::string charts() const { return json_text(r_.charts()); }
  std::string sample(const std::string& params) const {
    return json_text(r_.sample(nlohmann::json::parse(params, nullptr, false)));
  }
  val summaryXlsx() const { return to_bytes(r_.summary_xlsx()); }
  val summaryCsv() const { return to_bytes(r_.summary_csv()); }

 private:
  selfeval::ReviewSession r_;
};

// A form being filled in (core/form_session.hpp), one per open form.
class Session {
 public:
  std::string loadTemplate(const std::string& t) { return json_text(s_.load_template(t)); }
  std::string loadBuiltin(const std::string& id) { return json_text(s_.load_builtin(id)); }
  std::string loadAnswers(const std::string& a) { return json_text(s_.load_answers(a)); }
  std::string setDeclaration(const std::string& d) { return json_text(s_.set_declaration(d)); }
  std::string describe() const { return s_.describe_text(); }
  std::string result() const { return json_text(s_.result()); }
  std::string overview() const { return s_.overview_text(); }
  std::string answers() const { return json_text(s_.answers()); }
  std::string setValue(const std::string& id, const std::string& field, const std::string& text) {
    return json_text(s_.set_value(id, field, text));
  }
  std::string setUnit(const std::string& field, const std::string& text) {
    return json_text(s_.set_unit(field, text));
  }
  std::string setBudget(const std::string& row, const std::string& column,
                        const std::string& text) {
    return json_text(s_.set_budget(row, column, text));
  }
  std::string setText(const std::string& key, const std::string& text) {
    return json_text(s_.set_text(key, text));
  }
  std::string addIndicator(const std::string& parent, const std::string& name) {
    return json_text(s_.add_indicator(parent, name));
  }
  std::string updateIndicator(const std::string& id, const std::string& field,
                              const std::string& text) {
    return json_text(s_.update_indicator(id, field, text));
  }
  std::string removeIndicator(const std::string& id) { return json_text(s_.remove_indicator(id)); }
  std::string discardSuggestion(const std::string& id, const std::string& zh) {
    return json_text(s_.discard_suggestion(id, zh));
  }
  std::string reviewOpinion() const { return json_text(s_.review_opinion()); }
  std::string moveIndicator(const std::string& id, int delta) {
    return json_text(s_.move_indicator(id, delta));
  }
  std::string importDeclaration(const std::string& d) {
    return json_text(s_.import_declaration(d));
  }
  std::string sign(const std::string& key_file, const std::string& passphrase,
                   const std::string& created) const {
    return json_text(s_.sign(key_file, passphrase, created));
  }
  std::string signPrepare(const std::string& key_file, const std::string& passphrase,
                          const std::string& created) const {
    return json_text(s_.sign_prepare(key_file, passphrase, created));
  }
  std::string report() const { return json_text(s_.report()); }
  val exportXlsx() const { return to_bytes(s_.export_xlsx()); }
  // Bytes: decoding to a JS string would drop the byte-order mark Excel needs.
  val exportCsv() const { return to_bytes(s_.export_csv()); }
  std::string fileName(const std::string& kind) const { return s_.file_name(kind); }

 private:
  selfeval::FormSession s_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(selfeval) {
  emscripten::class_<Engine>("Engine")
      .constructor<>()
      .function("version", &Engine::version)
      .function("parseTarget", &Engine::parseTarget)
      .function("parseTargetTable", &Engine::parseTargetTable)
      .function("checkTemplate", &Engine::checkTemplate)
      .function("score", &Engine::score)
      .function("canonicalize", &Engine::canonicalize)
      .function("ed25519Keypair", &Engine::ed25519Keypair)
      .function("ed25519Sign", &Engine::ed25519Sign)
      .function("ed25519Verify", &Engine::ed25519Verify)
      .function("sha256", &Engine::sha256)
      .function("sha256Text", &Engine::sha256Text)
      .function("createKeyFile", &Engine::createKeyFile)
      .function("keyInfo", &Engine::keyInfo)
      .function("sm3", &Engine::sm3)
      .function("createSm2KeyFile", &Engine::createSm2KeyFile)
      .function("prepareSm2Submission", &Engine::prepareSm2Submission)
      .function("sealSubmission", &Engine::sealSubmission)
      .function("builtinTemplates", &Engine::builtinTemplates)
      .function("builtinTemplate", &Engine::builtinTemplate)
      .function("verifySubmission", &Engine::verifySubmission)
      .function("carry", &Engine::carry)
      .function("reviewDraft", &Engine::reviewDraft)
      .function("answersFromXlsx", &Engine::answersFromXlsx)
      .function("templateFromSheet", &Engine::templateFromSheet)
      .function("registryDescribe", &Engine::registryDescribe)
      .function("registryKeyFrom", &Engine::registryKeyFrom)
      .function("registryAdd", &Engine::registryAdd)
      .function("registrySetValidity", &Engine::registrySetValidity)
      .function("registryRevoke", &Engine::registryRevoke);
  emscripten::class_<Review>("Review")
      .constructor<>()
      .function("setRegistry", &Review::setRegistry)
      .function("setTime", &Review::setTime)
      .function("setTemplates", &Review::setTemplates)
      .function("setRejectErrors", &Review::setRejectErrors)
      .function("setThresholds", &Review::setThresholds)
      .function("add", &Review::add)
      .function("addQuiet", &Review::addQuiet)
      .function("answerSignature", &Review::answerSignature)
      .function("pendingMessage", &Review::pendingMessage)
      .function("addUnreadable", &Review::addUnreadable)
      .function("settle", &Review::settle)
      .function("clear", &Review::clear)
      .function("size", &Review::size)
      .function("detail", &Review::detail)
      .function("charts", &Review::charts)
      .function("sample", &Review::sample)
      .function("summaryXlsx", &Review::summaryXlsx)
      .function("summaryCsv", &Review::summaryCsv);
  emscripten::class_<Session>("Session")
      .constructor<>()
      .function("loadTemplate", &Session::loadTemplate)
      .function("loadBuiltin", &Session::loadBuiltin)
      .function("loadAnswers", &Session::loadAnswers)
      .function("setDeclaration", &Session::setDeclaration)
      .function("describe", &Session::describe)
      .function("result", &Session::result)
      .function("overview", &Session::overview)
      .function("answers", &Session::answers)
      .function("setValue", &Session::setValue)
      .function("setUnit", &Session::setUnit)
      .function("setBudget", &Session::setBudget)
      .function("setText", &Session::setText)
      .function("addIndicator", &Session::addIndicator)
      .function("updateIndicator", &Session::updateIndicator)
      .function("removeIndicator", &Session::removeIndicator)
      .function("discardSuggestion", &Session::discardSuggestion)
      .function("reviewOpinion", &Session::reviewOpinion)
      .function("moveIndicator", &Session::moveIndicator)
      .function("importDeclaration", &Session::importDeclaration)
      .function("sign", &Session::sign)
      .function("signPrepare", &Session::signPrepare)
      .function("report", &Session::report)
      .function("exportXlsx", &Session::exportXlsx)
      .function("exportCsv", &Session::exportCsv)
      .function("fileName", &Session::fileName);
}
