/* Signing in the page: the unit's key lives only as an encrypted key file (Argon2id +
   XChaCha20-Poly1305, made by the wasm core), kept in IndexedDB and exportable; the
   passphrase unlocks it for each signature. The core builds and signs the submission.
   `deps`: engine() (the page's engine now), sign(keyFile, passphrase, created, done(result)),
   beforeSign(proceed) (the page's last word: a draft changed outside the page is checked
   first), current(), status(text, cls), download(name, text). */
var SE = window.SE || (window.SE = {});
SE.signing = function (deps) {
  var el = SE.el, t = SE.t, $ = SE.$;
  var keyFile = null;
  var status = deps.status, download = deps.download, getCurrent = deps.current;
  // The engine's stateless calls as parsed JSON; a failed engine answers { ok: false }.
  function engine(method) {
    var args = Array.prototype.slice.call(arguments, 1);
    try { return JSON.parse(deps.engine()[method].apply(null, args)); } catch (e) { if (!e.engineFailed) throw e; return { ok: false, findings: [] }; }
  }

  // The signing unit: the value of the field the template declares as naming it.
  function unitName() {
    var c = getCurrent();
    var field = c && c.desc && c.desc.signer && c.desc.signer.unit_field;
    var u = (c && c.answers && c.answers.unit) || {};
    return (field && u[field]) || '';
  }
  function show() {
    if (!keyFile) { $('key-status').textContent = t('key_none'); return; }
    var info = engine('keyInfo', keyFile);
    $('key-status').textContent = info.ok ? info.unit + ' · ' + t('fingerprint') + ' ' + info.fingerprint : t('key_none');
  }
  function fail(r) { status((r.findings || []).map(SE.msg).join('；'), 'error'); }

  $('key-generate').addEventListener('click', function () {
    var r = engine('createKeyFile', unitName(), $('key-pass').value, new Date().toISOString());
    if (!r.ok) { fail(r); return; }
    keyFile = JSON.stringify(r.key_file, null, 1);
    SE.storage.saveKey(keyFile);
    show();
    status(t('key_created'), 'ok');
  });
  $('key-import').addEventListener('change', function (e) {
    var file = e.target.files && e.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var text = String(reader.result);
      var info = engine('keyInfo', text);
      if (!info.ok) { fail(info); return; }
      keyFile = text;
      SE.storage.saveKey(keyFile);
      show();
      e.target.value = '';
    };
    reader.readAsText(file);
  });
  $('key-export').addEventListener('click', function () {
    if (!keyFile) { status(t('key_none'), 'error'); return; }
    download((unitName() || 'unit') + '.key.json', keyFile);
  });
  $('key-print').addEventListener('click', function () {
    if (!keyFile) { status(t('key_none'), 'error'); return; }
    var info = engine('keyInfo', keyFile);
    var box = $('key-register');
    box.textContent = '';
    box.appendChild(el('h2', null, t('register_title')));
    var table = el('table');
    [[t('register_unit'), info.unit], [t('fingerprint') + '（SHA-256）', info.fingerprint], ['kid', info.kid],
      [t('register_date'), new Date().toISOString().slice(0, 10)], [t('register_sign'), ''], [t('register_stamp'), '\n\n\n']].forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('th', { scope: 'row' }, r[0]));
      tr.appendChild(el('td', null, r[1]));
      table.appendChild(tr);
    });
    box.appendChild(table);
    document.body.classList.add('print-register');
    window.print();
    document.body.classList.remove('print-register');
  });
  // A form with errors is not signed: the errors are listed where the button is, each
  // taking the clerk to its field.
  function showBlocked(findings) {
    var box = $('sign-errors');
    box.textContent = '';
    box.appendChild(el('p', null, t('sign_blocked').replace('{n}', findings.length)));
    var list = el('ul', { class: 'findings' });
    findings.forEach(function (f) {
      var li = el('li', { class: 'error' });
      var btn = el('button', { type: 'button', class: 'jump' }, SE.msg(f));
      btn.addEventListener('click', function () { SE.view.jumpTo(f); });
      li.appendChild(btn);
      list.appendChild(li);
    });
    box.appendChild(list);
    box.hidden = false;
  }
  $('export-signed').addEventListener('click', function () {
    $('sign-errors').hidden = true;
    if (!keyFile) { status(t('key_none'), 'error'); return; }
    var pass = $('key-pass').value;
    deps.beforeSign(function () {
      deps.sign(keyFile, pass, new Date().toISOString(), function (r) {
        if (r.blocked) { showBlocked(r.findings); status(t('sign_blocked').replace('{n}', r.findings.length), 'error'); return; }
        if (!r.ok) { fail(r); return; }
        download(r.file_name, JSON.stringify(r.envelope, null, 1));
        status(t('signed_ok') + '：' + r.file_name, 'ok');
      });
    });
  });
  SE.storage.loadKey().then(function (k) { keyFile = k || null; show(); });
  return { refresh: show };
};
