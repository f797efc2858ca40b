/* Spreadsheet-like movement in the form's tables: Enter and ↑/↓ go to the same column in
   the next/previous row, ←/→ at the edge of a text field go to the neighbouring field.
   Tab keeps its usual order. Shift+Enter still makes a new line in a text area. */
var SE = window.SE || (window.SE = {});
SE.gridKeys = function (root) {
  function fields() { return Array.prototype.slice.call(root.querySelectorAll('[data-row][data-col]')); }
  function move(from, dRow) {
    var all = fields();
    var col = from.getAttribute('data-col');
    var rows = [];
    all.forEach(function (f) { var r = f.getAttribute('data-row'); if (rows.indexOf(r) < 0) rows.push(r); });
    var i = rows.indexOf(from.getAttribute('data-row')) + dRow;
    for (; i >= 0 && i < rows.length; i += dRow) {
      for (var k = 0; k < all.length; k++) {
        if (all[k].getAttribute('data-row') === rows[i] && all[k].getAttribute('data-col') === col) { all[k].focus(); return true; }
      }
    }
    return false;
  }
  function step(from, d) {
    var all = fields();
    var i = all.indexOf(from) + d;
    if (i >= 0 && i < all.length) { all[i].focus(); return true; }
    return false;
  }
  root.addEventListener('keydown', function (e) {
    var f = e.target;
    if (!f.hasAttribute || !f.hasAttribute('data-row') || e.altKey || e.ctrlKey || e.metaKey) return;
    var text = f.tagName === 'TEXTAREA' || (f.tagName === 'INPUT' && f.type === 'text');
    if (e.key === 'Enter' && !e.shiftKey && f.tagName !== 'SELECT') {
      if (move(f, 1)) e.preventDefault();
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && text && f.tagName !== 'TEXTAREA') {
      if (move(f, e.key === 'ArrowDown' ? 1 : -1)) e.preventDefault();
    } else if (e.key === 'ArrowRight' && text && f.selectionStart === f.value.length && f.selectionEnd === f.value.length) {
      if (step(f, 1)) e.preventDefault();
    } else if (e.key === 'ArrowLeft' && text && f.selectionStart === 0 && f.selectionEnd === 0) {
      if (step(f, -1)) e.preventDefault();
    }
  });
};
