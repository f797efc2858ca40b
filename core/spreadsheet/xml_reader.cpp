#include "spreadsheet/xml_reader.hpp"

#include <expat.h>

#include <climits>

namespace selfeval::spreadsheet {
namespace {

std::string_view local_name(const char* qname) {
  std::string_view q(qname);
  const auto colon = q.find(':');
  return colon == std::string_view::npos ? q : q.substr(colon + 1);
}

struct State {
  XML_Parser parser;
  XmlHandler* handler;
  bool dtd = false;
};

void halt(State* s) { XML_StopParser(s->parser, XML_FALSE); }

void on_start(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto* s = static_cast<State*>(data);
  if (!s->handler->start(local_name(name), XmlAttrs(attrs))) halt(s);
}
void on_end(void* data, const XML_Char* name) {
  auto* s = static_cast<State*>(data);
  if (!s->handler->end(local_name(name))) halt(s);
}
void on_text(void* data, const XML_Char* text, int len) {
  auto* s = static_cast<State*>(data);
  if (!s->handler->text(std::string_view(text, static_cast<std::size_t>(len)))) halt(s);
}
void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* s = static_cast<State*>(data);
  s->dtd = true;
  halt(s);
}

}  // namespace

std::string_view XmlAttrs::get(std::string_view local) const {
  for (const char** a = raw_; a && a[0]; a += 2)
    if (local_name(a[0]) == local) return a[1];
  return {};
}

bool XmlAttrs::has(std::string_view local) const {
  for (const char** a = raw_; a && a[0]; a += 2)
    if (local_name(a[0]) == local) return true;
  return false;
}

bool parse_xml(std::string_view xml, XmlHandler& handler, std::string& error) {
  XML_Parser p = XML_ParserCreate(nullptr);
  if (!p) return (error = "out of memory", false);
  State s{p, &handler};
  XML_SetUserData(p, &s);
  XML_SetElementHandler(p, on_start, on_end);
  XML_SetCharacterDataHandler(p, on_text);
  XML_SetStartDoctypeDeclHandler(p, on_doctype);
  XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
  bool ok = true;
  // expat takes int lengths: feed large parts in pieces.
  constexpr std::size_t kChunk = 1u << 24;
  std::size_t at = 0;
  do {
    const std::size_t n = std::min(kChunk, xml.size() - at);
    const bool last = at + n == xml.size();
    if (XML_Parse(p, xml.data() + at, static_cast<int>(n), last ? XML_TRUE : XML_FALSE) !=
        XML_STATUS_OK) {
      ok = false;
      break;
    }
    at += n;
  } while (at < xml.size());
  if (!ok) {
    const auto line = XML_GetCurrentLineNumber(p);
    if (s.dtd)
      error = "DTDs are not accepted";
    else if (!handler.stop.empty())
      error = handler.stop;
    else
      error = std::string(XML_ErrorString(XML_GetErrorCode(p))) + " (line " + std::to_string(line) +
              ")";
  }
  XML_ParserFree(p);
  return ok;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        // Control characters other than tab/newline are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
          out += ' ';
        else
          out.push_back(c);
    }
  }
  return out;
}

}  // namespace selfeval::spreadsheet
