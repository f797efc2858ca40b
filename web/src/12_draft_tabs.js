/* One draft, one editing tab. Tabs of this page on the same origin tell each other over a
   BroadcastChannel which draft they have open (it works from file:// in Chromium, where all
   local files share one origin). When a second tab opens a draft that another tab is
   editing, the one that opened it first keeps editing and the other is told (onBusy) so it
   can show the draft read-only; a read-only tab can take the draft over: the editing tab
   saves, lets go (onTaken) and says so, and the taker loads what was saved.

   This is the fast path. The revision check in SE.storage.save is what guarantees that no
   save overwrites another tab's in silence, with or without a channel.

   Messages: {t: 'open'|'busy'|'take'|'released'|'saved', id, tab, since, epoch, rev}. */
var SE = window.SE || (window.SE = {});
SE.draftTabs = function (handlers) {
  var tab = SE.storage.tab;
  var mine = null;  // { id, since, epoch, editing }
  var waiting = null;  // a takeover waiting for 'released': { id, resolve, timer }
  var channel = null;
  try { channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('selfeval.drafts') : null; } catch (e) { channel = null; }

  function send(m) { if (channel) { m.tab = tab; try { channel.postMessage(m); } catch (e) { /* closed */ } } }
  // Who keeps a draft both tabs hold: the later takeover, else the earlier opening, else the smaller tab id.
  function wins(a, b) {
    if (a.epoch !== b.epoch) return a.epoch > b.epoch;
    if (a.since !== b.since) return a.since < b.since;
    return a.tab < b.tab;
  }
  function me() { return { epoch: mine.epoch, since: mine.since, tab: tab }; }

  if (channel) channel.onmessage = function (e) {
    var m = e.data || {};
    if (!mine || m.id !== mine.id || m.tab === tab) return;
    if (m.t === 'open' || m.t === 'busy') {
      if (wins(me(), m)) {
        if (m.t === 'open' && mine.editing) send({ t: 'busy', id: mine.id, since: mine.since, epoch: mine.epoch });
      } else if (mine.editing) {
        mine.editing = false;
        mine.epoch = Math.max(mine.epoch, m.epoch);
        handlers.onBusy(mine.id);
      }
    } else if (m.t === 'take') {
      mine.epoch = Math.max(mine.epoch, m.epoch);
      if (mine.editing) {
        mine.editing = false;
        var id = mine.id;
        // Saved first, then let go: the taker reads what this tab had.
        Promise.resolve(handlers.onTaken(id)).then(function (rev) { send({ t: 'released', id: id, rev: rev }); });
      }
    } else if (m.t === 'released') {
      if (waiting && waiting.id === m.id) { clearTimeout(waiting.timer); var w = waiting; waiting = null; w.resolve(true); }
    } else if (m.t === 'saved') {
      if (!mine.editing && handlers.onSaved) handlers.onSaved(m.id, m.rev);
    }
  };

  return {
    /* This tab opened draft `id` to edit it (epoch: a takeover's, else 0). */
    claim: function (id, epoch) {
      mine = { id: id, since: Date.now(), epoch: epoch || 0, editing: true };
      send({ t: 'open', id: id, since: mine.since, epoch: mine.epoch });
    },
    /* This tab shows draft `id` without editing it. */
    watch: function (id) {
      if (!mine || mine.id !== id) mine = { id: id, since: Date.now(), epoch: 0 };
      mine.editing = false;
    },
    release: function () { mine = null; },
    editing: function () { return !!(mine && mine.editing); },
    /* Asks the editing tab to save and let go; resolves when it has (or after a second and a
       half without an answer: no tab has it, or it is gone). Then claim with the epoch given. */
    takeover: function (id) {
      var epoch = (mine && mine.id === id ? mine.epoch : 0) + 1;
      return new Promise(function (resolve) {
        if (waiting) { clearTimeout(waiting.timer); waiting.resolve(false); }
        waiting = { id: id, resolve: resolve, timer: setTimeout(function () { waiting = null; resolve(false); }, 1500) };
        send({ t: 'take', id: id, epoch: epoch });
      }).then(function () { return epoch; });
    },
    saved: function (id, rev) { send({ t: 'saved', id: id, rev: rev }); }
  };
};
