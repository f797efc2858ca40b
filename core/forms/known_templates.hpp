// The templates a verifier knows: the built-in ones and any the bureau adds, each with its
// canonical hash and where it came from. One template per id and version: a second one
// with the same id and version but other content is refused, so a modified copy can never
// stand in for a built-in form.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/finding.hpp"
#include "forms/template_loader.hpp"

namespace selfeval {

struct KnownTemplate {
  std::string id, version, sha256;  ///< sha256: base64url SHA-256 of the canonical (JCS) bytes
  std::string sm3;                  ///< base64url SM3 of the same bytes (the SM2-SM3 profile)
  std::string origin;               ///< "built-in", or the file it came from
  std::string text;
  /// The loaded template; loaded on first use, once.
  const TemplateLoad& load() const;

 private:
  mutable std::shared_ptr<const TemplateLoad> load_;
};

class KnownTemplates {
 public:
  /// Every built-in template, origin "built-in".
  static KnownTemplates builtin();

  /// Adds a template the bureau trusts. Refused (with findings naming `origin`) when it is
  /// not a loadable template, or shadows a known one: same id and version, other content.
  /// The same template twice is accepted once.
  Findings add(std::string_view text, const std::string& origin);

  /// The template of this id and version, or nullptr.
  const KnownTemplate* find(const std::string& id, const std::string& version) const;

  const std::vector<KnownTemplate>& all() const { return all_; }

 private:
  std::vector<KnownTemplate> all_;
};

/// base64url SHA-256 of a template's canonical (JCS) bytes.
std::optional<std::string> template_hash(std::string_view template_json);
/// base64url SM3 of a template's canonical (JCS) bytes (the SM2-SM3 profile's template hash).
std::optional<std::string> template_hash_sm3(std::string_view template_json);

}  // namespace selfeval
