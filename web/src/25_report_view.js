/* The official printed layout: renders the core's report (rows of spanned cells) as the
   print sheet. Title, then the header tables, then the indicator table whose header row
   repeats on every printed page, then the signature and stamp area. */
var SE = window.SE || (window.SE = {});
SE.renderReport = function (container, report) {
  var el = SE.el;
  container.textContent = '';
  if (!report || !report.ok) return;
  var rows = report.rows, head = report.head_row;
  var cols = report.columns.length;
  function colgroup() {
    var g = el('colgroup');
    // Each column's share of the page, from the core's widths in characters (set through the
    // CSSOM, which a strict CSP allows, unlike style attributes).
    var sum = report.columns.reduce(function (a, w) { return a + w; }, 0) || 1;
    report.columns.forEach(function (w) {
      var col = el('col');
      col.style.width = (100 * w / sum).toFixed(2) + '%';
      g.appendChild(col);
    });
    return g;
  }
  function cell(c, tag) {
    var td = el(tag || 'td', { colspan: c.colspan || null, rowspan: c.rowspan || null,
      class: 'r-' + c.role + (c.number ? ' num' : '') }, c.text);
    if (tag === 'th') td.setAttribute('scope', 'col');
    return td;
  }
  function table(from, to, cls, withHead) {
    var t = el('table', { class: 'report-table ' + cls });
    t.appendChild(colgroup());
    if (withHead) {
      var th = el('thead');
      var tr = el('tr');
      rows[head].forEach(function (c) { tr.appendChild(cell(c, 'th')); });
      th.appendChild(tr);
      t.appendChild(th);
    }
    var body = el('tbody');
    for (var r = from; r < to; r++) {
      var row = el('tr');
      rows[r].forEach(function (c) { row.appendChild(cell(c)); });
      body.appendChild(row);
    }
    t.appendChild(body);
    return t;
  }
  // The signature area: the trailing rows drawn without borders.
  var end = rows.length;
  while (end > head + 1 && (rows[end - 1].length === 0 || rows[end - 1].every(function (c) { return c.role === 'plain' || c.text === ''; }))) end--;
  var sheet = el('div', { class: 'report' });
  sheet.appendChild(el('h1', { class: 'report-title' }, rows[0][0] ? rows[0][0].text : ''));
  if (head > 1) sheet.appendChild(table(1, head, 'report-top', false));
  sheet.appendChild(table(head + 1, end, 'report-indicators', true));
  var sign = el('div', { class: 'report-sign' });
  for (var r = end; r < rows.length; r++) {
    var line = el('div', { class: 'sign-line' });
    rows[r].forEach(function (c) { if (c.text) line.appendChild(el('span', { class: 'sign-cell' }, c.text)); });
    if (line.childNodes.length) sign.appendChild(line);
  }
  sheet.appendChild(sign);
  container.appendChild(sheet);
  return cols;
};
