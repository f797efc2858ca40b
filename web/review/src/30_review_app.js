/* The bureau's workbench (汇总复核台). Every verdict, score, grouping, sample and workbook
   comes from the core: the batch from a Review in a worker (web/review/review_worker.js), the
   key registry's edits and a submission's read-only form from an engine on this thread. This
   file only loads files, renders what the core returns and offers it for download. */
var SE = window.SE || (window.SE = {});
(function () {
  'use strict';
  var el = SE.el, $ = SE.$, rt = SE.rt;
  var M = null, engine = null, worker = null, pending = {}, seq = 0, incoming = [];
  var state = {
    rows: [], summary: null, shown: [], page: 0, pageSize: 100, sort: { key: 'index', dir: 1 },
    registry: '', registryChanged: false, items: null, running: false, sample: null, sentKey: '', view: null,
    templates: [], templateList: [], templatesSaid: '',  // the bureau's own templates: [{name, text}], as the core listed them
    slowest: {}
  };
  SE.review = state;  // for the tests: what the page holds

  function say(text, cls) { var p = $('status'); p.textContent = text || ''; p.className = 'status ' + (cls || ''); }
  function download(name, data, type) {
    var a = el('a', { href: URL.createObjectURL(new Blob([data], { type: type })), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    say(rt('exported', { name: name }), 'ok');
  }
  function today() {
    var d = new Date(), p = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate());
  }
  function duration(ms) {
    var sec = Math.max(0, Math.round(ms / 1000));
    return sec < 60 ? rt('seconds', { n: sec }) : rt('minutes', { m: Math.floor(sec / 60), s: sec % 60 });
  }

  /* ---- the worker ---- */
  function startWorker() {
    var src = 'var createSelfeval = (' + seEngineGlue.toString() + ')();\n' + SE.FFLATE + '\n' + SE.REVIEW_WORKER;
    worker = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
    worker.onmessage = function (e) {
      var m = e.data;
      if (m.progress) { progress(m.progress); return; }
      if (m.rows) { var t0 = performance.now(); Array.prototype.push.apply(incoming, m.rows); timed('end', t0); return; }  // a slice of a run's rows
      if (m.ready || m.startFailed) { if (m.startFailed) say(rt('engine_failed', { m: m.startFailed }), 'error'); return; }
      var p = pending[m.id];
      delete pending[m.id];
      if (!p) return;
      if (m.ok) p.resolve(m.value); else { say(rt('engine_failed', { m: m.failed }), 'error'); p.reject(new Error(m.failed)); }
    };
    worker.postMessage({ start: { module: SE.wasmModule } });
  }
  function call(method, args, extra) {
    return new Promise(function (resolve, reject) {
      var id = ++seq, msg = { id: id, method: method, args: args || [] };
      Object.keys(extra || {}).forEach(function (k) { msg[k] = extra[k]; });
      pending[id] = { resolve: resolve, reject: reject };
      worker.postMessage(msg);
    });
  }
  var json = function (text) { return JSON.parse(text); };

  /* ---- loading ---- */
  var runStart = 0, runTotal = 0;
  function progress(p) {
    var frac = p.totalBytes ? p.bytes / p.totalBytes : 0;
    $('progress').value = frac;
    var left = frac > 0.02 ? (p.ms / frac) * (1 - frac) : null;
    $('progress-text').textContent = left === null ? rt('verifying_first', { n: p.files })
      : rt('verifying', { n: p.files, pct: Math.floor(frac * 100), left: duration(left) });
  }
  // `unreadable`: names of files the browser would not open, told with the run's result.
  function verify(items, unreadable) {
    if (state.running) return Promise.resolve();
    if (!items.length) { say(rt('no_files'), 'error'); return Promise.resolve(); }
    state.items = items;
    state.running = true;
    state.shownAt = null;
    state.slowest = {};
    state.startedAt = performance.now();
    runStart = Date.now();
    runTotal = items.length;
    $('progress-box').hidden = false;
    $('progress').value = 0;
    $('progress-text').textContent = rt('verifying_first', { n: 0 });
    $('rerun-box') && ($('rerun-box').hidden = true);
    var thresholds = JSON.stringify(riskThresholds());
    return call('setTemplates', [JSON.stringify(state.templates)]).then(json).then(function (r) {
      if (!r.ok) throw new Error(r.findings.map(SE.msg).join('；'));
      return call('setRegistry', [state.registry]);
    }).then(json).then(function (r) {
      if (!r.ok) throw new Error(r.findings.map(SE.msg).join('；'));
      return call('setTime', [$('check-date').value || today()]);
    }).then(json).then(function (r) {
      if (!r.ok) throw new Error(r.findings.map(SE.msg).join('；'));
      return call('setRejectErrors', [$('reject-errors').checked]);
    }).then(function () { return call('setThresholds', [thresholds]); })
      .then(function () { incoming = []; return call('clear', []); })
      .then(function () {
        // The files go over one message each, as many per task as fit in ~8 ms of this thread:
        // posting a File costs a look at the disk (≈ 0.5–1.5 ms measured on a quiet machine,
        // 10 ms and more on a busy one, so a fixed slice of five could hold the thread 60 ms).
        // The tasks follow each other through a MessageChannel (setTimeout would hold each back
        // 4 ms after a few in a row), and input is handled between them.
        // (No File's size is asked here: each costs a look at the disk on this thread; the
        // worker sums them.)
        var running = call('run', []);
        var at = 0, tick = new MessageChannel();
        function send() {
          var t0 = performance.now();
          do {
            worker.postMessage({ feed: [items[at]], last: at + 1 >= items.length });
            at++;
          } while (at < items.length && performance.now() - t0 < 8);
          timed('feed', t0);
          if (at < items.length) tick.port2.postMessage(0); else tick.port1.close();
        }
        tick.port1.onmessage = send;
        send();
        return running;
      })
      .then(function (out) {
        state.running = false;
        state.endedAt = performance.now();
        $('progress-box').hidden = true;
        state.rows = incoming;
        incoming = [];
        state.summary = out.summary;
        state.lastRun = { ms: out.ms, files: state.rows.length, cancelled: out.cancelled };
        unreadable = unreadable || [];
        var sk = $('skipped');
        sk.hidden = !out.skipped.length && !unreadable.length;
        sk.textContent = [[out.skipped, 'skipped'], [unreadable, 'unreadable']].filter(function (p) { return p[0].length; }).map(function (p) {
          return rt(p[1], { n: p[0].length, names: p[0].slice(0, 10).join('、') + (p[0].length > 10 ? '……' : '') });
        }).join(' ');
        say(out.cancelled ? rt('cancelled', { n: state.rows.length }) : rt('done', { n: state.rows.length, s: (out.ms / 1000).toFixed(1) }), out.cancelled ? 'warn' : 'ok');
        showResults();
      }, function (e) {
        state.running = false;
        $('progress-box').hidden = true;
        say(String(e.message || e), 'error');
      });
  }
  function fromList(list) {
    var items = [];
    for (var i = 0; i < list.length; i++) items.push({ name: list[i].webkitRelativePath || list[i].name, file: list[i] });
    return items;
  }
  // A drop: files and folders (walked through the entries API); where the browser gives no
  // entries, the dropped files themselves.
  function fromDrop(dt) {
    var entries = [], items = [];
    for (var i = 0; dt.items && i < dt.items.length; i++) {
      var en = dt.items[i].webkitGetAsEntry && dt.items[i].webkitGetAsEntry();
      if (en) entries.push(en);
    }
    if (!entries.length) return Promise.resolve(fromList(dt.files || []));
    function walk(entry, path) {
      if (entry.isFile) return new Promise(function (res) { entry.file(function (f) { items.push({ name: path + f.name, file: f }); res(); }, function () { res(); }); });
      var reader = entry.createReader(), all = [];
      return new Promise(function (res) {
        (function more() {
          reader.readEntries(function (batch) {
            if (!batch.length) { Promise.all(all.map(function (c) { return walk(c, path + entry.name + '/'); })).then(res); return; }
            all = all.concat(Array.prototype.slice.call(batch));
            more();
          }, function () { res(); });
        })();
      });
    }
    return Promise.all(entries.map(function (e) { return walk(e, ''); })).then(function () { return items; });
  }

  // A folder chosen through the File System Access API (Chromium-based browsers, from file://
  // too): read entry by entry, a few files' handles at a time, so input is handled throughout.
  // Through <input webkitdirectory> the browser builds the whole file list in one task before
  // the page sees it (about 6 s at 10,000 files). A file the browser will not open is listed.
  function fromDirectory(dir, found, stopped) {
    var items = [], unreadable = [];
    function list(handle) {
      var it = handle.values(), files = [], dirs = [];
      return new Promise(function (res, rej) {
        (function next() {
          it.next().then(function (step) {
            if (step.done) { res({ files: files, dirs: dirs }); return; }
            (step.value.kind === 'file' ? files : dirs).push(step.value);
            next();
          }, rej);
        })();
      });
    }
    function walk(handle, path) {
      return list(handle).then(function (got) {
        var at = 0;
        function open() {
          if (at >= got.files.length || stopped()) return Promise.resolve();
          var part = got.files.slice(at, at += 32);
          return Promise.all(part.map(function (h) {
            return h.getFile().then(function (f) { items.push({ name: path + f.name, file: f }); }, function () { unreadable.push(path + h.name); });
          })).then(function () { found(items.length); return open(); });
        }
        return open().then(function () {
          return got.dirs.reduce(function (p, d) { return p.then(function () { return stopped() || walk(d, path + d.name + '/'); }); }, Promise.resolve());
        });
      });
    }
    return walk(dir, dir.name + '/').then(function () { return { items: items, unreadable: unreadable }; });
  }
  var folderInputOnce = false, folderReading = null;
  function pickFolder(e) {
    if (typeof window.showDirectoryPicker !== 'function' || folderInputOnce) { folderInputOnce = false; return; }
    e.preventDefault();
    if (state.running) return;
    var input = e.target;
    window.showDirectoryPicker({ id: 'selfeval-submissions', mode: 'read' }).then(function (dir) {
      var reading = folderReading = { cancelled: false };
      state.changeAt = performance.now();
      $('progress-box').hidden = false;
      $('progress').removeAttribute('value');
      var shown = 0;
      return fromDirectory(dir, function (n) {
        if (n - shown < 200) return;
        shown = n;
        $('progress-text').textContent = rt('reading_folder', { n: n });
      }, function () { return reading.cancelled; }).then(function (got) {
        folderReading = null;
        $('progress-box').hidden = true;
        if (reading.cancelled) { say(rt('cancelled', { n: 0 }), 'warn'); return; }
        return verify(got.items, got.unreadable);
      });
    }, function (err) {
      // Closed by the user: nothing to do. Refused (an embedding frame without the permission,
      // a policy): the browser's own folder choice instead, while the click still counts.
      if (err && err.name !== 'AbortError') { folderInputOnce = true; input.click(); }
    }).catch(function (err) {
      folderReading = null;
      $('progress-box').hidden = true;
      say(String(err && err.message || err), 'error');
    });
  }

  /* ---- the table ---- */
  var COLS = [
    { key: 'name', label: 'col_file' }, { key: 'unit', label: 'col_unit' }, { key: 'project', label: 'col_project' },
    { key: 'form', label: 'col_form' }, { key: 'year', label: 'col_year', num: true }, { key: 'total', label: 'col_total', num: true },
    { key: 'grade', label: 'col_grade' }, { key: 'execution_rate', label: 'col_rate', num: true, show: 'execution_rate_percent' },
    { key: 'errors', label: 'col_errors', num: true }, { key: 'warnings', label: 'col_warnings', num: true },
    { key: 'difference', label: 'col_diff', num: true }, { key: 'status', label: 'col_status' }, { key: 'signature', label: 'col_sig' }
  ];
  function filtersFill() {
    var grades = {}, forms = {};
    state.rows.forEach(function (r) { if (r.grade) grades[r.grade] = 1; if (r.form) forms[r.form] = 1; });
    [['f-grade', grades], ['f-form', forms]].forEach(function (p) {
      var sel = $(p[0]), keep = sel.value;
      while (sel.options.length > 1) sel.remove(1);
      Object.keys(p[1]).sort().forEach(function (v) { sel.appendChild(el('option', { value: v }, v)); });
      sel.value = keep;
    });
  }
  function applyFilters() {
    var q = $('f-search').value.trim().toLowerCase(), st = $('f-status').value, g = $('f-grade').value, f = $('f-form').value;
    var errs = $('f-errors').checked, risk = $('f-risk').checked, key = state.sort.key, dir = state.sort.dir;
    var col = COLS.filter(function (c) { return c.key === key; })[0];
    state.shown = state.rows.filter(function (r) {
      if (st && r.status !== st) return false;
      if (g && r.grade !== g) return false;
      if (f && r.form !== f) return false;
      if (errs && !(r.errors > 0)) return false;
      if (risk && !r.flags.length) return false;
      if (q && (r.name + ' ' + r.unit + ' ' + r.project + ' ' + r.form + ' ' + r.reason_zh).toLowerCase().indexOf(q) < 0) return false;
      return true;
    });
    state.shown.sort(function (a, b) {
      var x = a[key], y = b[key];
      if (x === null || x === undefined || x === '') return 1;
      if (y === null || y === undefined || y === '') return -1;
      if (col && col.num) { x = Number(x); y = Number(y); }
      return (x < y ? -1 : x > y ? 1 : a.index - b.index) * dir;
    });
    state.page = Math.min(state.page, Math.max(0, Math.ceil(state.shown.length / state.pageSize) - 1));
    drawTable();
  }
  function statusText(r) {
    var s = SE.lang === 'en' ? r.status_en : r.status_zh;
    var why = SE.lang === 'en' ? r.reason_en : r.reason_zh;
    return why ? s + '：' + why : s;
  }
  function drawHead() {
    var tr = $('summary-table').tHead.rows[0];
    tr.textContent = '';
    COLS.forEach(function (c) {
      var th = el('th', { scope: 'col', 'aria-sort': state.sort.key === c.key ? (state.sort.dir > 0 ? 'ascending' : 'descending') : 'none' });
      var b = el('button', { type: 'button', class: 'sort' }, rt(c.label) + (state.sort.key === c.key ? (state.sort.dir > 0 ? ' ▲' : ' ▼') : ''));
      b.addEventListener('click', function () {
        state.sort = { key: c.key, dir: state.sort.key === c.key ? -state.sort.dir : 1 };
        drawHead();
        applyFilters();
      });
      th.appendChild(b);
      tr.appendChild(th);
    });
  }
  /* A page of the table, 25 rows a frame: the first layout of 100 rows of Chinese text took the
     browser 60–80 ms on this machine, 25 at a time each frame stays short. */
  var drawGen = 0;
  function drawTable() {
    var body = $('summary-table').tBodies[0], from = state.page * state.pageSize, gen = ++drawGen;
    var rows = state.shown.slice(from, from + state.pageSize);
    body.textContent = '';
    (function put(k) {
      var frag = document.createDocumentFragment();
      rows.slice(k, k + 25).forEach(function (r) { frag.appendChild(rowOf(r)); });
      body.appendChild(frag);
      if (k + 25 < rows.length) afterFrame(function () { if (gen === drawGen) put(k + 25); });
    })(0);
    var pages = Math.max(1, Math.ceil(state.shown.length / state.pageSize));
    $('page-info').textContent = rt('page', { p: state.page + 1, n: pages });
    $('page-prev').disabled = state.page === 0;
    $('page-next').disabled = state.page >= pages - 1;
    $('shown-count').textContent = rt('shown', { n: state.shown.length, all: state.rows.length });
  }
  function rowOf(r) {
    var tr = el('tr', { class: 'st-' + r.status, 'data-index': r.index });
    COLS.forEach(function (c) {
      var td = el('td', c.num ? { class: 'num' } : null);
      if (c.key === 'name') {
        var b = el('button', { type: 'button', class: 'linkish', 'aria-label': rt('open_row', { name: r.name }) }, r.name);
        b.addEventListener('click', function () { openDetail(r.index); });
        td.appendChild(b);
      } else if (c.key === 'status') {
        td.textContent = statusText(r);
        r.flags.forEach(function (f) { td.appendChild(el('span', { class: 'flag' }, rt('flag_' + f))); });
      } else if (c.key === 'grade' && r.lights_zh) {
        // A monitoring form: its rows by light, in words, where a grade would stand.
        td.textContent = SE.lang === 'en' ? r.lights_en : r.lights_zh;
      } else if (c.key === 'signature') {
        td.textContent = r.signature_zh && SE.lang === 'zh' ? r.signature_zh : r.signature;
      } else {
        var v = r[c.show || c.key];
        td.textContent = v === null || v === undefined ? '' : String(v);
      }
      tr.appendChild(td);
    });
    return tr;
  }
  // fn in a task of its own after the next frame is drawn (so each step's layout and paint,
  // costly the first time a section appears, is a task apart).
  function afterFrame(fn) { requestAnimationFrame(function () { setTimeout(fn, 0); }); }
  // The longest of the page's own tasks in a run, by kind (feed: handing files to the worker;
  // end: the results drawn): the tests and the bench read them beside the browser's long tasks.
  function timed(kind, t0) { state.slowest[kind] = Math.max(state.slowest[kind] || 0, performance.now() - t0); }
  /* The results in steps, each a short task: the table, then the charts' and the sampling
     sections, then the charts. */
  function showResults() {
    var t0 = performance.now(), first = $('results').hidden;
    $('results').hidden = false;
    // The registry steps aside once there are results (its count stays in the summary line).
    if (first && state.registry) $('registry-panel').open = false;
    var s = state.summary;
    $('totals').textContent = rt('totals', { files: s.files, passed: s.passed, failed: s.failed, duplicates: s.duplicates, superseded: s.superseded, with_errors: s.with_errors, at: s.checked_at })
      + (s.signer_checked ? '' : ' ' + rt('unchecked_warn'));
    filtersFill();
    drawHead();
    applyFilters();
    var summary = state.summary;
    timed('end', t0);
    afterFrame(function () {
      if (state.summary !== summary) return;  // a new run began meanwhile
      var t1 = performance.now();
      $('charts').hidden = false;
      timed('end', t1);
      afterFrame(function () {
        if (state.summary !== summary) return;
        var t2 = performance.now();
        $('sampling').hidden = false;
        timed('end', t2);
        call('charts', []).then(json).then(function (c) {
          if (state.summary !== summary) return;
          state.charts = c;
          afterFrame(function () {
            var t3 = performance.now();
            SE.drawCharts(c, { grades: $('chart-grades'), hist: $('chart-hist'), scatter: $('chart-scatter'), kinds: $('chart-kinds') });
            timed('end', t3);
            state.shownAt = performance.now();  // the run's last step on this thread (the tests time it)
          });
        });
      });
    });
  }

  /* ---- one submission, read-only ---- */
  var lastFocus = null, detailOrigin = null;
  function readSource(index) {
    var row = state.rows[index];
    var file = row.file, items = state.items || [];
    for (var i = 0; i < items.length; i++) {
      if (items[i].name === file) return items[i].file.slice(0, 16 * 1024 * 1024).text();
      if (/\.zip$/i.test(items[i].name) && file.indexOf(items[i].name + '/') === 0)
        return call('extract', [], { zip: items[i].file, entry: file.slice(items[i].name.length + 1) });
    }
    return Promise.resolve(null);
  }
  function openDetail(index) {
    lastFocus = document.activeElement;
    var box = $('detail');
    call('detail', [index]).then(json).then(function (d) {
      var r = d.row, v = d.verdict, sec = $('detail-verdict');
      $('detail-title').textContent = r.name + ' — ' + statusText(r);
      sec.textContent = '';
      sec.appendChild(el('h3', null, rt('detail_signer')));
      var dl = el('dl', { class: 'facts' });
      [['col_sig', SE.lang === 'zh' ? r.signature_zh : r.signature], ['created', r.created], ['kid', r.kid], ['registered_unit', r.registered_unit],
        ['key_validity', r.key_validity], ['digest', r.digest], ['duplicate_of', r.duplicate_of], ['superseded_by', r.superseded_by],
        ['col_total', r.total], ['col_grade', r.lights_zh ? (SE.lang === 'en' ? r.lights_en : r.lights_zh) : r.grade], ['col_rate', r.execution_rate_percent], ['col_diff', r.difference]]
        .forEach(function (p) { if (p[1] !== null && p[1] !== undefined && p[1] !== '') { dl.appendChild(el('dt', null, rt(p[0]))); dl.appendChild(el('dd', null, p[1])); } });
      sec.appendChild(dl);
      if (v.findings.length) {
        sec.appendChild(el('h3', null, rt('detail_reasons')));
        var ul = el('ul', { class: 'findings' });
        v.findings.forEach(function (f) { ul.appendChild(el('li', { class: 'sev-' + f.severity }, rt('sev_' + f.severity) + '：' + SE.msg(f) + ' [' + f.code + ']')); });
        sec.appendChild(ul);
      }
      if (d.form_findings.length) {
        sec.appendChild(el('h3', null, rt('detail_form_findings') + '（' + d.form_findings.length + '）'));
        var fl = el('ul', { class: 'findings' });
        d.form_findings.slice(0, 200).forEach(function (f) { fl.appendChild(el('li', { class: 'sev-' + f.severity }, rt('sev_' + f.severity) + '：' + SE.msg(f) + (f.path ? '（' + f.path + '）' : ''))); });
        sec.appendChild(fl);
      }
      box.hidden = false;
      document.body.classList.add('detail-open');
      $('detail-close').focus();
      state.detailIndex = index;
      detailOrigin = v.template && v.template.origin;
      return readSource(index).then(function (text) { showForm(text, r); });
    });
  }
  // The form as the unit filled it, in the view the units use, every field locked.
  function showForm(text, row) {
    var root = $('form');
    root.textContent = '';
    var env = null;
    try { env = text ? JSON.parse(text) : null; } catch (e) { env = null; }
    var sub = env && env.submission;
    if (!sub || !row.digest || /template/.test(row.reason_code || '')) { root.appendChild(el('p', { class: 'hint' }, rt('detail_no_form'))); return; }
    var session = new M.Session();
    try {
      // A template the bureau loaded is shown from its own file (the verdict names it).
      var origin = detailOrigin, own = null;
      state.templates.forEach(function (t) { if (t.name === origin) own = t.text; });
      var loaded = json(own !== null ? session.loadTemplate(own) : session.loadBuiltin(sub.template.id));
      if (!loaded.ok) { root.appendChild(el('p', { class: 'hint' }, rt('detail_no_form'))); return; }
      session.loadAnswers(JSON.stringify(sub.answers));
      var desc = json(session.describe()), over = json(session.overview()), answers = json(session.answers());
      state.view.beginForm({ all: true });  // every finding shown, as after 检查
      state.view.render(root, desc, over, answers, {});
      state.view.setReadOnly(true);
    } finally {
      session.delete();
    }
  }
  function closeDetail() {
    $('detail').hidden = true;
    $('detail-draft-status').textContent = '';
    document.body.classList.remove('detail-open');
    $('form').textContent = '';
    if (lastFocus && lastFocus.focus) lastFocus.focus();
  }

  /* ---- the key registry ---- */
  function drawKeys() {
    var d = state.registry ? json(engine.registryDescribe(state.registry)) : { ok: true, keys: [] };
    var body = $('keys-table').tBodies[0];
    body.textContent = '';
    $('registry-count').textContent = d.keys.length ? rt('registry_n', { n: d.keys.length }) + (state.registryChanged ? ' — ' + rt('registry_unsaved') : '') : rt('registry_none');
    d.keys.forEach(function (k) {
      var tr = el('tr', { class: k.status === 'revoked' ? 'revoked' : '' });
      tr.appendChild(el('td', null, k.unit));
      tr.appendChild(el('td', null, rt(k.role === 'reviewer' ? 'role_reviewer' : 'role_unit')));
      var fp = tr.appendChild(el('td', null));
      fp.appendChild(el('code', { class: 'fingerprint' }, k.fingerprint));
      if (k.alg === 'SM2') fp.appendChild(el('span', { class: 'flag' }, rt('alg_sm2')));  // 国密: an SM3 fingerprint
      var v = el('td', { class: 'validity' });
      var from = el('input', { type: 'date', value: k.valid_from, 'aria-label': k.unit + ' ' + rt('valid_from') });
      var to = el('input', { type: 'date', value: k.valid_to, 'aria-label': k.unit + ' ' + rt('valid_to') });
      v.appendChild(from); v.appendChild(document.createTextNode(' – ')); v.appendChild(to);
      tr.appendChild(v);
      tr.appendChild(el('td', null, rt(k.status === 'revoked' ? 'revoked' : 'active')));
      var act = el('td');
      var save = el('button', { type: 'button' }, rt('save_validity'));
      save.addEventListener('click', function () { registryChange(engine.registrySetValidity(state.registry, k.kid, from.value, to.value), rt('validity_saved')); });
      act.appendChild(save);
      if (k.status !== 'revoked') {
        var rv = el('button', { type: 'button', class: 'danger' }, rt('revoke'));
        rv.addEventListener('click', function () {
          if (!window.confirm(rt('confirm_revoke', { unit: k.unit, fp: k.fingerprint }))) return;
          registryChange(engine.registryRevoke(state.registry, k.kid, ''), rt('key_revoked'));
        });
        act.appendChild(rv);
      }
      tr.appendChild(act);
      body.appendChild(tr);
    });
  }
  function registryChange(resultText, okText) {
    var r = json(resultText);
    if (!r.ok) { $('key-status').textContent = r.findings.map(SE.msg).join('；'); $('key-status').className = 'sign-status error'; return false; }
    state.registry = r.text;
    state.registryChanged = true;
    $('key-status').textContent = okText;
    $('key-status').className = 'sign-status ok';
    drawKeys();
    askRerun();
    return true;
  }
  function askRerun() {
    if (!state.items) return;
    var box = $('rerun-box');
    if (!box) {
      box = el('p', { id: 'rerun-box', class: 'notice notice-warn', role: 'status' });
      box.appendChild(el('span', null, rt('rerun') + ' '));
      var b = el('button', { type: 'button', id: 'rerun' }, rt('rerun_button'));
      b.addEventListener('click', function () { verify(state.items); });
      box.appendChild(b);
      $('results').insertBefore(box, $('totals'));
    }
    box.hidden = false;
  }
  function readKey(text) {
    state.sentKey = text;
    var k = json(engine.registryKeyFrom(text));
    if (!k.ok) { $('key-fp').textContent = '—'; $('key-status').textContent = k.findings.map(SE.msg).join('；'); $('key-status').className = 'sign-status error'; return; }
    $('key-fp').textContent = k.fingerprint;
    if (k.unit && !$('key-unit').value) $('key-unit').value = k.unit;
    $('key-status').textContent = rt(k.alg === 'SM2' ? 'key_read_sm2' : 'key_read');
    $('key-status').className = 'sign-status ok';
  }

  /* ---- sampling ---- */
  function riskThresholds() {
    var nn = parseInt($('s-nn').value, 10);
    return { low_execution_below_percent: $('s-low').value.trim() || '80', not_numeric_at_least: isNaN(nn) ? 3 : nn };
  }
  function sampleParams() {
    var p = riskThresholds(), amount = $('s-amount').value.trim();
    p.seed = $('s-seed').value.trim();
    if ($('s-mode').value === 'count') p.count = /^\d+$/.test(amount) ? parseInt(amount, 10) : -1; else p.percent = amount;
    p.stratify = $('s-stratify').checked ? 'grade' : 'none';
    p.risk_only = $('s-risk').checked;
    return p;
  }
  function draw() {
    return call('sample', [JSON.stringify(sampleParams())]).then(json).then(function (s) {
      var list = $('s-list');
      list.textContent = '';
      if (!s.ok) { $('s-status').textContent = s.findings.map(SE.msg).join('；'); $('s-status').className = 'sign-status error'; $('s-export').disabled = true; return; }
      state.sample = s;
      $('s-status').textContent = rt('sampled', { pool: s.pool, drawn: s.drawn, seed: s.params.seed });
      $('s-status').className = 'sign-status ok';
      s.selected.forEach(function (f) {
        list.appendChild(el('li', null, f.file + ' — ' + f.unit + (f.project ? ' · ' + f.project : '') + ' · ' + (f.total || '') + ' ' + (f.grade || '')
          + (f.flags.length ? ' · ' + f.flags.map(function (x) { return rt('flag_' + x); }).join('、') : '')));
      });
      $('s-export').disabled = false;
    });
  }

  /* ---- print ---- */
  function preparePrint() {
    var p = $('print-summary'), s = state.summary;
    if (!s) return;
    p.textContent = '';
    p.appendChild(el('h1', null, rt('print_title')));
    p.appendChild(el('p', null, $('totals').textContent));
    var byForm = {};
    state.rows.forEach(function (r) { if (r.submission) { var k = r.form || '—'; byForm[k] = byForm[k] || { passed: 0, all: 0 }; byForm[k].all++; if (r.status === 'passed') byForm[k].passed++; } });
    var t = el('table', { class: 'grid' });
    var hr = el('tr');
    [rt('col_form'), rt('print_count'), rt('s_passed')].forEach(function (h) { hr.appendChild(el('th', { scope: 'col' }, h)); });
    t.appendChild(el('thead')).appendChild(hr);
    var tb = el('tbody');
    Object.keys(byForm).sort().forEach(function (k) { var tr = el('tr'); [k, byForm[k].all, byForm[k].passed].forEach(function (v) { tr.appendChild(el('td', null, v)); }); tb.appendChild(tr); });
    t.appendChild(tb);
    p.appendChild(el('h2', null, rt('print_by_form')));
    p.appendChild(t);
    var charts = el('div', { class: 'print-charts' });
    ['chart-grades', 'chart-hist', 'chart-scatter', 'chart-kinds'].forEach(function (id) {
      var fig = $(id).parentNode.cloneNode(true);
      fig.removeAttribute('id');
      fig.querySelectorAll('[id]').forEach(function (n) { n.removeAttribute('id'); });
      charts.appendChild(fig);
    });
    p.appendChild(charts);
  }

  /* ---- language ---- */
  /* ---- the bureau's templates (the CLI's --templates DIR) ---- */
  function drawTemplates() {
    var n = state.templateList.length;
    $('templates-status').textContent = state.templatesSaid || (n ? rt('templates_n', { n: n, list: state.templateList.map(function (t) {
      return (t.name || t.id) + '（' + t.id + ' ' + t.version + '，' + t.origin + '）';
    }).join('；') }) : rt('templates_builtin'));
    $('templates-status').className = state.templatesSaid ? 'sign-status error' : 'hint';
    $('templates-clear').hidden = !n;
  }
  // The core reads them as `selfeval verify --templates` reads a folder: all or none.
  function setTemplates(files) {
    return call('setTemplates', [JSON.stringify(files)]).then(json).then(function (r) {
      if (!r.ok) {
        state.templatesSaid = rt('templates_refused', { m: r.findings.map(SE.msg).join('；') });
        drawTemplates();
        state.templatesSaid = '';
        return;
      }
      state.templates = files;
      state.templateList = r.templates;
      state.templatesSaid = '';
      drawTemplates();
      askRerun();
    });
  }

  function applyLanguage() {
    document.documentElement.lang = SE.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = rt('title');
    document.querySelectorAll('[data-r]').forEach(function (n) { n.textContent = rt(n.getAttribute('data-r')); });
    document.querySelectorAll('[data-r-label]').forEach(function (n) { n.setAttribute('aria-label', rt(n.getAttribute('data-r-label'))); });
    $('lang-switch').textContent = SE.lang === 'zh' ? 'English' : '中文';
    $('lang-switch').setAttribute('lang', SE.lang === 'zh' ? 'en' : 'zh-CN');
    drawKeys();
    drawTemplates();
    if (state.summary) showResults();
  }

  function wire() {
    $('check-date').value = today();
    $('key-from').value = today();
    $('key-to').value = (new Date().getFullYear() + 4) + '-12-31';
    $('s-seed').value = String(Date.now() % 1000000);
    ['pick-files', 'pick-folder', 'pick-zip'].forEach(function (id) {
      $(id).addEventListener('change', function (e) { state.changeAt = performance.now(); var items = fromList(e.target.files); e.target.value = ''; verify(items); });
    });
    $('pick-folder').addEventListener('click', pickFolder);
    var drop = $('drop');
    ['dragenter', 'dragover'].forEach(function (t) { document.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('over'); }); });
    document.addEventListener('dragleave', function () { drop.classList.remove('over'); });
    document.addEventListener('drop', function (e) { e.preventDefault(); drop.classList.remove('over'); fromDrop(e.dataTransfer).then(verify); });
    // While a folder is still being read, the cancel stops the reading (nothing is verified).
    $('cancel').addEventListener('click', function () {
      if (folderReading) folderReading.cancelled = true; else worker.postMessage({ cancel: true });
    });
    $('pick-templates').addEventListener('change', function (e) {
      var list = Array.prototype.slice.call(e.target.files || []);
      e.target.value = '';
      if (!list.length || state.running) return;
      Promise.all(list.map(function (f) { return f.text().then(function (text) { return { name: f.name, text: text }; }); }))
        .then(function (files) { return setTemplates(state.templates.filter(function (t) {
          return !files.some(function (f) { return f.name === t.name; });
        }).concat(files)); });
    });
    $('templates-clear').addEventListener('click', function () { if (!state.running) setTemplates([]); });
    $('check-date').addEventListener('change', askRerun);
    $('reject-errors').addEventListener('change', askRerun);
    $('registry-file').addEventListener('change', function (e) {
      var f = e.target.files[0];
      e.target.value = '';
      if (!f) return;
      f.text().then(function (text) {
        var d = json(engine.registryDescribe(text));
        if (!d.ok) { $('key-status').textContent = d.findings.map(SE.msg).join('；'); $('key-status').className = 'sign-status error'; return; }
        state.registry = text;
        state.registryChanged = false;
        $('key-status').textContent = '';
        drawKeys();
        askRerun();
      });
    });
    $('registry-export').addEventListener('click', function () {
      if (!state.registry) return;
      state.registryChanged = false;
      download('公钥登记表-' + today() + '.json', state.registry, 'application/json');
      drawKeys();
    });
    $('key-file').addEventListener('change', function (e) { var f = e.target.files[0]; e.target.value = ''; if (f) f.text().then(readKey); });
    $('key-text').addEventListener('input', function () { if ($('key-text').value.trim()) readKey($('key-text').value); });
    $('key-add').addEventListener('click', function () {
      var entry = { unit: $('key-unit').value.trim(), role: $('key-role').value, valid_from: $('key-from').value, valid_to: $('key-to').value, registered: today() };
      if (registryChange(engine.registryAdd(state.registry, state.sentKey, JSON.stringify(entry)), rt('key_added', { unit: entry.unit }))) {
        $('key-text').value = ''; $('key-unit').value = ''; $('key-fp').textContent = '—'; state.sentKey = '';
      }
    });
    ['f-search', 'f-status', 'f-grade', 'f-form', 'f-errors', 'f-risk'].forEach(function (id) {
      $(id).addEventListener(id === 'f-search' ? 'input' : 'change', function () { state.page = 0; applyFilters(); });
    });
    $('page-prev').addEventListener('click', function () { state.page--; drawTable(); });
    $('page-next').addEventListener('click', function () { state.page++; drawTable(); });
    $('export-xlsx').addEventListener('click', function () {
      call('summaryXlsx', []).then(function (b) { download('汇总表-' + (state.summary.checked_at || '').slice(0, 10) + '.xlsx', b, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'); });
    });
    $('export-csv').addEventListener('click', function () {
      call('summaryCsv', []).then(function (b) { download('汇总表-' + (state.summary.checked_at || '').slice(0, 10) + '.csv', b, 'text/csv'); });
    });
    $('print').addEventListener('click', function () { preparePrint(); window.print(); });
    window.addEventListener('beforeprint', preparePrint);
    $('s-draw').addEventListener('click', draw);
    $('s-export').addEventListener('click', function () {
      if (state.sample) download('抽查-种子' + state.sample.params.seed + '.json', JSON.stringify(state.sample, null, 1) + '\n', 'application/json');
    });
    $('detail-close').addEventListener('click', closeDetail);
    // 生成核查评分表: the reviewer's sheet drafted by the core from this submission (issue 18),
    // saved as an answers file to open in the form page.
    $('detail-draft').addEventListener('click', function () {
      var row = state.rows[state.detailIndex];
      readSource(state.detailIndex).then(function (text) {
        var r = json(engine.reviewDraft(text || '', '', ''));
        // Said in the dialog, beside the button (the page's own message bar would cover the page).
        var said = $('detail-draft-status');
        if (!r.ok) { said.textContent = rt('draft_failed', { m: (r.findings || []).map(SE.msg).join('；') }); said.className = 'draft-status error'; return; }
        var name = (row.project || row.unit || 'submission') + '-核查评分意见表.json';
        download(name, JSON.stringify(r.answers, null, 1) + '\n', 'application/json');
        said.textContent = rt('draft_saved', { name: name });
        said.className = 'draft-status ok';
      });
    });
    $('detail').addEventListener('keydown', function (e) { if (e.key === 'Escape') closeDetail(); });
    $('lang-switch').addEventListener('click', function () { SE.lang = SE.lang === 'zh' ? 'en' : 'zh'; applyLanguage(); });
  }

  function start() {
    if (typeof WebAssembly !== 'object') { $('no-wasm').hidden = false; return; }
    SE.loadEngine({}).then(function (mod) {
      M = mod;
      engine = new M.Engine();
      state.view = SE.createView(document);
      startWorker();
      wire();
      applyLanguage();
      document.body.setAttribute('data-ready', 'true');
    }, function (e) { say(rt('engine_failed', { m: String(e && e.message || e) }), 'error'); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
