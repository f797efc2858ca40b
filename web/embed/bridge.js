/* The iframe mode: embed.html holds one <selfeval-form>; the portal around it talks to
   it with postMessage. Only windows whose origin is on the allow list (the
   selfeval-allowed-origins meta tag; 'self' = this page's origin) are answered;
   a message from any other origin is ignored without a reply.

   Request  {selfeval: 1, id, method, params: [...]}
   Reply    {selfeval: 1, id, ok: true, result} | {selfeval: 1, id, ok: false, error: {message, findings}}
   Event    {selfeval: 1, event: 'ready'|'change'|'score'|'validate'|'submit', detail} (to the parent) */
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="selfeval-allowed-origins"]');
  var allowed = (meta ? meta.getAttribute('content') : "'self'").split(/\s+/).filter(Boolean)
    .map(function (o) { return o === "'self'" ? location.origin : o.replace(/\/+$/, ''); });
  var form = document.querySelector('selfeval-form');
  var params = new URLSearchParams(location.search);
  if (params.get('locale')) form.setAttribute('locale', params.get('locale'));
  // Only a built-in template id from the address: the frame fetches nothing it is told to.
  if (/^[a-z0-9-]+$/.test(params.get('template') || '')) form.setAttribute('template', params.get('template'));

  function bytes(blob) { return blob.arrayBuffer().then(function (b) { return new Uint8Array(b); }); }
  var methods = {
    loadTemplate: function (t) { return form.loadTemplate(t); },
    setAnswers: function (a) { return form.setAnswers(a); },
    getAnswers: function () { return form.exportAnswers(); },
    validate: function () { return form.validate(); },
    exportAnswers: function () { return form.exportAnswers(); },
    exportXlsx: function () { return form.exportXlsx().then(bytes); },
    exportCsv: function () { return form.exportCsv().then(bytes); },
    report: function () { return form.report(); },
    sign: function (keyFile, passphrase) { return form.sign(keyFile, passphrase); },
    setLocale: function (l) { form.locale = l; return form.locale; },
    setReadOnly: function (v) { form.readOnly = !!v; return form.readOnly; }
  };

  window.addEventListener('message', function (e) {
    if (allowed.indexOf(e.origin) < 0 || !e.source) return;
    var m = e.data;
    if (!m || m.selfeval !== 1 || typeof m.method !== 'string') return;
    var reply = function (body) { body.selfeval = 1; body.id = m.id; e.source.postMessage(body, e.origin); };
    Promise.resolve().then(function () {
      if (!Object.prototype.hasOwnProperty.call(methods, m.method)) throw new Error('未知方法（unknown method）: ' + m.method);
      return methods[m.method].apply(null, Array.isArray(m.params) ? m.params : []);
    }).then(function (result) { reply({ ok: true, result: result === undefined ? null : result }); },
      function (err) { reply({ ok: false, error: { message: String(err && err.message || err), findings: (err && err.findings) || [] } }); });
  });

  // Events go to the parent only when the parent's origin is allowed.
  var parentOrigin = (location.ancestorOrigins && location.ancestorOrigins[0]) ||
    (document.referrer ? new URL(document.referrer).origin : '');
  ['ready', 'change', 'score', 'validate', 'submit'].forEach(function (name) {
    form.addEventListener(name, function (ev) {
      if (window.parent === window || allowed.indexOf(parentOrigin) < 0) return;
      window.parent.postMessage({ selfeval: 1, event: name, detail: ev.detail }, parentOrigin);
    });
  });
})();
