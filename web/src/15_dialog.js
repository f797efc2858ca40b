/* A question the page asks before it does something that cannot be taken back: a modal
   dialog (the browser's <dialog>) with a title, the message, and one button per choice.
   Escape or closing it picks `cancel`. Resolves to the id of the choice.

     SE.ask({ title, message, details, choices: [{ id, label, kind: 'primary'|'danger' }],
              cancel: 'cancel', name: 'replace' })

   `message` is a string or a list of paragraphs; `details` a smaller line under them;
   `name` goes to data-dialog (tests and screenshots find the dialog by it). Only one is open
   at a time: asking again while one is open answers the first with `cancel`. All text
   enters through textContent. */
var SE = window.SE || (window.SE = {});
(function () {
  'use strict';
  var open = null;  // { box, finish }

  SE.ask = function (q) {
    var el = SE.el;
    if (open) open.finish(open.cancel);
    return new Promise(function (resolve) {
      var modal = typeof HTMLDialogElement === 'function';
      var box = el(modal ? 'dialog' : 'div', { class: 'se-dialog', 'data-dialog': q.name || null,
        role: modal ? null : 'dialog', 'aria-modal': modal ? null : 'true', 'aria-labelledby': 'se-dialog-title',
        'aria-describedby': 'se-dialog-message' });
      box.appendChild(el('h2', { id: 'se-dialog-title' }, q.title));
      var msg = el('div', { id: 'se-dialog-message', class: 'se-dialog-message' });
      (Array.isArray(q.message) ? q.message : [q.message]).forEach(function (p) { if (p) msg.appendChild(el('p', null, p)); });
      if (q.details) msg.appendChild(el('p', { class: 'se-dialog-details' }, q.details));
      box.appendChild(msg);
      var row = el('div', { class: 'se-dialog-choices' });
      var first = null;
      q.choices.forEach(function (c) {
        var b = el('button', { type: 'button', class: 'se-choice' + (c.kind ? ' ' + c.kind : ''), 'data-choice': c.id }, c.label);
        b.addEventListener('click', function () { finish(c.id); });
        row.appendChild(b);
        if (!first && c.kind === 'primary') first = b;
      });
      box.appendChild(row);
      var done = false;
      var before = document.activeElement;
      function finish(id) {
        if (done) return;
        done = true;
        open = null;
        if (modal && box.open) box.close();
        box.remove();
        if (before && before.focus && document.contains(before)) before.focus();
        resolve(id);
      }
      open = { box: box, finish: finish, cancel: q.cancel };
      (q.root || document.body).appendChild(box);
      if (modal) {
        box.addEventListener('cancel', function (e) { e.preventDefault(); finish(q.cancel); });
        box.showModal();
      } else {
        box.addEventListener('keydown', function (e) { if (e.key === 'Escape') finish(q.cancel); });
      }
      (first || row.firstChild).focus();
    });
  };
  /* Closes an open question as if cancelled (the page is changing under it). */
  SE.ask.dismiss = function () { if (open) open.finish(open.cancel); };
})();
