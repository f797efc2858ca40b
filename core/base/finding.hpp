// A finding: one defect or problem, with a stable code, a severity, the JSON path
// it concerns and a message in Chinese with English beside it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace selfeval {

enum class Severity { kError, kWarning, kInfo };

struct Finding {
  std::string code;  ///< stable identifier, e.g. "target.missing_unit"
  Severity severity = Severity::kError;
  std::string path;  ///< JSON Pointer into the document concerned ("" = whole)
  std::string message_zh;
  std::string message_en;
  std::string indicator;  ///< id of the indicator concerned, "" for form-level findings

  /// "中文 (English)", the form shown to people.
  std::string message() const;
  nlohmann::json to_json() const;
};

using Findings = std::vector<Finding>;

/// An error at a JSON Pointer, in Chinese and English (the form every file check reports).
inline Finding error_at(std::string code, std::string path, std::string zh, std::string en) {
  return Finding{std::move(code), Severity::kError, std::move(path),
                 std::move(zh),   std::move(en),    ""};
}

/// "error" / "warning" / "info".
const char* severity_name(Severity s);

/// Whether any finding is an error.
bool has_error(const Findings& findings);

/// How many findings of each severity; added up without copying the findings.
struct FindingCounts {
  int errors = 0;
  int warnings = 0;
  int infos = 0;
  void add(const Findings& findings);
  /// {"error", "warning", "info"}
  nlohmann::json to_json() const;
};

/// Codes of findings that say something is not filled in yet (实际完成值 missing, a header
/// field empty, a category without indicators …) rather than that something is wrong: the
/// page shows them as "still to fill" until the user has been at the field or asks for a check.
const std::vector<std::string>& pending_codes();

/// JSON array of findings.
nlohmann::json findings_to_json(const Findings& findings);

/// Appends a JSON Pointer token, escaping "~" and "/" (RFC 6901).
std::string json_pointer_append(const std::string& base, const std::string& token);
std::string json_pointer_append(const std::string& base, std::size_t index);

}  // namespace selfeval
