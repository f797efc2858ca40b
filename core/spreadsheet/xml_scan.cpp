#include "xml_scan.hpp"

#include <cstdint>

namespace selfeval::spreadsheet {
namespace {

std::string local_name(std::string_view qname) {
  auto colon = qname.find(':');
  return std::string(colon == std::string_view::npos ? qname : qname.substr(colon + 1));
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the five named entities and numeric references; false on anything else.
bool decode(std::string_view raw, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '&') {
      out.push_back(raw[i]);
      continue;
    }
    auto semi = raw.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) return false;
    std::string_view ent = raw.substr(i + 1, semi - i - 1);
    if (ent == "amp") out.push_back('&');
    else if (ent == "lt") out.push_back('<');
    else if (ent == "gt") out.push_back('>');
    else if (ent == "quot") out.push_back('"');
    else if (ent == "apos") out.push_back('\'');
    else if (ent.size() > 1 && ent[0] == '#') {
      std::uint32_t cp = 0;
      bool hex = ent[1] == 'x' || ent[1] == 'X';
      std::size_t start = hex ? 2 : 1;
      if (start >= ent.size()) return false;
      for (std::size_t k = start; k < ent.size(); ++k) {
        char c = ent[k];
        int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return false;
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
        if (cp > 0x10FFFF) return false;
      }
      if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
      append_utf8(out, cp);
    } else {
      return false;
    }
    i = semi;
  }
  return true;
}

}  // namespace

XmlScanner::Event XmlScanner::fail(const char* why) {
  error_ = why;
  return Event::kError;
}

std::string XmlScanner::attr(std::string_view local) const {
  auto it = attrs_.find(local);
  return it == attrs_.end() ? std::string() : it->second;
}

XmlScanner::Event XmlScanner::next() {
  if (pending_end_) {
    pending_end_ = false;
    return Event::kEnd;
  }
  for (;;) {
    if (pos_ >= xml_.size()) return Event::kDone;
    if (xml_[pos_] != '<') {
      auto lt = xml_.find('<', pos_);
      if (lt == std::string_view::npos) lt = xml_.size();
      if (!decode(xml_.substr(pos_, lt - pos_), text_)) return fail("bad entity");
      pos_ = lt;
      return Event::kText;
    }
    std::string_view rest = xml_.substr(pos_);
    if (rest.substr(0, 4) == "<!--") {
      auto end = xml_.find("-->", pos_ + 4);
      if (end == std::string_view::npos) return fail("unterminated comment");
      pos_ = end + 3;
      continue;
    }
    if (rest.substr(0, 9) == "<![CDATA[") {
      auto end = xml_.find("]]>", pos_ + 9);
      if (end == std::string_view::npos) return fail("unterminated CDATA");
      text_.assign(xml_.substr(pos_ + 9, end - pos_ - 9));
      pos_ = end + 3;
      return Event::kText;
    }
    if (rest.substr(0, 2) == "<!") return fail("DTDs are not accepted");
    if (rest.substr(0, 2) == "<?") {
      auto end = xml_.find("?>", pos_ + 2);
      if (end == std::string_view::npos) return fail("unterminated declaration");
      pos_ = end + 2;
      continue;
    }
    // A tag: scan to its '>' outside quoted attribute values.
    std::size_t i = pos_ + 1;
    bool closing = i < xml_.size() && xml_[i] == '/';
    if (closing) ++i;
    std::size_t name_start = i;
    while (i < xml_.size() && xml_[i] != '>' && xml_[i] != '/' && xml_[i] != ' ' && xml_[i] != '\t' &&
           xml_[i] != '\n' && xml_[i] != '\r')
      ++i;
    if (i == name_start) return fail("empty tag name");
    name_ = local_name(xml_.substr(name_start, i - name_start));
    attrs_.clear();
    for (;;) {
      while (i < xml_.size() && (xml_[i] == ' ' || xml_[i] == '\t' || xml_[i] == '\n' || xml_[i] == '\r')) ++i;
      if (i >= xml_.size()) return fail("unterminated tag");
      if (xml_[i] == '>') {
        pos_ = i + 1;
        return closing ? Event::kEnd : Event::kStart;
      }
      if (xml_[i] == '/' && i + 1 < xml_.size() && xml_[i + 1] == '>') {
        if (closing) return fail("bad end tag");
        pos_ = i + 2;
        pending_end_ = true;
        return Event::kStart;
      }
      if (closing) return fail("bad end tag");
      std::size_t an = i;
      while (i < xml_.size() && xml_[i] != '=' && xml_[i] != '>' && xml_[i] != ' ') ++i;
      if (i >= xml_.size() || xml_[i] != '=') return fail("bad attribute");
      std::string key = local_name(xml_.substr(an, i - an));
      ++i;
      if (i >= xml_.size() || (xml_[i] != '"' && xml_[i] != '\'')) return fail("unquoted attribute");
      char q = xml_[i++];
      auto end = xml_.find(q, i);
      if (end == std::string_view::npos) return fail("unterminated attribute");
      std::string value;
      if (!decode(xml_.substr(i, end - i), value)) return fail("bad entity");
      attrs_[key] = std::move(value);
      i = end + 1;
    }
  }
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // Control characters other than tab/newline are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') out += ' ';
        else out.push_back(c);
    }
  }
  return out;
}

}  // namespace selfeval::spreadsheet
