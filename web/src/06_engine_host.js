/* Where the engine runs, and what happens when it fails.

   The page's engine is one instance of the wasm module on the page's own thread: stateless
   calls (parsing a target, listing templates …) and the session of an ordinary form, whose
   every keystroke is answered in the same event. A large form (SE.WORKER_FROM bytes of
   template and answers or more) gets its session in a worker instead, a second instance
   started from the same compiled module: opening and scoring thousands of rows then never
   holds up the page, and each edit comes back a moment later.

   Both kinds of session answer request(method, args, done) with done(error, value); the
   page's own session calls `done` before request returns.

   A failure of an instance — Emscripten's abort() (out of memory, a failed check), a trap,
   anything thrown out of a call — leaves it in an unknown state: it is never called again.
   Every pending and later request gets an error with .engineFailed, and onFailure is told
   once per instance, so the page can say so and start a new one. */
var SE = window.SE || (window.SE = {});
SE.WORKER_FROM = 300000;

SE.engineHost = function (options) {
  var onFailure = (options && options.onFailure) || function () {};
  var host = { module: null, engine: null, generation: 0 };
  var instance = null;  // { failed, sessions: [] } of the page's module

  function failure(message) {
    var e = new Error(message || 'engine failed');
    e.engineFailed = true;
    return e;
  }

  function methodsOf(cls) {
    return Object.getOwnPropertyNames(cls.prototype).filter(function (n) { return n !== 'constructor' && typeof cls.prototype[n] === 'function'; });
  }

  // The instance failed: every object of it stops; the page is told once.
  function failInstance(inst, e, where) {
    if (inst.failed) return;
    inst.failed = String(e && e.message || e);
    inst.sessions.forEach(function (s) { s.dead = true; });
    onFailure({ where: where, message: inst.failed, generation: inst.generation });
  }

  // A stateless object with the same methods that throws engineFailed once the instance is gone.
  function guarded(obj, cls, inst) {
    var g = {};
    methodsOf(cls).forEach(function (name) {
      g[name] = function () {
        if (inst.failed) throw failure(inst.failed);
        try {
          return obj[name].apply(obj, arguments);
        } catch (e) {
          failInstance(inst, e, 'engine');
          throw failure(inst.failed);
        }
      };
    });
    return g;
  }

  /* Starts (or starts again) the page's instance. */
  host.start = function () {
    var inst = { failed: null, sessions: [], generation: ++host.generation };
    return SE.loadEngine({ onAbort: function (what) { failInstance(inst, 'abort(' + what + ')', 'engine'); } }).then(function (M) {
      instance = inst;
      host.module = M;
      host.engine = guarded(new M.Engine(), M.Engine, inst);
      return host;
    });
  };

  /* A session on the page's own thread. */
  host.localSession = function () {
    var inst = instance, M = host.module;
    var real = new M.Session();
    var s = { mode: 'local', dead: false };
    inst.sessions.push(s);
    s.request = function (method, args, done) {
      if (s.dead || inst.failed) { done(failure(inst.failed || 'closed')); return; }
      var v;
      try {
        v = real[method].apply(real, args || []);
      } catch (e) {
        failInstance(inst, e, 'session');
        done(failure(inst.failed));
        return;
      }
      done(null, v);
    };
    s.close = function () {
      if (s.dead) return;
      s.dead = true;
      if (!inst.failed) { try { real.delete(); } catch (e) { /* gone with the instance */ } }
    };
    return s;
  };

  var scriptUrl = null;
  function workerScript() {
    // The one-file page and the element carry the engine's glue as a function whose source
    // text starts the worker; the static site has it as a file of its own (no blob: under its CSP).
    if (scriptUrl) return scriptUrl;
    if (typeof seEngineGlue === 'function') {
      var src = 'var createSelfeval = (' + seEngineGlue.toString() + ')();\n' + SE.ENGINE_WORKER;
      scriptUrl = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
    } else {
      scriptUrl = new URL('selfeval-worker.js', document.baseURI).href;
    }
    return scriptUrl;
  }

  /* A session in a worker, or null where the page cannot start one (no Worker, a CSP that
     refuses it). */
  host.workerSession = function () {
    if (host.noWorker || typeof Worker !== 'function' || !SE.wasmModule) return null;
    var w;
    try { w = new Worker(workerScript()); } catch (e) { host.noWorker = true; return null; }
    var s = { mode: 'worker', dead: false }, pending = {}, seq = 0, ready = false, queued = [], local = null;
    var gen = ++host.generation;
    function die(message) {
      if (s.dead) return;
      s.dead = true;
      try { w.terminate(); } catch (e) { /* already gone */ }
      var list = pending;
      pending = {};
      Object.keys(list).forEach(function (id) { list[id](failure(message)); });
      if (!s.closed) onFailure({ where: 'worker', message: message, generation: gen });
    }
    // A worker that never starts (a CSP without worker-src blob:, say) is not an engine
    // failure: the session goes on on the page's own thread, with what was asked so far.
    function fallBack() {
      host.noWorker = true;
      try { w.terminate(); } catch (e) { /* already gone */ }
      local = host.localSession();
      s.mode = 'local';
      var asked = queued;
      queued = [];
      pending = {};
      asked.forEach(function (q) { local.request(q.method, q.args, q.done); });
    }
    w.onmessage = function (e) {
      var m = e.data;
      if (m.startFailed) { if (!ready) fallBack(); else die(m.startFailed); return; }
      if (m.ready) { ready = true; queued = []; return; }
      var done = pending[m.id];
      delete pending[m.id];
      if (!m.ok) { if (done) done(failure(m.failed)); die(m.failed); return; }
      if (done) done(null, m.value);
    };
    w.onerror = function (e) { e.preventDefault(); if (!ready && !local) fallBack(); else die(e.message || 'worker error'); };
    w.postMessage({ start: { module: SE.wasmModule } });
    s.request = function (method, args, done) {
      if (local) { local.request(method, args, done); return; }
      if (s.dead) { setTimeout(function () { done(failure('closed')); }, 0); return; }
      var id = ++seq;
      pending[id] = done;
      if (!ready) queued.push({ method: method, args: args || [], done: done });
      w.postMessage({ id: id, method: method, args: args || [] });
    };
    s.close = function () { s.closed = true; if (local) { local.close(); s.dead = true; } else die('closed'); };
    Object.defineProperty(s, 'dead', { get: function () { return local ? local.dead : !!s._dead; }, set: function (v) { s._dead = v; } });
    return s;
  };

  return host;
};
