/* The engine worker of a large form (web/src/06_engine_host.js): one Session of its own wasm
   instance, started from the module the page compiled; requests are answered in order.
   Once a call fails (abort, trap) the instance is never called again. Built after the
   engine's glue (createSelfeval) into the worker's script. */
(function () {
  'use strict';
  var session = null, waiting = [], failed = null;
  function run(m) {
    if (failed) { postMessage({ id: m.id, ok: false, failed: failed }); return; }
    var v;
    try {
      v = session[m.method].apply(session, m.args || []);
    } catch (e) {
      failed = String(e && e.message || e);
      postMessage({ id: m.id, ok: false, failed: failed });
      return;
    }
    postMessage({ id: m.id, ok: true, value: v });
  }
  self.onmessage = function (e) {
    var m = e.data;
    if (m.start) {
      startWorkerInstance(m.start.module, function (M) { session = new M.Session(); },
        function () { waiting.splice(0).forEach(run); },
        function (what) { failed = 'abort(' + what + ')'; });
      return;
    }
    if (session) run(m); else waiting.push(m);
  };
})();
