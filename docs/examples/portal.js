/* The mock portal: listens to the element's events, drives the iframe by postMessage. */
(function () {
  'use strict';
  var form = document.getElementById('embedded');
  form.addEventListener('score', function (e) {
    document.getElementById('portal-total').textContent = e.detail.total;
    document.getElementById('portal-grade').textContent = e.detail.grade;
  });

  var frame = document.getElementById('framed');
  var frameOrigin = new URL(frame.src, location.href).origin;
  var pending = {}, next = 1;
  // One request to the framed form; resolves with its result, rejects with its error.
  function call(method, params) {
    return new Promise(function (resolve, reject) {
      var id = next++;
      pending[id] = { resolve: resolve, reject: reject };
      frame.contentWindow.postMessage({ selfeval: 1, id: id, method: method, params: params || [] }, frameOrigin);
    });
  }
  window.addEventListener('message', function (e) {
    if (e.origin !== frameOrigin || e.source !== frame.contentWindow || !e.data || e.data.selfeval !== 1) return;
    var m = e.data;
    if (m.event === 'score') {
      document.getElementById('frame-total').textContent = m.detail.total;
      document.getElementById('frame-grade').textContent = m.detail.grade;
    }
    if (m.event) { document.dispatchEvent(new CustomEvent('frame-' + m.event, { detail: m.detail })); return; }
    var p = pending[m.id];
    if (!p) return;
    delete pending[m.id];
    if (m.ok) p.resolve(m.result); else p.reject(m.error);
  });

  document.getElementById('load-example').addEventListener('click', function () {
    fetch('seed001.answers.json').then(function (r) { return r.json(); }).then(function (a) {
      form.setAnswers(a);
      call('setAnswers', [a]);
    });
  });
  document.getElementById('export-xlsx').addEventListener('click', function () {
    form.exportXlsx().then(function (blob) {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'selfeval.xlsx';
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
  });
  window.portal = { call: call, form: form };
})();
