/* Starts a worker's own wasm instance from the module the page compiled (both engine workers:
   the form's, web/worker/engine_worker.js, and the workbench's, web/review/review_worker.js).
   `make(M)` builds the worker's object from the module; `ready()` runs once it exists. A failed
   start is posted as {startFailed}; an abort is kept by `onAbort(what)`. Built before the
   worker's own code. */
function startWorkerInstance(module, make, ready, onAbort) {
  createSelfeval({
    instantiateWasm: function (imports, receive) {
      WebAssembly.instantiate(module, imports).then(function (inst) { receive(inst, module); },
        function (err) { postMessage({ startFailed: String(err) }); });
      return {};
    },
    onAbort: onAbort
  }).then(function (M) {
    make(M);
    postMessage({ ready: true });
    ready();
  }, function (err) { postMessage({ startFailed: String(err && err.message || err) }); });
}
