/* The page: start screen (built-in templates, files, drafts), the form, the target
   parser tool, language switch, drafts saved on every change. Calls the wasm core for
   everything it shows; keeps nothing the core computes. */
var SE = window.SE || (window.SE = {});
(function () {
  'use strict';
  var el = SE.el, t = SE.t, $ = SE.$;
  SE.view = SE.createView(document);
  var engine = null, session = null;
  var current = null;  // { draftId, templateId, templateText (non built-in), desc, answers }
  var unsaved = false;  // typed but neither in the browser's storage nor saved to a file

  function call(method) {
    var args = Array.prototype.slice.call(arguments, 1);
    return JSON.parse(session[method].apply(session, args));
  }

  function status(text, cls) {
    var s = $('status');
    s.textContent = text || '';
    s.className = 'status ' + (cls || '');
  }

  function showFindingsAlert(res) {
    var msgs = (res.findings || []).map(SE.msg);
    status(msgs.join('；') || t('bad_file'), 'error');
  }

  /* --- drafts ------------------------------------------------------------- */
  /* Drafts are written a moment after the last edit, not on every keystroke: serializing a
     form of thousands of rows would cost more than the edit itself. Leaving the page, saving
     a file or a structural change writes at once. */
  var saveTimer = null;
  function saveDraft() {
    if (!current) return;
    unsaved = true;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveDraftNow, 250);
  }
  function flushDraft() { if (saveTimer !== null) saveDraftNow(); }

  function saveDraftNow() {
    clearTimeout(saveTimer);
    saveTimer = null;
    if (!current) return;
    var answers = JSON.parse(session.answers());
    current.answers = answers;
    var unit = answers.unit || {};
    var draft = {
      id: current.draftId,
      template_id: current.templateId,
      template_text: current.templateText || null,
      declaration_text: current.declarationText || null,
      form_name: current.desc.template.name,
      unit_name: unit.project_name || unit.implementer || unit.department || unit.unit_name || unit.policy_name || '',
      answers: JSON.stringify(answers)
    };
    unsaved = true;
    SE.storage.save(draft).then(function (ok) {
      // Its own place, so it never hides what the last action reported.
      var s = $('save-status');
      s.textContent = ok ? t('saved') + ' ' + new Date().toLocaleTimeString() : t('not_saved');
      s.className = 'save-status ' + (ok ? 'ok' : 'error');
      if (ok) unsaved = false;
      $('storage-warning').hidden = ok;
    });
  }

  function newDraftId() { return 'd' + Date.now().toString(36) + Math.random().toString(36).slice(2, 6); }

  /* --- rendering ---------------------------------------------------------- */
  function renderForm() {
    var active = document.activeElement;
    var focusId = active && active.id;
    var selStart = active && active.selectionStart, selEnd = active && active.selectionEnd;
    current.desc = call('describe');
    current.answers = JSON.parse(session.answers());
    SE.view.render($('form'), current.desc, call('result'), current.answers, handlers);
    current.desc.nodes.forEach(function (n) { if (n.from_project) showParsedTarget(n.id); });
    refreshPrintSheet();
    $('start').hidden = true;
    $('form-screen').hidden = false;
    $('form-actions').hidden = false;
    if (focusId && $(focusId)) {
      var f = $(focusId);
      f.focus();
      try { if (selStart !== undefined && selStart !== null) f.setSelectionRange(selStart, selEnd); } catch (e) { /* not a text field */ }
    }
  }

  function applyDelta(d) {
    if (!d.ok) { showFindingsAlert(d); return; }
    SE.view.applyDelta(d);
    saveDraft();
    schedulePrintSheet();
  }

  var handlers = {
    onValue: function (id, field, text) { applyDelta(call('setValue', id, field, text)); },
    onUnit: function (field, text) { applyDelta(call('setUnit', field, text)); },
    onBudget: function (row, col, text) { applyDelta(call('setBudget', row, col, text)); },
    onText: function (key, text) {
      var d = call('setText', key, text);
      if (key === 'year' && d.ok) { renderForm(); saveDraft(); return; }
      applyDelta(d);
    },
    onDef: function (id, field, text) {
      var r = call('updateIndicator', id, field, text);
      if (!r.ok) {
        // Refused (e.g. an empty name): the text stays in its field with the message.
        var box = $('msg-def-' + id + '-' + field);
        if (box) { box.textContent = ''; (r.findings || []).forEach(function (f) { box.appendChild(el('div', { class: 'error' }, SE.msg(f))); }); }
        return;
      }
      renderForm();
      showParsedTarget(id);
      saveDraft();
    },
    onAdd: function (parent) {
      var r = call('addIndicator', parent, '');
      if (!r.ok) { showFindingsAlert(r); return; }
      renderForm();
      saveDraft();
      var name = $('def-' + r.id + '-name');
      if (name) { name.focus(); name.select(); }
    },
    onMove: function (id, delta) { call('moveIndicator', id, delta); renderForm(); saveDraft(); var b = $('def-' + id + '-name'); if (b) b.focus(); },
    onRemove: function (id) { call('removeIndicator', id); renderForm(); saveDraft(); }
  };

  /* The parsed form of a project indicator's target, shown under it as it is typed. */
  function showParsedTarget(id) {
    var box = $('parsed-' + id);
    var input = $('def-' + id + '-target');
    if (!box || !input) return;
    var dir = $('def-' + id + '-direction');
    var p = JSON.parse(engine.parseTarget(input.value, dir ? dir.value : ''));
    var node = null;
    (current.desc.nodes || []).forEach(function (n) { if (n.id === id) node = n; });
    // As the core words it: 正向：≥1次, 定性指标：效果明显.
    var label = node ? (SE.lang === 'en' ? node.rule_label_en : node.rule_label) : '';
    box.textContent = (label ? label + (SE.lang === 'en' ? ': ' : '：') : '') + (p.display || '');
  }

  /* --- opening forms ------------------------------------------------------ */
  function openBuiltin(id) {
    var r = call('loadBuiltin', id);
    if (!r.ok) { showFindingsAlert(r); return false; }
    current = { draftId: newDraftId(), templateId: id, templateText: null };
    renderForm();
    saveDraft();
    return true;
  }

  function openDraft(d) {
    var r = d.template_text ? call('loadTemplate', d.template_text) : call('loadBuiltin', d.template_id);
    if (!r.ok) { showFindingsAlert(r); return; }
    var a = call('loadAnswers', d.answers);
    if (!a.ok) { showFindingsAlert(a); return; }
    if (d.declaration_text) call('setDeclaration', d.declaration_text);
    current = { draftId: d.id, templateId: d.template_id, templateText: d.template_text, declarationText: d.declaration_text };
    SE.storage.setCurrent(d.id);
    renderForm();
  }

  // Text for .json; bytes (Uint8Array) for spreadsheets, which are binary or may carry a BOM.
  function readFile(input, fn) {
    var file = input.files && input.files[0];
    if (!file) return;
    var binary = /\.(xlsx|xls|csv)$/i.test(file.name);
    var reader = new FileReader();
    reader.onload = function () { fn(binary ? new Uint8Array(reader.result) : String(reader.result), file.name); input.value = ''; };
    reader.onerror = function () { status(t('bad_file') + '：' + file.name, 'error'); };
    if (binary) reader.readAsArrayBuffer(file); else reader.readAsText(file);
  }

  // What the core said while reading a spreadsheet that was read all the same (a cell read
  // as stored, an .xls): shown with the "loaded" line, never dropped.
  function loadedStatus(name, notes) {
    var msgs = (notes || []).map(SE.msg);
    status(t('loaded') + '：' + name + (msgs.length ? '。' + msgs.join('；') : ''), msgs.length ? 'warning' : 'ok');
  }

  function openTemplateText(text, name) {
    var notes = [];
    if (typeof text !== 'string') {
      // An indicator list (.xlsx / .csv): the core turns it into a template.
      var made = JSON.parse(engine.templateFromSheet(text, name.replace(/\.(xlsx|xls|csv)$/i, '')));
      if (!made.ok) { showFindingsAlert(made); return; }
      text = JSON.stringify(made.template, null, 1);
      notes = made.findings || [];
    }
    var r = call('loadTemplate', text);
    if (!r.ok) { showFindingsAlert(r); return; }
    var id = JSON.parse(session.describe()).template.id;
    current = { draftId: newDraftId(), templateId: id, templateText: text };
    renderForm();
    saveDraft();
    loadedStatus(name, notes);
  }

  function openAnswersText(text, name) {
    var notes = [];
    if (typeof text !== 'string') {
      // An Excel file exported here: the answers it holds, with the cells edited in Excel.
      var got = JSON.parse(engine.answersFromXlsx(text));
      if (!got.ok) { showFindingsAlert(got); return; }
      text = JSON.stringify(got.answers);
      notes = got.findings || [];
    }
    var doc;
    try { doc = JSON.parse(text); } catch (e) { status(t('bad_file') + '：' + name, 'error'); return; }
    var tid = doc && doc.template && doc.template.id;
    // The answers name their template: a built-in one opens by itself.
    if (!current || current.templateId !== tid) {
      if (!tid || !engine.builtinTemplate(tid)) { status(t('needs_template') + '：' + (tid || name), 'error'); return; }
      openBuiltin(tid);
    }
    var a = call('loadAnswers', text);
    if (!a.ok) { showFindingsAlert(a); return; }
    renderForm();
    saveDraft();
    loadedStatus(name, notes);
  }

  function download(name, content, type) {
    var blob = new Blob([typeof content === 'string' || content instanceof Uint8Array ? content : String(content)],
      { type: type || 'application/json' });
    var a = el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  // The core names files as a clerk would: 2022年度-产业人才发展专项资金-项目支出绩效自评表.xlsx
  function fileName(kind) {
    flushDraft();
    return session.fileName(kind || 'answers');
  }

  /* The print sheet follows the form: redrawn a moment after typing stops and before
     printing, so typing never waits for it. */
  var printTimer = null;
  function refreshPrintSheet() {
    clearTimeout(printTimer);
    printTimer = null;
    if (current) SE.renderReport($('print-sheet'), call('report'));
  }
  function schedulePrintSheet() {
    clearTimeout(printTimer);
    // Large forms: only when printing (beforeprint, the print button), not after typing.
    if (current && current.desc.nodes.length > 500) return;
    printTimer = setTimeout(refreshPrintSheet, 400);
  }

  /* --- start screen --------------------------------------------------------- */
  function renderStart() {
    $('start').hidden = false;
    $('form-screen').hidden = true;
    $('form-actions').hidden = true;
    var list = $('builtin-list');
    list.textContent = '';
    // The national project form first: it is the one most units fill.
    var order = ['project-self-assessment', 'department-self-assessment', 'department-target-declaration',
      'verification-sheet', 'policy-evaluation', 'contract-kpi'];
    var rank = function (id) { var i = order.indexOf(id); return i < 0 ? order.length : i; };
    JSON.parse(engine.builtinTemplates()).sort(function (a, b) { return rank(a.id) - rank(b.id); }).forEach(function (tpl) {
      var li = el('li');
      var b = el('button', { type: 'button', class: 'template-card', 'data-template': tpl.id });
      b.appendChild(el('strong', null, SE.lang === 'en' && tpl.name_en ? tpl.name_en : tpl.name));
      b.appendChild(el('span', { class: 'kind' }, SE.t('kind')[tpl.kind] || tpl.kind));
      b.appendChild(el('span', { class: 'desc' }, tpl.description.split('。')[0]));
      b.addEventListener('click', function () { openBuiltin(tpl.id); });
      li.appendChild(b);
      list.appendChild(li);
    });
    renderDrafts();
  }

  function renderDrafts() {
    SE.storage.list().then(function (drafts) {
      var list = $('draft-list');
      list.textContent = '';
      if (!drafts.length) { list.appendChild(el('li', { class: 'empty' }, t('no_drafts'))); return; }
      drafts.forEach(function (d) {
        var li = el('li');
        li.appendChild(el('span', { class: 'draft-name' }, d.form_name));
        li.appendChild(el('span', { class: 'draft-unit' }, d.unit_name || '—'));
        li.appendChild(el('span', { class: 'draft-date' }, t('updated') + ' ' + new Date(d.updated).toLocaleString()));
        var open = el('button', { type: 'button', class: 'resume' }, t('resume'));
        open.addEventListener('click', function () { openDraft(d); });
        var del = el('button', { type: 'button', class: 'danger' }, t('delete'));
        del.setAttribute('aria-label', t('delete') + ' ' + d.form_name + ' ' + (d.unit_name || ''));
        del.addEventListener('click', function () {
          if (!window.confirm(t('confirm_delete'))) return;
          SE.storage.remove(d.id).then(renderDrafts);
        });
        li.appendChild(open);
        li.appendChild(del);
        list.appendChild(li);
      });
    });
  }

  /* --- target parser tool (also the demo of the target language) ------------ */
  function renderTargetTool() {
    var result = JSON.parse(engine.parseTarget($('target-input').value, $('direction').value));
    var kinds = { quantitative: '定量 quantitative', compound: '复合 compound', range: '区间 range', deadline: '时限 deadline', qualitative: '定性 qualitative' };
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
      var li = el('li', { class: f.severity });
      li.appendChild(el('code', null, f.code));
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
    if (current && !$('form-screen').hidden) renderForm(); else renderStart();
    renderTargetTool();
  }

  function wire() {
    $('lang-switch').addEventListener('click', function () { SE.lang = SE.lang === 'zh' ? 'en' : 'zh'; applyLanguage(); });
    $('new-form').addEventListener('click', function () { SE.storage.setCurrent(null); current = null; renderStart(); });
    $('template-file').addEventListener('change', function (e) { readFile(e.target, openTemplateText); });
    $('answers-file').addEventListener('change', function (e) { readFile(e.target, openAnswersText); });
    $('answers-file-2').addEventListener('change', function (e) { readFile(e.target, openAnswersText); });
    $('declaration-file').addEventListener('change', function (e) {
      readFile(e.target, function (text, name) {
        var r = call('setDeclaration', text);
        if (!r.ok) { showFindingsAlert(r); return; }
        current.declarationText = text;
        renderForm();
        saveDraft();
        status(t('decl_attached') + '：' + name, 'ok');
      });
    });
    $('import-file').addEventListener('change', function (e) {
      readFile(e.target, function (text, name) {
        var r = call('importDeclaration', text);
        if (!r.ok) { showFindingsAlert(r); return; }
        current.declarationText = text;
        renderForm();
        saveDraft();
        status(t('imported') + '：' + r.imported + '（' + name + '）', 'ok');
      });
    });
    var saveFile = function () { flushDraft(); download(fileName(), JSON.stringify(current.answers, null, 1)); unsaved = false; };
    $('save-answers').addEventListener('click', saveFile);
    $('storage-save-file').addEventListener('click', function () { if (current) saveFile(); });
    // Storage failed (private mode, quota full): closing the page asks first.
    window.addEventListener('beforeunload', function (e) { flushDraft(); if (unsaved) { e.preventDefault(); e.returnValue = ''; } });
    window.addEventListener('pagehide', flushDraft);
    document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flushDraft(); });
    $('export-xlsx').addEventListener('click', function () {
      download(fileName('xlsx'), session.exportXlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    });
    $('export-csv').addEventListener('click', function () { download(fileName('csv'), session.exportCsv(), 'text/csv;charset=utf-8'); });
    $('print-form').addEventListener('click', function () { refreshPrintSheet(); window.print(); });
    window.addEventListener('beforeprint', function () { if (!document.body.classList.contains('print-register')) refreshPrintSheet(); });
    $('target-input').addEventListener('input', renderTargetTool);
    $('direction').addEventListener('change', renderTargetTool);
    SE.gridKeys($('form'));
    SE.signing(engine, function () { return session; }, function () { return current; }, status, download);
    document.addEventListener('input', function (e) {
      if (e.target && e.target.id && e.target.id.indexOf('def-') === 0 && /-(target|direction)$/.test(e.target.id)) {
        showParsedTarget(e.target.id.replace(/^def-/, '').replace(/-(target|direction)$/, ''));
      }
    });
  }

  function start(Module) {
    SE.mark('engine');
    engine = new Module.Engine();
    session = new Module.Session();
    $('engine-version').textContent = 'engine ' + engine.version();
    wire();
    renderTargetTool();
    storedDrafts.then(function (got) {
      var d = null;
      got[1].forEach(function (x) { if (x.id === got[0]) d = x; });
      if (d) openDraft(d); else renderStart();
      if (!SE.storage.lsAvailable() && !window.indexedDB) $('storage-warning').hidden = false;
      SE.mark('ready');
      document.body.setAttribute('data-ready', 'true');
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
  SE.loadEngine().then(start);
})();
