#include "base/finding.hpp"

namespace selfeval {

std::string Finding::message() const { return message_zh + " (" + message_en + ")"; }

nlohmann::json Finding::to_json() const {
  nlohmann::json j = {{"code", code},
                      {"severity", severity_name(severity)},
                      {"path", path},
                      {"message", message()},
                      {"message_zh", message_zh},
                      {"message_en", message_en}};
  if (!indicator.empty()) j["indicator"] = indicator;
  return j;
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "error";
}

void FindingCounts::add(const Findings& findings) {
  for (const auto& f : findings) {
    if (f.severity == Severity::kError)
      ++errors;
    else if (f.severity == Severity::kWarning)
      ++warnings;
    else
      ++infos;
  }
}

const std::vector<std::string>& pending_codes() {
  static const std::vector<std::string> codes = {"unit.field_missing",
                                                 "actual.missing",
                                                 "actual.part_missing",
                                                 "score.missing",
                                                 "choice.missing",
                                                 "occurrences.missing",
                                                 "budget.missing",
                                                 "qualitative.tier_missing",
                                                 "qualitative.score_missing",
                                                 "timeliness.actual_date_missing",
                                                 "timeliness.dates_missing",
                                                 "satisfaction.survey_missing",
                                                 "category.missing_first_level",
                                                 "monitoring.outcome_missing"};
  return codes;
}

nlohmann::json FindingCounts::to_json() const {
  return {{"error", errors}, {"warning", warnings}, {"info", infos}};
}

bool has_error(const Findings& findings) {
  for (const auto& f : findings)
    if (f.severity == Severity::kError) return true;
  return false;
}

nlohmann::json findings_to_json(const Findings& findings) {
  auto out = nlohmann::json::array();
  for (const auto& f : findings) out.push_back(f.to_json());
  return out;
}

std::string json_pointer_append(const std::string& base, const std::string& token) {
  std::string out = base + "/";
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string json_pointer_append(const std::string& base, std::size_t index) {
  return base + "/" + std::to_string(index);
}

}  // namespace selfeval
