/* Starts the engine. The one-file page and the web component carry the wasm gzip'd and
   base64-encoded in SE.WASM_GZ (a third of the plain base64's size after the page's own
   compression); the browser's DecompressionStream unpacks it, or SE.inflateRaw where a
   browser has none. The static site (index.html) has no SE.WASM_GZ: Emscripten loads
   selfeval.wasm next to it. Nothing here fetches anything. */
var SE = window.SE || (window.SE = {});

(function () {
  'use strict';

  /* A performance mark 'selfeval:NAME' (bench/ reads them for the cold start). */
  SE.mark = function (name) { if (window.performance && performance.mark) performance.mark('selfeval:' + name); };

  /* RFC 1951 inflate, for browsers without DecompressionStream. */
  var LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  var LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  var DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
    4097, 6145, 8193, 12289, 16385, 24577];
  var DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
  var CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

  // Canonical Huffman code from code lengths: counts per length and symbols in code order.
  function huffman(lengths) {
    var counts = new Uint16Array(16), offs = new Uint16Array(16), symbols = new Uint16Array(lengths.length);
    for (var i = 0; i < lengths.length; i++) counts[lengths[i]]++;
    counts[0] = 0;
    for (var l = 1; l < 16; l++) offs[l] = offs[l - 1] + counts[l - 1];
    for (var s = 0; s < lengths.length; s++) if (lengths[s]) symbols[offs[lengths[s]]++] = s;
    return { counts: counts, symbols: symbols };
  }

  SE.inflateRaw = function (src) {
    var out = new Uint8Array(src.length * 4 + 1024), n = 0, pos = 0, bit = 0, bits = 0;
    function need(k) {
      while (bits < k) {
        if (pos >= src.length) throw new Error('truncated deflate stream');
        bit |= src[pos++] << bits; bits += 8;
      }
    }
    function take(k) { need(k); var v = bit & ((1 << k) - 1); bit >>>= k; bits -= k; return v; }
    function put(b) {
      if (n === out.length) { var g = new Uint8Array(out.length * 2); g.set(out); out = g; }
      out[n++] = b;
    }
    function decode(h) {
      var code = 0, first = 0, index = 0;
      for (var len = 1; len < 16; len++) {
        code |= take(1);
        var count = h.counts[len];
        if (code - count < first) return h.symbols[index + (code - first)];
        index += count; first = (first + count) << 1; code <<= 1;
      }
      throw new Error('bad Huffman code');
    }
    var fixedLit, fixedDist, last;
    do {
      last = take(1);
      var type = take(2), lit, dist;
      if (type === 0) {
        bit = 0; bits = 0;
        var len = src[pos] | (src[pos + 1] << 8);
        pos += 4;
        for (var k = 0; k < len; k++) put(src[pos++]);
        continue;
      } else if (type === 1) {
        if (!fixedLit) {
          var ll = new Uint8Array(288);
          for (var a = 0; a < 288; a++) ll[a] = a < 144 ? 8 : a < 256 ? 9 : a < 280 ? 7 : 8;
          fixedLit = huffman(ll);
          fixedDist = huffman(new Uint8Array(30).fill(5));
        }
        lit = fixedLit; dist = fixedDist;
      } else if (type === 2) {
        var hlit = take(5) + 257, hdist = take(5) + 1, hclen = take(4) + 4;
        var cl = new Uint8Array(19);
        for (var c = 0; c < hclen; c++) cl[CL_ORDER[c]] = take(3);
        var clh = huffman(cl), lens = new Uint8Array(hlit + hdist);
        for (var j = 0; j < hlit + hdist;) {
          var sym = decode(clh);
          if (sym < 16) { lens[j++] = sym; continue; }
          var rep = sym === 16 ? 3 + take(2) : sym === 17 ? 3 + take(3) : 11 + take(7);
          var prev = sym === 16 ? lens[j - 1] : 0;
          while (rep--) lens[j++] = prev;
        }
        lit = huffman(lens.subarray(0, hlit)); dist = huffman(lens.subarray(hlit));
      } else {
        throw new Error('bad deflate block type');
      }
      for (;;) {
        var s = decode(lit);
        if (s < 256) { put(s); continue; }
        if (s === 256) break;
        s -= 257;
        var length = LEN_BASE[s] + take(LEN_EXTRA[s]);
        var d = decode(dist);
        var back = DIST_BASE[d] + take(DIST_EXTRA[d]);
        for (var m = 0; m < length; m++) put(out[n - back]);
      }
    } while (!last);
    return out.subarray(0, n);
  };

  // gzip member (RFC 1952): the header's optional fields, then the deflate stream.
  function gunzipJs(b) {
    var flags = b[3], p = 10;
    if (flags & 4) p += 2 + (b[p] | (b[p + 1] << 8));
    if (flags & 8) while (b[p++]) { /* file name */ }
    if (flags & 16) while (b[p++]) { /* comment */ }
    if (flags & 2) p += 2;
    return SE.inflateRaw(b.subarray(p));
  }

  SE.gunzip = function (bytes) {
    if (typeof DecompressionStream !== 'function') return Promise.resolve(gunzipJs(bytes));
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).arrayBuffer().then(function (buf) { return new Uint8Array(buf); });
  };

  function fromBase64(text) {
    var bin = atob(text), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  /* Resolves to a new instance of the Emscripten module. `options` go to createSelfeval.
     The compiled WebAssembly.Module is kept (SE.wasmModule): a second instance (a restart
     after an engine failure, or the engine worker of a large form) starts from it without
     unpacking or compiling again. The first time, where the browser can, the wasm is
     compiled while it is being unpacked (instantiateStreaming over the DecompressionStream);
     otherwise it is unpacked first. The static site fetches selfeval.wasm next to the page. */
  SE.loadEngine = function (options) {
    var opts = {};
    for (var k in options || {}) opts[k] = options[k];
    var keep = function (r) { SE.wasmModule = r.module; return r; };
    if (SE.wasmModule) {
      opts.instantiateWasm = function (imports, receive) {
        WebAssembly.instantiate(SE.wasmModule, imports).then(function (inst) { receive(inst, SE.wasmModule); }, opts.fail);
        return {};
      };
      return createSelfeval(opts);
    }
    if (!SE.WASM_GZ) {
      if (typeof document === 'undefined' || typeof fetch !== 'function') return createSelfeval(opts);
      var url = new URL('selfeval.wasm', document.baseURI).href;
      opts.instantiateWasm = function (imports, receive) {
        var viaBytes = function () {
          return fetch(url).then(function (r) { return r.arrayBuffer(); }).then(function (b) { return WebAssembly.instantiate(b, imports); });
        };
        var got = typeof WebAssembly.instantiateStreaming === 'function'
          ? WebAssembly.instantiateStreaming(fetch(url), imports).catch(viaBytes) : viaBytes();
        got.then(keep).then(function (r) { receive(r.instance, r.module); });
        return {};
      };
      return createSelfeval(opts);
    }
    var gz = fromBase64(SE.WASM_GZ);
    var unpacked = function () {
      return SE.gunzip(gz).then(function (wasm) {
        SE.mark('unpacked');
        opts.instantiateWasm = function (imports, receive) {
          WebAssembly.instantiate(wasm, imports).then(keep).then(function (r) { receive(r.instance, r.module); });
          return {};
        };
        return createSelfeval(opts);
      });
    };
    if (typeof DecompressionStream !== 'function' || typeof WebAssembly.instantiateStreaming !== 'function') return unpacked();
    var failed = false;
    opts.instantiateWasm = function (imports, receive) {
      var stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
      WebAssembly.instantiateStreaming(new Response(stream, { headers: { 'Content-Type': 'application/wasm' } }), imports)
        .then(keep).then(function (r) { receive(r.instance, r.module); }, function () { failed = true; opts.fail(); });
      return {};
    };
    return new Promise(function (resolve, reject) {
      opts.fail = function () { unpacked().then(resolve, reject); };
      createSelfeval(opts).then(function (m) { if (!failed) resolve(m); }, function (e) { if (!failed) reject(e); });
    });
  };
})();
