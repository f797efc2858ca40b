#include "spreadsheet/xls_memory_io.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>

#include "base/text_encoding.hpp"
#include "base/utf8.hpp"

namespace selfeval::spreadsheet {
namespace {

constexpr const char* kPrefix = "selfeval-memory:";

struct Stream {
  std::string_view bytes;
  std::size_t pos = 0;
  bool open = false;
};

std::map<std::string, std::string_view>& files() {
  static std::map<std::string, std::string_view> f;
  return f;
}

// Open streams: a FILE* handed to FreeXL points at one of these.
Stream g_streams[8];
Stream* stream_of(FILE* f) {
  for (auto& s : g_streams)
    if (reinterpret_cast<FILE*>(&s) == f) return &s;
  return nullptr;
}

// The code pages converted by the core: the rest are refused (wasm) or left to the C
// library (natively).
enum class Page { kUtf16, kGbk, kLatin1, kCp1252, kAscii };
struct Converter {
  Page page;
};
Converter g_converters[] = {
    {Page::kUtf16}, {Page::kGbk}, {Page::kLatin1}, {Page::kCp1252}, {Page::kAscii}};
Converter* converter_of(void* cd) {
  for (auto& c : g_converters)
    if (static_cast<void*>(&c) == cd) return &c;
  return nullptr;
}

bool same(const char* a, const char* b) {
  for (; *a && *b; ++a, ++b)
    if ((*a | 0x20) != (*b | 0x20)) return false;
  return *a == *b;
}

// Windows-1252's 0x80–0x9F (0 where undefined).
const char16_t kCp1252[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                              0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                              0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                              0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

std::optional<std::string> convert(Page page, std::string_view in) {
  std::size_t bad = 0;
  switch (page) {
    case Page::kUtf16: {
      std::string bom = "\xFF\xFE";
      auto t = decode_text(bom + std::string(in), bad);
      if (!t) return std::nullopt;
      return std::string(t->utf8);
    }
    case Page::kGbk: {
      // Code page 936 is GBK, a subset of GB18030, plus the euro sign at 0x80.
      std::string out;
      std::size_t start = 0;
      for (std::size_t i = 0; i <= in.size(); ++i) {
        if (i < in.size() && static_cast<unsigned char>(in[i]) != 0x80) {
          if (static_cast<unsigned char>(in[i]) > 0x80) ++i;  // a lead byte and its trail
          continue;
        }
        auto part = gb18030_to_utf8(in.substr(start, i - start), bad);
        if (!part) return std::nullopt;
        out += *part;
        if (i < in.size()) out += "\xE2\x82\xAC";
        start = i + 1;
      }
      return out;
    }
    case Page::kLatin1:
    case Page::kCp1252:
    case Page::kAscii: {
      std::u32string cps;
      for (unsigned char c : in) {
        if (c >= 0x80 && page == Page::kAscii) return std::nullopt;
        char32_t cp = c;
        if (page == Page::kCp1252 && c >= 0x80 && c < 0xA0) {
          cp = kCp1252[c - 0x80];
          if (!cp) return std::nullopt;
        }
        cps.push_back(cp);
      }
      return utf8_encode(cps);
    }
  }
  return std::nullopt;
}

}  // namespace

MemoryFile::MemoryFile(std::string_view bytes) {
  static unsigned long serial = 0;
  path_ = kPrefix + std::to_string(++serial);
  files()[path_] = bytes;
}

MemoryFile::~MemoryFile() { files().erase(path_); }

}  // namespace selfeval::spreadsheet

using selfeval::spreadsheet::Stream;

extern "C" {

FILE* selfeval_xls_fopen(const char* path, const char* mode) {
  using namespace selfeval::spreadsheet;
  if (std::strncmp(path, kPrefix, std::strlen(kPrefix)) != 0) {
    (void)mode;
    errno = ENOENT;
    return nullptr;
  }
  auto it = files().find(path);
  if (it == files().end()) return (errno = ENOENT, nullptr);
  for (auto& s : g_streams)
    if (!s.open) {
      s = Stream{it->second, 0, true};
      return reinterpret_cast<FILE*>(&s);
    }
  errno = EMFILE;
  return nullptr;
}

size_t selfeval_xls_fread(void* buf, size_t size, size_t n, FILE* f) {
  Stream* s = selfeval::spreadsheet::stream_of(f);
  if (!s) return 0;
  if (size == 0 || n == 0) return 0;
  const std::size_t left = s->pos < s->bytes.size() ? s->bytes.size() - s->pos : 0;
  const std::size_t items = std::min(n, left / size);
  std::memcpy(buf, s->bytes.data() + s->pos, items * size);
  s->pos += items * size;
  return items;
}

int selfeval_xls_fseek(FILE* f, long off, int whence) {
  Stream* s = selfeval::spreadsheet::stream_of(f);
  if (!s) return -1;
  long base = whence == SEEK_SET   ? 0
              : whence == SEEK_CUR ? static_cast<long>(s->pos)
                                   : static_cast<long>(s->bytes.size());
  if (off > 0 && base > LONG_MAX - off) return -1;
  const long to = base + off;
  if (to < 0) return (errno = EINVAL, -1);
  s->pos = static_cast<std::size_t>(to);
  return 0;
}

long selfeval_xls_ftell(FILE* f) {
  Stream* s = selfeval::spreadsheet::stream_of(f);
  if (!s) return -1;
  return static_cast<long>(s->pos);
}

void selfeval_xls_rewind(FILE* f) {
  Stream* s = selfeval::spreadsheet::stream_of(f);
  if (!s) return;
  s->pos = 0;
}

int selfeval_xls_fclose(FILE* f) {
  Stream* s = selfeval::spreadsheet::stream_of(f);
  if (!s) return EOF;
  s->open = false;
  return 0;
}

void* selfeval_xls_iconv_open(const char* to, const char* from) {
  using selfeval::spreadsheet::g_converters;
  using selfeval::spreadsheet::same;
  if (same(to, "UTF-8")) {
    if (same(from, "UTF-16LE")) return &g_converters[0];
    if (same(from, "CP936") || same(from, "GBK") || same(from, "GB18030")) return &g_converters[1];
    if (same(from, "ISO-8859-1")) return &g_converters[2];
    if (same(from, "CP1252")) return &g_converters[3];
    if (same(from, "ASCII")) return &g_converters[4];
  }
  errno = EINVAL;
  return reinterpret_cast<void*>(-1);
}

size_t selfeval_xls_iconv(void* cd, char** in, size_t* in_left, char** out, size_t* out_left) {
  auto* c = selfeval::spreadsheet::converter_of(cd);
  if (!c) return (errno = EBADF, static_cast<size_t>(-1));
  if (!in || !*in) return 0;
  // FreeXL passes int lengths: one read from a damaged file can be negative, which arrives here
  // as a huge size_t. Refuse it rather than read past the record.
  if (!out || !*out || *in_left > static_cast<size_t>(INT_MAX) ||
      *out_left > static_cast<size_t>(INT_MAX))
    return (errno = EILSEQ, static_cast<size_t>(-1));
  auto text = selfeval::spreadsheet::convert(c->page, std::string_view(*in, *in_left));
  if (!text) return (errno = EILSEQ, static_cast<size_t>(-1));
  if (text->size() > *out_left) return (errno = E2BIG, static_cast<size_t>(-1));
  std::memcpy(*out, text->data(), text->size());
  *out += text->size();
  *out_left -= text->size();
  *in += *in_left;
  *in_left = 0;
  return 0;
}

int selfeval_xls_iconv_close(void* cd) {
  (void)cd;
  return 0;
}

}  // extern "C"
