// A small pull scanner for the XML inside .xlsx parts: tags with attributes and text,
// entities decoded, namespace prefixes dropped. Refuses DTDs (no entity expansion).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace selfeval::spreadsheet {

class XmlScanner {
 public:
  enum class Event { kStart, kEnd, kText, kDone, kError };

  explicit XmlScanner(std::string_view xml) : xml_(xml) {}
  /// The next event; a self-closing tag yields kStart then kEnd.
  Event next();
  /// The local name of the current tag (prefix removed).
  const std::string& name() const { return name_; }
  /// An attribute of the current start tag by local name ("" when absent).
  std::string attr(std::string_view local) const;
  /// The decoded text of the current kText event.
  const std::string& text() const { return text_; }
  const std::string& error() const { return error_; }

 private:
  Event fail(const char* why);
  std::string_view xml_;
  std::size_t pos_ = 0;
  bool pending_end_ = false;
  std::string name_, text_, error_;
  std::map<std::string, std::string, std::less<>> attrs_;
};

/// Escapes text for XML content and attribute values.
std::string xml_escape(std::string_view text);

}  // namespace selfeval::spreadsheet
