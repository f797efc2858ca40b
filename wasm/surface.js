// Appended to the generated module (--post-js). Emscripten 3.1.6 converts JS strings
// to UTF-8 by pairing every high surrogate with the next code unit, so a lone
// surrogate (pasted from a broken document) would swallow the character after it.
// Replace lone surrogates with U+FFFD before any string reaches the core.
addOnPostRun(function () {
  var lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  function wellFormed(s) {
    return s.replace(lone, function (m) { return m.length === 2 ? m[0] + '\uFFFD' : '\uFFFD'; });
  }
  ['Engine', 'Session'].forEach(function (cls) { Object.getOwnPropertyNames(Module[cls].prototype).forEach(function (name) {
    var fn = Module[cls].prototype[name];
    if (typeof fn !== 'function' || name === 'constructor') return;
    Module[cls].prototype[name] = function () {
      var args = Array.prototype.map.call(arguments, function (a) {
        return typeof a === 'string' ? wellFormed(a) : a;
      });
      return fn.apply(this, args);
    };
  }); });
});
