/* Drafts: every change is written at once to IndexedDB (localStorage when IndexedDB is
   missing). A draft holds the template (id, or its text when it is not built in), the
   answers document and what the drafts list shows. */
var SE = window.SE || (window.SE = {});
SE.storage = (function () {
  var DB = 'selfeval', STORE = 'drafts', LS_PREFIX = 'selfeval.draft.', CURRENT = 'selfeval.current';
  var CURRENT_RECORD = '__current__';  // in the drafts store: which draft is open
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
  function save(draft) {
    draft.updated = new Date().toISOString();
    // localStorage first: it is synchronous, so a crash right after a keystroke keeps it.
    var lsOk = false;
    try { localStorage.setItem(LS_PREFIX + draft.id, JSON.stringify(draft)); localStorage.setItem(CURRENT, draft.id); lsOk = true; } catch (e) { lsOk = false; }
    // IndexedDB too, with the pointer to the open draft: its writes reach the disk at once,
    // while Chromium commits localStorage seconds later (a killed browser loses those).
    return openDb().then(function (db) {
      if (!db) return lsOk;
      return tx(db, 'readwrite', function (s) { s.put({ id: CURRENT_RECORD, current: draft.id }); return s.put(draft); })
        .then(function () { return true; }, function () { return lsOk; });
    });
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
        (all || []).forEach(function (d) { if (d.id !== CURRENT_RECORD && (!byId[d.id] || byId[d.id].updated < d.updated)) byId[d.id] = d; });
        return byId;
      }, function () { return byId; });
    }).then(function (m) {
      return Object.keys(m).map(function (k) { return m[k]; }).sort(function (a, b) { return a.updated < b.updated ? 1 : -1; });
    });
  }
  function remove(id) {
    try { localStorage.removeItem(LS_PREFIX + id); if (localStorage.getItem(CURRENT) === id) localStorage.removeItem(CURRENT); } catch (e) { /* ignore */ }
    return openDb().then(function (db) { if (db) return tx(db, 'readwrite', function (s) { return s.delete(id); }); });
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
  return { save: save, list: list, remove: remove, current: current, setCurrent: setCurrent, lsAvailable: lsAvailable,
    saveKey: saveKey, loadKey: loadKey };
})();
