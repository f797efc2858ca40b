/* The workbench's pictures as plain SVG: the counts come from the core (Review.charts());
   this only draws bars, a histogram, a scatter plot and a ranked bar list. Plain SVG needs
   no library, draws from file:// under any CSP and prints as vectors (README: "For finance
   bureaus"). Every chart carries a title and a description for screen readers, and the
   numbers are written on the bars, so nothing is told by colour alone. */
var SE = window.SE || (window.SE = {});
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  function s(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function frame(w, h, label) {
    var svg = s('svg', { viewBox: '0 0 ' + w + ' ' + h, width: w, height: h, role: 'img', 'aria-label': label, class: 'chart' });
    svg.appendChild(s('title', {}, label));
    return svg;
  }
  var GRADE_COLOR = { '优': '#2e7d32', '良': '#1565c0', '中': '#ef6c00', '差': '#c62828' };

  /* Vertical bars with their counts: [{label, count, color}] */
  function bars(items, label, w, h) {
    var svg = frame(w, h, label), max = 1, pad = 28, bw;
    items.forEach(function (i) { max = Math.max(max, i.count); });
    bw = (w - pad * 2) / Math.max(items.length, 1);
    svg.appendChild(s('line', { x1: pad, y1: h - pad, x2: w - pad, y2: h - pad, stroke: '#555' }));
    items.forEach(function (it, k) {
      var bh = (h - pad * 2 - 14) * it.count / max, x = pad + k * bw + bw * 0.15, y = h - pad - bh;
      svg.appendChild(s('rect', { x: x, y: y, width: bw * 0.7, height: Math.max(bh, 0), fill: it.color || '#1565c0' }));
      svg.appendChild(s('text', { x: x + bw * 0.35, y: y - 4, 'text-anchor': 'middle', 'font-size': 12 }, it.count));
      svg.appendChild(s('text', { x: x + bw * 0.35, y: h - pad + 15, 'text-anchor': 'middle', 'font-size': items.length > 10 ? 10 : 12 }, it.label));
    });
    return svg;
  }

  SE.drawCharts = function (data, boxes) {
    Object.keys(boxes).forEach(function (k) { boxes[k].textContent = ''; });
    boxes.grades.appendChild(bars(data.grades.map(function (g) { return { label: g.grade, count: g.count, color: GRADE_COLOR[g.grade] || '#546e7a' }; }),
      SE.rt('c_grades'), 360, 220));
    boxes.hist.appendChild(bars(data.histogram.bins.map(function (b) { return { label: b.from + '–', count: b.count, color: '#5c6bc0' }; }),
      SE.rt('c_hist'), 420, 220));
    // 执行率 (x, 0–100 %+) against 总分 (y, 0–max).
    var w = 420, h = 260, pad = 36, svg = frame(w, h, SE.rt('c_scatter')), maxRate = 1, maxTotal = data.histogram.max || 100;
    data.scatter.forEach(function (p) { maxRate = Math.max(maxRate, Number(p.rate)); });
    var X = function (r) { return pad + (w - pad * 2) * Number(r) / maxRate; }, Y = function (t) { return h - pad - (h - pad * 2) * Number(t) / maxTotal; };
    svg.appendChild(s('line', { x1: pad, y1: h - pad, x2: w - pad, y2: h - pad, stroke: '#555' }));
    svg.appendChild(s('line', { x1: pad, y1: pad, x2: pad, y2: h - pad, stroke: '#555' }));
    [0, 0.5, 0.8, 1].forEach(function (r) {
      if (r > maxRate) return;
      svg.appendChild(s('text', { x: X(r), y: h - pad + 14, 'text-anchor': 'middle', 'font-size': 11 }, Math.round(r * 100) + '%'));
    });
    [0, maxTotal / 2, maxTotal].forEach(function (t) { svg.appendChild(s('text', { x: pad - 4, y: Y(t) + 4, 'text-anchor': 'end', 'font-size': 11 }, t)); });
    svg.appendChild(s('text', { x: w / 2, y: h - 4, 'text-anchor': 'middle', 'font-size': 11 }, SE.rt('col_rate')));
    // The dots as two paths (the flagged ones on top), one circle of two arcs per file: 10,000
    // circle elements took the page's thread ~0.1 s to create and lay out; a path is one element.
    var dots = function (flagged) {
      var r = flagged ? 4 : 2.5, d = [];
      data.scatter.forEach(function (p) {
        if (!p.flagged !== !flagged) return;
        d.push('M' + (X(p.rate) - r).toFixed(1) + ' ' + Y(p.total).toFixed(1) + 'a' + r + ' ' + r + ' 0 1 0 ' + 2 * r + ' 0a' + r + ' ' + r + ' 0 1 0 ' + -2 * r + ' 0');
      });
      if (d.length) svg.appendChild(s('path', { d: d.join(''), fill: flagged ? '#c62828' : '#1565c0', 'fill-opacity': flagged ? 1 : 0.5, class: flagged ? 'dots flagged' : 'dots' }));
    };
    dots(false);
    dots(true);
    boxes.scatter.appendChild(svg);
    // Finding kinds: horizontal bars, most frequent first.
    var kw = 520, rowH = 20, kh = Math.max(60, data.kinds.length * rowH + 16), ks = frame(kw, kh, SE.rt('c_kinds')), kmax = 1;
    data.kinds.forEach(function (k) { kmax = Math.max(kmax, k.count); });
    data.kinds.forEach(function (k, i) {
      var y = 8 + i * rowH, len = (kw - 300) * k.count / kmax;
      var label = s('text', { x: 176, y: y + 13, 'text-anchor': 'end', 'font-size': 12 }, SE.lang === 'en' ? k.en : k.zh);
      label.appendChild(s('title', {}, k.code));
      ks.appendChild(label);
      ks.appendChild(s('rect', { x: 182, y: y + 2, width: Math.max(len, 1), height: rowH - 6, fill: '#8d6e63' }));
      ks.appendChild(s('text', { x: 186 + len, y: y + 13, 'font-size': 11 }, k.count + (SE.lang === 'en' ? ' (' + k.files + ' files)' : '（' + k.files + ' 份）')));
    });
    boxes.kinds.appendChild(ks);
  };
})();
