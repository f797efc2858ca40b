/* The workbench's worker (web/review/src/30_review_app.js starts it): one Review of its own
   wasm instance (core/review/review_session.hpp) that verifies and re-scores every file off
   the page's thread. Files come as File objects (a folder, a pick, a drop) or inside .zip
   archives, read by fflate's streaming Unzip one entry at a time, so memory holds one file
   and the summaries, never the whole batch. Between files the worker yields, so a cancel
   arrives; progress goes out at most every 100 ms. Only *.json entries are verified (the
   CLI's rule for a folder); the others are reported as skipped. Built after the engine's
   glue (createSelfeval), fflate, the SM2 library (self.SE.sm2) and zipNames (zip_names.js)
   into the worker's script. */
(function () {
  'use strict';
  var review = null, ready = false, waiting = [], failed = null, cancelled = false, busy = false;
  // The files of a run arrive in small messages (posting thousands of File handles at once
  // held the page's thread for a third of a second): `feed` adds them, `wake` resumes a run
  // that waits for more.
  var feed = null, fed = false, wake = null, fedBytes = 0;
  var ROWS_SLICE = 250;  // rows per message at the end of a run
  var LIMIT = 16 * 1024 * 1024;  // the core refuses more (kMaxSubmissionBytes); read one byte over
  var isJson = function (name) { return /\.json$/i.test(name); };

  function reply(id, value) { postMessage({ id: id, ok: true, value: value }); }
  function fail(id, e) {
    failed = failed || String(e && e.message || e);
    postMessage({ id: id, ok: false, failed: failed });
  }
  /* The signatures the core asks about (Review.add → {signature_check}, the signed bytes in
     Review.pendingMessage()): SM2-SM3, which the core cannot check itself. It reads and checks
     each such file up to its signature; the page's SM2 library (web/src/34_sm2.js, the one the
     form page signs with) answers; the core decides the verdict. Without the library the
     answer is "not valid": the file fails, closed. (Ed25519 stays with libsodium in the core:
     asking the browser's Web Crypto instead, one file at a time, measured no faster here.) */
  function answerAsked(added) {
    if (added.lastIndexOf('{"signature_check":', 0) !== 0) return;
    var q = JSON.parse(added).signature_check, sm2 = self.SE && self.SE.sm2;
    review.answerSignature(!!(sm2 && sm2.available && q.profile === 'SM2-SM3' && q.id === sm2.ID
      && sm2.verify(review.pendingMessage(), q.signature_hex, q.public_key_hex)));
  }
  function later() { return new Promise(function (r) { setTimeout(r, 0); }); }

  // Verifying a batch: files and archives in turn, progress by count and bytes.
  function run(m) {
    var items = feed = [], done = 0, bytesDone = 0, skipped = [], lastPost = 0;
    fed = false;
    fedBytes = 0;
    var start = Date.now();
    cancelled = false;
    busy = true;
    function progress(force) {
      var now = Date.now();
      if (!force && now - lastPost < 100) return;
      lastPost = now;
      // The sizes are summed here as the files arrive (a File's size asked on the page's thread
      // costs a look at the disk each); the share done is told once every file has arrived.
      postMessage({ progress: { files: done, bytes: bytesDone, totalBytes: fed ? fedBytes : 0, ms: now - start } });
    }
    function addBytes(name, bytes) {
      answerAsked(review.addQuiet(name, bytes));
      done++;
      progress(false);
    }
    // A file's bytes are asked for ahead of need (up to AHEAD reads in flight), so the wasm
    // never waits for the disk between two files; each read's completion is a task, so a
    // cancel or the next slice of files is taken in between.
    var AHEAD = 16;
    function fetchBytes(it) {
      return it.file.slice(0, LIMIT + 1).arrayBuffer().then(function (buf) { return { bytes: new Uint8Array(buf) }; },
        function (e) { return { error: String(e && e.message || e) }; });
    }
    function readFile(it, pending) {
      if (!isJson(it.name)) { skipped.push(it.name); bytesDone += it.file.size; return Promise.resolve(); }
      return pending.then(function (got) {
        bytesDone += it.file.size;
        if (got.error) { review.addUnreadable(it.name, got.error); done++; return; }
        return addBytes(it.name, got.bytes);
      });
    }
    function readZip(it) {
      return zipNames(it.file).then(function (names) { return unzipAll(it, names); });
    }
    function unzipAll(it, names) {
      // The entries a slice of the archive completes are verified in turn after the slice (a
      // signature's answer may come later, and one file is pending at a time).
      var CHUNK = 1 << 20, pos = 0, broken = null, queue = [];
      function drain() {
        var p = Promise.resolve();
        queue.splice(0).forEach(function (f) { p = p.then(f); });
        return p;
      }
      function unreadable(name, why) { queue.push(function () { review.addUnreadable(name, why); done++; }); }
      var uz = new fflate.Unzip(function (entry) {
        if (/\/$/.test(entry.name)) return;
        var entryName = names[entry.name] || entry.name;  // GBK names without the UTF-8 flag
        var name = it.name + '/' + entryName;
        if (!isJson(entryName)) { skipped.push(name); return; }
        var parts = [], size = 0;
        entry.ondata = function (err, data, final) {
          if (err) { unreadable(name, String(err.message || err)); return; }
          if (size <= LIMIT) { parts.push(data); size += data.length; }
          if (!final) return;
          var all = new Uint8Array(Math.min(size, LIMIT + 1)), at = 0;
          for (var i = 0; i < parts.length && at < all.length; i++) {
            var p = parts[i].subarray(0, all.length - at);
            all.set(p, at);
            at += p.length;
          }
          parts = null;
          queue.push(function () { return addBytes(name, all); });
        };
        try { entry.start(); } catch (e) { unreadable(name, String(e.message || e)); }
      });
      uz.register(fflate.UnzipInflate);
      function step() {
        if (cancelled || pos >= it.file.size) return Promise.resolve();
        return it.file.slice(pos, pos + CHUNK).arrayBuffer().then(function (buf) {
          pos += buf.byteLength;
          bytesDone += buf.byteLength;
          try { uz.push(new Uint8Array(buf), pos >= it.file.size); } catch (e) { broken = e; return drain(); }
          return drain().then(later).then(step);
        });
      }
      return step().then(function () {
        if (broken) { review.addUnreadable(it.name, '压缩包已损坏 / damaged archive: ' + (broken.message || broken)); done++; }
      });
    }
    var k = 0, reads = {};
    function more() { return new Promise(function (r) { wake = r; }); }
    function ahead() {
      for (var j = k; j < items.length && j < k + AHEAD; j++)
        if (!reads[j] && isJson(items[j].name) && !/\.zip$/i.test(items[j].name)) reads[j] = fetchBytes(items[j]);
    }
    function next() {
      if (cancelled || (fed && k >= items.length)) return Promise.resolve();
      if (k >= items.length) return more().then(next);
      ahead();
      var it = items[k], pending = reads[k];
      delete reads[k];
      k++;
      var p = /\.zip$/i.test(it.name) ? readZip(it) : readFile(it, pending || (isJson(it.name) ? fetchBytes(it) : null));
      return p.then(next);
    }
    return next().then(function () {
      progress(true);
      var settled = JSON.parse(review.settle());
      busy = false;
      // The rows go over in slices, each its own message, so the page takes them in short
      // tasks (10,000 rows parsed at once held its thread for a quarter of a second).
      for (var i = 0; i < settled.rows.length; i += ROWS_SLICE) postMessage({ rows: settled.rows.slice(i, i + ROWS_SLICE) });
      reply(m.id, { summary: settled.summary, rowCount: settled.rows.length, skipped: skipped, cancelled: cancelled, ms: Date.now() - start });
    });
  }

  function call(m) {
    if (m.cancel) { cancelled = true; if (wake) { var w0 = wake; wake = null; w0(); } return; }
    if (m.feed) {
      if (feed) Array.prototype.push.apply(feed, m.feed);
      for (var i = 0; i < m.feed.length; i++) fedBytes += m.feed[i].file.size;
      if (m.last) fed = true;
      if (wake) { var w = wake; wake = null; w(); }
      return;
    }
    if (failed) { postMessage({ id: m.id, ok: false, failed: failed }); return; }
    try {
      if (m.method === 'run') { run(m).catch(function (e) { busy = false; fail(m.id, e); }); return; }
      if (m.method === 'extract') {  // one entry of an archive, for the read-only view
        Promise.all([m.zip.arrayBuffer(), zipNames(m.zip)]).then(function (got) {
          var names = got[1], raw = null;
          var all = fflate.unzipSync(new Uint8Array(got[0]), { filter: function (f) {
            if ((names[f.name] || f.name) !== m.entry) return false;
            raw = f.name;
            return true;
          } });
          reply(m.id, raw !== null && all[raw] ? new TextDecoder().decode(all[raw].subarray(0, LIMIT)) : null);
        }).catch(function (e) { reply(m.id, null); });
        return;
      }
      reply(m.id, review[m.method].apply(review, m.args || []));
    } catch (e) {
      fail(m.id, e);
    }
  }

  self.onmessage = function (e) {
    var m = e.data;
    if (m.start) {
      startWorkerInstance(m.start.module, function (M) { review = new M.Review(); },
        function () {
          ready = true;
          waiting.splice(0).forEach(call);
        },
        function (what) { failed = 'abort(' + what + ')'; });
      return;
    }
    if (ready) call(m); else waiting.push(m);
  };
})();
