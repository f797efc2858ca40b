/* The form controller: one for the page and for <selfeval-form>. It sends the view's edits to
   the form's session, applies what comes back (the core's delta for a value; the form drawn
   again after a change of structure), keeps the edits made since the last snapshot so a
   restarted engine can apply them again, and keeps the scores, findings and counts the core
   sent, so a score or validate event needs no full result and counts nothing itself.

   SE.formController({
     view,                        the form view (SE.createView)
     scope,                       where the view's elements are (document or a shadow root)
     container: () => element,    where the form is drawn
     session: () => session,      the session edits go to (engine host, 06_engine_host.js)
     canEdit: () => bool,         false while the form is read-only or closed
     inLang: (fn) => fn(),        runs fn in the form's language (the element has its own)
     on: {
       error(err),                a call that failed (not a refusal)
       refused(res, change),      the core refused an edit: res.findings say why
       edited(change),            an edit was sent
       delta(d, change),          a value edit came back and is on screen
       structure(res, change),    a change of structure came back and is drawn
       drawn(desc, overview, answers)   the form was drawn
     },
     extraHandlers                handlers of the view the controller does not own (onShown …)
   })
   A change is plain JSON: { kind: value | unit | budget | text | definition | add | move |
   remove, … the edit's arguments }. */
var SE = window.SE || (window.SE = {});
(function () {
  'use strict';

  SE.formController = function (o) {
    var on = o.on || {};
    var inLang = o.inLang || function (fn) { return fn(); };
    var c = { journal: [], desc: null, answers: null, kept: null };

    // One call on a session; resolves to its JSON (a failed engine rejects).
    c.ask = function (method, args, s) {
      var session = s || o.session();
      return new Promise(function (resolve, reject) {
        if (!session) { reject(new Error(SE.t('choose_template_first'))); return; }
        session.request(method, args, function (err, v) {
          if (err) reject(err); else resolve(typeof v === 'string' ? JSON.parse(v) : v);
        });
      });
    };

    // An edit: remembered until the next snapshot; typed while a failed engine is being
    // replaced, it is applied with the others once the engine is back.
    function edit(method, args, change, done) {
      if (o.canEdit && !o.canEdit()) return;
      var entry = { m: method, a: args, failed: false };
      c.journal.push(entry);
      if (on.edited) on.edited(change);
      var s = o.session();
      if (!s || s.dead) return;
      s.request(method, args, function (err, v) {
        if (err) { entry.failed = true; if (on.error) on.error(err); return; }
        if (s !== o.session()) return;
        done(JSON.parse(v));
      });
    }
    // An edit the view does not make (answers opened over the form, a declaration attached):
    // journaled like the others, its answer handed to `done` as is.
    c.edit = edit;
    // The edits still to apply to a new engine (all but those that failed), as [method, args].
    c.pending = function () {
      return c.journal.filter(function (e) { return !e.failed; }).map(function (e) { return [e.m, e.a]; });
    };

    function refused(res, change) { if (on.refused) on.refused(res, change); }

    function applied(change) {
      return function (d) {
        if (!d.ok) { refused(d, change); return; }
        keep(d, false);
        inLang(function () { o.view.applyDelta(d); });
        if (on.delta) on.delta(d, change);
      };
    }
    // A change of structure: the form is drawn again, then `then(res)` (focus …).
    function redrawn(change, then) {
      return function (res) {
        if (!res.ok) { refused(res, change); return; }
        c.render().then(function (drawn) {
          if (!drawn) return;
          if (then) then(res);
          if (on.structure) on.structure(res, change);
        });
      };
    }
    function focus(id) {
      var f = o.scope.getElementById(id);
      if (f) { f.focus(); if (f.select) f.select(); }
    }

    c.handlers = {
      onValue: function (id, field, v) { edit('setValue', [id, field, v], { kind: 'value', id: id, field: field, value: v }, applied({ kind: 'value', id: id, field: field, value: v })); },
      onUnit: function (field, v) { var ch = { kind: 'unit', field: field, value: v }; edit('setUnit', [field, v], ch, applied(ch)); },
      onBudget: function (row, col, v) { var ch = { kind: 'budget', row: row, column: col, value: v }; edit('setBudget', [row, col, v], ch, applied(ch)); },
      onText: function (key, v) {
        var ch = { kind: 'text', key: key, value: v };
        // The year decides which rules apply (dates, the year field): the form is drawn again.
        edit('setText', [key, v], ch, function (d) { if (key === 'year' && d.ok) redrawn(ch)(d); else applied(ch)(d); });
      },
      onDef: function (id, field, v) { var ch = { kind: 'definition', id: id, field: field, value: v }; edit('updateIndicator', [id, field, v], ch, redrawn(ch)); },
      onAdd: function (parent) {
        var ch = { kind: 'add', parent: parent };
        edit('addIndicator', [parent, ''], ch, redrawn(ch, function (r) { focus('def-' + r.id + '-name'); }));
      },
      onMove: function (id, delta) {
        var ch = { kind: 'move', id: id, delta: delta };
        edit('moveIndicator', [id, delta], ch, redrawn(ch, function () { var b = o.scope.getElementById('def-' + id + '-name'); if (b) b.focus(); }));
      },
      onRemove: function (id) { var ch = { kind: 'remove', id: id }; edit('removeIndicator', [id], ch, redrawn(ch)); },
      // The overall opinion the core drafts for a reviewer's sheet, in the form's language.
      onDraftOpinion: function (put) {
        c.ask('reviewOpinion', []).then(function (r) {
          if (!r.ok) { refused(r, { kind: 'opinion' }); return; }
          inLang(function () { put(SE.lang === 'en' ? r.en : r.zh); });
        }, function (err) { if (on.error) on.error(err); });
      },
      onDiscard: function (id, zh) { var ch = { kind: 'discard_suggestion', id: id, value: zh }; edit('discardSuggestion', [id, zh], ch, applied(ch)); }
    };
    Object.keys(o.extraHandlers || {}).forEach(function (k) { c.handlers[k] = o.extraHandlers[k]; });

    // Draws the form from the session: describe, overview and answers asked at once (a worker
    // works on the next while the page reads the first). Resolves to true once drawn, false
    // when another form or session took its place meanwhile.
    c.render = function () {
      var s = o.session();
      return Promise.all([c.ask('describe', [], s), c.ask('overview', [], s), c.ask('answers', [], s)]).then(function (got) {
        if (s !== o.session()) return false;
        // The field being typed in keeps the focus and the caret across the redraw.
        var active = o.scope.activeElement;
        var focusId = active && active.id;
        var selStart = active && active.selectionStart, selEnd = active && active.selectionEnd;
        c.desc = got[0];
        c.answers = got[2];
        keep(got[1], true);
        inLang(function () { o.view.render(o.container(), got[0], got[1], got[2], c.handlers); });
        if (on.drawn) on.drawn(got[0], got[1], got[2]);
        var again = focusId && o.scope.getElementById(focusId);
        if (again) {
          again.focus();
          try { if (selStart !== undefined && selStart !== null) again.setSelectionRange(selStart, selEnd); } catch (e) { /* not a text field */ }
        }
        return true;
      }, function (err) { if (on.error) on.error(err); return false; });
    };

    // The scores and findings the overview and each delta brought, by row.
    function keep(d, whole) {
      var k = c.kept;
      if (whole || !k) {
        k = c.kept = { rows: {}, findings: {}, form: [], budget: null, counts: null };
        (c.desc && c.desc.nodes || []).forEach(function (n) { if (n.leaf) k.rows[n.id] = { id: n.id, name: n.name, score: '', weight: n.weight }; });
      }
      (d.rows || []).forEach(function (r) { if (k.rows[r.id]) k.rows[r.id].score = r.score; k.findings[r.id] = r.findings; });
      if (d.budget) k.budget = d.budget;
      if (d.form_findings) k.form = d.form_findings;
      if (d.counts) k.counts = d.counts;
      k.total = d.total; k.grade = d.grade; k.grade_en = d.grade_en;
    }

    // What a `score` event carries: total, grade and each row's score, as the core sent them.
    c.scores = function () {
      var k = c.kept, desc = c.desc;
      if (!k || !desc) return null;
      var rows = [];
      desc.nodes.forEach(function (n) { if (n.leaf) rows.push(k.rows[n.id]); });
      return { total: k.total, grade: k.grade, grade_en: k.grade_en, full_marks: desc.template.total,
        budget: k.budget ? { score: k.budget.score, weight: k.budget.weight } : null, rows: rows };
    };
    // What a `validate` event carries: every finding in table order, and the core's counts.
    c.findings = function () {
      var k = c.kept, desc = c.desc;
      if (!k || !desc) return null;
      var all = ((k.budget && k.budget.findings) || []).slice();
      var add = function (list) { for (var i = 0; i < list.length; i++) all.push(list[i]); };
      desc.nodes.forEach(function (n) { if (n.leaf) add(k.findings[n.id] || []); });
      add(k.form || []);
      var counts = k.counts || { error: 0, warning: 0 };
      return { findings: all, errors: counts.error, warnings: counts.warning };
    };
    return c;
  };
})();
