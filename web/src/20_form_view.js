/* Renders a form from the core's description and result, and applies the deltas the
   core returns for single-value edits. Never computes a score: every number shown comes
   from the core. All text enters the DOM through textContent or attributes.

   Large forms (more than BLOCK_FROM rows) are drawn in blocks of BLOCK_ROWS rows: a block
   is built when it comes near the viewport and dropped again when it is far away and holds
   no focus, so opening and scrolling cost the rows in view, not the whole form. What a
   block shows (values, scores, findings) is kept here, so a block built again shows the
   form as it stands. */
var SE = window.SE || (window.SE = {});
/* One view per place a form is shown: the page's document, or a <selfeval-form>'s
   shadow root. Element ids are looked up in that root only. */
SE.createView = function (scope) {
  var el = SE.el, t = SE.t;
  var BLOCK_FROM = 300, BLOCK_ROWS = 25, KEEP_BLOCKS = 16, LIST_STEP = 200;
  var $ = function (id) { return scope.getElementById(id); };
  var state = { desc: null, answers: null, rowFindings: {}, budgetFindings: [], formFindings: [], nodes: {}, container: null,
    drawn: {}, anchors: {}, counts: null, scores: {}, subtotals: {}, defs: {}, rows: [], depth: 1, blocks: null, observer: null,
    listCap: LIST_STEP, readOnly: false,
    // What is shown of the "not yet filled" findings (describe().pending_codes): those of a
    // field the user has left (touched), or all after a check (showAll). The core's findings
    // and counts are all kept; only what is shown waits.
    pending: {}, touched: {}, showAll: false, hidden: {}, hiddenTotal: { error: 0, warning: 0, info: 0, all: 0 } };
  var handlers = null;  // set by the app: onValue, onDef, onUnit, onBudget, onText, onAdd, onMove, onRemove; optional onRows

  function nodeName(n) { return SE.lang === 'en' && n.name_en ? n.name_en : n.name; }
  function value(id, field) {
    var v = state.answers.values && state.answers.values[id];
    return v && v[field] !== undefined ? String(v[field]) : '';
  }
  // What was typed, kept so a block built again shows it (the core has it too).
  function remember(id, field, text) {
    var values = state.answers.values || (state.answers.values = {});
    var rec = values[id] || (values[id] = {});
    if (text === '') delete rec[field]; else rec[field] = text;
  }
  function fieldBox(input, msgId) {
    var box = el('div', { class: 'field' });
    box.appendChild(input);
    box.appendChild(el('div', { class: 'msg', id: 'msg-' + msgId }));
    return box;
  }
  function labelled(labelText, input) {
    var wrap = el('label', { class: 'sub' });
    wrap.appendChild(el('span', { class: 'sub-label' }, labelText));
    wrap.appendChild(input);
    return wrap;
  }

  /* One input for one field of a leaf's value record. */
  function valueInput(n, field, row) {
    var id = 'val-' + n.id + '-' + field;
    var input;
    var label = nodeName(n) + ' ' + t(field === 'score' ? 'rater_score' : field);
    if (field === 'tier') {
      input = el('select', { id: id, 'aria-label': label });
      input.appendChild(el('option', { value: '' }, t('choose')));
      // The tiers as the core words them, each with its range of points for this row.
      (n.tiers || []).forEach(function (o) {
        var range = o.min + '–' + (o.max_inclusive ? o.max : o.propose);
        input.appendChild(el('option', { value: o.id }, (SE.lang === 'en' ? o.label_en : o.label) + SE.paren(fmtPoints(range))));
      });
    } else if (field === 'choice') {
      input = el('select', { id: id, 'aria-label': label });
      input.appendChild(el('option', { value: '' }, t('choose')));
      // Each outcome with the points it gives this row (the core's vocabulary): 得满分 4 分.
      (n.options || []).forEach(function (o) {
        var text = (SE.lang === 'en' && o.label_en ? o.label_en : o.label) + (o.points !== undefined ? ' ' + fmtPoints(o.points) : '');
        var opt = el('option', { value: o.id }, text);
        if (SE.lang === 'en' && !o.label_en) opt.setAttribute('lang', 'zh-CN');
        input.appendChild(opt);
      });
    } else if (field === 'likelihood' || field === 'reason_category') {
      // A monitoring row's words, as its rule's scheme lists them.
      input = el('select', { id: id, 'aria-label': label });
      input.appendChild(el('option', { value: '' }, t('choose')));
      (n[field === 'likelihood' ? 'likelihoods' : 'reason_categories'] || []).forEach(function (w) {
        var opt = content('option', w);
        opt.value = w;
        input.appendChild(opt);
      });
    } else if (field === 'reason' || field === 'evidence' || field === 'measures') {
      input = el('textarea', { id: id, rows: 1, 'aria-label': label, maxlength: limit(field) });
    } else if (field === 'planned_date' || field === 'actual_date') {
      input = el('input', { id: id, type: 'date', 'aria-label': label });
    } else {
      input = el('input', { id: id, type: 'text', 'aria-label': label, autocomplete: 'off', maxlength: limit(field),
        inputmode: field === 'actual' ? null : (field === 'score' || field === 'budget' || field === 'executed' || field === 'occurrences' || field === 'sample_size' ? 'decimal' : null) });
    }
    input.value = value(n.id, field);
    input.setAttribute('data-row', row);
    input.setAttribute('data-col', field);
    input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', function () {
      remember(n.id, field, input.value);
      handlers.onValue(n.id, field, input.value);
      if (field === 'tier') proposeScore(n, input.value);
    });
    if (input.tagName === 'TEXTAREA') grows(input);
    return fieldBox(input, id);
  }

  /* Template content shown as written: in English mode a Chinese text says it is Chinese. */
  function content(tag, text, en) {
    var e = el(tag, null, text);
    if (SE.lang === 'en' && !en && /[\u3400-\u9fff]/.test(String(text))) e.setAttribute('lang', 'zh-CN');
    return e;
  }
  function standardNote(label, text) {
    var box = el('div', { class: 'standard' });
    box.appendChild(el('span', { class: 'standard-label' }, label + (SE.lang === 'en' ? ': ' : '：')));
    box.appendChild(content('span', text));
    return box;
  }
  // The columns after the level columns: target, actual, weight, [standard], score, reason.
  function dataCols() { return state.monitoring ? 4 : state.std ? 6 : 5; }
  // The longest text a field takes, as the core's answers schema says (describe().limits).
  function limit(field) {
    var l = state.desc && state.desc.limits;
    return l && l[field] ? l[field] : null;
  }
  function stdLabel() { return state.desc.template.kind === 'verification' ? 'standard_verification' : 'standard'; }
  function fmtPoints(p) { return SE.fmt(t('points'), { p: p }); }
  /* Choosing a tier proposes its top score (the core's `propose`), unless a score was typed
     that no tier proposed: what was typed is never replaced in silence. */
  function proposeScore(n, tierId) {
    var scoreInput = $('val-' + n.id + '-score');
    if (!scoreInput || !n.tiers) return;
    var proposals = n.tiers.map(function (x) { return x.propose; });
    if (scoreInput.value !== '' && proposals.indexOf(scoreInput.value) < 0) return;
    var tier = null;
    n.tiers.forEach(function (x) { if (x.id === tierId) tier = x; });
    var v = tier ? tier.propose : '';
    if (v === scoreInput.value) return;
    scoreInput.value = v;
    remember(n.id, 'score', v);
    handlers.onValue(n.id, 'score', v);
  }
  /* A text box grows with what is typed (through the CSSOM: a strict CSP refuses style attributes). */
  function grows(ta) {
    var fit = function () {
      if (!ta.isConnected || !ta.scrollHeight) return;
      ta.style.height = 'auto';
      ta.style.height = (ta.scrollHeight + 2) + 'px';
    };
    ta.addEventListener('input', fit);
    ta._seFit = fit;
    if (!grows.wired) {
      // A narrower window wraps the text on more lines: every box is fitted again.
      grows.wired = true;
      var timer = null;
      window.addEventListener('resize', function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          if (!state.container) return;
          var list = state.container.querySelectorAll('textarea');
          for (var i = 0; i < list.length; i++) if (list[i]._seFit && list[i].value) list[i]._seFit();
        }, 100);
      });
    }
    if (ta.value) (window.requestAnimationFrame || setTimeout)(fit);
  }

  function defInput(n, field, row) {
    var id = 'def-' + n.id + '-' + field;
    var input;
    var def = state.defs[n.id] || {};
    if (field === 'direction') {
      input = el('select', { id: id, 'aria-label': nodeName(n) + ' ' + t('direction') });
      input.appendChild(el('option', { value: '' }, t('direction')));
      (state.desc.directions || []).forEach(function (o) { input.appendChild(el('option', { value: o.value }, SE.lang === 'en' ? o.label_en : o.label)); });
      input.value = def.direction || '';
    } else {
      input = el('input', { id: id, type: 'text', autocomplete: 'off', maxlength: limit({ name: 'indicator_name', target: 'indicator_target', weight: 'decimal' }[field]),
        'aria-label': (field === 'name' ? t('name') : nodeName(n) + ' ' + t(field)) });
      input.value = def[field] !== undefined ? String(def[field]) : '';
    }
    input.setAttribute('data-row', row);
    input.setAttribute('data-col', 'def-' + field);
    input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', function () { handlers.onDef(n.id, field, input.value); });
    return fieldBox(input, id);
  }

  /* The table's rows in order, each with the level cells that start on it: the same rows
     the whole table has, so a block of them can be built on its own. */
  function layRows(desc) {
    var rows = [];
    function emit(n, pending) {
      if (n.leaf) { rows.push({ kind: 'leaf', node: n, starts: pending.splice(0) }); return; }
      var first = rows.length;
      pending.push(n);
      n.children.forEach(function (cid) { emit(state.nodes[cid], pending); });
      if (n.open) rows.push({ kind: 'add', node: n, starts: pending.splice(0) });
      // A section with nothing under it still shows its cells.
      else if (pending.length) rows.push({ kind: 'empty', node: n, starts: pending.splice(0) });
      n._rows = [first, rows.length];
    }
    desc.nodes.forEach(function (n) { if (n.parent === null) emit(n, []); });
    rows.forEach(function (r, i) { r.index = i; });
    return rows;
  }

  function levelCell(n, span, continued) {
    // A block after the first repeats the cells of the sections it is inside, as a printed
    // page does; only the first carries the ids the subtotal and findings look for.
    var cell = el('th', { scope: 'rowgroup', rowspan: span, id: continued ? null : 'lvl-' + n.id, class: 'level' + (continued ? ' cont' : '') });
    var nameSpan = content('span', nodeName(n), n.name_en);
    nameSpan.className = 'level-name';
    if (continued) nameSpan.appendChild(el('span', null, t('continued')));
    cell.appendChild(nameSpan);
    if (continued) return cell;
    if (n.weight !== null) cell.appendChild(el('span', { class: 'level-weight' }, SE.lang === 'en' ? '(' + n.weight + ')' : '（' + n.weight + '）'));
    cell.appendChild(el('span', { class: 'subtotal', id: 'sub-' + n.id }, state.subtotals[n.id] || ''));
    cell.appendChild(el('div', { class: 'msg', id: 'msg-lvl-' + n.id }));
    return cell;
  }

  function leafRow(n, rowIndex) {
    var depthCols = state.depth;
    var tr = el('tr', { id: 'row-' + n.id, 'data-id': n.id });
    var span = depthCols - (n.level - 1);
    var nameCell = el('th', { scope: 'row', colspan: span > 1 ? span : null, class: 'leaf-name' });
    if (n.from_project) {
      nameCell.appendChild(defInput(n, 'name', rowIndex));
      var tools = el('div', { class: 'row-tools' });
      [['move_up', '↑', -1], ['move_down', '↓', 1]].forEach(function (b) {
        var btn = el('button', { type: 'button', class: 'icon', title: t(b[0]), 'aria-label': t(b[0]) + ' ' + n.name }, b[1]);
        btn.addEventListener('click', function () { handlers.onMove(n.id, b[2]); });
        tools.appendChild(btn);
      });
      var del = el('button', { type: 'button', class: 'icon danger', title: t('remove_row'), 'aria-label': t('remove_row') + ' ' + n.name }, '✕');
      del.addEventListener('click', function () { if (window.confirm(t('confirm_remove'))) handlers.onRemove(n.id); });
      tools.appendChild(del);
      tools.appendChild(defInput(n, 'direction', rowIndex));
      nameCell.appendChild(tools);
    } else {
      nameCell.appendChild(content('span', nodeName(n), n.name_en));
    }
    tr.appendChild(nameCell);
    var targetCell = el('td', { class: 'target' });
    if (n.from_project) {
      var targetInput = defInput(n, 'target', rowIndex);
      // In a monitoring form a target carried from the declaration is the approved one: shown,
      // not edited here (a self-assessment keeps its editable targets, checked against it).
      if (n.declared_target && state.monitoring) {
        var ti = targetInput.querySelector('input') || targetInput;
        ti.readOnly = true;
        ti.title = t('target_carried');
        ti.classList.add('carried');
      }
      targetCell.appendChild(targetInput);
      targetCell.appendChild(el('div', { class: 'parsed', id: 'parsed-' + n.id }));
    } else {
      targetCell.appendChild(content('span', n.target || '—'));
      targetCell.appendChild(el('div', { class: 'msg', id: 'msg-def-' + n.id + '-target' }));
    }
    tr.appendChild(targetCell);
    var actualCell = el('td', { class: 'actual' });
    // A row with more than one input labels each (the qualitative row: tier, score, actual).
    // A monitoring row keeps its reason, its category and its measures together in the last column.
    var inReason = { reason: 1, evidence: 1, reason_category: 1, measures: 1 };
    var shown = (n.inputs || []).filter(function (f) { return !inReason[f]; });
    shown.forEach(function (field) {
      var box = valueInput(n, field, rowIndex);
      var word = field === 'score' ? 'rater_score' : field === 'actual' && state.monitoring ? 'actual_to_date' : field;
      actualCell.appendChild(field === 'actual' && shown.length === 1 ? box : labelled(t(word), box));
    });
    // A self-assessment carried from a monitoring form keeps the mid-year forecast beside the actual.
    var carried = state.answers.values && state.answers.values[n.id] && state.answers.values[n.id].forecast;
    if (carried !== undefined && (n.inputs || []).indexOf('forecast') < 0) {
      var note = el('div', { class: 'carried-forecast', id: 'forecast-' + n.id });
      note.appendChild(el('span', null, t('midyear_forecast') + SE.colon()));
      note.appendChild(content('span', String(carried)));
      actualCell.appendChild(note);
    }
    tr.appendChild(actualCell);
    var weightCell = el('td', { class: 'num' });
    if (n.from_project && !state.monitoring) weightCell.appendChild(defInput(n, 'weight', rowIndex));
    else weightCell.appendChild(el('span', null, n.weight === null ? '' : n.weight));
    if (state.std && !state.monitoring) {
      // The scoring standard beside the score, as the official forms print it (评分标准 /
      // 评分说明, with the 指标解释 of a policy evaluation).
      tr.appendChild(weightCell);
      weightCell = el('td', { class: 'standard-cell' });
      if (n.explanation) weightCell.appendChild(standardNote(t('explanation'), n.explanation));
      if (n.scoring_standard) weightCell.appendChild(standardNote(t(stdLabel()), n.scoring_standard));
    }
    if (!state.monitoring) tr.appendChild(weightCell);  // a monitoring row has no weight
    var scoreCell = el('td', { class: 'num score', id: 'score-' + n.id });
    showScore(scoreCell, n.id);
    tr.appendChild(scoreCell);
    var reasonCell = el('td', { class: 'reason' });
    if ((n.inputs || []).indexOf('reason_category') >= 0) {
      ['reason_category', 'reason', 'measures'].forEach(function (field) {
        reasonCell.appendChild(labelled(t(field === 'reason' ? 'reason_text' : field), valueInput(n, field, rowIndex)));
      });
    } else {
      reasonCell.appendChild(valueInput(n, 'reason', rowIndex));
    }
    var drafted = state.answers.values && state.answers.values[n.id] && state.answers.values[n.id].suggestions;
    if (drafted && drafted.length) reasonCell.appendChild(suggestionList(n, drafted));
    tr.appendChild(reasonCell);
    return tr;
  }

  /* A drafted review's suggested 扣分原因 (selfeval review-draft): words the reviewer takes into
     the reason (采纳), or drops (不采纳). Never a score. */
  function suggestionList(n, list) {
    var box = el('div', { class: 'suggestions', role: 'group', 'aria-label': t('suggested_reasons') });
    box.appendChild(el('div', { class: 'suggestions-head' }, t('suggested_reasons')));
    list.forEach(function (s) {
      var item = el('div', { class: 'suggestion' });
      var words = SE.lang === 'en' ? s.en : s.zh;
      item.appendChild(el('p', SE.lang === 'en' ? null : { lang: 'zh-CN' }, words));
      var take = el('button', { type: 'button', class: 'take' }, t('suggestion_take'));
      take.addEventListener('click', function () {
        var reason = $('val-' + n.id + '-reason');
        // The Chinese words go into the reason as the official sheet writes it.
        var text = reason.value ? reason.value.replace(/\s+$/, '') + '\n' + s.zh : s.zh;
        reason.value = text;
        reason.dispatchEvent(new Event('input', { bubbles: true }));
        take.disabled = true;
        take.textContent = t('suggestion_taken');
      });
      var drop = el('button', { type: 'button', class: 'drop' }, t('suggestion_drop'));
      drop.addEventListener('click', function () {
        handlers.onDiscard(n.id, s.zh);
        item.hidden = true;
      });
      item.appendChild(take);
      item.appendChild(drop);
      box.appendChild(item);
    });
    return box;
  }

  function addRow(n) {
    var tr = el('tr', { class: 'add-row' });
    var span = state.depth - n.level;
    var td = el('td', { colspan: (span > 0 ? span : 0) + dataCols() });
    var btn = el('button', { type: 'button', class: 'add', 'data-parent': n.id }, t('add_row') + (SE.lang === 'en' ? ' (' : '（'));
    btn.appendChild(content('span', nodeName(n), n.name_en));
    btn.appendChild(document.createTextNode(SE.lang === 'en' ? ')' : '）'));
    btn.addEventListener('click', function () { handlers.onAdd(n.id); });
    td.appendChild(btn);
    tr.appendChild(td);
    return tr;
  }

  /* Rows [from, to) into `body`: level cells span only rows inside the range. */
  function buildRows(body, from, to) {
    var leafIndex = 0;
    for (var i = from; i < to; i++) {
      var r = state.rows[i];
      var cells = [];
      if (i === from && from > 0) {
        // The sections this range starts inside of, outermost first.
        var chain = [];
        for (var p = r.node.leaf ? r.node.parent : r.node.id; p !== null; p = state.nodes[p].parent) chain.unshift(state.nodes[p]);
        chain.forEach(function (a) { if (a._rows[0] < from && r.starts.indexOf(a) < 0) cells.push(levelCell(a, Math.min(a._rows[1], to) - from, true)); });
      }
      r.starts.forEach(function (a) { cells.push(levelCell(a, Math.min(a._rows[1], to) - i, false)); });
      var tr;
      if (r.kind === 'leaf') { tr = leafRow(r.node, rowNumber(r)); leafIndex++; }
      else if (r.kind === 'add') tr = addRow(r.node);
      else { tr = el('tr'); tr.appendChild(el('td', { colspan: dataCols() })); }
      for (var c = cells.length - 1; c >= 0; c--) tr.insertBefore(cells[c], tr.firstChild);
      body.appendChild(tr);
    }
  }
  // The grid-keys row number of a leaf row: its position among the leaves.
  function rowNumber(r) { return r.leafNumber; }

  function indicatorTable(desc) {
    var depth = 1;
    desc.nodes.forEach(function (n) { if (n.leaf || n.open) depth = Math.max(depth, n.leaf ? n.level : n.level + 1); });
    state.depth = depth;
    state.std = !state.monitoring && desc.nodes.some(function (n) { return n.leaf && (n.scoring_standard || n.explanation); });
    state.rows = layRows(desc);
    var leaves = 0;
    state.rows.forEach(function (r) { if (r.kind === 'leaf') r.leafNumber = leaves++; });
    var table = el('table', { class: 'grid form-grid', id: 'indicator-table' });
    table.appendChild(el('caption', null, t('indicators')));
    var cols = el('colgroup');
    for (var c = 0; c < depth; c++) cols.appendChild(el('col', { class: c === depth - 1 ? 'c-leaf' : 'c-level' }));
    (state.monitoring ? ['c-target', 'c-actual', 'c-score', 'c-reason']
      : state.std ? ['c-target', 'c-actual', 'c-weight', 'c-standard', 'c-score', 'c-reason'] : ['c-target', 'c-actual', 'c-weight', 'c-score', 'c-reason'])
      .forEach(function (cls) { cols.appendChild(el('col', { class: cls })); });
    if (state.std) table.className += ' with-standards';
    if (state.monitoring) table.className += ' monitoring';
    table.appendChild(cols);
    var head = el('thead');
    var hr = el('tr');
    // The template's own level names (一级指标 …) in Chinese; the page's words in English.
    var levels = SE.lang === 'zh' && desc.template.levels && desc.template.levels.length ? desc.template.levels : t('levels');
    for (var i = 0; i < depth; i++) hr.appendChild(el('th', { scope: 'col' }, levels[i] || t('levels')[i] || ''));
    // Reviewers' sheets and policy evaluations write 扣分原因 where units write 偏差原因.
    var reviewed = desc.template.kind === 'verification' || desc.template.kind === 'policy';
    if (state.monitoring) {
      [t('target'), t('actual_to_date'), t('light'), t('reason_measures')].forEach(function (h) { hr.appendChild(el('th', { scope: 'col' }, h)); });
    } else (state.std ? [t('target'), t('actual'), t('weight'), t(stdLabel()), t('score'), t(reviewed ? 'reason_review' : 'reason')]
      : [t('target'), t('actual'), t('weight'), t('score'), t(reviewed ? 'reason_review' : 'reason')]).forEach(function (h) { hr.appendChild(el('th', { scope: 'col' }, h)); });
    head.appendChild(hr);
    table.appendChild(head);
    if (state.rows.length <= BLOCK_FROM) {
      var body = el('tbody');
      buildRows(body, 0, state.rows.length);
      table.appendChild(body);
    } else {
      startBlocks(table);
    }
    var foot = el('tfoot');
    var totalRow = el('tr');
    totalRow.appendChild(el('th', { scope: 'row', colspan: depth + dataCols() - 2 }, t('total')));
    totalRow.appendChild(el('td', { class: 'num total', id: 'total' }));
    totalRow.appendChild(el('td', { id: 'full-marks' }, '/ ' + desc.template.total));
    foot.appendChild(totalRow);
    var gradeRow = el('tr');
    gradeRow.appendChild(el('th', { scope: 'row', colspan: depth + dataCols() - 2 }, t('grade')));
    var bands = desc.grade_bands.map(function (b) {
      return (SE.lang === 'en' && b.grade_en ? b.grade_en : b.grade) + ' ' + (b.min_inclusive ? '≥' : '>') + b.min;
    }).join('；');
    gradeRow.appendChild(el('td', { class: 'grade', id: 'grade' }));
    gradeRow.appendChild(el('td', { class: 'bands' }, bands));
    foot.appendChild(gradeRow);
    foot.hidden = state.monitoring;  // a monitoring form has no total or grade: its bar counts lights
    table.appendChild(foot);
    return table;
  }

  /* --- blocks of a large form ----------------------------------------------------- */
  function startBlocks(table) {
    var count = Math.ceil(state.rows.length / BLOCK_ROWS);
    var b = state.blocks = { list: [], rowHeight: 64, seq: 0, focus: 0 };
    for (var k = 0; k < count; k++) {
      var from = k * BLOCK_ROWS, to = Math.min(state.rows.length, from + BLOCK_ROWS);
      b.list.push({ index: k, from: from, to: to, body: null, height: 0, used: 0 });
    }
    b.list.forEach(function (blk) { blk.body = placeholder(blk); table.appendChild(blk.body); });
    if (typeof IntersectionObserver === 'function') {
      // Blocks coming near the view are built one per task, the nearest first, so a
      // keystroke waits for one block at most.
      var queue = [], pending = false;
      var next = function () {
        pending = false;
        if (state.blocks !== b) return;
        var blk = queue.shift();
        while (blk && (blk.live || !blk.near)) blk = queue.shift();
        if (blk) buildBlock(blk);
        trimBlocks();
        if (queue.length) { pending = true; setTimeout(next, 0); }
      };
      state.observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          var blk = b.list[Number(e.target.getAttribute('data-block'))];
          if (!blk || blk.body !== e.target) return;
          blk.near = e.isIntersecting;
          if (e.isIntersecting && !blk.live) queue.push(blk);
        });
        queue.sort(function (x, y) { return Math.abs(x.index - b.focus) - Math.abs(y.index - b.focus); });
        if (queue.length && !pending) { pending = true; setTimeout(next, 0); }
        trimBlocks();
      }, { rootMargin: '800px 0px' });
      b.list.forEach(function (blk) { state.observer.observe(blk.body); });
    }
  }

  function placeholder(blk) {
    var body = el('tbody', { class: 'block-placeholder', 'data-block': blk.index, 'aria-hidden': 'true' });
    var tr = el('tr');
    var td = el('td', { colspan: state.depth + dataCols() });
    // Through the CSSOM: a strict CSP refuses style attributes, not this.
    td.style.height = (blk.height || (blk.to - blk.from) * state.blocks.rowHeight) + 'px';
    tr.appendChild(td);
    body.appendChild(tr);
    return body;
  }

  function buildBlock(blk, first) {
    var b = state.blocks;
    var body = el('tbody', { class: 'block', 'data-block': blk.index });
    buildRows(body, blk.from, blk.to);
    var old = blk.body;
    if (state.observer && old) state.observer.unobserve(old);
    old.parentNode.replaceChild(body, old);
    blk.body = body;
    blk.live = true;
    blk.used = ++b.seq;
    if (state.readOnly) lock(body, true);
    b.focus = blk.index;
    if (state.observer) state.observer.observe(body);
    // Findings and the app's extras for the rows now in the DOM.
    var ids = [];
    for (var i = blk.from; i < blk.to; i++) {
      var n = state.rows[i].node;
      if (state.rows[i].kind === 'leaf') ids.push(n.id);
      state.rows[i].starts.forEach(function (a) { ids.push(a.id); });
    }
    if (!first) ids.forEach(function (id) { drawGroup('row:' + id); });
    if (handlers && handlers.onRows) handlers.onRows(ids);
    if (first) {
      // Placeholders take the measured height of a row from now on.
      var h = body.getBoundingClientRect().height;
      if (h > 0) {
        b.rowHeight = Math.max(24, Math.round(h / (blk.to - blk.from)));
        b.list.forEach(function (x) { if (!x.live) { var td = x.body.querySelector('td'); if (td) td.style.height = (x.to - x.from) * b.rowHeight + 'px'; } });
      }
    }
  }

  function dropBlock(blk) {
    var h = blk.body.getBoundingClientRect().height;
    blk.height = h > 0 ? h : 0;
    var ph = placeholder(blk);
    if (state.observer) state.observer.unobserve(blk.body);
    // Findings drawn into it go with it; the summary keeps listing them.
    for (var i = blk.from; i < blk.to; i++) {
      if (state.rows[i].kind === 'leaf') clearDrawnMarks('row:' + state.rows[i].node.id);
    }
    blk.body.parentNode.replaceChild(ph, blk.body);
    blk.body = ph;
    blk.live = false;
    if (state.observer) state.observer.observe(ph);
  }

  // Keeps the number of built blocks bounded: the least recently built ones far from view go.
  function trimBlocks() {
    var b = state.blocks;
    if (!b) return;
    var live = b.list.filter(function (x) { return x.live; });
    if (live.length <= KEEP_BLOCKS) return;
    var active = scope.activeElement || document.activeElement;
    live.filter(function (x) { return !x.near && !(active && x.body.contains(active)); })
      .sort(function (x, y) { return x.used - y.used; })
      .slice(0, live.length - KEEP_BLOCKS)
      .forEach(dropBlock);
  }

  /* Builds the block that holds the row of indicator `id` (a leaf or a section). */
  function reveal(id) {
    var b = state.blocks, n = state.nodes[id];
    if (!b || !n) return;
    var row = n.leaf ? null : n._rows[0];
    if (row === null) for (var i = 0; i < state.rows.length; i++) if (state.rows[i].node === n && state.rows[i].kind === 'leaf') { row = i; break; }
    if (row === null || row === undefined) return;
    var blk = b.list[Math.floor(row / BLOCK_ROWS)];
    if (blk && !blk.live) buildBlock(blk);
  }
  /* The field of the same column `d` leaf rows away from `rowNumber` (grid keys), built if needed. */
  function fieldAt(leafNumber, col) {
    var b = state.blocks;
    if (!b) return null;
    for (var i = 0; i < state.rows.length; i++) {
      var r = state.rows[i];
      if (r.kind === 'leaf' && r.leafNumber === leafNumber) {
        reveal(r.node.id);
        return scope.querySelector('#row-' + cssId(r.node.id) + ' [data-col="' + col + '"]');
      }
    }
    return null;
  }
  function cssId(id) { return window.CSS && CSS.escape ? CSS.escape(id) : id.replace(/[^\w-]/g, '\\$&'); }

  function budgetTable(desc) {
    var b = desc.budget;
    if (state.monitoring) return progressTable(desc);
    var table = el('table', { class: 'grid budget-grid', id: 'budget-table' });
    var cap = el('caption', null, t('budget') + (SE.lang === 'en' ? ' (' : '（'));
    cap.appendChild(content('span', b.money_unit));
    cap.appendChild(document.createTextNode(SE.lang === 'en' ? ')' : '）'));
    table.appendChild(cap);
    var hr = el('tr');
    ['', t('initial'), t('adjusted'), t('executed'), t('weight'), t('rate'), t('score')].forEach(function (h, i) {
      hr.appendChild(el(i === 0 ? 'td' : 'th', i === 0 ? null : { scope: 'col' }, h));
    });
    var head = el('thead');
    head.appendChild(hr);
    table.appendChild(head);
    var body = el('tbody');
    b.rows.forEach(function (r, ri) {
      var tr = el('tr');
      var rl = content('th', SE.lang === 'en' && r.label_en ? r.label_en : r.label, SE.lang === 'en' && r.label_en);
      rl.setAttribute('scope', 'row');
      tr.appendChild(rl);
      ['initial', 'adjusted', 'executed'].forEach(function (col) {
        var id = 'bud-' + r.id + '-' + col;
        var rowAns = state.answers.budget && state.answers.budget.rows && state.answers.budget.rows[r.id];
        var input = el('input', { id: id, type: 'text', inputmode: 'decimal', autocomplete: 'off', maxlength: limit('decimal'),
          'aria-label': (SE.lang === 'en' && r.label_en ? r.label_en : r.label) + ' ' + t(col), 'data-row': 'b' + ri, 'data-col': col });
        input.value = rowAns && rowAns[col] !== undefined ? String(rowAns[col]) : '';
        input.addEventListener('input', function () { handlers.onBudget(r.id, col, input.value); });
        var td = el('td', { class: 'num' });
        td.appendChild(fieldBox(input, id));
        tr.appendChild(td);
      });
      if (ri === 0) {
        tr.appendChild(el('td', { class: 'num', rowspan: b.rows.length }, b.weight));
        tr.appendChild(el('td', { class: 'num', id: 'budget-rate', rowspan: b.rows.length }));
        tr.appendChild(el('td', { class: 'num score', id: 'budget-score', rowspan: b.rows.length }));
      }
      body.appendChild(tr);
    });
    table.appendChild(body);
    return table;
  }

  /* A monitoring form's budget block: the amounts to date and the forecast, the rates the core
     computes and the time progress they are compared with. */
  function progressTable(desc) {
    var b = desc.budget;
    var table = el('table', { class: 'grid budget-grid', id: 'budget-table' });
    var cap = el('caption', null, (SE.lang === 'en' && b.label_en ? b.label_en : b.label) + (SE.lang === 'en' ? ' (' : '（'));
    cap.appendChild(content('span', b.money_unit));
    cap.appendChild(document.createTextNode(SE.lang === 'en' ? ')' : '）'));
    table.appendChild(cap);
    var cols = [['initial', 'initial'], ['adjusted', 'adjusted'], ['executed', 'executed_to_date'], ['forecast', 'forecast_executed']];
    var hr = el('tr');
    hr.appendChild(el('td'));
    cols.concat([[null, 'rate_to_date'], [null, 'forecast_rate'], [null, 'time_progress']]).forEach(function (c) { hr.appendChild(el('th', { scope: 'col' }, t(c[1]))); });
    var head = el('thead');
    head.appendChild(hr);
    table.appendChild(head);
    var body = el('tbody');
    b.rows.forEach(function (r, ri) {
      var tr = el('tr');
      var rl = content('th', SE.lang === 'en' && r.label_en ? r.label_en : r.label, SE.lang === 'en' && r.label_en);
      rl.setAttribute('scope', 'row');
      tr.appendChild(rl);
      cols.forEach(function (c) {
        var col = c[0];
        var id = 'bud-' + r.id + '-' + col;
        var rowAns = state.answers.budget && state.answers.budget.rows && state.answers.budget.rows[r.id];
        var input = el('input', { id: id, type: 'text', inputmode: 'decimal', autocomplete: 'off', maxlength: limit('decimal'),
          'aria-label': (SE.lang === 'en' && r.label_en ? r.label_en : r.label) + ' ' + t(c[1]), 'data-row': 'b' + ri, 'data-col': col });
        input.value = rowAns && rowAns[col] !== undefined ? String(rowAns[col]) : '';
        input.addEventListener('input', function () { handlers.onBudget(r.id, col, input.value); });
        var td = el('td', { class: 'num' });
        td.appendChild(fieldBox(input, id));
        tr.appendChild(td);
      });
      if (ri === 0) {
        ['budget-rate', 'budget-forecast-rate', 'budget-time'].forEach(function (id) {
          tr.appendChild(el('td', { class: 'num', id: id, rowspan: b.rows.length }));
        });
      }
      body.appendChild(tr);
    });
    table.appendChild(body);
    return table;
  }

  function textArea(key, label, valueText) {
    var id = 'text-' + key;
    var box = el('label', { class: 'block' });
    box.appendChild(el('span', null, label));
    var ta = el('textarea', { id: id, rows: 3, maxlength: limit(key === 'budget_reason' ? 'budget_reason' : /^goals\./.test(key) ? 'goals' : key) });
    ta.value = valueText || '';
    ta.addEventListener('input', function () { handlers.onText(key, ta.value); });
    grows(ta);
    box.appendChild(ta);
    box.appendChild(el('div', { class: 'msg', id: 'msg-' + id }));
    return box;
  }

  function stopBlocks() {
    state.gen = (state.gen || 0) + 1;
    if (state.observer) state.observer.disconnect();
    state.observer = null;
    state.blocks = null;
  }

  function render(root, desc, result, answers, h) {
    stopBlocks();
    handlers = h;
    state.container = root;
    state.desc = desc;
    state.answers = answers;
    state.nodes = {};
    state.scores = {};
    state.subtotals = {};
    state.drawn = {};
    desc.nodes.forEach(function (n) { state.nodes[n.id] = n; });
    state.pending = {};
    (desc.pending_codes || []).forEach(function (c) { state.pending[c] = true; });
    if (!root._seTouch) {
      root._seTouch = true;
      root.addEventListener('focusout', function (e) {
        if (/^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName)) touch(e.target);
      });
    }
    state.defs = {};
    (answers.indicators || []).forEach(function (d) { state.defs[d.id] = d; });
    state.monitoring = desc.template.kind === 'monitoring';
    (result.rows || result.indicators).forEach(function (r) { state.scores[r.id] = scoreOf(r); });
    result.sections.forEach(function (s) { state.subtotals[s.id] = state.monitoring ? '' : t('subtotal') + ' ' + s.score; });
    state.listCap = LIST_STEP;
    root.textContent = '';
    root.removeAttribute('data-drawn');
    var title = content('h2', (SE.lang === 'en' && desc.template.name_en ? desc.template.name_en : desc.template.name) + (answers.year ? (SE.lang === 'en' ? ' (' + answers.year + ')' : '（' + answers.year + '）') : ''), SE.lang === 'en' && desc.template.name_en);
    title.id = 'form-title';
    root.appendChild(title);
    // Always in sight while typing: the total and the grade.
    var bar = el('div', { class: 'scorebar', id: 'scorebar' });
    bar.appendChild(el('span', null, (state.monitoring ? t('light') : t('total')) + ' '));
    bar.appendChild(el('strong', { id: 'bar-total' }));
    var gradePart = el('span', null, ' / ' + desc.template.total + '　' + t('grade') + ' ');
    var gradeValue = el('strong', { id: 'bar-grade' });
    gradePart.hidden = gradeValue.hidden = state.monitoring;
    bar.appendChild(gradePart);
    bar.appendChild(gradeValue);
    root.appendChild(bar);
    // Focusable: it scrolls, and in a read-only form its entries (buttons) are disabled.
    var summary = el('section', { id: 'summary', class: 'summary', 'aria-labelledby': 'summary-heading', tabindex: '0' });
    summary.appendChild(el('h3', { id: 'summary-heading' }, t('findings')));
    summary.appendChild(el('p', { id: 'summary-counts', role: 'status', 'aria-live': 'polite' }));
    summary.appendChild(el('ul', { id: 'summary-list', class: 'findings' }));
    root.appendChild(summary);

    var header = el('fieldset', { class: 'header-fields' });
    header.appendChild(el('legend', null, t('header')));
    // The reporting year has one place, the answers' year: shown in the template's year
    // field, or in a 年度 field of its own when the template has none.
    var fields = desc.year_field ? desc.unit_fields : [{ id: 'year', label: '年度', label_en: 'Year', type: 'year', own: true }].concat(desc.unit_fields);
    fields.forEach(function (f) {
      var id = 'unit-' + f.id;
      var input;
      var current = f.type === 'year' ? (answers.year !== undefined && answers.year !== null ? String(answers.year) : '')
        : answers.unit && answers.unit[f.id] !== undefined ? String(answers.unit[f.id]) : '';
      if (f.type === 'choice' && f.choices) {
        input = el('select', { id: id });
        input.appendChild(el('option', { value: '' }, t('choose')));
        f.choices.forEach(function (c) { input.appendChild(content('option', c)); input.lastChild.value = c; });
      } else {
        input = el('input', { id: id, type: f.type === 'date' ? 'date' : 'text', autocomplete: 'off', maxlength: limit('unit') });
      }
      input.value = current;
      if (f.type === 'year') input.setAttribute('inputmode', 'numeric');
      input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', function () {
        if (f.own) h.onText('year', input.value); else h.onUnit(f.id, input.value);
      });
      var lab = content('label', (SE.lang === 'en' && f.label_en ? f.label_en : f.label) + (f.required ? ' *' : ''), SE.lang === 'en' && f.label_en);
      lab.className = 'hf';
      lab.setAttribute('for', id);
      var cell = el('div', { class: 'hf-cell' });
      cell.appendChild(lab);
      cell.appendChild(fieldBox(input, id));
      header.appendChild(cell);
    });
    root.appendChild(header);
    if (desc.budget) {
      root.appendChild(budgetTable(desc));
      var br = textArea('budget_reason', state.monitoring ? t('budget_reason_monitoring') : t('reason') + SE.paren(t('budget')), answers.budget && answers.budget.reason);
      br.querySelector('textarea').rows = 1;
      root.appendChild(br);
      if (state.monitoring) {
        var bm = textArea('budget_measures', t('budget_measures'), answers.budget && answers.budget.measures);
        bm.querySelector('textarea').rows = 1;
        root.appendChild(bm);
      }
    }
    if (desc.template.kind === 'self_assessment') {
      var goals = el('fieldset', { class: 'goals' });
      goals.appendChild(el('legend', null, t('goals')));
      goals.appendChild(textArea('goals.expected', t('expected'), answers.goals && answers.goals.expected));
      goals.appendChild(textArea('goals.actual', t('actual_goal'), answers.goals && answers.goals.actual));
      root.appendChild(goals);
    }
    root.appendChild(indicatorTable(desc));
    root.appendChild(el('p', { id: 'payment', class: 'payment' }));
    var closing = el('fieldset', { class: 'goals' });
    closing.appendChild(el('legend', null, t('problems') + ' / ' + t('improvements')));
    closing.appendChild(textArea('problems', t(desc.template.kind === 'verification' ? 'opinion' : 'problems'), answers.problems));
    // A reviewer's sheet: the overall opinion drafted by the core from the reasons entered and
    // the suggestions taken, put under what is already written (nothing typed is replaced).
    if (desc.template.kind === 'verification' && handlers.onDraftOpinion) {
      var draftBtn = el('button', { type: 'button', id: 'draft-opinion' }, t('draft_opinion'));
      draftBtn.addEventListener('click', function () {
        handlers.onDraftOpinion(function (text) {
          var ta = $('text-problems');
          ta.value = ta.value.replace(/\s+$/, '') ? ta.value.replace(/\s+$/, '') + '\n\n' + text : text;
          ta.dispatchEvent(new Event('input', { bubbles: true }));
        });
      });
      closing.appendChild(draftBtn);
    }
    closing.appendChild(textArea('improvements', t('improvements'), answers.improvements));
    root.appendChild(closing);
    if (state.readOnly) lock(root, true);
    state.anchors = {};
    if (result.rows) takeOverview(result); else takeResult(result);
    setTotals(result);
    if (!state.blocks) {
      renderFindings();
      if (h.onRows) h.onRows(desc.nodes.map(function (n) { return n.id; }));
      root.setAttribute('data-drawn', 'true');
      return;
    }
    // A large form: its first rows, then its findings, each in a task of its own, so a
    // keystroke in the fields already shown never waits for the whole form. Edits that come
    // in between update the state these draw from.
    var gen = state.gen = (state.gen || 0) + 1;
    setTimeout(function () {
      if (gen !== state.gen) return;
      if (!state.blocks.list[0].live) buildBlock(state.blocks.list[0], true);
      setTimeout(function () {
        if (gen !== state.gen) return;
        renderFindings();
        state.container.setAttribute('data-drawn', 'true');
      }, 0);
    }, 0);
  }

  function findingKey(f) { return f.code + '|' + f.path; }

  /* --- "not yet filled": shown once the field was left, or after a check ------------- */
  // The id of the field (or row) a finding concerns, from its path alone (no DOM lookup).
  function fieldIdOf(f) {
    var p = f.path || '', m;
    if ((m = /^\/unit\/(.+)$/.exec(p))) return 'unit-' + m[1];
    if ((m = /^\/budget\/rows\/([^/]+)\/([^/]+)$/.exec(p))) return 'bud-' + m[1] + '-' + m[2];
    if (p === '/budget/reason') return 'text-budget_reason';
    if (p === '/budget/measures') return 'text-budget_measures';
    if ((m = /^\/values\/([^/]+)\/([^/]+)$/.exec(p))) {
      var node = state.nodes[m[1]];
      return node && node.inputs && node.inputs.indexOf(m[2]) >= 0 ? 'val-' + m[1] + '-' + m[2] : 'row-' + m[1];
    }
    if ((m = /^\/values\/([^/]+)$/.exec(p))) return 'row-' + m[1];
    if (f.path === '/year' || f.path === '/unit/year') return 'unit-year';
    var n = f.indicator ? state.nodes[f.indicator] : null;
    if (n) return n.leaf ? 'row-' + n.id : 'lvl-' + n.id;
    return '';
  }
  function isShown(f) {
    if (state.showAll || !state.pending[f.code]) return true;
    var id = fieldIdOf(f);
    return !!(id && state.touched[id]);
  }
  // What a group holds back, kept per group so an edit recounts its own group only.
  function countHidden(key) {
    var c = { error: 0, warning: 0, info: 0, all: 0 };
    if (!state.showAll) groupFindings(key).forEach(function (f) { if (!isShown(f)) { c[f.severity] = (c[f.severity] || 0) + 1; c.all++; } });
    var old = state.hidden[key], tot = state.hiddenTotal;
    ['error', 'warning', 'info', 'all'].forEach(function (k) { tot[k] += c[k] - (old ? old[k] : 0); });
    state.hidden[key] = c;
  }
  function allGroupKeys() {
    return ['budget', 'form'].concat(Object.keys(state.rowFindings).map(function (id) { return 'row:' + id; }));
  }
  function recountHidden() {
    state.hidden = {};
    state.hiddenTotal = { error: 0, warning: 0, info: 0, all: 0 };
    allGroupKeys().forEach(countHidden);
  }
  /* The user left a field: its "not yet filled" findings (and its row's) may show now. */
  function touch(field) {
    if (!field || !field.id || !state.desc) return;
    var ids = [field.id];
    var tr = field.closest ? field.closest('tr[data-id]') : null;
    if (tr) ids.push(tr.id);
    var fresh = ids.filter(function (id) { return !state.touched[id]; });
    if (!fresh.length) return;
    fresh.forEach(function (id) { state.touched[id] = true; });
    var keys = ['budget', 'form'];
    if (tr) keys.push('row:' + tr.getAttribute('data-id'));
    keys.forEach(function (k) { countHidden(k); drawGroup(k); });
    drawCounts();
    setGrade();
    if (handlers && handlers.onShown) handlers.onShown();
  }
  /* Every finding from now on (a check, signing, an export). */
  function showAll() {
    if (state.showAll) return;
    state.showAll = true;
    if (handlers && handlers.onShown) handlers.onShown();
    if (!state.desc) return;
    recountHidden();
    renderFindings();
    setGrade();
  }
  /* A form opened afresh: nothing touched, nothing checked yet — or, for a draft opened
     again, what was shown when it was left (`saved`: shownState()). */
  function beginForm(saved) {
    state.touched = {};
    state.showAll = !!(saved && saved.all);
    ((saved && saved.touched) || []).forEach(function (id) { state.touched[id] = true; });
  }
  function shownState() { return { all: state.showAll, touched: state.showAll ? [] : Object.keys(state.touched) }; }

  // The state a whole result sets (scores, findings by group, counts); drawn by renderFindings.
  function takeResult(result) {
    state.rowFindings = {};
    var inRows = {};
    result.indicators.forEach(function (r) {
      setScore(r);
      state.rowFindings[r.id] = r.findings;
      r.findings.forEach(function (f) { inRows[findingKey(f)] = true; });
    });
    result.sections.forEach(setSection);
    state.budgetFindings = result.budget ? result.budget.findings : [];
    state.budgetFindings.forEach(function (f) { inRows[findingKey(f)] = true; });
    if (result.budget) setBudget(result.budget);
    state.formFindings = result.findings.filter(function (f) { return !inRows[findingKey(f)]; });
    state.counts = result.counts;
    recountHidden();
  }
  /* The core's overview (FormSession::overview): every row, section and the form level,
     in the shape of a delta. */
  function takeOverview(o) {
    state.rowFindings = {};
    o.rows.forEach(function (r) { setScore(r); state.rowFindings[r.id] = r.findings; });
    o.sections.forEach(setSection);
    state.budgetFindings = o.budget ? o.budget.findings : [];
    if (o.budget) setBudget(o.budget);
    state.formFindings = o.form_findings;
    state.counts = o.counts;
    recountHidden();
  }
  function applyResult(result) { takeResult(result); setTotals(result); renderFindings(); }
  function applyOverview(o) { takeOverview(o); setTotals(o); renderFindings(); }

  function applyDelta(d) {
    var changed = ['form'];
    d.rows.forEach(function (r) { setScore(r); state.rowFindings[r.id] = r.findings; changed.push('row:' + r.id); });
    d.sections.forEach(setSection);
    if (d.budget) { setBudget(d.budget); state.budgetFindings = d.budget.findings; changed.push('budget'); }
    state.formFindings = d.form_findings;
    state.counts = d.counts;
    changed.forEach(function (k) { countHidden(k === 'form' ? 'form' : k); });
    setTotals(d);
    changed.forEach(drawGroup);
    drawCounts();
  }

  function setScore(r) {
    state.scores[r.id] = scoreOf(r);
    var cell = $('score-' + r.id);
    if (cell) showScore(cell, r.id);
  }
  // A row's score, or a monitoring row's light (from the overview, or a delta's detail).
  function scoreOf(r) {
    if (!state.monitoring) return r.score;
    return { light: r.light || (r.detail && r.detail.light) || '' };
  }
  /* A light is shown as its colour and its word (红灯 …), never the colour alone. */
  function showScore(cell, id) {
    var s = state.scores[id];
    cell.textContent = '';
    if (s === undefined) return;
    if (typeof s !== 'object') { cell.textContent = s; return; }
    if (!s.light) { cell.appendChild(el('span', { class: 'light light-none' }, '—')); cell.title = t('no_light'); return; }
    cell.title = '';
    cell.appendChild(el('span', { class: 'light light-' + s.light, 'data-light': s.light }, t('lights')[s.light] || s.light));
  }
  function setSection(s) {
    if (state.monitoring) return;  // a monitoring form has lights, not subtotals
    state.subtotals[s.id] = t('subtotal') + ' ' + s.score;
    var sub = $('sub-' + s.id);
    if (sub) sub.textContent = state.subtotals[s.id];
  }
  function setBudget(b) {
    if (state.monitoring) {
      var d = b.detail || {};
      $('budget-rate').textContent = d.rate_to_date_percent || '—';
      $('budget-forecast-rate').textContent = d.forecast_rate_percent || '—';
      $('budget-time').textContent = d.time_progress_percent || '—';
      $('budget-rate').classList.toggle('behind', d.behind === true);
      return;
    }
    var rate = $('budget-rate');
    if (rate) rate.textContent = b.detail && b.detail.rate_percent ? b.detail.rate_percent : '—';
    var score = $('budget-score');
    if (score) score.textContent = b.score;
  }
  function setTotals(r) {
    if (state.monitoring) {
      // The rows by light, as the core counts them, in words.
      var c = r.lights || {};
      $('bar-total').textContent = ['red', 'yellow', 'green', 'blue'].map(function (k) { return t('lights')[k] + ' ' + (c[k] || 0); }).join('　');
      return;
    }
    state.grade = r.grade ? (SE.lang === 'en' && r.grade_en ? r.grade_en : r.grade) : '—';
    $('total').textContent = r.total;
    $('bar-total').textContent = r.total;
    setGrade();
    var pay = $('payment');
    if (r.outputs && r.outputs.payment) {
      var p = r.outputs.payment;
      pay.textContent = t('payment') + SE.colon() + p.deduction + ' ';
      pay.appendChild(content('span', p.money_unit));
    } else {
      pay.textContent = '';
    }
  }

  // The core's grade, once nothing is left unfilled out of sight (a blank form is not 差).
  function setGrade() {
    var g = $('grade');
    if (!g) return;
    // A blank form is not 差: the grade waits while errors of fields not yet filled are held back.
    var wait = state.hiddenTotal.error > 0;
    g.textContent = wait ? '—' : state.grade;
    $('bar-grade').textContent = wait ? '—' : state.grade;
    g.title = wait ? t('grade_wait') : '';
    $('bar-grade').title = g.title;
    // A contract's payment deduction follows the grade: it waits with it.
    var pay = $('payment');
    if (pay) pay.hidden = wait;
  }

  /* The element a finding concerns: by the indicator it names, then by its JSON path.
     Template paths and answers paths can look alike (/indicators/0 …), so the
     indicator id decides which document a path points into. */
  function targetFor(f) {
    var p = f.path || '';
    var m;
    if ((m = /^\/unit\/(.+)$/.exec(p))) return $('unit-' + m[1]);
    if ((m = /^\/budget\/rows\/([^/]+)\/([^/]+)$/.exec(p))) return $('bud-' + m[1] + '-' + m[2]);
    if (p === '/budget/reason') return $('text-budget_reason');
    if (p === '/budget/measures') return $('text-budget_measures');
    if ((m = /^\/values\/([^/]+)\/([^/]+)$/.exec(p))) return $('val-' + m[1] + '-' + m[2]) || $('row-' + m[1]);
    if ((m = /^\/values\/([^/]+)$/.exec(p))) return $('row-' + m[1]);
    var n = f.indicator ? state.nodes[f.indicator] : null;
    if (n) {
      if (n.from_project && (m = /\/([a-z_]+)$/.exec(p)) && $('def-' + n.id + '-' + m[1])) return $('def-' + n.id + '-' + m[1]);
      return n.leaf ? $('row-' + n.id) : $('lvl-' + n.id);
    }
    return null;
  }
  // The indicator a finding belongs to, for building its block before jumping to it.
  function indicatorOf(f) {
    var m = /^\/values\/([^/]+)/.exec(f.path || '');
    return f.indicator || (m ? m[1] : null);
  }
  function msgBoxFor(target) {
    if (!target) return null;
    var id = target.id;
    var box = $('msg-' + id);
    if (box) return box;
    if (id && id.indexOf('row-') === 0) {
      // A row's own findings go under its inputs (a wide cell), not in the narrow score cell.
      var cell = target.querySelector('td.actual');
      if (cell) {
        var b = el('div', { class: 'msg', id: 'msg-' + id });
        cell.appendChild(b);
        return b;
      }
    }
    return null;
  }

  /* Findings are drawn per group — the budget block, each row, the form level — and each
     group remembers what it drew, so an edit redraws its own row and the form level only. */
  function groupFindings(key) {
    if (key === 'budget') return state.budgetFindings;
    if (key === 'form') return state.formFindings;
    return state.rowFindings[key.slice(4)] || [];
  }

  function mark(target, severity, delta) {
    target._seMarks = (target._seMarks || 0) + delta;
    if (severity === 'error') target._seErrors = (target._seErrors || 0) + delta;
    if (target._seMarks > 0) target.setAttribute('aria-invalid', target._seErrors > 0 ? 'true' : 'false');
    else target.removeAttribute('aria-invalid');
  }

  function clearGroup(key) {
    var g = state.drawn[key];
    if (!g) return;
    g.items.forEach(function (node) { node.remove(); });
    g.marked.forEach(function (m) { mark(m.target, m.severity, -1); });
    delete state.drawn[key];
  }
  // A dropped block's messages and marks leave with its rows; the summary entries stay.
  function clearDrawnMarks(key) {
    var g = state.drawn[key];
    if (!g) return;
    g.items = g.items.filter(function (node) { if (node.tagName === 'LI') return true; node.remove(); return false; });
    g.marked = [];
  }

  // Whether a group's fields can be in the page: always but for rows of blocks not built.
  function groupInPage(key) {
    if (!state.blocks || key.indexOf('row:') !== 0) return true;
    var id = key.slice(4);
    return !!($('row-' + id) || $('lvl-' + id));
  }

  function drawGroup(key) {
    clearGroup(key);
    // Listed groups have their place in the summary; groups past the list's cap show in
    // their rows only, and a row of a large form that is not built has nothing to mark.
    var anchor = state.anchors[key];
    var inPage = groupInPage(key);
    if (!anchor && !inPage) return;
    var g = { items: [], marked: [] };
    var ref = anchor ? anchor.nextSibling : null;
    var list = anchor ? anchor.parentNode : null;
    groupFindings(key).forEach(function (f) {
      if (!isShown(f)) return;
      var target = inPage ? targetFor(f) : null;
      var box = msgBoxFor(target);
      if (box) {
        var msg = findingNote(f);
        box.appendChild(msg);
        g.items.push(msg);
        if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
          mark(target, f.severity, 1);
          g.marked.push({ target: target, severity: f.severity });
          if (box.id) target.setAttribute('aria-describedby', box.id);
        }
      }
      if (!list) return;
      // The code stays for support, in the entry's tooltip.
      var li = el('li', { class: f.severity, title: t('code_label') + ' ' + f.code });
      var btn = el('button', { type: 'button', class: 'jump' });
      btn.appendChild(el('span', { class: 'sev sev-' + f.severity }, SE.sev(f)));
      btn.appendChild(document.createTextNode(SE.msg(f)));
      btn.addEventListener('click', function () { jumpTo(f); });
      li.appendChild(btn);
      list.insertBefore(li, ref);
      g.items.push(li);
    });
    state.drawn[key] = g;
  }

  /* A finding under its field: its severity in words and one short line; the whole message
     and its code (for support) on demand. */
  function findingNote(f) {
    var d = el('details', { class: 'note ' + f.severity });
    var sum = el('summary', { title: SE.msg(f) });
    sum.appendChild(el('span', { class: 'sev sev-' + f.severity }, SE.sev(f)));
    sum.appendChild(document.createTextNode(SE.msg(f)));
    d.appendChild(sum);
    d.appendChild(el('div', { class: 'note-code' }, t('code_label') + (SE.lang === 'en' ? ': ' : '：') + f.code));
    return d;
  }

  // Brings the field a finding concerns into view and puts the cursor there.
  function jumpTo(f) {
    var ind = indicatorOf(f);
    if (ind) reveal(ind);
    var tgt = targetFor(f);
    if (!tgt) return;
    tgt.scrollIntoView({ block: 'center' });
    var focusable = /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(tgt.tagName) ? tgt : tgt.querySelector('input,select,textarea,button');
    if (focusable) focusable.focus();
  }

  // The core's counts, less what waits to be filled; that is said apart (尚有 N 项未填写).
  function drawCounts() {
    var c = state.counts || { error: 0, warning: 0, info: 0 };
    var h = state.hiddenTotal;
    var e = c.error - h.error, w = c.warning - h.warning, i = c.info - h.info;
    var parts = [];
    if (e + w + i > 0 || h.all === 0) parts.push(e + w + i === 0 ? t('no_findings') : SE.fmt(t('counts_line'), { e: e, w: w }));
    if (h.all > 0) parts.push(SE.fmt(t('pending_left'), { n: h.all }));
    $('summary-counts').textContent = parts.join(SE.lang === 'en' ? '; ' : '；');
  }

  // Everything from scratch: after a render or a whole result.
  function renderFindings() {
    Object.keys(state.drawn).forEach(clearGroup);
    var list = $('summary-list');
    list.textContent = '';
    state.anchors = {};
    var keys = ['budget'].concat(state.desc.nodes.map(function (n) { return 'row:' + n.id; }), ['form']);
    // A form with thousands of findings lists the first LIST_STEP (more on request): every
    // finding still shows in its row, and the counts are the core's. Listed groups (those
    // before the cap, with findings or not yet) get their place in the list.
    var shown = 0, more = false;
    keys.forEach(function (key) {
      var n = groupFindings(key).length;
      if (key === 'form' || (!more && shown + n <= state.listCap)) {
        var a = document.createComment(key);
        list.appendChild(a);
        state.anchors[key] = a;
        shown += n;
      } else if (n) {
        more = true;
      }
    });
    keys.forEach(function (key) { if (state.anchors[key] || groupInPage(key)) drawGroup(key); });
    if (more) {
      var li = el('li', { class: 'more' });
      li.appendChild(el('span', null, fmtCap(t('list_capped'), shown) + ' '));
      var btn = el('button', { type: 'button', class: 'list-more' }, t('list_more'));
      btn.addEventListener('click', function () { state.listCap += LIST_STEP; renderFindings(); });
      li.appendChild(btn);
      list.appendChild(li);
    }
    drawCounts();
  }
  function fmtCap(text, n) { return text.replace('{n}', String(n)); }

  /* Read-only (another tab edits the draft): every field and row tool is disabled; the
     findings list keeps working, it only moves the focus. Blocks built later follow. */
  function lock(scopeEl, on) {
    var list = scopeEl.querySelectorAll('input, select, textarea, button:not(.jump):not(.list-more)');
    for (var i = 0; i < list.length; i++) list[i].disabled = on;
  }
  function setReadOnly(on) {
    state.readOnly = !!on;
    if (state.container) lock(state.container, state.readOnly);
  }

  return { render: render, applyResult: applyResult, applyOverview: applyOverview, applyDelta: applyDelta, reveal: reveal, fieldAt: fieldAt, jumpTo: jumpTo,
    clear: stopBlocks, setReadOnly: setReadOnly, showAll: showAll, beginForm: beginForm, shownState: shownState };
};
