/* The page: start screen (built-in templates, files, drafts), the form, the target
   parser tool, language switch, drafts saved on every change. Calls the wasm core for
   everything it shows; keeps nothing the core computes.

   What is typed is never lost or replaced in silence:
   - a file opened over a draft of the same form asks first, and a replaced draft stays in
     the list as its previous version;
   - a draft open in two tabs is edited in one; the other shows it read-only (SE.draftTabs),
     and a save that would overwrite another tab's is refused by SE.storage and kept as a copy;
   - a draft that no longer opens leaves the start screen usable, marked, and saveable as files;
   - when the engine fails, its instance is dropped, the page says so and starts a new one,
     and the draft comes back as last saved plus the edits made since (all but the one that
     failed);
   - drafts carry a seal (SHA-256 over what they hold); a draft changed outside this page is
     flagged, and signing it asks first. */
var SE = window.SE || (window.SE = {});
(function () {
  'use strict';
  var el = SE.el, t = SE.t, $ = SE.$;
  SE.view = SE.createView(document);
  var host = null, engine = null, session = null, tabs = null;
  // { draftId, templateId, templateText, declarationText, desc, answers, rev, blank, readOnly, alert, templateHash }
  var current = null;
  var unsaved = false;  // typed but neither in the browser's storage nor saved to a file
  var lastGood = null;  // the last draft record taken from a working engine
  var restoring = 0;  // engine restarts in a row (a restart that fails again gives up)

  /* What the last action did, in a message that stays in view (fixed at the foot of the
     window); cleared when the form changes. */
  function status(text, cls) {
    var s = $('status');
    s.textContent = text || '';
    s.className = 'status ' + (cls || '');
  }
  var signingUi = null;
  // The form changed: what the last action said no longer holds, and no passphrase stays typed.
  function formChanged() {
    if ($('status').textContent && $('status').textContent !== t('opening')) status('');
    if (signingUi) signingUi.formChanged();
  }

  function findingsText(res) { return (res.findings || []).map(SE.msg).join(SE.lang === 'en' ? '; ' : '；'); }
  function showFindingsAlert(res) { status(findingsText(res) || t('bad_file'), 'error'); }
  function fmt(text, args) { return text.replace(/\{(\w+)\}/g, function (m, k) { return args[k] !== undefined ? args[k] : m; }); }

  /* --- the engine ---------------------------------------------------------- */
  // One call on a session; `done` gets the value. A failed engine is handled in one place
  // (engineFailed), so callers only see the calls that worked.
  function ask(s, method, args, done) {
    if (!s) return;  // no form open, or its engine being replaced
    s.request(method, args, function (err, v) {
      if (err) { if (!err.engineFailed) status(String(err.message || err), 'error'); return; }
      done(v);
    });
  }
  function askJson(s, method, args, done) { ask(s, method, args, function (v) { done(JSON.parse(v)); }); }
  // Stateless engine calls (the page's own instance); null when the engine has failed.
  function eng(method) {
    var args = Array.prototype.slice.call(arguments, 1);
    try { return engine[method].apply(engine, args); } catch (e) { if (!e.engineFailed) throw e; return null; }
  }
  function engJson(method) { var v = eng.apply(null, arguments); return v === null ? { ok: false, findings: [] } : JSON.parse(v); }

  // A session for a form of `size` characters (template and answers): a worker from
  // SE.WORKER_FROM on, where the browser can start one.
  var spare = null;  // a worker started while a large file is being read
  function newSession(size) {
    var s = null;
    if (size >= SE.WORKER_FROM) {
      s = spare && !spare.dead ? spare : host.workerSession();
      spare = null;
    }
    return s || host.localSession();
  }
  // A large file was chosen: its worker starts while the file is read.
  function prewarm(bytes) {
    if (bytes >= SE.WORKER_FROM && !spare) spare = host.workerSession();
  }
  function useSession(s) {
    if (session && session !== s) session.close();
    session = s;
    // Where the open form's engine runs (tests and bench/ read it): page | worker.
    document.body.setAttribute('data-engine', s.mode === 'worker' ? 'worker' : 'page');
  }


  /* --- drafts ------------------------------------------------------------- */
  /* Drafts are written a moment after the last edit, not on every keystroke: serializing a
     form of thousands of rows would cost more than the edit itself. Leaving the page, saving
     a file or a structural change writes at once. */
  var saveTimer = null, saving = 0;
  // body[data-saving] while a save is waiting or being written (tests wait for it to go).
  function busy(delta) {
    saving += delta;
    if (saving > 0 || saveTimer !== null) document.body.setAttribute('data-saving', 'true');
    else document.body.removeAttribute('data-saving');
  }
  function saveDraft() {
    if (!current || current.readOnly) return;
    unsaved = true;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveDraftNow, 250);
    busy(0);
  }
  function flushDraft() { return saveTimer !== null ? saveDraftNow() : Promise.resolve(current && current.rev); }

  // What a draft is about, as the core names its files: the first typed of
  // describe().subject_fields (项目名称, else 政策名称, else the signing unit).
  function unitName(answers, desc) {
    var unit = (answers && answers.unit) || {};
    var fields = (desc && desc.subject_fields) || [];
    for (var i = 0; i < fields.length; i++) if (unit[fields[i]]) return unit[fields[i]];
    return '';
  }

  // SHA-256 of text as UTF-8, in hex: the browser's WebCrypto where the page has it (it
  // hashes off the page's thread: a large template is megabytes), else the core's. The same
  // digest either way.
  function hashText(text) {
    var core = function () { var r = engJson('sha256Text', text); return r.ok ? r.sha256 : null; };
    if (!(window.crypto && crypto.subtle && typeof TextEncoder === 'function')) return Promise.resolve(core());
    return crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then(function (buf) {
      var b = new Uint8Array(buf), h = '';
      for (var i = 0; i < b.length; i++) h += (b[i] < 16 ? '0' : '') + b[i].toString(16);
      return h;
    }, core);
  }
  // The seal: SHA-256 over everything a draft holds that is signed or scored.
  function sealOf(d) {
    return hashText(JSON.stringify([d.id, d.template_id, d.template_hash || '', d.declaration_text || '', d.answers, d.alert || null]));
  }
  function templateHash(text) { return text ? hashText(text) : Promise.resolve(''); }
  function coreHash(text) { var r = engJson('sha256Text', text); return r.ok ? r.sha256 : null; }

  /* The page is being left with edits not yet written: on the page's own engine they are
     taken, sealed (by the core: no waiting) and written before the handler returns —
     localStorage's write is synchronous. A worker's answer would come too late: its edits
     are kept by keepJournal instead. */
  function saveBeforeLeaving() {
    if (saveTimer === null || !current || current.readOnly || !session || session.mode !== 'local' || session.dead) return;
    clearTimeout(saveTimer);
    saveTimer = null;
    var cur = current;
    session.request('answers', [], function (err, text) {
      if (err) return;
      form.journal = [];
      var answers = JSON.parse(text);
      var d = { id: cur.draftId, template_id: cur.templateId, template_text: cur.templateText || null,
        template_hash: typeof cur.templateHash === 'string' ? cur.templateHash : (cur.templateText ? coreHash(cur.templateText) : ''),
        declaration_text: cur.declarationText || null, form_name: cur.desc ? cur.desc.template.name : cur.formName || '',
        unit_name: unitName(answers, cur.desc), answers: text, alert: cur.alert || null };
      d.seal = coreHash(JSON.stringify([d.id, d.template_id, d.template_hash || '', d.declaration_text || '', d.answers, d.alert || null]));
      var base = cur.rev;
      cur.rev = base + 1;
      SE.storage.save(d, base).then(function (r) { if (r.ok) unsaved = false; });
    });
  }

  // Resolves to the draft record of `cur` with these answers, sealed.
  function draftRecord(cur, answersText, answers) {
    return Promise.resolve(cur.templateHash).then(function (th) {
      var d = {
        id: cur.draftId,
        template_id: cur.templateId,
        template_text: cur.templateText || null,
        template_hash: th || '',
        declaration_text: cur.declarationText || null,
        form_name: cur.desc ? cur.desc.template.name : cur.formName || '',
        unit_name: unitName(answers, cur.desc),
        answers: answersText,
        alert: cur.alert || null
      };
      return sealOf(d).then(function (seal) { d.seal = seal; return d; });
    });
  }

  /* Takes the answers from the engine and stores them. Resolves to the revision saved.
     Saves are written one after the other, in the order their answers were taken. */
  var saveChain = Promise.resolve();
  function saveDraftNow() {
    clearTimeout(saveTimer);
    saveTimer = null;
    if (!current || current.readOnly || !session || session.dead) { busy(0); return Promise.resolve(null); }
    var cur = current, s = session;
    var upto = form.journal.length;
    unsaved = true;
    busy(1);
    var taken = new Promise(function (resolve) {
      s.request('answers', [], function (err, text) {
        if (err || cur !== current || s !== session) { resolve(null); return; }
        form.journal.splice(0, upto);
        resolve(text);
      });
    });
    var done = saveChain.then(function () { return taken; }).then(function (text) {
      if (text === null || cur.readOnly) return null;
      var answers = JSON.parse(text);
      cur.answers = answers;
      return draftRecord(cur, text, answers).then(function (draft) {
        lastGood = draft;
        var base = cur.rev;
        cur.rev = base + 1;
        return SE.storage.save(draft, base).then(function (r) {
          if (r.conflict) { conflict(cur, draft, r.conflict); return null; }
          // Its own place, so it never hides what the last action reported.
          var st = $('save-status');
          st.textContent = r.ok ? t('saved') + ' ' + SE.time(new Date()) : t('not_saved');
          st.className = 'save-status ' + (r.ok ? 'ok' : 'error');
          if (r.ok) { unsaved = false; tabs.saved(cur.draftId, draft.rev); }
          $('storage-warning').hidden = r.ok;
          return draft.rev;
        });
      });
    });
    saveChain = done.catch(function () {});
    return done.then(function (rev) { busy(-1); return rev; }, function () { busy(-1); return null; });
  }

  function newDraftId() { return 'd' + Date.now().toString(36) + Math.random().toString(36).slice(2, 6); }

  // A copy of a draft under a new id, with what it is a copy of.
  function saveCopy(d, extra) {
    var copy = {};
    Object.keys(d).forEach(function (k) { copy[k] = d[k]; });
    copy.id = newDraftId();
    Object.keys(extra).forEach(function (k) { copy[k] = extra[k]; });
    return sealOf(copy).then(function (seal) {
      copy.seal = seal;
      return SE.storage.save(copy, undefined, true);
    }).then(function () { return copy; });
  }

  /* Edits typed in the moment before the page was closed, in a form whose engine answers
     later than the page closes (a worker): kept in localStorage, applied when it opens again. */
  function keepJournal() {
    if (!current || current.readOnly || !session || session.mode !== 'worker') return;
    var open = form.pending();
    if (!open.length) return;
    try { localStorage.setItem('selfeval.journal.' + current.draftId, JSON.stringify({ rev: current.rev, edits: open })); } catch (e) { /* storage full */ }
  }
  function takeJournal(d) {
    var key = 'selfeval.journal.' + d.id, j = null;
    try { j = JSON.parse(localStorage.getItem(key) || 'null'); localStorage.removeItem(key); } catch (e) { j = null; }
    return j && j.rev === (d.rev || 0) ? j.edits : [];
  }

  /* --- rendering ---------------------------------------------------------- */
  /* The form controller (22_form_controller.js) sends edits and draws the form; the page adds
     what is its own: drafts, the print sheet, messages, the parsed target under a project row. */
  var form = SE.formController({
    view: SE.view,
    scope: document,
    container: function () { return $('form'); },
    session: function () { return session; },
    canEdit: function () { return !!current && !current.readOnly; },
    on: {
      error: function (err) { if (!err.engineFailed) status(String(err.message || err), 'error'); },
      edited: formChanged,
      refused: function (r, change) {
        SE.deltas = (SE.deltas || 0) + 1;
        var box = change.kind === 'definition' && $('msg-def-' + change.id + '-' + change.field);
        // A refused definition (e.g. an empty name): the text stays in its field with the message.
        if (box) { box.textContent = ''; (r.findings || []).forEach(function (f) { box.appendChild(el('div', { class: 'error' }, SE.msg(f))); }); return; }
        showFindingsAlert(r);
      },
      delta: function () {
        SE.deltas = (SE.deltas || 0) + 1;  // edits answered so far (bench/ times a worker's by it)
        saveDraft();
        schedulePrintSheet();
      },
      structure: function (r, change) {
        if (change.kind === 'definition') showParsedTarget(change.id);
        saveDraft();
      },
      drawn: function (desc, overview, answers) {
        var cur = current;
        cur.desc = desc;
        cur.answers = answers;
        if (!cur.templateId) cur.templateId = desc.template.id;
        $('about-template').textContent = desc.template.id + ' ' + desc.template.version;
        $('about-template-line').hidden = false;
        schedulePrintSheet(true);
        $('start').hidden = true;
        $('form-screen').hidden = false;
        $('form-actions').hidden = false;
        showLock();
        SE.mark('form');
      }
    },
    extraHandlers: {
      onShown: keepShown,
      // Rows the view has just built: project rows show how their target reads.
      onRows: function (ids) {
        ids.forEach(function (id) { var n = SE.view && current && current.desc && nodeById(id); if (n && n.from_project) showParsedTarget(id); });
      }
    }
  });
  function renderForm(after) {
    form.render().then(function (drawn) { if (drawn && after) after(); });
  }

  /* What of the "not yet filled" findings a draft shows (fields left, a check made): page
     state, not the draft's content, kept beside it so a reopened draft shows what it showed. */
  var SHOWN = 'selfeval.shown.';
  function shownOf(id) {
    try { return JSON.parse(localStorage.getItem(SHOWN + id) || 'null'); } catch (e) { return null; }
  }
  function keepShown() {
    if (!current) return;
    try { localStorage.setItem(SHOWN + current.draftId, JSON.stringify(SE.view.shownState())); } catch (e) { /* storage full: only what is shown */ }
  }

  var nodeIndex = { desc: null, map: {} };
  function nodeById(id) {
    if (nodeIndex.desc !== current.desc) {
      nodeIndex = { desc: current.desc, map: {} };
      (current.desc.nodes || []).forEach(function (n) { nodeIndex.map[n.id] = n; });
    }
    return nodeIndex.map[id];
  }

  /* The parsed form of a project indicator's target, shown under it as it is typed. */
  function showParsedTarget(id) {
    var box = $('parsed-' + id);
    var input = $('def-' + id + '-target');
    if (!box || !input || !current) return;
    var dir = $('def-' + id + '-direction');
    var node = nodeById(id);
    // Read with the direction the core scores the row with: the one chosen, else the one the
    // core inferred (describe's `direction`), so an unset 方向 never reads as a contradiction.
    var p = engJson('parseTarget', input.value, (dir && dir.value) || (node && node.direction) || '');
    // As the core words it: 正向：≥1次, 定性指标：效果明显.
    var label = node ? (SE.lang === 'en' ? node.rule_label_en : node.rule_label) : '';
    box.textContent = label ? label + SE.colon() : '';
    // The target as typed (the user's words), in its own language.
    box.appendChild(el('span', SE.lang === 'en' && /[\u3400-\u9fff]/.test(p.display || '') ? { lang: 'zh-CN' } : null, p.display || ''));
  }

  /* --- opening forms ------------------------------------------------------ */
  // Opens a form in a new session: `steps` are [method, args] calls made in order; the
  // first that refuses stops the rest. Resolves to { ok, session, findings }.
  function load(size, steps) {
    var s = newSession(size);
    var big = s.mode === 'worker';
    if (big) { status(t('opening'), ''); document.body.setAttribute('aria-busy', 'true'); }
    return new Promise(function (resolve) {
      var i = 0;
      function next() {
        if (i === steps.length) { finish({ ok: true, session: s }); return; }
        var step = steps[i++];
        s.request(step[0], step[1], function (err, v) {
          if (err) { finish({ ok: false, failed: true, findings: [] }); return; }
          var r = JSON.parse(v);
          if (r.ok === false) { finish({ ok: false, findings: r.findings || [] }); return; }
          next();
        });
      }
      function finish(r) {
        if (big) document.body.removeAttribute('aria-busy');
        if (!r.ok) s.close();
        resolve(r);
      }
      next();
    });
  }

  // The form `cur` is now the open one, in session `s`.
  function show(cur, s, after) {
    SE.ask.dismiss();
    useSession(s);
    // A form opened afresh shows its "not yet filled" findings as fields are left; one
    // opened again after an engine restart or a takeover keeps what was shown.
    if (!current || current.draftId !== cur.draftId) SE.view.beginForm(shownOf(cur.draftId));
    current = cur;
    form.journal = [];
    nodeIndex = { desc: null, map: {} };
    if (!cur.readOnly) tabs.claim(cur.draftId, cur.epoch); else tabs.watch(cur.draftId);
    renderForm(function () {
      if ($('status').textContent === t('opening')) status('');
      if (after) after();
    });
  }

  function openBuiltin(id) {
    return load(0, [['loadBuiltin', [id]]]).then(function (r) {
      if (!r.ok) { if (!r.failed) showFindingsAlert(r); return false; }
      startNew(r.session, { templateId: id, templateText: null });
      return true;
    });
  }

  // A new draft in session `s` (already loaded): shown, remembered blank, saved.
  function startNew(s, fields, after) {
    var cur = { draftId: newDraftId(), rev: 0, templateId: fields.templateId, templateText: fields.templateText,
      declarationText: fields.declarationText || null, templateHash: templateHash(fields.templateText) };  // a promise until it is known
    cur.templateHash.then(function (h) { cur.templateHash = h; });
    s.request('answers', [], function (err, text) { if (!err) cur.blank = fields.blank === false ? null : text; });
    // Merely opening a form makes no draft: the first edit does. A file's answers are kept at once.
    // Answers opened from a file are a filled form: everything the core finds shows at once.
    show(cur, s, function () { if (fields.blank === false) { SE.view.showAll(); saveDraft(); } if (after) after(); });
  }

  /* Opens a stored draft. Resolves to whether it opened. `how`: { replay: [[method, args]],
     epoch (a takeover), readOnly }. A draft that does not open is marked broken. */
  function openDraft(stored, how) {
    return SE.storage.resolve(stored).then(function (d) { return openResolved(d, how || {}); });
  }
  function openResolved(d, how) {
    if (d.template_missing) { brokenDraft(d, [{ message_zh: '草稿引用的模板数据已不在本机存储中', message_en: 'the template this draft uses is no longer in this browser\u2019s storage' }]); return Promise.resolve(false); }
    var steps = [d.template_text ? ['loadTemplate', [d.template_text]] : ['loadBuiltin', [d.template_id]], ['loadAnswers', [d.answers]]];
    if (d.declaration_text) steps.push(['setDeclaration', [d.declaration_text]]);
    var edits = (how.replay || []).concat(how.readOnly ? [] : takeJournal(d));
    return load((d.template_text || '').length + (d.answers || '').length, steps).then(function (r) {
      if (!r.ok) {
        if (!r.failed) brokenDraft(d, r.findings);
        return false;
      }
      var s = r.session;
      return new Promise(function (resolve) {
        var i = 0;
        (function replay() {
          if (i === edits.length) return resolve(true);
          var e = edits[i++];
          s.request(e[0], e[1], function (err) { if (err) return resolve(false); replay(); });
        })();
      }).then(function (ok) {
        if (!ok) return false;
        SE.storage.markBroken(d.id, null);
        return Promise.all([templateHash(d.template_text), sealOf(d)]).then(function (h) {
          var th = h[0];
          var cur = { draftId: d.id, rev: d.rev || 0, templateId: d.template_id, templateText: d.template_text,
            declarationText: d.declaration_text, templateHash: th,
            formName: d.form_name, alert: d.alert || null, readOnly: how.readOnly || false, epoch: how.epoch };
          // The seal: a draft changed outside this page, or saved without one, is flagged until
          // the person signing it says it was checked.
          if (!cur.alert && (!d.seal || d.seal !== h[1] || (d.template_hash || '') !== th)) {
            cur.alert = { at: new Date().toISOString(), seal: d.seal ? 'mismatch' : 'missing' };
          }
          if (!cur.readOnly) SE.storage.setCurrent(d.id);
          // Edits applied again (a restart, a page closed while a large form was saving) are
          // saved at once; so is a new alert.
          show(cur, s, function () { if (edits.length || (cur.alert && !d.alert)) saveDraftNow(); });
          return true;
        });
      });
    });
  }

  // Text for .json; bytes (Uint8Array) for spreadsheets, which are binary or may carry a BOM.
  function readFile(input, fn) {
    var file = input.files && input.files[0];
    if (!file) return;
    var binary = /\.(xlsx|xls|csv)$/i.test(file.name);
    if (!binary) prewarm(file.size);
    var reader = new FileReader();
    reader.onload = function () { input.value = ''; fn(binary ? new Uint8Array(reader.result) : String(reader.result), file.name); };
    reader.onerror = function () { status(t('bad_file') + SE.colon() + file.name, 'error'); };
    if (binary) reader.readAsArrayBuffer(file); else reader.readAsText(file);
  }

  // What the core said while reading a spreadsheet that was read all the same (a cell read
  // as stored, an .xls): shown with the "loaded" line, never dropped.
  function loadedStatus(name, notes) {
    var msgs = (notes || []).map(SE.msg);
    status(t('loaded') + SE.colon() + name + (msgs.length ? (SE.lang === 'en' ? '. ' : '。') + msgs.join(SE.lang === 'en' ? '; ' : '；') : ''), msgs.length ? 'warning' : 'ok');
  }

  function openTemplateText(text, name) {
    var notes = [];
    if (typeof text !== 'string') {
      // An indicator list (.xlsx / .csv): the core turns it into a template.
      var made = engJson('templateFromSheet', text, name.replace(/\.(xlsx|xls|csv)$/i, ''));
      if (!made.ok) { if (made.findings.length) showFindingsAlert(made); return; }
      text = JSON.stringify(made.template, null, 1);
      notes = made.findings || [];
    }
    // The template's id comes from the core once it is loaded (no second parse of a large file here).
    var tid = null;
    load(text.length, [['loadTemplate', [text]]]).then(function (r) {
      if (!r.ok) { if (!r.failed) showFindingsAlert(r); return; }
      startNew(r.session, { templateId: tid, templateText: text }, function () { loadedStatus(name, notes); });
    });
  }

  function openAnswersText(text, name) {
    var notes = [];
    if (typeof text !== 'string') {
      // An Excel file exported here: the answers it holds, with the cells edited in Excel.
      var got = engJson('answersFromXlsx', text);
      if (!got.ok) { if (got.findings.length) showFindingsAlert(got); return; }
      text = JSON.stringify(got.answers);
      notes = got.findings || [];
    }
    var doc;
    try { doc = JSON.parse(text); } catch (e) { status(t('bad_file') + SE.colon() + name, 'error'); return; }
    var tid = doc && doc.template && doc.template.id;
    if (current && current.templateId === tid && !current.readOnly) { openOverDraft(text, name, notes); return; }
    // The answers name their template: a built-in one opens by itself, as a new draft.
    if (!tid || !eng('builtinTemplate', tid)) { status(t('needs_template') + SE.colon() + (tid || name), 'error'); return; }
    openAsNew({ templateId: tid, templateText: null }, text, name, notes);
  }

  function openAsNew(tpl, text, name, notes) {
    var first = tpl.templateText ? ['loadTemplate', [tpl.templateText]] : ['loadBuiltin', [tpl.templateId]];
    var steps = [first, ['loadAnswers', [text]]];
    if (tpl.declarationText) steps.push(['setDeclaration', [tpl.declarationText]]);
    load((tpl.templateText || '').length + text.length, steps).then(function (r) {
      if (!r.ok) { if (!r.failed) showFindingsAlert(r); return; }
      startNew(r.session, { templateId: tpl.templateId, templateText: tpl.templateText, declarationText: tpl.declarationText, blank: false },
        function () { loadedStatus(name, notes); });
    });
  }

  /* Answers for the form that is open: asked first, unless nothing has been entered yet. */
  function openOverDraft(text, name, notes) {
    var cur = current, s = session;
    ask(s, 'answers', [], function (before) {
      var replace = function () { replaceDraft(cur, s, before, text, name, notes); };
      if (cur.blank !== undefined && cur.blank !== null && before === cur.blank) { replace(); return; }
      var title = cur.desc ? cur.desc.template.name : '';
      var who = unitName(cur.answers, cur.desc);
      SE.ask({
        name: 'replace-draft',
        title: t('replace_title'),
        message: [fmt(t('replace_msg'), { file: name, draft: title + (who ? '（' + who + '）' : '') })],
        details: t('replace_detail'),
        choices: [{ id: 'replace', label: t('replace'), kind: 'primary' }, { id: 'new', label: t('open_new') }, { id: 'cancel', label: t('cancel') }],
        cancel: 'cancel'
      }).then(function (choice) {
        if (cur !== current) return;
        if (choice === 'replace') replace();
        else if (choice === 'new') openAsNew({ templateId: cur.templateId, templateText: cur.templateText, declarationText: cur.declarationText }, text, name, notes);
        else status(t('open_cancelled'), '');
      });
    });
  }

  function replaceDraft(cur, s, before, text, name, notes) {
    form.edit('loadAnswers', [text], { kind: 'answers' }, function (r) {
      if (!r.ok) { showFindingsAlert(r); return; }
      var kept = cur.blank !== null && cur.blank !== undefined && before === cur.blank ? Promise.resolve(null)
        : draftRecord(cur, before, JSON.parse(before)).then(function (d) {
          return saveCopy(d, { previous_of: cur.draftId, replaced_at: new Date().toISOString(), replaced_by: name });
        });
      kept.then(function (copy) {
        renderForm(function () {
          saveDraftNow();
          if (copy) status(fmt(t('replaced'), { file: name }), 'ok'); else loadedStatus(name, notes);
        });
      });
    });
  }

  /* --- a draft that does not open -------------------------------------------- */
  function brokenDraft(d, findings) {
    var reason = (findings || []).map(SE.msg).join(SE.lang === 'en' ? '; ' : '；') || t('bad_file');
    SE.storage.markBroken(d.id, reason);
    SE.storage.setCurrent(null);
    if (current && current.draftId === d.id) current = null;
    if (!current) renderStart();
    status(fmt(t('broken_status'), { name: d.form_name || d.id, reason: reason }), 'error');
  }

  function download(name, content, type) {
    var blob = new Blob([typeof content === 'string' || content instanceof Uint8Array ? content : String(content)],
      { type: type || 'application/json' });
    var a = el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  // An export's result, with what the form still holds (an export shows every finding).
  function exported(name) { status(SE.fmt(t('exported'), { name: name }), 'ok'); }

  function safeName(s) { return String(s).replace(/[\\/:*?"<>|\s]+/g, '_'); }
  // The core names files as a clerk would: 2022年度-产业人才发展专项资金-项目支出绩效自评表.xlsx
  function withFileName(kind, done) { ask(session, 'fileName', [kind || 'answers'], done); }

  /* The print sheet follows the form: redrawn a moment after typing stops and before
     printing, so typing never waits for it. Large forms draw it only for printing. */
  var printTimer = null, printStale = true;
  function refreshPrintSheet() {
    clearTimeout(printTimer);
    printTimer = null;
    if (!current || !session) return;
    // Printing needs it now: only the page's own session answers before the dialog opens.
    if (session.mode === 'local') { ask(session, 'report', [], function (v) { SE.renderReport($('print-sheet'), JSON.parse(v)); printStale = false; }); }
  }
  function schedulePrintSheet(fresh) {
    clearTimeout(printTimer);
    printStale = true;
    if (!current || !current.desc) return;
    if (current.desc.nodes.length > 500 || session.mode !== 'local') {
      if (fresh) $('print-sheet').textContent = '';
      return;
    }
    printTimer = setTimeout(refreshPrintSheet, fresh ? 0 : 400);
  }
  function printForm() {
    if (!current) return;
    if (session.mode === 'local') { refreshPrintSheet(); window.print(); return; }
    ask(session, 'report', [], function (v) { SE.renderReport($('print-sheet'), JSON.parse(v)); printStale = false; window.print(); });
  }

  /* --- read-only: another tab edits this draft ----------------------------------- */
  function setReadOnly(why) {
    if (!current) return;
    clearTimeout(saveTimer);
    saveTimer = null;
    busy(0);
    current.readOnly = why;
    tabs.watch(current.draftId);
    showLock();
  }
  function showLock() {
    var ro = !!(current && current.readOnly);
    SE.view.setReadOnly(ro);
    ['answers-file', 'declaration-file', 'import-file', 'export-signed', 'key-generate'].forEach(function (id) { $(id).disabled = ro; });
    var box = $('draft-lock');
    box.hidden = !ro;
    if (ro) $('draft-lock-text').textContent = t('lock_' + current.readOnly) + (current.otherSaved ? ' ' + fmt(t('other_saved'), { time: current.otherSaved }) : '');
    var alert = $('draft-alert');
    alert.hidden = !(current && current.alert);
  }
  function conflict(cur, mine, theirs) {
    // Another tab saved this draft since this one last did: this tab's version is kept as a copy.
    saveCopy(mine, { conflict_of: cur.draftId, conflict_at: new Date().toISOString() }).then(function () {
      if (cur !== current) return;
      setReadOnly('conflict');
      status(t('lock_conflict'), 'error');
    });
    cur.rev = theirs.rev || 0;
  }
  function takeOver() {
    if (!current) return;
    var id = current.draftId;
    tabs.takeover(id).then(function (epoch) {
      SE.storage.get(id).then(function (d) {
        if (!d) { status(t('bad_file'), 'error'); return; }
        openDraft(d, { epoch: epoch }).then(function (ok) { if (ok) status(t('took_over'), 'ok'); });
      });
    });
  }
  function copyToNewDraft() {
    if (!current) return;
    var cur = current;
    ask(session, 'answers', [], function (text) {
      draftRecord(cur, text, JSON.parse(text)).then(function (d) {
        return saveCopy(d, { copied_from: cur.draftId });
      }).then(function (copy) {
        tabs.release();
        openDraft(copy).then(function (ok) { if (ok) status(t('copied'), 'ok'); });
      });
    });
  }

  /* --- the engine failed ------------------------------------------------------------ */
  // What failed, in words first: out of memory or an internal error, then the engine's own message.
  function failureReason(info) {
    return t(/OOM|memory/i.test(info.message) ? 'oom' : 'internal') + SE.colon() + info.message;
  }
  function engineFailed(info) {
    var reason = failureReason(info);
    var box = $('engine-alert');
    box.hidden = false;
    var pageEngine = info.where !== 'worker';
    var restart = pageEngine ? host.start().then(function (h) { engine = h.engine; }) : Promise.resolve();
    if (!session || !session.dead) {
      // Not the open form's engine (a file being opened, a stateless call): the form is untouched.
      $('engine-alert-text').textContent = fmt(t('engine_failed_other'), { reason: reason });
      if ($('status').textContent === t('opening')) status('');
      restart.then(null, function (e) { $('engine-alert-text').textContent = t('engine_dead') + '（' + String(e && e.message || e) + '）'; });
      return;
    }
    // The open form's engine: nothing more is taken from it — no save, no answers.
    clearTimeout(saveTimer);
    saveTimer = null;
    busy(0);
    SE.ask.dismiss();
    var cur = current;
    var from = cur && lastGood && lastGood.id === cur.draftId ? lastGood : null;
    $('engine-alert-text').textContent = fmt(t('engine_failed'), { reason: reason });
    restoring++;
    restart.then(function () {
      session = null;
      // What was typed since the last save, also while the engine was being replaced; not
      // the edit that failed.
      var replay = form.pending();
      form.journal = [];
      if (!cur) { renderStart(); restoring = 0; return null; }
      var got = from ? Promise.resolve(from) : SE.storage.get(cur.draftId);
      return got.then(function (d) {
        if (!d) { current = null; renderStart(); return null; }
        // Twice in a row: the draft as saved, without the edits.
        return openDraft(d, { replay: restoring > 1 ? [] : replay, epoch: cur.epoch, readOnly: cur.readOnly }).then(function (ok) {
          if (!ok) { current = null; renderStart(); return; }
          restoring = 0;
          $('engine-alert-text').textContent = fmt(t('engine_restarted'), { reason: reason, time: d.updated ? SE.time(d.updated) : '' });
        });
      });
    }, function (e) {
      $('engine-alert-text').textContent = t('engine_dead') + '（' + String(e && e.message || e) + '）';
    });
  }

  /* --- start screen --------------------------------------------------------- */
  function renderStart() {
    $('start').hidden = false;
    $('form-screen').hidden = true;
    $('form-actions').hidden = true;
    $('draft-lock').hidden = true;
    $('draft-alert').hidden = true;
    SE.view.clear();
    var list = $('builtin-list');
    list.textContent = '';
    // The national project form first: it is the one most units fill.
    var order = ['project-self-assessment', 'department-self-assessment', 'department-target-declaration',
      'project-monitoring', 'project-monitoring-red-only', 'verification-sheet', 'policy-evaluation', 'contract-kpi'];
    var rank = function (id) { var i = order.indexOf(id); return i < 0 ? order.length : i; };
    var templates = eng('builtinTemplates');
    (templates ? JSON.parse(templates) : []).sort(function (a, b) { return rank(a.id) - rank(b.id); }).forEach(function (tpl) {
      var li = el('li');
      var b = el('button', { type: 'button', class: 'template-card', 'data-template': tpl.id });
      b.appendChild(el('strong', SE.lang === 'en' && !tpl.name_en ? { lang: 'zh-CN' } : null, SE.lang === 'en' && tpl.name_en ? tpl.name_en : tpl.name));
      b.appendChild(el('span', { class: 'kind' }, SE.t('kind')[tpl.kind] || tpl.kind));
      // The template's own description, as written (Chinese).
      b.appendChild(el('span', { class: 'desc', lang: 'zh-CN' }, tpl.description.split('。')[0]));
      b.addEventListener('click', function () { openBuiltin(tpl.id); });
      li.appendChild(b);
      list.appendChild(li);
    });
    // The monitoring forms a declaration can start (the province's variant of the lights).
    var variant = $('carry-variant');
    var chosen = variant.value;
    variant.textContent = '';
    (templates ? JSON.parse(templates) : []).filter(function (x) { return x.kind === 'monitoring'; }).sort(function (a, b) { return rank(a.id) - rank(b.id); }).forEach(function (x) {
      var o = el('option', { value: x.id }, SE.lang === 'en' && x.name_en ? x.name_en : x.name);
      variant.appendChild(o);
    });
    if (chosen) variant.value = chosen;
    showWhere();
    renderDrafts();
  }

  // Where drafts and the key file are kept, said on the start screen and by the key.
  function showWhere() {
    var where = SE.storage.where();
    var text = where.file ? t('where_file') : fmt(t('where_site'), { origin: where.origin });
    $('storage-where').textContent = text;
    $('key-where').textContent = text;
  }

  function renderDrafts() {
    SE.storage.list().then(function (drafts) {
      var list = $('draft-list');
      list.textContent = '';
      var broken = SE.storage.broken();
      if (!drafts.length) { list.appendChild(el('li', { class: 'empty' }, t('no_drafts'))); return; }
      drafts.forEach(function (d) {
        var li = el('li', { 'data-draft': d.id });
        var name = el('span', { class: 'draft-name', lang: /[\u3400-\u9fff]/.test(d.form_name || '') ? 'zh-CN' : null }, d.form_name);
        li.appendChild(name);
        li.appendChild(el('span', { class: 'draft-unit', lang: /[\u3400-\u9fff]/.test(d.unit_name || '') ? 'zh-CN' : null }, d.unit_name || '—'));
        li.appendChild(el('span', { class: 'draft-date' }, t('updated') + ' ' + SE.dateTime(d.updated)));
        if (d.previous_of) li.appendChild(el('span', { class: 'draft-tag' }, fmt(t('previous_version'), { time: SE.dateTime(d.replaced_at) })));
        if (d.conflict_of) li.appendChild(el('span', { class: 'draft-tag' }, t('conflict_copy')));
        var bad = broken[d.id];
        if (bad) {
          li.className = 'broken';
          li.appendChild(el('span', { class: 'draft-tag broken-tag', title: bad.message }, t('broken_mark')));
        }
        var open = el('button', { type: 'button', class: 'resume' }, t('resume'));
        open.setAttribute('aria-label', t('resume') + ' ' + d.form_name + ' ' + (d.unit_name || ''));
        open.addEventListener('click', function () { openDraft(d).then(function (ok) { if (ok) restoredStatus(d); }); });
        li.appendChild(open);
        if (bad) {
          var saveA = el('button', { type: 'button', class: 'save-broken', 'data-save': 'answers' }, t('save_draft_answers'));
          saveA.addEventListener('click', function () {
            download(safeName((d.unit_name || 'draft') + '-' + d.template_id) + '.answers.json', d.answers);
          });
          li.appendChild(saveA);
          if (d.template_text || d.template_ref) {
            var saveT = el('button', { type: 'button', class: 'save-broken', 'data-save': 'template' }, t('save_draft_template'));
            saveT.addEventListener('click', function () {
              SE.storage.resolve(d).then(function (full) { if (full.template_text) download(safeName(d.template_id || 'template') + '.template.json', full.template_text); });
            });
            li.appendChild(saveT);
          }
        }
        var del = el('button', { type: 'button', class: 'danger' }, t('delete'));
        del.setAttribute('aria-label', t('delete') + ' ' + d.form_name + ' ' + (d.unit_name || ''));
        del.addEventListener('click', function () {
          if (!window.confirm(t('confirm_delete'))) return;
          SE.storage.markBroken(d.id, null);
          try { localStorage.removeItem(SHOWN + d.id); } catch (e) { /* ignore */ }
          SE.storage.remove(d.id).then(renderDrafts);
        });
        li.appendChild(del);
        list.appendChild(li);
      });
    });
  }

  // 已恢复“项目支出绩效自评表”（某单位）（15:32 保存）的草稿
  function restoredStatus(d) {
    var unit = d.unit_name ? SE.paren(d.unit_name) : '';
    status(SE.fmt(t('restored'), { form: d.form_name || '', unit: unit, time: d.updated ? SE.dateTime(d.updated) : '' }), 'ok');
  }

  /* --- target parser tool (also the demo of the target language) ------------ */
  function renderTargetTool() {
    var result = engJson('parseTarget', $('target-input').value, $('direction').value);
    var kinds = t('tool_kinds');
    $('target-kind').textContent = result.kind ? kinds[result.kind] : '—';
    var body = $('parts-table').tBodies[0];
    body.textContent = '';
    (result.parts || []).forEach(function (p) {
      var tr = el('tr');
      [p.label || '', p.op + (p.implicit_op ? ' *' : ''), p.value_text, p.unit || '', p.per || ''].forEach(function (v) { tr.appendChild(el('td', null, v)); });
      body.appendChild(tr);
    });
    var list = $('target-findings');
    list.textContent = '';
    (result.findings || []).forEach(function (f) {
      var li = el('li', { class: f.severity, title: t('code_label') + ' ' + f.code });
      li.appendChild(el('span', { class: 'sev sev-' + f.severity }, SE.sev(f)));
      li.appendChild(document.createTextNode(SE.msg(f)));
      list.appendChild(li);
    });
    if (!result.findings || !result.findings.length) list.appendChild(el('li', { class: 'ok' }, t('no_findings')));
    $('target-json').textContent = JSON.stringify(result, null, 2);
  }

  function applyLanguage() {
    document.documentElement.lang = SE.lang === 'zh' ? 'zh-CN' : 'en';
    var nodes = document.querySelectorAll('[data-i18n]');
    for (var i = 0; i < nodes.length; i++) {
      var v = SE.STRINGS[SE.lang][nodes[i].getAttribute('data-i18n')];
      if (typeof v === 'string') nodes[i].textContent = v;
    }
    $('lang-switch').textContent = t('langButton');
    $('lang-switch').setAttribute('lang', SE.lang === 'zh' ? 'en' : 'zh-CN');
    showWhere();
    if (signingUi) signingUi.refresh();
    if (current && !$('form-screen').hidden) renderForm(); else renderStart();
    renderTargetTool();
  }

  /* Before signing: a draft flagged by its seal asks whether it was checked. */
  function beforeSign(proceed) {
    if (!current) return;
    if (current.readOnly) { status(t('lock_' + current.readOnly), 'error'); return; }
    if (!current.alert) { proceed(); return; }
    SE.ask({
      name: 'sign-check',
      title: t('sign_check_title'),
      message: [t(current.alert.seal === 'missing' ? 'alert_missing' : 'alert_mismatch'), t('sign_check_msg')],
      choices: [{ id: 'checked', label: t('sign_checked'), kind: 'primary' }, { id: 'cancel', label: t('cancel') }],
      cancel: 'cancel'
    }).then(function (choice) {
      if (choice !== 'checked') return;
      current.alert = null;
      showLock();
      saveDraftNow();
      proceed();
    });
  }

  function wire() {
    tabs = SE.draftTabs({
      onBusy: function (id) { if (current && current.draftId === id) setReadOnly('other'); },
      onTaken: function (id) {
        if (!current || current.draftId !== id) return null;
        return flushDraft().then(function (rev) { setReadOnly('taken'); return rev; });
      },
      onSaved: function (id) {
        if (current && current.draftId === id && current.readOnly) { current.otherSaved = SE.time(new Date()); showLock(); }
      }
    });
    $('lang-switch').addEventListener('click', function () { SE.lang = SE.lang === 'zh' ? 'en' : 'zh'; applyLanguage(); });
    $('new-form').addEventListener('click', function () {
      flushDraft();
      SE.storage.setCurrent(null);
      tabs.release();
      current = null;
      if (session) { session.close(); session = null; }
      renderStart();
    });
    $('template-file').addEventListener('change', function (e) { readFile(e.target, openTemplateText); });
    $('answers-file').addEventListener('change', function (e) { readFile(e.target, openAnswersText); });
    $('answers-file-2').addEventListener('change', function (e) { readFile(e.target, openAnswersText); });
    // One record across the year: the next form started from the previous one by the core
    // (Engine.carry), the previous one attached so a changed target is flagged.
    var carryInto = function (to) {
      return function (text, name) {
        var r = engJson('carry', text, to);
        if (!r.ok) { if (r.findings.length) showFindingsAlert(r); else status(t('bad_file') + SE.colon() + name, 'error'); return; }
        var notes = r.notes || [];
        openAsNew({ templateId: to, templateText: null, declarationText: text }, JSON.stringify(r.answers), name, notes);
      };
    };
    $('carry-declaration').addEventListener('change', function (e) { readFile(e.target, carryInto($('carry-variant').value || 'project-monitoring')); });
    $('carry-monitoring').addEventListener('change', function (e) { readFile(e.target, carryInto('project-self-assessment')); });
    $('declaration-file').addEventListener('change', function (e) {
      readFile(e.target, function (text, name) {
        form.edit('setDeclaration', [text], { kind: 'declaration' }, function (r) {
          if (!r.ok) { showFindingsAlert(r); return; }
          current.declarationText = text;
          renderForm();
          saveDraft();
          status(t('decl_attached') + SE.colon() + name, 'ok');
        });
      });
    });
    $('import-file').addEventListener('change', function (e) {
      readFile(e.target, function (text, name) {
        form.edit('importDeclaration', [text], { kind: 'import' }, function (r) {
          if (!r.ok) { showFindingsAlert(r); return; }
          current.declarationText = text;
          renderForm();
          saveDraft();
          status(t('imported') + SE.colon() + r.imported + SE.paren(name), 'ok');
        });
      });
    });
    var saveFile = function () {
      if (!current) return;
      flushDraft();
      ask(session, 'answers', [], function (text) {
        current.answers = JSON.parse(text);
        var answers = current.answers;
        withFileName('answers', function (name) { download(name, JSON.stringify(answers, null, 1)); status(SE.fmt(t('saved_file'), { name: name }), 'ok'); });
        unsaved = false;
      });
    };
    $('save-answers').addEventListener('click', saveFile);
    // 检查: every finding, the "not yet filled" ones too; the list comes into view.
    $('check-form').addEventListener('click', function () {
      if (!current) return;
      SE.view.showAll();
      var summary = $('summary');
      if (summary) { summary.scrollIntoView({ block: 'nearest' }); summary.focus(); }
    });
    $('storage-save-file').addEventListener('click', saveFile);
    $('lock-take').addEventListener('click', takeOver);
    $('lock-copy').addEventListener('click', copyToNewDraft);
    $('engine-alert-close').addEventListener('click', function () { $('engine-alert').hidden = true; });
    // Storage failed (private mode, quota full): closing the page asks first.
    window.addEventListener('beforeunload', function (e) { saveBeforeLeaving(); keepJournal(); if (unsaved) { e.preventDefault(); e.returnValue = ''; } });
    window.addEventListener('pagehide', function () { saveBeforeLeaving(); keepJournal(); });
    document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flushDraft(); });
    $('export-xlsx').addEventListener('click', function () {
      if (!current) return;
      flushDraft();
      SE.view.showAll();
      withFileName('xlsx', function (name) { ask(session, 'exportXlsx', [], function (bytes) { download(name, bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'); exported(name); }); });
    });
    $('export-csv').addEventListener('click', function () {
      if (!current) return;
      flushDraft();
      SE.view.showAll();
      withFileName('csv', function (name) { ask(session, 'exportCsv', [], function (bytes) { download(name, bytes, 'text/csv;charset=utf-8'); exported(name); }); });
    });
    $('print-form').addEventListener('click', printForm);
    window.addEventListener('beforeprint', function () { if (!document.body.classList.contains('print-register') && printStale) refreshPrintSheet(); });
    $('target-input').addEventListener('input', renderTargetTool);
    $('direction').addEventListener('change', renderTargetTool);
    SE.gridKeys($('form'), SE.view);
    signingUi = SE.signing({
      checkAll: function () { SE.view.showAll(); },
      engine: function () { return engine; },
      sign: function (keyFile, pass, created, done) { if (current) askJson(session, 'sign', [keyFile, pass, created], done); },
      signPrepare: function (keyFile, pass, created, done) { if (current) askJson(session, 'signPrepare', [keyFile, pass, created], done); },
      beforeSign: beforeSign,
      current: function () { return current; },
      status: status,
      download: download
    });
    document.addEventListener('input', function (e) {
      if (e.target && e.target.id && e.target.id.indexOf('def-') === 0 && /-(target|direction)$/.test(e.target.id)) {
        showParsedTarget(e.target.id.replace(/^def-/, '').replace(/-(target|direction)$/, ''));
      }
    });
  }

  function ready() {
    if (!SE.storage.lsAvailable() && !window.indexedDB) $('storage-warning').hidden = false;
    SE.mark('ready');
    document.body.setAttribute('data-ready', 'true');
  }

  function start() {
    SE.mark('engine');
    engine = host.engine;
    $('engine-version').textContent = eng('version');
    wire();
    renderTargetTool();
    showWhere();
    storedDrafts.then(function (got) {
      var d = null;
      got[1].forEach(function (x) { if (x.id === got[0]) d = x; });
      if (!d) { renderStart(); ready(); return; }
      openDraft(d).then(function (ok) { if (!ok && !current) renderStart(); else if (ok) restoredStatus(d); ready(); });
    });
  }

  if (typeof WebAssembly !== 'object' || typeof createSelfeval !== 'function') {
    $('no-wasm').hidden = false;
    $('app').hidden = true;
    return;
  }
  SE.mark('script');
  // The drafts are looked up while the engine compiles.
  var storedDrafts = Promise.all([SE.storage.current(), SE.storage.list()]);
  host = SE.engineHost({ onFailure: function (info) { setTimeout(function () { engineFailed(info); }, 0); } });
  host.start().then(start, function (e) {
    $('engine-alert').hidden = false;
    $('engine-alert-text').textContent = t('engine_dead') + '（' + String(e && e.message || e) + '）';
  });
})();
