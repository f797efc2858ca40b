/* <selfeval-form>: the form as a custom element for finance portals. Its own shadow
   root keeps the portal's CSS out and the form's CSS in. Everything it shows comes from
   the wasm core, as on the page.

   Attributes: template (a built-in template id or a URL), answers (a URL), locale
   (zh | en), readonly. Properties: template, answers, locale, readOnly.
   Methods (all return promises but getAnswers): loadTemplate(t), setAnswers(a),
   getAnswers(), validate(), exportAnswers(), exportXlsx(), exportCsv(), report(),
   sign(keyFileText, passphrase).
   Events (bubbling, composed; detail is plain JSON): ready, change, score, validate, submit.

   A large template (SE.WORKER_FROM characters and more) gets its engine in a worker
   (web/src/06_engine_host.js) where the page's CSP allows one (worker-src blob:): the portal
   stays responsive while it opens, edits come back a moment later, and getAnswers() gives the
   answers as of the last edit that came back (exportAnswers() waits for the exact ones).
   When an engine instance fails, the element says so, starts a new one and loads the
   template, the answers and the edits made since again (all but the one that failed). */
var SE = window.SE || (window.SE = {});
(function () {
  'use strict';
  if (!window.customElements || !window.HTMLElement) return;

  // One engine host for every element of the page; each element has its own session.
  var host = null, hostReady = null, elements = [];
  function loadModule() {
    if (!hostReady) {
      if (typeof WebAssembly !== 'object' || typeof createSelfeval !== 'function') {
        hostReady = Promise.reject(new Error('此浏览器不支持 WebAssembly（WebAssembly is not available）'));
      } else {
        host = SE.engineHost({ onFailure: function (info) { setTimeout(function () { failed(info); }, 0); } });
        hostReady = host.start();
      }
    }
    return hostReady;
  }
  // An instance failed: the page's own one is started again first, then each element whose
  // session went with it recovers.
  function failed(info) {
    var restart = info.where !== 'worker' ? host.start() : Promise.resolve(host);
    elements.forEach(function (e) { if (e._session && e._session.dead) e._recover(restart, info); });
  }

  // Constructable stylesheets are not subject to style-src, so a strict CSP needs no
  // 'unsafe-inline' for the element's styles.
  var shared = null;
  function adoptStyles(root) {
    if ('adoptedStyleSheets' in root && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
      if (!shared) { shared = new CSSStyleSheet(); shared.replaceSync(SE.ELEMENT_CSS || ''); }
      root.adoptedStyleSheets = [shared];
    } else {
      root.appendChild(SE.el('style', null, SE.ELEMENT_CSS || ''));
    }
  }

  function failure(res) {
    var e = new Error((res.findings || []).map(SE.msg).join('；') || 'failed');
    e.findings = res.findings || [];
    return e;
  }
  function text(v) { return typeof v === 'string' ? v : JSON.stringify(v); }
  function isUrl(s) { return /^(https?:|\.{0,2}\/)|\.json(\?|#|$)/i.test(s); }

  class SelfevalForm extends HTMLElement {
    static get observedAttributes() { return ['template', 'answers', 'locale', 'readonly']; }

    constructor() {
      super();
      var shadow = this.attachShadow({ mode: 'open' });
      adoptStyles(shadow);
      this._status = SE.el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
      this._frame = SE.el('fieldset', { class: 'se-frame' });
      this._form = SE.el('div', { class: 'se-form', id: 'form' });
      this._frame.appendChild(this._form);
      // Everything sits in one box that resets what the portal's styles hand down.
      var box = SE.el('div', { class: 'se-root', part: 'root', lang: 'zh-CN' });
      box.appendChild(this._status);
      box.appendChild(this._frame);
      shadow.appendChild(box);
      this._box = box;
      this._view = SE.createView(shadow);
      this._lang = 'zh';
      this._session = null;
      this._desc = null;
      this._source = null;  // what was loaded: ['loadBuiltin' | 'loadTemplate', text]
      this._answersText = null;  // the answers last loaded or taken from the engine
      this._answers = null;  // worker mode: the answers as of the last edit that came back
      SE.gridKeys(this._form, this._view);
      var self = this;
      // The page's form controller (web/src/22_form_controller.js): it sends the edits, applies
      // the core's deltas and keeps the edits since the answers were last taken.
      this._ctl = SE.formController({
        view: this._view,
        scope: shadow,
        container: function () { return self._form; },
        session: function () { return self._session; },
        inLang: function (fn) { return self._withLang(fn); },
        on: {
          refused: function (r) { self._say((r.findings || []).map(SE.msg).join('；'), 'error'); },
          delta: function (d, change) { self._say(''); self._emit('change', change); self._afterEdit(); },
          structure: function (r, change) { self._emit('change', change); self._afterEdit(); },
          drawn: function (desc, overview, answers) { self._desc = desc; self._answers = answers; self._say(''); }
        }
      });
      elements.push(this);
      this._queue = loadModule().then(function () {});
      this._queue.then(function () { self._emit('ready', { version: host.engine.version() }); }, function (e) { self._say(String(e.message || e), 'error'); });
    }

    // Properties a portal set before this script defined the element sit on the instance
    // and would hide the accessors: take them over.
    connectedCallback() {
      var self = this;
      ['template', 'answers', 'locale', 'readOnly'].forEach(function (p) {
        if (Object.prototype.hasOwnProperty.call(self, p)) {
          var v = self[p];
          delete self[p];
          self[p] = v;
        }
      });
    }

    attributeChangedCallback(name, old, value) {
      if (old === value) return;
      if (name === 'template' && value) this.loadTemplate(value).catch(function () {});
      else if (name === 'answers' && value) this.setAnswers(value).catch(function () {});
      else if (name === 'locale') {
        this._lang = value === 'en' ? 'en' : 'zh';
        this._box.setAttribute('lang', this._lang === 'en' ? 'en' : 'zh-CN');
        if (this._desc) this._run(this._render.bind(this));
      }
      else if (name === 'readonly') this._frame.disabled = value !== null;
    }

    get template() { return this._desc ? this._desc.template : null; }
    set template(t) { this.loadTemplate(t).catch(function () {}); }
    get answers() { return this.getAnswers(); }
    set answers(a) { this.setAnswers(a).catch(function () {}); }
    get locale() { return this._lang; }
    set locale(l) { this.setAttribute('locale', l === 'en' ? 'en' : 'zh'); }
    get readOnly() { return this.hasAttribute('readonly'); }
    set readOnly(v) { if (v) this.setAttribute('readonly', ''); else this.removeAttribute('readonly'); }

    /* Loads a template: an object, JSON text, a built-in id, or a URL to fetch. */
    loadTemplate(t) {
      var self = this;
      return this._run(function () {
        var source = typeof t === 'string' && !/^\s*\{/.test(t) && !host.engine.builtinTemplate(t) && isUrl(t)
          ? fetch(t).then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status + ' ' + t); return r.text(); }) : t;
        return Promise.resolve(source).then(function (v) {
          var builtin = typeof v === 'string' && !/^\s*\{/.test(v);
          var step = builtin ? ['loadBuiltin', v] : ['loadTemplate', text(v)];
          return self._open(step, null).then(function () { return self._desc.template; });
        });
      });
    }

    /* Sets the answers (an object, JSON text or a URL); a built-in template they name
       is loaded first when none is. */
    setAnswers(a) {
      var self = this;
      return this._run(function () {
        var source = typeof a === 'string' && !/^\s*\{/.test(a) ? fetch(a).then(function (r) { return r.text(); }) : a;
        return Promise.resolve(source).then(function (v) {
          var doc = typeof v === 'string' ? JSON.parse(v) : v;
          var tid = doc && doc.template && doc.template.id;
          var answers = text(doc);
          if (!self._desc || (tid && self._desc.template.id !== tid)) {
            if (!tid || !host.engine.builtinTemplate(tid)) throw new Error('答卷所用模板未加载（the answers\u2019 template is not loaded）: ' + tid);
            return self._open(['loadBuiltin', tid], answers);
          }
          return self._call('loadAnswers', [answers]).then(function (r) {
            if (!r.ok) { self._say(r.findings.map(SE.msg).join('；'), 'error'); throw failure(r); }
            self._answersText = answers;
            self._ctl.journal = [];
            return self._render();
          });
        }).then(function () { return self.getAnswers(); });
      });
    }

    getAnswers() {
      if (!this._session || !this._desc) return null;
      if (this._session.mode === 'worker') return this._answers ? JSON.parse(JSON.stringify(this._answers)) : null;
      var out = null;
      this._session.request('answers', [], function (err, v) { if (!err) out = JSON.parse(v); });
      return out;
    }
    exportAnswers() { var self = this; return this._run(function () { return self._call('answers', []).then(function (v) { return v; }); }); }

    /* The findings of the form as it stands; also sent as a `validate` event. */
    validate() {
      var self = this;
      return this._run(function () {
        var d = self._ctl.findings();
        self._emit('validate', d);
        return d.findings;
      });
    }

    exportXlsx() {
      var self = this;
      return this._run(function () {
        return self._raw('exportXlsx', []).then(function (b) { return new Blob([b], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }); });
      });
    }
    exportCsv() {
      var self = this;
      return this._run(function () { return self._raw('exportCsv', []).then(function (b) { return new Blob([b], { type: 'text/csv;charset=utf-8' }); }); });
    }
    /* The official layout as the core lays it out (rows of spanned cells). */
    report() { var self = this; return this._run(function () { return self._call('report', []); }); }

    /* Signs the answers with a unit key file; the envelope is also sent as `submit`. The key's
       type decides how, as on the page (web/src/35_signing.js): an Ed25519 key in the core; an
       SM2 key (国密 SM2-SM3) opened by the core, which prepares every signed byte, signed by the
       page's SM2 library (web/src/34_sm2.js) and sealed by the core. */
    sign(keyFileText, passphrase) {
      var self = this;
      return this._run(function () {
        var key = text(keyFileText), created = new Date().toISOString(), info = {};
        try { info = JSON.parse(host.engine.keyInfo(key)); } catch (e) { info = {}; }
        var signed = info.ok && info.alg === 'SM2'
          ? self._call('signPrepare', [key, String(passphrase || ''), created]).then(function (p) {
            if (!p.ok) return p;
            return SE.sm2.signPrepared(p, function (prepared, sig) { return JSON.parse(host.engine.sealSubmission(prepared, sig)); });
          })
          : self._call('sign', [key, String(passphrase || ''), created]);
        return signed.then(function (r) {
          if (!r.ok) throw failure(r);
          self._emit('submit', { submission: r.envelope, file_name: r.file_name });
          return r.envelope;
        });
      });
    }

    /* --- internals ---------------------------------------------------------- */
    _run(fn) {
      var p = this._queue.then(fn);
      this._queue = p.catch(function () {});
      return p;
    }

    // One call on the element's session: the raw value, or a rejection (an engine that
    // failed rejects with .engineFailed; the element recovers by itself).
    _raw(method, args, s) {
      var session = s || this._session;
      return new Promise(function (resolve, reject) {
        if (!session) { reject(new Error('请先选择模板（choose a template first）')); return; }
        session.request(method, args, function (err, v) { if (err) reject(err); else resolve(v); });
      });
    }
    _call(method, args, s) { return this._raw(method, args, s).then(function (v) { return typeof v === 'string' ? JSON.parse(v) : v; }); }

    // A template (and answers) in a new session, which becomes the element's once it loaded.
    _open(step, answers, replay) {
      var self = this;
      var size = step[1].length + (answers ? answers.length : 0);
      var s = size >= SE.WORKER_FROM ? host.workerSession() : null;
      s = s || host.localSession();
      var steps = [[step[0], [step[1]]]];
      if (answers) steps.push(['loadAnswers', [answers]]);
      (replay || []).forEach(function (e) { steps.push([e[0], e[1], true]); });
      var chain = Promise.resolve();
      steps.forEach(function (st) {
        chain = chain.then(function () {
          return self._call(st[0], st[1], s).then(function (r) {
            if (!st[2] && r.ok === false) { self._say(r.findings.map(SE.msg).join('；'), 'error'); throw failure(r); }
          });
        });
      });
      return chain.then(function () {
        if (self._session && self._session !== s) self._session.close();
        self._session = s;
        self._source = step;
        self._answersText = answers;
        self._ctl.journal = [];
        return self._render();
      }, function (e) { s.close(); throw e; });
    }

    // The engine under this element failed: a new session with what it had, the edits since
    // applied again (not the one that failed).
    _recover(restart, info) {
      var self = this;
      var replay = this._ctl.pending();
      this._ctl.journal = [];
      this._say(SE.t('engine_failed').replace('{reason}', info.message), 'error');
      var source = this._source, answers = this._answersText;
      this._session = null;
      this._queue = restart.then(function () {
        if (!source) return null;
        return self._open(source, answers, replay).then(function () {
          self._say(SE.t('engine_restarted').replace('{reason}', info.message).replace('{time}', SE.time(new Date())), 'ok');
        });
      }).catch(function (e) { self._say(SE.t('engine_dead') + '（' + String(e && e.message || e) + '）', 'error'); });
    }

    _say(message, cls) {
      this._status.textContent = message || '';
      this._status.className = 'status ' + (cls || '');
    }

    _emit(name, detail) {
      this.dispatchEvent(new CustomEvent(name, { detail: detail, bubbles: true, composed: true }));
    }

    // The view and the messages use the element's language while it draws.
    _withLang(fn) {
      var saved = SE.lang;
      SE.lang = this._lang;
      try { return fn(); } finally { SE.lang = saved; }
    }

    // Draws the form (the controller) and sends the score and validate events.
    _render() {
      var self = this;
      return this._ctl.render().then(function (drawn) { if (drawn) self._announce(); });
    }

    // score and validate events from what the core sent (the overview, then each delta).
    _announce() {
      var scores = this._ctl.scores(), findings = this._ctl.findings();
      if (!scores) return;
      this._emit('score', scores);
      this._emit('validate', findings);
    }
    // After an edit: at once on the element's own thread; a moment after the last edit for a
    // large form's worker, with its answers taken again.
    _afterEdit() {
      var self = this;
      if (this._session.mode !== 'worker') { this._announce(); return; }
      clearTimeout(this._announceTimer);
      this._announceTimer = setTimeout(function () {
        self._call('answers', []).then(function (a) { self._answers = a; });
        self._announce();
      }, 300);
    }
  }

  if (!customElements.get('selfeval-form')) customElements.define('selfeval-form', SelfevalForm);
  window.SelfevalForm = SelfevalForm;
})();
