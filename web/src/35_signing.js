/* Signing in the page: the unit's key lives only as an encrypted key file (Argon2id +
   XChaCha20-Poly1305, made by the wasm core), kept in IndexedDB and exportable; the
   passphrase unlocks it for each signature. The core builds and signs the submission.
   A key's type decides how it signs: an Ed25519 key in the core; an SM2 key (the 国密
   SM2-SM3 profile) with the page's SM2 library (web/src/34_sm2.js) over the bytes the core
   prepares, then sealed by the core. Which kind a new key is, is the deployment's choice:
   <meta name="selfeval-signature-profile" content="SM2-SM3"> (default Ed25519).
   `deps`: engine() (the page's engine now), sign(keyFile, passphrase, created, done(result)),
   signPrepare(keyFile, passphrase, created, done(result)) (the SM2 half of signing),
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
  // The deployment's signature profile for new keys: "SM2-SM3" or "Ed25519".
  function deploymentProfile() {
    var m = document.querySelector('meta[name="selfeval-signature-profile"]');
    return m && m.getAttribute('content') === 'SM2-SM3' ? 'SM2-SM3' : 'Ed25519';
  }
  function show() {
    // The confirmation field is there while there is no key to sign with yet.
    $('key-confirm').hidden = !!keyFile;
    if (!keyFile) { $('key-status').textContent = t('key_none'); return; }
    var info = engine('keyInfo', keyFile);
    if (!info.ok) { $('key-status').textContent = t('key_none'); return; }
    // An SM2 key names its profile and its fingerprint's hash (SM3).
    $('key-status').textContent = info.alg === 'SM2'
      ? info.unit + ' · ' + t('alg_sm2') + ' · ' + t('fingerprint') + SE.fmt(t('fp_hash'), { hash: info.fingerprint_hash }) + ' ' + info.fingerprint
      : info.unit + ' · ' + t('fingerprint') + ' ' + info.fingerprint;
  }
  /* What signing did, said next to its buttons (cleared when the form changes). */
  function say(text, cls) {
    var box = $('sign-status');
    box.textContent = text || '';
    box.className = 'sign-status ' + (cls || '');
  }
  function fail(r) { say((r.findings || []).map(SE.msg).join(SE.lang === 'en' ? '; ' : '；'), 'error'); }
  // Told apart from a wrong one: nothing was typed.
  function passphrase() {
    var pass = $('key-pass').value;
    if (pass === '') { say(t('pass_empty'), 'error'); $('key-pass').focus(); return null; }
    return pass;
  }
  function clearPass() { $('key-pass').value = ''; $('key-pass2').value = ''; }

  // A new key asks for its passphrase twice.
  $('key-generate').addEventListener('click', function () {
    var confirmRow = $('key-confirm');
    if (confirmRow.hidden) { confirmRow.hidden = false; }
    var pass = passphrase();
    if (pass === null) return;
    var again = $('key-pass2').value;
    if (again === '') { say(t('pass_twice'), 'error'); $('key-pass2').focus(); return; }
    if (again !== pass) { say(t('pass_mismatch'), 'error'); clearPass(); $('key-pass').focus(); return; }
    var r;
    if (deploymentProfile() === 'SM2-SM3') {
      if (!SE.sm2.available) { say(t('sm2_missing'), 'error'); return; }
      var pair = SE.sm2.generate();
      r = engine('createSm2KeyFile', unitName(), pass, new Date().toISOString(), pair.private_hex, pair.public_hex);
      pair = null;
    } else {
      r = engine('createKeyFile', unitName(), pass, new Date().toISOString());
    }
    if (!r.ok) { fail(r); return; }
    keyFile = JSON.stringify(r.key_file, null, 1);
    SE.storage.saveKey(keyFile);
    clearPass();
    show();
    say(t('key_created'), 'ok');
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
      say(t('loaded') + SE.colon() + file.name, 'ok');
      e.target.value = '';
    };
    reader.readAsText(file);
  });
  $('key-export').addEventListener('click', function () {
    if (!keyFile) { say(t('key_none'), 'error'); return; }
    var name = (unitName() || 'unit') + '.key.json';
    download(name, keyFile);
    say(SE.fmt(t('exported'), { name: name }), 'ok');
  });
  $('key-print').addEventListener('click', function () {
    if (!keyFile) { say(t('key_none'), 'error'); return; }
    var info = engine('keyInfo', keyFile);
    registerForm($('key-register'), info);
    document.body.classList.add('print-register');
    window.print();
    document.body.classList.remove('print-register');
  });
  /* The 公钥登记表 as an official form, in Chinese whatever the page's language (it goes to
     the bureau): centred title, the key's particulars, a statement, room to sign and a seal
     area of 4.5 cm square. */
  function registerForm(box, info) {
    var zh = SE.STRINGS.zh;
    box.textContent = '';
    box.setAttribute('lang', 'zh-CN');
    box.appendChild(el('h2', { class: 'register-title' }, zh.register_title));
    var table = el('table', { class: 'register-table' });
    // An SM2 key's form names the algorithm and gives the SM3 fingerprint.
    var rows = info.alg === 'SM2'
      ? [[zh.register_unit, info.unit], [zh.register_alg, zh.register_alg_sm2], [zh.register_fp_sm3, info.fingerprint]]
      : [[zh.register_unit, info.unit], [zh.register_fp, info.fingerprint]];
    rows.concat([[zh.register_kid, info.kid],
      [zh.register_date, new Date().toISOString().slice(0, 10)], [zh.register_contact, '']]).forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('th', { scope: 'row' }, r[0]));
      tr.appendChild(el('td', null, r[1]));
      table.appendChild(tr);
    });
    box.appendChild(table);
    box.appendChild(el('p', { class: 'register-note' }, zh.register_note));
    var foot = el('div', { class: 'register-foot' });
    var sign = el('div', { class: 'register-sign' });
    sign.appendChild(el('span', null, zh.register_sign + '：'));
    sign.appendChild(el('span', { class: 'register-line' }));
    foot.appendChild(sign);
    var seal = el('div', { class: 'register-seal', id: 'register-seal' });
    seal.appendChild(el('span', null, zh.register_stamp));
    foot.appendChild(seal);
    box.appendChild(foot);
  }
  SE.registerForm = registerForm;
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
    say('');
    if (deps.checkAll) deps.checkAll();
    if (!keyFile) { say(t('key_none'), 'error'); return; }
    var pass = passphrase();
    if (pass === null) return;
    var info = engine('keyInfo', keyFile);
    function done(r) {
      if (r.blocked) { showBlocked(r.findings); say(t('sign_blocked').replace('{n}', r.findings.length), 'error'); return; }
      if (!r.ok) { fail(r); return; }
      clearPass();
      download(r.file_name, JSON.stringify(r.envelope, null, 1));
      say(t('signed_ok') + SE.colon() + r.file_name, 'ok');
    }
    deps.beforeSign(function () {
      if (info.ok && info.alg === 'SM2') {
        deps.signPrepare(keyFile, pass, new Date().toISOString(), function (p) {
          if (!p.ok) { done(p); return; }
          done(sm2Seal(p));
        });
        return;
      }
      deps.sign(keyFile, pass, new Date().toISOString(), done);
    });
  });
  /* The SM2 half: the library signs the bytes the core prepared (web/src/34_sm2.js), the
     core seals. */
  function sm2Seal(p) {
    return SE.sm2.signPrepared(p, function (prepared, sig) { return engine('sealSubmission', prepared, sig); });
  }
  SE.storage.loadKey().then(function (k) { keyFile = k || null; show(); });
  // The form changed: what signing last said is stale, and the passphrase is not kept.
  function formChanged() {
    clearPass();
    if ($('sign-status').textContent) say('');
  }
  return { refresh: show, formChanged: formChanged };
};
