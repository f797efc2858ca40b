/* <selfeval-form>: the form as a custom element for finance portals. Its own shadow
   root keeps the portal's CSS out and the form's CSS in. Everything it shows comes from
   the wasm core, as on the page.

   Attributes: template (a built-in template id or a URL), answers (a URL), locale
   (zh | en), readonly. Properties: template, answers, locale, readOnly.
   Methods (all return promises but getAnswers): loadTemplate(t), setAnswers(a),
   getAnswers(), validate(), exportAnswers(), exportXlsx(), exportCsv(), report(),
   sign(keyFileText, passphrase).
   Events (bubbling, composed; detail is plain JSON): ready, change, score, validate, submit. */
var SE = window.SE || (window.SE = {});
(function () {
  'use strict';
  if (!window.customElements || !window.HTMLElement) return;

  var modulePromise = null;
  function loadModule() {
    if (!modulePromise) {
      if (typeof WebAssembly !== 'object' || typeof createSelfeval !== 'function') {
        modulePromise = Promise.reject(new Error('此浏览器不支持 WebAssembly（WebAssembly is not available）'));
      } else {
        modulePromise = SE.loadEngine();
      }
    }
    return modulePromise;
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
      this._engine = null;
      this._desc = null;
      SE.gridKeys(this._form);
      var self = this;
      this._queue = loadModule().then(function (M) {
        self._engine = new M.Engine();
        self._session = new M.Session();
      });
      this._queue.then(function () { self._emit('ready', { version: self._engine.version() }); }, function (e) { self._say(String(e.message || e), 'error'); });
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
        var source = typeof t === 'string' && !/^\s*\{/.test(t) && !self._engine.builtinTemplate(t) && isUrl(t)
          ? fetch(t).then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status + ' ' + t); return r.text(); }) : t;
        return Promise.resolve(source).then(function (v) {
          var builtin = typeof v === 'string' && !/^\s*\{/.test(v);
          var r = JSON.parse(builtin ? self._session.loadBuiltin(v) : self._session.loadTemplate(text(v)));
          if (!r.ok) { self._say(r.findings.map(SE.msg).join('；'), 'error'); throw failure(r); }
          self._render();
          return self._desc.template;
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
          if (!self._desc || (tid && self._desc.template.id !== tid)) {
            if (!tid || !self._engine.builtinTemplate(tid)) throw new Error('答卷所用模板未加载（the answers\u2019 template is not loaded）: ' + tid);
            var t = JSON.parse(self._session.loadBuiltin(tid));
            if (!t.ok) throw failure(t);
          }
          var r = JSON.parse(self._session.loadAnswers(text(doc)));
          if (!r.ok) { self._say(r.findings.map(SE.msg).join('；'), 'error'); throw failure(r); }
          self._render();
          return self.getAnswers();
        });
      });
    }

    getAnswers() { return this._session && this._desc ? JSON.parse(this._session.answers()) : null; }
    exportAnswers() { var self = this; return this._run(function () { return self.getAnswers(); }); }

    /* The findings of the form as it stands; also sent as a `validate` event. */
    validate() {
      var self = this;
      return this._run(function () { return self._announce(false).findings; });
    }

    exportXlsx() {
      var self = this;
      return this._run(function () {
        return new Blob([self._session.exportXlsx()], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      });
    }
    exportCsv() {
      var self = this;
      return this._run(function () { return new Blob([self._session.exportCsv()], { type: 'text/csv;charset=utf-8' }); });
    }
    /* The official layout as the core lays it out (rows of spanned cells). */
    report() { var self = this; return this._run(function () { return JSON.parse(self._session.report()); }); }

    /* Signs the answers with a unit key file; the envelope is also sent as `submit`. */
    sign(keyFileText, passphrase) {
      var self = this;
      return this._run(function () {
        var r = JSON.parse(self._session.sign(text(keyFileText), String(passphrase || ''), new Date().toISOString()));
        if (!r.ok) throw failure(r);
        self._emit('submit', { submission: r.envelope, file_name: r.file_name });
        return r.envelope;
      });
    }

    /* --- internals ---------------------------------------------------------- */
    _run(fn) {
      var p = this._queue.then(fn);
      this._queue = p.catch(function () {});
      return p;
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

    _render() {
      var self = this;
      this._withLang(function () {
        self._desc = JSON.parse(self._session.describe());
        self._view.render(self._form, self._desc, JSON.parse(self._session.result()), JSON.parse(self._session.answers()), self._handlers());
      });
      this._say('');
      this._announce(true);
    }

    // score and validate events from the current result.
    _announce(withScore) {
      var r = JSON.parse(this._session.result());
      if (withScore) {
        this._emit('score', {
          total: r.total, grade: r.grade, grade_en: r.grade_en, full_marks: r.full_marks,
          budget: r.budget ? { score: r.budget.score, weight: r.budget.weight } : null,
          rows: (r.indicators || []).map(function (i) { return { id: i.id, name: i.name, score: i.score, weight: i.weight }; })
        });
      }
      var detail = {
        findings: r.findings || [],
        errors: (r.findings || []).filter(function (f) { return f.severity === 'error'; }).length,
        warnings: (r.findings || []).filter(function (f) { return f.severity === 'warning'; }).length
      };
      this._emit('validate', detail);
      return detail;
    }

    _handlers() {
      var self = this;
      function edited(d, change) {
        if (!d.ok) { self._say(d.findings.map(SE.msg).join('；'), 'error'); return; }
        self._say('');
        self._withLang(function () { self._view.applyDelta(d); });
        self._emit('change', change);
        self._announce(true);
      }
      function rebuilt(r, change) {
        if (!r.ok) { self._say((r.findings || []).map(SE.msg).join('；'), 'error'); return; }
        self._render();
        self._emit('change', change);
      }
      var s = this._session;
      return {
        onValue: function (id, field, v) { edited(JSON.parse(s.setValue(id, field, v)), { kind: 'value', id: id, field: field, value: v }); },
        onUnit: function (field, v) { edited(JSON.parse(s.setUnit(field, v)), { kind: 'unit', field: field, value: v }); },
        onBudget: function (row, col, v) { edited(JSON.parse(s.setBudget(row, col, v)), { kind: 'budget', row: row, column: col, value: v }); },
        onText: function (key, v) {
          var d = JSON.parse(s.setText(key, v));
          if (key === 'year' && d.ok) rebuilt(d, { kind: 'text', key: key, value: v });
          else edited(d, { kind: 'text', key: key, value: v });
        },
        onDef: function (id, field, v) { rebuilt(JSON.parse(s.updateIndicator(id, field, v)), { kind: 'definition', id: id, field: field, value: v }); },
        onAdd: function (parent) { rebuilt(JSON.parse(s.addIndicator(parent, '')), { kind: 'add', parent: parent }); },
        onMove: function (id, delta) { rebuilt(JSON.parse(s.moveIndicator(id, delta)), { kind: 'move', id: id, delta: delta }); },
        onRemove: function (id) { rebuilt(JSON.parse(s.removeIndicator(id)), { kind: 'remove', id: id }); }
      };
    }
  }

  if (!customElements.get('selfeval-form')) customElements.define('selfeval-form', SelfevalForm);
  window.SelfevalForm = SelfevalForm;
})();
