// XML parts of .xlsx files read with expat (Debian's libexpat natively, the same source
// built for wasm): a stream of start tags, end tags and text, with namespace prefixes
// dropped. Documents with a DTD are refused (no entity can be declared, none expanded).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace selfeval::spreadsheet {

/// The attributes of a start tag: (local name, value) pairs.
class XmlAttrs {
 public:
  explicit XmlAttrs(const char** raw) : raw_(raw) {}
  /// The value of an attribute by local name ("" when absent).
  std::string_view get(std::string_view local) const;
  bool has(std::string_view local) const;

 private:
  const char** raw_;
};

/// What a parse reports to. A handler returns false to stop the parse (the reason in `stop`).
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual bool start(std::string_view name, const XmlAttrs& attrs) = 0;
  virtual bool end(std::string_view name) = 0;
  virtual bool text(std::string_view chunk) = 0;  ///< may come in pieces
  std::string stop;                               ///< why a handler stopped the parse
};

/// Parses `xml`; false with `error` (naming the line) when it is not well-formed XML, holds a
/// DTD, or a handler stopped.
bool parse_xml(std::string_view xml, XmlHandler& handler, std::string& error);

/// Escapes text for XML content and attribute values.
std::string xml_escape(std::string_view text);

}  // namespace selfeval::spreadsheet
