/* Drafts: every change is written at once to IndexedDB (localStorage when IndexedDB is
   missing). A draft holds the template (id, or its text when it is not built in), the
   answers document and what the drafts list shows.

   Each save carries a revision number and the tab that wrote it. A save names the revision
   it was made from; when the stored draft is newer and from another tab, nothing is written
   and the save answers with that stored draft instead (two tabs never overwrite each other
   in silence; IndexedDB's transaction makes the check and the write one step). */
var SE = window.SE || (window.SE = {});
SE.storage = (function () {
  var DB = 'selfeval', STORE = 'drafts', LS_PREFIX = 'selfeval.draft.', CURRENT = 'selfeval.current';
  var CURRENT_RECORD = '__current__';  // in the drafts store: which draft is open
  var LS_LARGE = 200000;  // characters of a draft above which only IndexedDB keeps it
  // A template this long is kept once in IndexedDB (record 'tpl:<its SHA-256>') and drafts
  // point to it (template_ref), so a save writes the answers, not the template again.
  var TPL_SHARED = 50000, TPL = 'tpl:';
  var tplKnown = {};
  var dbPromise = null;
  function lsAvailable() {
    try { localStorage.setItem('selfeval.probe', '1'); localStorage.removeItem('selfeval.probe'); return true; } catch (e) { return false; }
  }
  function openDb() {
    if (dbPromise) return dbPromise;
    dbPromise = new Promise(function (resolve) {
      if (!window.indexedDB) { resolve(null); return; }
      var req;
      try { req = indexedDB.open(DB, 2); } catch (e) { resolve(null); return; }
      req.onupgradeneeded = function () {
        var db = req.result;
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id' });
        if (!db.objectStoreNames.contains('keys')) db.createObjectStore('keys', { keyPath: 'id' });
      };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { resolve(null); };
      req.onblocked = function () { resolve(null); };
    });
    return dbPromise;
  }
  function tx(db, mode, fn) {
    return new Promise(function (resolve, reject) {
      var t = db.transaction(STORE, mode);
      var r = fn(t.objectStore(STORE));
      t.oncomplete = function () { resolve(r && r.result); };
      t.onerror = function () { reject(t.error); };
      t.onabort = function () { reject(t.error); };
    });
  }
  // This page's tab: the writer recorded with its saves.
  var TAB = 't' + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
  function newerElsewhere(prev, baseRev) {
    return !!prev && baseRev !== undefined && baseRev !== null && (prev.rev || 0) !== baseRev && prev.writer !== TAB;
  }
  /* Writes `draft` as revision baseRev + 1. Resolves to { ok, rev } — ok when at least one
     store has it — or { ok: false, conflict: the stored draft } when another tab saved a
     newer one since baseRev (then nothing is written). baseRev undefined: no check (a new
     draft, a copy). asCopy: a copy (previous version, conflict copy) does not become the
     draft the page opens next. */
  function save(draft, baseRev, asCopy) {
    draft.updated = new Date().toISOString();
    draft.rev = (baseRev || 0) + 1;
    draft.writer = TAB;
    // localStorage first: it is synchronous, so a crash right after a keystroke keeps it.
    // Not for a large form's draft where IndexedDB is there: copying megabytes into
    // localStorage on every save would hold up typing, and would soon fill its few MB.
    var lsOk = false, big = window.indexedDB && (draft.answers || '').length + (draft.template_text || '').length > LS_LARGE;
    var lsWrite = function () {
      try {
        var prevText = localStorage.getItem(LS_PREFIX + draft.id);
        var prev = prevText ? JSON.parse(prevText) : null;
        if (newerElsewhere(prev, baseRev)) return prev;
        localStorage.setItem(LS_PREFIX + draft.id, JSON.stringify(draft));
        if (!asCopy) localStorage.setItem(CURRENT, draft.id);
        lsOk = true;
      } catch (e) { lsOk = false; }
      return null;
    };
    if (big) {
      try { localStorage.removeItem(LS_PREFIX + draft.id); if (!asCopy) localStorage.setItem(CURRENT, draft.id); } catch (e) { /* IndexedDB below */ }
    } else {
      var lsConflict = lsWrite();
      if (lsConflict) return Promise.resolve({ ok: false, conflict: lsConflict });
    }
    // IndexedDB too, with the pointer to the open draft: its writes reach the disk at once,
    // while Chromium commits localStorage seconds later (a killed browser loses those).
    return openDb().then(function (db) {
      if (!db && big) { var c = lsWrite(); if (c) return { ok: false, conflict: c }; }
      if (!db) return { ok: lsOk, rev: draft.rev };
      return new Promise(function (resolve) {
        var t, conflict = null;
        try { t = db.transaction(STORE, 'readwrite'); } catch (e) { resolve({ ok: lsOk, rev: draft.rev }); return; }
        var st = t.objectStore(STORE);
        var stored = draft, ref = null;
        if (draft.template_text && draft.template_text.length > TPL_SHARED && draft.template_hash) {
          ref = TPL + draft.template_hash;
          stored = {};
          Object.keys(draft).forEach(function (k) { stored[k] = draft[k]; });
          stored.template_text = null;
          stored.template_ref = ref;
        }
        var got = st.get(draft.id);
        got.onsuccess = function () {
          if (newerElsewhere(got.result, baseRev)) { conflict = got.result; return; }
          if (!asCopy) st.put({ id: CURRENT_RECORD, current: draft.id });
          st.put(stored);
          if (ref && !tplKnown[ref]) {
            var has = st.count(ref);
            has.onsuccess = function () { if (!has.result) st.put({ id: ref, template_text: draft.template_text }); tplKnown[ref] = true; };
          }
        };
        t.oncomplete = function () {
          if (conflict) {
            // localStorage had not heard of the other tab's save yet: put it back.
            try { if (lsOk) localStorage.setItem(LS_PREFIX + draft.id, JSON.stringify(conflict)); } catch (e) { /* ignore */ }
            resolve({ ok: false, conflict: conflict });
          } else {
            resolve({ ok: true, rev: draft.rev });
          }
        };
        t.onerror = function () { resolve({ ok: lsOk, rev: draft.rev }); };
        t.onabort = function () { resolve({ ok: lsOk, rev: draft.rev }); };
      });
    });
  }
  /* The draft with its template's text where the draft points to a shared one
     (template_missing when that is gone). */
  function resolve(d) {
    if (!d || d.template_text || !d.template_ref) return Promise.resolve(d);
    return openDb().then(function (db) {
      return db ? tx(db, 'readonly', function (s) { return s.get(d.template_ref); }).catch(function () { return null; }) : null;
    }).then(function (rec) {
      var copy = {};
      Object.keys(d).forEach(function (k) { copy[k] = d[k]; });
      copy.template_text = rec ? rec.template_text : null;
      if (!rec) copy.template_missing = true;
      return copy;
    });
  }
  /* The newest stored copy of one draft, or null. */
  function get(id) {
    var ls = null;
    try { var text = localStorage.getItem(LS_PREFIX + id); ls = text ? JSON.parse(text) : null; } catch (e) { ls = null; }
    return openDb().then(function (db) {
      if (!db) return ls;
      return tx(db, 'readonly', function (s) { return s.get(id); }).then(function (d) {
        if (!d) return ls;
        if (!ls) return d;
        return (ls.rev || 0) > (d.rev || 0) || ((ls.rev || 0) === (d.rev || 0) && ls.updated > d.updated) ? ls : d;
      }, function () { return ls; });
    });
  }
  /* Drafts that failed to open, kept apart from the drafts themselves (nothing of a draft
     is rewritten for it): { id: { at, message } }. */
  var BROKEN = 'selfeval.broken', brokenMemory = {};
  function broken() {
    try { return JSON.parse(localStorage.getItem(BROKEN) || '{}'); } catch (e) { return brokenMemory; }
  }
  function markBroken(id, message) {
    var all = broken();
    if (message === null) delete all[id]; else all[id] = { at: new Date().toISOString(), message: message };
    brokenMemory = all;
    try { localStorage.setItem(BROKEN, JSON.stringify(all)); } catch (e) { /* kept in memory */ }
  }
  /* Where drafts and the key file are kept: the page's origin. Opened from disk, Chromium
     gives every local file the same one. */
  function where() {
    var file = location.protocol === 'file:';
    return { file: file, origin: file ? 'file://' : location.origin };
  }
  function list() {
    var byId = {};
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var k = localStorage.key(i);
        if (k && k.indexOf(LS_PREFIX) === 0) { var d = JSON.parse(localStorage.getItem(k)); byId[d.id] = d; }
      }
    } catch (e) { /* storage unavailable */ }
    return openDb().then(function (db) {
      if (!db) return byId;
      return tx(db, 'readonly', function (s) { return s.getAll(); }).then(function (all) {
        (all || []).forEach(function (d) {
          if (d.id === CURRENT_RECORD || d.id.indexOf(TPL) === 0) return;
          if (!byId[d.id] || byId[d.id].updated < d.updated) byId[d.id] = d;
        });
        return byId;
      }, function () { return byId; });
    }).then(function (m) {
      return Object.keys(m).map(function (k) { return m[k]; }).sort(function (a, b) { return a.updated < b.updated ? 1 : -1; });
    });
  }
  function remove(id) {
    try { localStorage.removeItem(LS_PREFIX + id); if (localStorage.getItem(CURRENT) === id) localStorage.removeItem(CURRENT); } catch (e) { /* ignore */ }
    return openDb().then(function (db) {
      if (!db) return;
      return tx(db, 'readwrite', function (s) { return s.delete(id); }).then(function () {
        // A shared template no draft points to any more goes too.
        return tx(db, 'readwrite', function (s) {
          var all = s.getAll();
          all.onsuccess = function () {
            var used = {};
            all.result.forEach(function (d) { if (d.template_ref) used[d.template_ref] = true; });
            all.result.forEach(function (d) { if (d.id.indexOf(TPL) === 0 && !used[d.id]) { s.delete(d.id); delete tplKnown[d.id]; } });
          };
        });
      });
    });
  }
  // The open draft's id: IndexedDB's record when there is one, else localStorage's.
  function current() {
    var ls = null;
    try { ls = localStorage.getItem(CURRENT); } catch (e) { ls = null; }
    return openDb().then(function (db) {
      if (!db) return ls;
      return tx(db, 'readonly', function (s) { return s.get(CURRENT_RECORD); })
        .then(function (r) { return r ? r.current : ls; }, function () { return ls; });
    });
  }
  function setCurrent(id) {
    try { if (id) localStorage.setItem(CURRENT, id); else localStorage.removeItem(CURRENT); } catch (e) { /* ignore */ }
    openDb().then(function (db) { if (db) tx(db, 'readwrite', function (s) { return s.put({ id: CURRENT_RECORD, current: id || null }); }).catch(function () {}); });
  }
  /* The unit's key file: only ever the encrypted file (selfeval.key.v1), never a plain key. */
  var KEY = 'selfeval.keyfile';
  function saveKey(text) {
    try { localStorage.setItem(KEY, text); } catch (e) { /* IndexedDB below */ }
    return openDb().then(function (db) {
      if (!db) return;
      return new Promise(function (resolve) {
        var t = db.transaction('keys', 'readwrite');
        t.objectStore('keys').put({ id: 'unit', key_file: text });
        t.oncomplete = resolve; t.onerror = resolve; t.onabort = resolve;
      });
    });
  }
  function loadKey() {
    var ls = null;
    try { ls = localStorage.getItem(KEY); } catch (e) { ls = null; }
    return openDb().then(function (db) {
      if (!db) return ls;
      return new Promise(function (resolve) {
        var t = db.transaction('keys', 'readonly');
        var r = t.objectStore('keys').get('unit');
        r.onsuccess = function () { resolve(r.result ? r.result.key_file : ls); };
        r.onerror = function () { resolve(ls); };
      });
    });
  }
  return { save: save, get: get, resolve: resolve, list: list, remove: remove, current: current, setCurrent: setCurrent, lsAvailable: lsAvailable,
    saveKey: saveKey, loadKey: loadKey, broken: broken, markBroken: markBroken, where: where, tab: TAB };
})();
