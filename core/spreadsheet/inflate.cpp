#include "inflate.hpp"

#include <array>
#include <cstdint>

namespace selfeval::spreadsheet {
namespace {

// Canonical Huffman decoding table (RFC 1951 §3.2.2): counts per code length and the
// symbols sorted by code.
struct Huffman {
  std::array<std::uint16_t, 16> count{};
  std::array<std::uint16_t, 320> symbol{};
};

class BitReader {
 public:
  explicit BitReader(std::string_view d) : data_(d) {}
  // -1 past the end of input.
  int bit() {
    if (pos_ >= data_.size()) return -1;
    int b = (static_cast<unsigned char>(data_[pos_]) >> bit_) & 1;
    if (++bit_ == 8) {
      bit_ = 0;
      ++pos_;
    }
    return b;
  }
  // `n` bits, least significant first; -1 past the end.
  long bits(int n) {
    long v = 0;
    for (int i = 0; i < n; ++i) {
      int b = bit();
      if (b < 0) return -1;
      v |= static_cast<long>(b) << i;
    }
    return v;
  }
  void align() {
    if (bit_ != 0) {
      bit_ = 0;
      ++pos_;
    }
  }
  std::size_t pos() const { return pos_; }
  void skip(std::size_t n) { pos_ += n; }
  std::string_view data() const { return data_; }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  int bit_ = 0;
};

// Builds a table from code lengths; false when the lengths over-subscribe the code.
bool build(Huffman& h, const std::uint8_t* lengths, int n) {
  h.count.fill(0);
  for (int i = 0; i < n; ++i) h.count[lengths[i]]++;
  h.count[0] = 0;
  int left = 1;
  for (int len = 1; len < 16; ++len) {
    left <<= 1;
    left -= h.count[len];
    if (left < 0) return false;
  }
  std::array<std::uint16_t, 16> offs{};
  for (int len = 1; len < 15; ++len) offs[len + 1] = offs[len] + h.count[len];
  for (int i = 0; i < n; ++i)
    if (lengths[i] != 0) h.symbol[offs[lengths[i]]++] = static_cast<std::uint16_t>(i);
  return true;
}

// One symbol; -1 on end of input or an unused code.
int decode(BitReader& in, const Huffman& h) {
  int code = 0, first = 0, index = 0;
  for (int len = 1; len < 16; ++len) {
    int b = in.bit();
    if (b < 0) return -1;
    code |= b;
    int count = h.count[len];
    if (code - count < first) return h.symbol[index + (code - first)];
    index += count;
    first += count;
    first <<= 1;
    code <<= 1;
  }
  return -1;
}

constexpr std::array<std::uint16_t, 29> kLengthBase = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                                       31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<std::uint8_t, 29> kLengthExtra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                       2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::array<std::uint16_t, 30> kDistBase = {1,   2,   3,   4,   5,   7,    9,    13,   17,   25,
                                                     33,  49,  65,  97,  129, 193,  257,  385,  513,  769,
                                                     1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::array<std::uint8_t, 30> kDistExtra = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                                     6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

class Inflater {
 public:
  Inflater(std::string_view data, std::size_t max_output) : in_(data), max_(max_output) {}

  std::optional<std::string> run(std::string& error) {
    for (;;) {
      long last = in_.bits(1), type = in_.bits(2);
      if (last < 0 || type < 0) return fail(error, "truncated block header");
      bool ok = type == 0 ? stored(error) : type == 1 ? fixed(error) : type == 2 ? dynamic(error) : false;
      if (!ok) {
        if (error.empty()) error = "invalid block type";
        return std::nullopt;
      }
      if (last == 1) return std::move(out_);
    }
  }

 private:
  std::optional<std::string> fail(std::string& error, const char* why) {
    error = why;
    return std::nullopt;
  }

  bool stored(std::string& error) {
    in_.align();
    std::string_view d = in_.data();
    std::size_t p = in_.pos();
    if (p + 4 > d.size()) return (error = "truncated stored block", false);
    unsigned len = static_cast<unsigned char>(d[p]) | (static_cast<unsigned char>(d[p + 1]) << 8);
    unsigned nlen = static_cast<unsigned char>(d[p + 2]) | (static_cast<unsigned char>(d[p + 3]) << 8);
    if ((len ^ 0xFFFFu) != nlen) return (error = "stored block length check failed", false);
    if (p + 4 + len > d.size()) return (error = "truncated stored block", false);
    if (out_.size() + len > max_) return (error = "output too large", false);
    out_.append(d.substr(p + 4, len));
    in_.skip(4 + len);
    return true;
  }

  bool fixed(std::string& error) {
    static const auto tables = [] {
      std::array<std::uint8_t, 320> l{};
      int i = 0;
      for (; i < 144; ++i) l[i] = 8;
      for (; i < 256; ++i) l[i] = 9;
      for (; i < 280; ++i) l[i] = 7;
      for (; i < 288; ++i) l[i] = 8;
      std::pair<Huffman, Huffman> t;
      build(t.first, l.data(), 288);
      for (i = 0; i < 30; ++i) l[i] = 5;
      build(t.second, l.data(), 30);
      return t;
    }();
    return codes(tables.first, tables.second, error);
  }

  bool dynamic(std::string& error) {
    long hlit = in_.bits(5), hdist = in_.bits(5), hclen = in_.bits(4);
    if (hlit < 0 || hdist < 0 || hclen < 0) return (error = "truncated header", false);
    hlit += 257;
    hdist += 1;
    hclen += 4;
    if (hlit > 286 || hdist > 30) return (error = "bad code counts", false);
    static constexpr std::array<std::uint8_t, 19> order = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    std::array<std::uint8_t, 320> lengths{};
    for (int i = 0; i < hclen; ++i) {
      long v = in_.bits(3);
      if (v < 0) return (error = "truncated header", false);
      lengths[order[i]] = static_cast<std::uint8_t>(v);
    }
    Huffman lencode;
    if (!build(lencode, lengths.data(), 19)) return (error = "bad code-length code", false);
    int index = 0;
    lengths.fill(0);
    while (index < hlit + hdist) {
      int sym = decode(in_, lencode);
      if (sym < 0) return (error = "bad code lengths", false);
      if (sym < 16) {
        lengths[index++] = static_cast<std::uint8_t>(sym);
        continue;
      }
      std::uint8_t len = 0;
      long rep;
      if (sym == 16) {
        if (index == 0) return (error = "repeat with no previous length", false);
        len = lengths[index - 1];
        rep = in_.bits(2) + 3;
      } else if (sym == 17) {
        rep = in_.bits(3) + 3;
      } else {
        rep = in_.bits(7) + 11;
      }
      if (rep < 3 || index + rep > hlit + hdist) return (error = "too many code lengths", false);
      while (rep-- > 0) lengths[index++] = len;
    }
    if (lengths[256] == 0) return (error = "no end-of-block code", false);
    Huffman lit, dist;
    if (!build(lit, lengths.data(), static_cast<int>(hlit))) return (error = "bad literal code", false);
    if (!build(dist, lengths.data() + hlit, static_cast<int>(hdist))) return (error = "bad distance code", false);
    return codes(lit, dist, error);
  }

  bool codes(const Huffman& lit, const Huffman& dist, std::string& error) {
    for (;;) {
      int sym = decode(in_, lit);
      if (sym < 0) return (error = "bad literal/length code", false);
      if (sym < 256) {
        if (out_.size() >= max_) return (error = "output too large", false);
        out_.push_back(static_cast<char>(sym));
        continue;
      }
      if (sym == 256) return true;
      sym -= 257;
      if (sym >= 29) return (error = "bad length symbol", false);
      long extra = in_.bits(kLengthExtra[sym]);
      if (extra < 0) return (error = "truncated length", false);
      std::size_t len = kLengthBase[sym] + static_cast<std::size_t>(extra);
      int ds = decode(in_, dist);
      if (ds < 0 || ds >= 30) return (error = "bad distance symbol", false);
      long dextra = in_.bits(kDistExtra[ds]);
      if (dextra < 0) return (error = "truncated distance", false);
      std::size_t d = kDistBase[ds] + static_cast<std::size_t>(dextra);
      if (d > out_.size()) return (error = "distance too far back", false);
      if (out_.size() + len > max_) return (error = "output too large", false);
      std::size_t from = out_.size() - d;
      for (std::size_t i = 0; i < len; ++i) out_.push_back(out_[from + i]);
    }
  }

  BitReader in_;
  std::size_t max_;
  std::string out_;
};

}  // namespace

std::optional<std::string> inflate_raw(std::string_view data, std::size_t max_output, std::string& error) {
  error.clear();
  return Inflater(data, max_output).run(error);
}

}  // namespace selfeval::spreadsheet
