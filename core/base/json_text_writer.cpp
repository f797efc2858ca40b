#include "base/json_text_writer.hpp"

#include "base/utf8.hpp"

namespace selfeval {

std::string json_text(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

JsonTextWriter& JsonTextWriter::value(const nlohmann::json& v) {
  comma();
  out_ += json_text(v);
  return *this;
}

void JsonTextWriter::quoted(std::string_view s) {
  if (!utf8_valid(s)) {
    out_ += json_text(nlohmann::json(std::string(s)));
    return;
  }
  static const char* hex = "0123456789abcdef";
  out_ += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        if (c < 0x20) {
          out_ += "\\u00";
          out_ += hex[c >> 4];
          out_ += hex[c & 15];
        } else {
          out_ += ch;
        }
    }
  }
  out_ += '"';
}

}  // namespace selfeval
