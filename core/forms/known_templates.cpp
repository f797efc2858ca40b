#include "forms/known_templates.hpp"

#include <fmt/format.h>

#include "base/canonical_json.hpp"
#include "base/crypto.hpp"
#include "base/embedded_files.hpp"
#include "base/json_access.hpp"
#include "base/json_reader.hpp"

namespace selfeval {

std::optional<std::string> template_hash(std::string_view template_json) {
  Canonical c = canonicalize(template_json);
  if (!c.text) return std::nullopt;
  return crypto::base64url(crypto::view(crypto::sha256(*c.text)));
}

std::optional<std::string> template_hash_sm3(std::string_view template_json) {
  Canonical c = canonicalize(template_json);
  if (!c.text) return std::nullopt;
  return crypto::base64url(crypto::view(crypto::sm3(*c.text)));
}

const TemplateLoad& KnownTemplate::load() const {
  if (!load_) load_ = std::make_shared<const TemplateLoad>(load_template(text));
  return *load_;
}

KnownTemplates KnownTemplates::builtin() {
  // The built-in templates are checked by the test suite; they are loaded only when a
  // submission uses them.
  KnownTemplates out;
  for (const auto& f : detail::embedded_files()) {
    if (f.name.rfind("templates/", 0) != 0) continue;
    const nlohmann::json doc = nlohmann::json::parse(f.text, nullptr, false);
    KnownTemplate k;
    k.id = json_str(doc, "id");
    k.version = json_str(doc, "version");
    k.sha256 = template_hash(f.text).value_or("");
    k.sm3 = template_hash_sm3(f.text).value_or("");
    k.origin = "built-in";
    k.text = std::string(f.text);
    out.all_.push_back(std::move(k));
  }
  return out;
}

Findings KnownTemplates::add(std::string_view text, const std::string& origin) {
  auto refuse = [&](const char* code, std::string zh, std::string en) {
    return Findings{Finding{code, Severity::kError, "", fmt::format("模板文件 {}：{}", origin, zh),
                            fmt::format("template file {}: {}", origin, en)}};
  };
  JsonRead r = read_json(text, "模板", "template");
  if (!r.value || !r.value->is_object() || json_str(*r.value, "format") != "selfeval.template.v1")
    return refuse("templates.not_a_template", "不是 selfeval 模板", "not a selfeval template");
  KnownTemplate k;
  k.id = json_str(*r.value, "id");
  k.version = json_str(*r.value, "version");
  k.origin = origin;
  k.text = std::string(text);
  const auto hash = template_hash(text);
  if (!hash) return refuse("templates.not_a_template", "无法规范化", "cannot be canonicalized");
  k.sha256 = *hash;
  k.sm3 = template_hash_sm3(text).value_or("");
  if (const KnownTemplate* same = find(k.id, k.version)) {
    if (same->sha256 == k.sha256) return {};
    return refuse(
        "templates.shadowed",
        fmt::format("与{}的模板“{} {}”同名同版本但内容不同，拒绝使用",
                    same->origin == "built-in" ? "内置" : same->origin, k.id, k.version),
        fmt::format(
            "has the id and version of the {} template \"{} {}\" but other content; refused",
            same->origin, k.id, k.version));
  }
  if (!k.load().tmpl) {
    Findings out =
        refuse("templates.invalid", "模板有错误，拒绝使用", "the template has errors; refused");
    for (const auto& f : k.load().findings)
      if (f.severity == Severity::kError) out.push_back(f);
    return out;
  }
  all_.push_back(std::move(k));
  return {};
}

const KnownTemplate* KnownTemplates::find(const std::string& id, const std::string& version) const {
  for (const auto& k : all_)
    if (k.id == id && k.version == version) return &k;
  return nullptr;
}

}  // namespace selfeval
