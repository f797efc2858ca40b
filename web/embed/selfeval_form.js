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
      this._journal = [];  // edits since then: [method, args, failed]
      this._answers = null;  // worker mode: the answers as of the last edit that came back
      SE.gridKeys(this._form, this._view);
      var self = this;
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
            self._journal = [];
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
      return this._run(function () { return self._announce(false).then(function (d) { return d.findings; }); });
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

    /* Signs the answers with a unit key file; the envelope is also sent as `submit`. */
    sign(keyFileText, passphrase) {
      var self = this;
      return this._run(function () {
        return self._call('sign', [text(keyFileText), String(passphrase || ''), new Date().toISOString()]).then(function (r) {
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
        self._journal = [];
        return self._render();
      }, function (e) { s.close(); throw e; });
    }

    // The engine under this element failed: a new session with what it had, the edits since
    // applied again (not the one that failed).
    _recover(restart, info) {
      var self = this;
      var replay = this._journal.filter(function (e) { return !e[2]; });
      this._journal = [];
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

    _render() {
      var self = this, s = this._session;
      return Promise.all([this._call('describe', [], s), this._call('overview', [], s), this._call('answers', [], s)]).then(function (got) {
        if (s !== self._session) return;
        self._desc = got[0];
        self._answers = got[2];
        self._keep(got[1], true);
        self._withLang(function () { self._view.render(self._form, got[0], got[1], got[2], self._handlers()); });
        self._say('');
        // A large form's events are made from what the element keeps (no result of thousands of rows).
        if (s.mode === 'worker') { setTimeout(function () { self._announceKept(); }, 0); return null; }
        return self._announce(true);
      });
    }

    // Worker mode: the scores and findings the overview and each delta bring, kept for the events.
    _keep(d, whole) {
      var k = this._kept;
      if (whole || !k) {
        k = this._kept = { rows: {}, findings: {}, form: [], budget: null };
        (this._desc.nodes || []).forEach(function (n) { if (n.leaf) k.rows[n.id] = { id: n.id, name: n.name, score: '', weight: n.weight }; });
      }
      (d.rows || []).forEach(function (r) { if (k.rows[r.id]) k.rows[r.id].score = r.score; k.findings[r.id] = r.findings; });
      if (d.budget) k.budget = d.budget;
      if (d.form_findings) k.form = d.form_findings;
      k.total = d.total; k.grade = d.grade; k.grade_en = d.grade_en;
    }
    _announceKept() {
      var k = this._kept, desc = this._desc;
      var rows = [], findings = ((k.budget && k.budget.findings) || []).slice();
      var add = function (list) { for (var i = 0; i < list.length; i++) findings.push(list[i]); };
      desc.nodes.forEach(function (n) { if (n.leaf) { rows.push(k.rows[n.id]); add(k.findings[n.id] || []); } });
      add(k.form || []);
      this._emit('score', { total: k.total, grade: k.grade, grade_en: k.grade_en, full_marks: desc.template.total,
        budget: k.budget ? { score: k.budget.score, weight: k.budget.weight } : null, rows: rows });
      this._emit('validate', { findings: findings, errors: findings.filter(function (f) { return f.severity === 'error'; }).length,
        warnings: findings.filter(function (f) { return f.severity === 'warning'; }).length });
    }

    // score and validate events from the current result.
    _announce(withScore) {
      var self = this;
      return this._call('result', []).then(function (r) {
        if (withScore) {
          self._emit('score', {
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
        self._emit('validate', detail);
        return detail;
      });
    }
    // After an edit: at once on the element's own thread; a moment after the last edit for a
    // large form's worker (its result is thousands of rows long). The worker's answers are
    // refreshed with it.
    _afterEdit() {
      var self = this;
      if (this._session.mode !== 'worker') { this._announce(true); return; }
      clearTimeout(this._announceTimer);
      this._announceTimer = setTimeout(function () {
        self._call('answers', []).then(function (a) { self._answers = a; });
        self._announceKept();
      }, 300);
    }

    _handlers() {
      var self = this;
      var s = this._session;
      // An edit, remembered until the element next takes the answers from the engine.
      function edit(method, args, done) {
        var entry = [method, args, false];
        self._journal.push(entry);
        s.request(method, args, function (err, v) {
          if (err) { entry[2] = true; return; }
          done(JSON.parse(v));
        });
      }
      function edited(d, change) {
        if (!d.ok) { self._say(d.findings.map(SE.msg).join('；'), 'error'); return; }
        self._say('');
        self._withLang(function () { self._view.applyDelta(d); });
        if (s.mode === 'worker') self._keep(d, false);
        self._emit('change', change);
        self._afterEdit();
      }
      function rebuilt(r, change) {
        if (!r.ok) { self._say((r.findings || []).map(SE.msg).join('；'), 'error'); return; }
        self._render();
        self._emit('change', change);
      }
      return {
        onValue: function (id, field, v) { edit('setValue', [id, field, v], function (d) { edited(d, { kind: 'value', id: id, field: field, value: v }); }); },
        onUnit: function (field, v) { edit('setUnit', [field, v], function (d) { edited(d, { kind: 'unit', field: field, value: v }); }); },
        onBudget: function (row, col, v) { edit('setBudget', [row, col, v], function (d) { edited(d, { kind: 'budget', row: row, column: col, value: v }); }); },
        onText: function (key, v) {
          edit('setText', [key, v], function (d) {
            if (key === 'year' && d.ok) rebuilt(d, { kind: 'text', key: key, value: v });
            else edited(d, { kind: 'text', key: key, value: v });
          });
        },
        onDef: function (id, field, v) { edit('updateIndicator', [id, field, v], function (r) { rebuilt(r, { kind: 'definition', id: id, field: field, value: v }); }); },
        onAdd: function (parent) { edit('addIndicator', [parent, ''], function (r) { rebuilt(r, { kind: 'add', parent: parent }); }); },
        onMove: function (id, delta) { edit('moveIndicator', [id, delta], function (r) { rebuilt(r, { kind: 'move', id: id, delta: delta }); }); },
        onRemove: function (id) { edit('removeIndicator', [id], function (r) { rebuilt(r, { kind: 'remove', id: id }); }); }
      };
    }
  }

  if (!customElements.get('selfeval-form')) customElements.define('selfeval-form', SelfevalForm);
  window.SelfevalForm = SelfevalForm;
})();
