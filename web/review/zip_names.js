/* Names of .zip entries as the tool that made the archive meant them. An entry whose name is
   UTF-8 says so with flag bit 11; Windows' own "压缩" and older Chinese tools set no flag and
   write the name in the system code page, GBK (a subset of GB18030). fflate decodes a name
   without the flag byte for byte (each byte one character), so such names came out garbled.
   zipNames(file) reads the archive's central directory (its last 64 KB hold where it is) and
   gives, for every entry without the flag and with a byte above 0x7F, fflate's byte-for-byte
   name → the name decoded: as UTF-8 when the bytes are valid UTF-8 (tools that write UTF-8
   without the flag, as macOS does; Chinese text in GB18030 practically never is), otherwise as
   GB18030 (the rule of core/base/text_encoding for text files); a name that is neither stays
   as fflate read it. Only lengths and offsets are read here, each checked against the bytes
   at hand; an archive whose directory cannot be found (damaged, or ZIP64) keeps fflate's
   names. Works on a File or Blob (slice + arrayBuffer), in the worker and in node. */
var zipNames = (function () {
  'use strict';
  var EOCD = 0x06054b50, CENTRAL = 0x02014b50, UTF8_FLAG = 0x800;
  function decoder(label) {
    try { return new TextDecoder(label, { fatal: true }); } catch (e) { return null; }
  }
  var utf8 = decoder('utf-8'), gb18030 = decoder('gb18030');
  function bytewise(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return s;
  }
  function decoded(bytes) {
    var tries = [utf8, gb18030];
    for (var k = 0; k < tries.length; k++) {
      if (!tries[k]) continue;
      try { return tries[k].decode(bytes); } catch (e) { /* not this encoding */ }
    }
    return null;
  }
  function highByte(bytes) {
    for (var i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return true;
    return false;
  }
  // The central directory's entries: {fflate's name: decoded name} for the unflagged ones.
  function fromDirectory(buf) {
    var v = new DataView(buf), out = {}, at = 0;
    while (at + 46 <= buf.byteLength && v.getUint32(at, true) === CENTRAL) {
      var flags = v.getUint16(at + 8, true), n = v.getUint16(at + 28, true);
      var next = at + 46 + n + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
      if (next > buf.byteLength) break;
      var raw = new Uint8Array(buf, at + 46, n);
      if (!(flags & UTF8_FLAG) && highByte(raw)) {
        var name = decoded(raw);
        if (name !== null) out[bytewise(raw)] = name;
      }
      at = next;
    }
    return out;
  }
  return function (file) {
    var size = file.size, tail = Math.min(size, 22 + 0xffff);
    return file.slice(size - tail, size).arrayBuffer().then(function (buf) {
      var v = new DataView(buf), end = -1;
      for (var i = buf.byteLength - 22; i >= 0; i--) if (v.getUint32(i, true) === EOCD) { end = i; break; }
      if (end < 0) return {};
      var dirSize = v.getUint32(end + 12, true), dirAt = v.getUint32(end + 16, true);
      if (dirAt === 0xffffffff || dirAt + dirSize > size) return {};
      return file.slice(dirAt, dirAt + dirSize).arrayBuffer().then(fromDirectory);
    }).catch(function () { return {}; });
  };
})();
