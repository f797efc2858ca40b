/* Spreadsheet-like movement in the form's tables: Enter and ↑/↓ go to the same column in
   the next/previous row, ←/→ at the edge of a text field go to the neighbouring field.
   Tab keeps its usual order. Shift+Enter still makes a new line in a text area. */
var SE = window.SE || (window.SE = {});
SE.gridKeys = function (root, view) {
  function fields() { return Array.prototype.slice.call(root.querySelectorAll('[data-row][data-col]')); }
  // The same column's field in the next (dRow = 1) or previous (-1) row that has one. A large
  // form's view builds the block of the next row when it is not in the page yet.
  function move(from, dRow) {
    var col = from.getAttribute('data-col');
    var row = from.getAttribute('data-row');
    var same = Array.prototype.slice.call(root.querySelectorAll('[data-col="' + col.replace(/"/g, '\\"') + '"]'));
    var next = same[same.indexOf(from) + dRow];
    if (view && view.fieldAt && /^\d+$/.test(row) && (!next || next.getAttribute('data-row') !== String(Number(row) + dRow))) {
      var built = view.fieldAt(Number(row) + dRow, col);
      if (built) next = built;
    }
    if (next) { next.focus(); return true; }
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
