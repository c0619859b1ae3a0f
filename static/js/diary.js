// The diary page: a thin DOM layer over lib/. Patient text only ever goes
// into textContent or a form value, never into markup.
import { storageNamespaceFromPath } from './lib/storage.js';
import { createStorageWithRecovery } from './lib/storage-recovery.js';
import { storageChange, storageLocks } from './lib/storage-lock.js';
import { DIARY_SCHEMA, DIARY_STORAGE_NAME, DIARY_READ_OPTIONS, DIARY_PAIN_FIELDS, DIARY_FIRST_DAY, DIARY_MIGRATIONS, DIARY_ENTRIES_MAX, diaryAtFromDate, diaryParseAt, diaryDayToDate, diaryShortDate, diaryIsPlainObject, diaryCutText, diaryParseDate, diaryEntryIsBlank, diaryCleanDraft, diaryLastAt, DIARY_FUTURE_PROBLEM, diarySortOldestFirst, emptyDiary, emptyEntry, newId, validateEntry, validateDiary, normalizeEntry, normalizeDiary, sortNewestFirst } from './lib/diary-model.js';
import { observe } from './lib/diary-observe.js';
import { diaryJson } from './lib/diary-json.js';
import { chartGeometry } from './lib/diary-chart.js';
import { diarySessionsDraw } from './diary-sessions.js';
import { viewWhen, viewEntryLines, viewSplitExercises, viewRecentExercises, viewSuggestions, viewPeriod, viewInPeriod, viewPeriodText, viewCheckHeading } from './lib/diary-view.js';

// The SVG namespace, taken from the legend's own <svg> rather than written as a URL.
let diarySvgNs = '';
const diaryUndoMs = 10000;
// Entries drawn at once; more come with "Show more", so 10,000 entries cost no more than 50.
const diaryPageSize = 50;
// The chart in words lists at most this many weeks with entries, the latest first.
const diaryWeeksShown = 52;
// The one shared draft of earlier versions; now each tab has diary-draft-<id> (docs/storage.md).
const diaryDraftName = 'diary-draft';
const diaryDraftNameRe = /^diary-draft(-[a-z0-9]{16})?$/;
const diaryBackupName = 'diary-backup';
// Set for a moment by "Delete all my data", so that the other diary tabs clear their forms too.
const diaryDeletedName = 'deleted-all';
// What the next-session page offers from the diary (it cannot afford the diary's code).
const diarySummaryName = 'diary-summary';
const diaryFormFields = ['at', ...DIARY_PAIN_FIELDS, 'reach', 'side', 'exercises', 'note'];

function diaryNode(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function diarySvg(parent, tag, attrs, text) {
  const node = document.createElementNS(diarySvgNs, tag);
  for (const name in attrs) node.setAttribute(name, attrs[name]);
  if (text !== undefined) node.textContent = text;
  parent.appendChild(node);
  return node;
}

function diaryButton(text, act, hidden) {
  const button = diaryNode('button', 'app-button app-button--secondary app-button--small', text);
  button.type = 'button';
  button.dataset.act = act;
  if (hidden) button.append(diaryNode('span', 'app-visually-hidden', hidden));
  return button;
}

// Shows one line, or several as paragraphs.
function diarySay(target, lines) {
  target.replaceChildren(...[].concat(lines).filter(Boolean).map((line) => diaryNode('p', '', line)));
}

// Work the patient does not see yet, after what they do (Safari has no requestIdleCallback).
function diaryIdle(work) {
  (window.requestIdleCallback || setTimeout)(work);
}

function diaryToday() {
  return diaryParseAt(diaryAtFromDate(new Date())).dayNumber;
}

// Export, import and downloads are in their own bundle (diary-share-page.js), fetched the first time the
// patient uses one: its URL is in the page, and it hands over its functions as window.ptguideDiaryShare.
// A failed load is forgotten, so that the next press tries again.
let diaryShareLoading = null;
// An old tab after an update asks for a bundle the new version no longer has: a reload fixes that, even offline.
const diaryShareMissing = 'This part of the diary could not be loaded, and your diary is as it was. '
  + 'Reload the page (after an update, that is enough), or check your connection, then try again.';

function diaryLoadShare(url) {
  if (!diaryShareLoading) {
    diaryShareLoading = new Promise((resolve, reject) => {
      if (window.ptguideDiaryShare) {
        resolve(window.ptguideDiaryShare);
        return;
      }
      const script = document.createElement('script');
      script.src = url;
      script.onload = () => (window.ptguideDiaryShare ? resolve(window.ptguideDiaryShare) : reject(new Error('no share API')));
      script.onerror = () => {
        script.remove();
        reject(new Error('share bundle not loaded'));
      };
      document.head.append(script);
    });
    diaryShareLoading.catch(() => { diaryShareLoading = null; });
  }
  return diaryShareLoading;
}

// The share bundle uses this bundle's diary-model.js rather than a copy of its own (diary-model-handoff.js),
// so the phone stores it once.
window.ptguideDiaryModel = {
  DIARY_SCHEMA, DIARY_MIGRATIONS, DIARY_ENTRIES_MAX, diaryIsPlainObject, validateDiary, validateEntry, normalizeDiary,
  normalizeEntry, diarySortOldestFirst, diaryAtFromDate, diaryParseAt, diaryShortDate, newId, diaryLastAt, DIARY_FUTURE_PROBLEM,
  diaryCutText, diaryParseDate, diaryDayToDate, storageChange, storageLocks,
};

function startDiary(root) {
  performance.mark('diary-start');
  const $ = (id) => document.getElementById(`diary-${id}`);
  diarySvgNs = root.querySelector('svg').namespaceURI;
  const config = JSON.parse($('data').textContent);
  // Runs `use` with the share functions once loaded; says so in `target` if they cannot be.
  const withShare = (target, use) => diaryLoadShare(root.dataset.shareScript).then(use, () => diarySay(target, diaryShareMissing));
  const checks = config.checks || {};
  const form = $('form');
  const fields = form.elements;
  const list = $('list');
  let backend = null;
  try {
    backend = window.localStorage;
  } catch (error) {
    backend = null;
  }
  const storage = createStorageWithRecovery(backend, storageNamespaceFromPath(
    new URL(document.querySelector('meta[name="ptguide-root"]').content, location.href).pathname));
  const diaryKey = storage.keyFor(DIARY_STORAGE_NAME);
  const deletedKey = storage.keyFor(diaryDeletedName);
  let diary = emptyDiary();
  let readProblem = null;
  let readOnly = false;
  // The stored text this page last read or wrote: a save first reads again when another tab changed it.
  let seenRaw = null;
  let editingId = null;
  let editingRev = 0;
  // The id a new entry will have, fixed at the first keystroke and kept in the draft: a draft brought
  // back in a second tab saves under the same id, so saving it in both tabs is told, never doubled.
  let draftId = null;
  let atTouched = false;
  // This tab's own draft, and whether the last write of it worked (the update banner says which).
  let draftName = `${diaryDraftName}-${newId()}`;
  let draftKept = true;
  let recent = [];
  let undoTimer = 0;
  let problemsSeen = '';
  let shownLimit = diaryPageSize;
  // A save of the form is waiting for its turn or being written.
  let saving = false;

  function rawNow() {
    try {
      return backend ? backend.getItem(diaryKey) : null;
    } catch (error) {
      return null;
    }
  }

  // The first view reads only what it shows (docs/storage.md, "The first view of a big diary"): a diary of this
  // schema with unique ids shows its newest entries, each checked and normalised by the same rules, at once;
  // the whole diary is read (load) when the page is first idle, and before anything else uses it (fresh).
  // Null (anything else, or a bad entry among the newest): the whole diary is read now.
  let partial = false;
  function firstLook() {
    let value = null;
    try {
      value = JSON.parse(rawNow());
    } catch (error) {
      return null;
    }
    const entries = value && value.schema === DIARY_SCHEMA && typeof value.savedAt === 'string' && value.data && value.data.entries;
    if (!Array.isArray(entries) || entries.length > DIARY_ENTRIES_MAX) return null;
    const ids = new Set();
    for (const e of entries) {
      if (!diaryIsPlainObject(e) || typeof e.at !== 'string' || ids.has(e.id)) return null;
      ids.add(e.id);
    }
    // The newest 200 (recent exercises), every entry of the default period, and the latest before tomorrow.
    const newest = sortNewestFirst(entries);
    const from = viewPeriod(Number($('period').value), diaryToday()).from || '';
    const last = lastAt();
    const done = new Map();
    for (let i = 0, latest = false; i < newest.length && (i < 200 || newest[i].at >= from || !latest); i += 1) {
      if (validateEntry(newest[i]).length) return null;
      done.set(newest[i], normalizeEntry(newest[i]));
      latest = latest || newest[i].at <= last;
    }
    partial = true;
    return { data: { entries: entries.map((e) => done.get(e) || e) }, problem: null, reason: null };
  }

  function load(first) {
    partial = false;
    const result = (first && firstLook()) || storage.read(DIARY_STORAGE_NAME, { ...DIARY_READ_OPTIONS, fallback: emptyDiary() });
    readOnly = result.reason === 'newer-schema';
    readProblem = readOnly ? 'This diary was saved by a newer version of PT Guide: reload to update.' : result.problem;
    // A newer version's diary is left alone; what this page showed stays on screen, read only.
    if (!readOnly) diary = result.data;
    seenRaw = rawNow();
    root.classList.toggle('app-diary--read-only', readOnly);
    $('save').disabled = readOnly;
  }

  // The whole diary after a first view that read only its newest entries: drawn again only if that changed
  // what the page shows (bad entries set aside, another tab's write meanwhile).
  function complete() {
    if (!partial) return;
    const [count, raw] = [diary.entries.length, seenRaw];
    load();
    if (readProblem || raw !== seenRaw || count !== diary.entries.length) render();
  }

  // What is stored now, read again only when another tab or window wrote since.
  function fresh() {
    complete();
    if (rawNow() !== seenRaw) load();
    return diary;
  }

  function save(next, target) {
    const result = storage.write(DIARY_STORAGE_NAME, next, DIARY_SCHEMA, { label: 'diary', serialize: diaryJson });
    if (!result.ok) {
      const newer = result.reason === 'newer-schema';
      if (newer) load();
      // Only the form has a draft, and only a draft that was written is kept.
      const kept = newer && target === $('form-message') && draftKept;
      diarySay(target, [result.problem, kept ? 'What you typed is kept on this phone as a draft.' : '']);
      return false;
    }
    diary = next;
    seenRaw = rawNow();
    try {
      render(true);
    } catch (error) {
      // Saved all the same: the page must never make a second tap save a second copy.
    }
    return true;
  }

  // Every change of the stored diary runs here: one at a time across this app's tabs and windows
  // (lib/storage-lock.js), and `work` reads the diary again inside (fresh()), so a save in another tab at
  // the same moment is never written over. Resolves to what `work` returns; a failure is said, never thrown.
  // A failure (rare: another tab kept the lock too long) is said by the share bundle; `retry` offers Retry.
  function exclusive(work, target, retry) {
    return storageChange(diaryKey, rawNow, work, storageLocks()).catch((error) => {
      withShare(target, (share) => share.failed(target, error, draftKept, retry, page));
      return false;
    });
  }

  // A change worked out from the diary as stored now: `next(current)` gives the diary to save, or null to
  // save nothing. Resolves to whether it was saved; only then may the page say so.
  function change(target, next) {
    return exclusive(() => {
      const current = fresh();
      if (readOnly) {
        diarySay(target, readProblem);
        return false;
      }
      const diaryNext = next(current);
      return diaryNext ? save(diaryNext, target) : false;
    }, target);
  }

  // ------------------------------------------------------------ drafts

  function formState() {
    const values = {};
    for (const name of diaryFormFields) values[name] = fields[name].value;
    return {
      editingId, editingRev, draftId, atTouched, values,
      feelings: Array.from(form.querySelectorAll('[name=feelings]:checked'), (box) => box.value),
      check: $('check').checked,
    };
  }

  function hasTyping(state) {
    return DIARY_PAIN_FIELDS.concat(['reach', 'side', 'exercises', 'note']).some((name) => state.values[name].trim())
      || state.feelings.length > 0 || Boolean(state.editingId);
  }

  // The form is kept on this phone as the patient types, so that a reload, a crash or an update brings
  // it back; the update banner asks before reloading while this is set. Each tab keeps its own draft
  // (draftName), so saving in one tab never removes what another is typing. Returns whether it is kept.
  function keepDraft() {
    if (!editingId && !draftId) draftId = newId();
    const state = formState();
    if (!hasTyping(state)) {
      dropDraft();
      return true;
    }
    draftKept = storage.write(draftName, state, 1, { label: 'draft' }).ok;
    document.documentElement.dataset.unsaved = 'true';
    return draftKept;
  }

  function dropDraft() {
    storage.remove(draftName);
    draftKept = true;
    delete document.documentElement.dataset.unsaved;
  }

  function readDraft(name) {
    return storage.read(name, {
      schema: 1, label: 'draft', fallback: null, validate: (d) => diaryCleanDraft(d) !== null, normalize: diaryCleanDraft,
    }).data;
  }

  function applyDraft(data) {
    const entry = data.editingId && fresh().entries.find((e) => e.id === data.editingId);
    fillForm(entry || null);
    editingId = data.editingId;
    draftId = data.draftId;
    editingRev = data.editingRev;
    atTouched = Boolean(data.atTouched);
    for (const name of diaryFormFields) if (typeof data.values[name] === 'string') fields[name].value = data.values[name];
    for (const box of form.querySelectorAll('[name=feelings]')) box.checked = data.feelings.includes(box.value);
    $('check').checked = Boolean(data.check) && !$('check-field').hidden;
    offerExercises();
    diarySay($('form-message'), 'What you were typing is back. It is not saved in your diary yet.');
  }

  // A draft becomes this tab's: kept under this tab's name first, and only then removed from its old one.
  function takeDraft(name, data) {
    applyDraft(data);
    if (keepDraft()) storage.remove(name);
    else draftName = name;
  }

  // This tab's draft comes back by itself after a reload (its name is in sessionStorage, which a reload
  // keeps and other tabs do not share); the name changes on every load, so a duplicated tab, which copies
  // sessionStorage, takes none. A draft from before drafts were per tab comes back once too. Other drafts
  // (other tabs, earlier visits) are only offered, never put over what is typed (share bundle).
  function restoreDraft() {
    const slot = storage.keyFor('diary-tab');
    let session = null;
    let mine = null;
    try {
      session = window.sessionStorage;
      mine = session.getItem(slot);
      session.setItem(slot, draftName);
    } catch (error) {
      // No sessionStorage: this tab's draft is offered after a reload, like another tab's.
    }
    for (const name of [mine, diaryDraftName]) {
      const data = name && diaryDraftNameRe.test(name) ? readDraft(name) : null;
      if (data) {
        takeDraft(name, data);
        break;
      }
    }
    // Read, sorted, kept to the newest few and offered by the share bundle, loaded only when there is one.
    const others = storage.ownKeys().map(storage.nameOfKey).filter((name) => name && name !== draftName && diaryDraftNameRe.test(name));
    const box = $('drafts');
    if (others.length) withShare(box, (share) => share.offerDrafts(box, others, page));
  }

  // ------------------------------------------------------------ set-aside copies

  // Storage problems, and every copy put aside. The copies' list, with Put back, Download and Delete, is
  // drawn by the share bundle, loaded only when there is a copy. Redrawn only when they change, so that the
  // alert is not announced again after every save.
  function showProblems() {
    // Every page's copies, not only the diary's: the other pages have no list of their own.
    const copies = storage.listSetAside();
    const seen = JSON.stringify([readProblem, copies, readOnly]);
    if (problemsSeen === seen) return;
    problemsSeen = seen;
    diarySay($('problems'), readProblem);
    const box = $('asides');
    box.replaceChildren();
    if (copies.length) withShare(box, (share) => share.showAsides(box, copies, page));
  }

  // ------------------------------------------------------------ backups

  function backupRecord() {
    const { data } = storage.read(diaryBackupName, {
      schema: 1, label: 'backup record', fallback: null,
      validate: (d) => diaryIsPlainObject(d) && (d.at === null || typeof d.at === 'string') && Number.isInteger(d.count),
    });
    return data || { at: null, count: 0, dismissed: false };
  }

  function showBackup() {
    const record = backupRecord();
    const count = diary.entries.length;
    const at = record.at && diaryParseAt(`${record.at}T00:00`);
    $('last-copy').textContent = `Last copy saved: ${at ? diaryShortDate(at.dayNumber, true) : 'never'}.`;
    const days = at ? diaryToday() - at.dayNumber : Infinity;
    // Never copied: after 5 entries. Copied: after 5 new entries, or 14 days with something new.
    const due = !record.dismissed && (count - record.count >= 5 || (at && days >= 14 && count > record.count));
    const nudge = $('nudge');
    if (!due) nudge.hidden = true;
    // Its words and buttons come with the share bundle, which its button needs anyway.
    if (!due || !nudge.hidden) return;
    withShare(nudge, (share) => share.showNudge(nudge, at ? diaryShortDate(at.dayNumber, true) : null, page, () => {
      storage.write(diaryBackupName, { ...record, dismissed: true }, 1, { label: 'backup record' });
      nudge.hidden = true;
    }));
  }

  function copyMade() {
    storage.write(diaryBackupName, { at: diaryDayToDate(diaryToday()), count: diary.entries.length, dismissed: false }, 1, { label: 'backup record' });
    showBackup();
  }

  // The latest entry in words and the observations, for the next-session page to offer as suggestions
  // (DESIGN.md: the next session pre-filled from the diary). Written only when it changes.
  let summarySeen = '';
  function keepSummary(latest, found) {
    if (readOnly) return;
    const summary = {
      latest: latest ? [`Latest diary entry, ${viewWhen(latest.at)}`, ...viewEntryLines(latest, checks)].join('. ') : null,
      observations: found.map((o) => o.text),
      // B2: the warning-sign lines, which the next-session list ticks for the patient.
      warnings: found.filter((o) => o.warning).map((o) => o.text),
    };
    const text = JSON.stringify(summary);
    if (text === summarySeen) return;
    summarySeen = text;
    if (latest || found.length) storage.write(diarySummaryName, summary, 1, { label: 'diary summary' });
    else storage.remove(diarySummaryName);
  }

  // ------------------------------------------------------------ drawing

  function chartSvg(entries, period, width, height, extraClass, fontSize) {
    const chart = chartGeometry(entries, { width, height, fontSize, acceptablePain: config.acceptablePain, ...period });
    const { left, right, top, bottom } = chart.plot;
    const svg = document.createElementNS(diarySvgNs, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('class', `app-diary-chart__svg${extraClass}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'Chart of your pain, 0 to 10, over time. "The chart in words" below gives the same, week by week.');
    diarySvg(svg, 'rect', { class: 'app-diary-chart__zone', x: left, y: top, width: right - left, height: Math.max(0, chart.acceptable.y - top) });
    for (const tick of chart.yTicks) {
      diarySvg(svg, 'path', { class: 'app-diary-chart__grid', d: `M${left} ${tick.y}H${right}` });
      diarySvg(svg, 'text', { x: left - 6, y: tick.y + 4, 'text-anchor': 'end' }, tick.value);
    }
    for (const tick of chart.xTicks) {
      diarySvg(svg, 'path', { class: 'app-diary-chart__grid', d: `M${tick.x} ${bottom}v5` });
      diarySvg(svg, 'text', { x: tick.x, y: tick.labelY }, tick.label);
    }
    diarySvg(svg, 'path', { class: 'app-diary-chart__acceptable', d: chart.acceptable.path });
    for (const series of chart.series) {
      const className = `app-diary-chart__${series.key}`;
      diarySvg(svg, 'path', { class: className, d: series.path });
      if (series.points.length > 60) continue;
      for (const point of series.points) diarySvg(svg, 'circle', { class: className, cx: point.x, cy: point.y, r: 3.5 });
    }
    return [svg, chart];
  }

  // The chart for paper, shown only when printing: drawn when the page is idle, or at once before printing.
  let printChart = null;
  const drawPrintChart = () => printChart && printChart();
  // After a change this page made, "How the weeks are going" out of sight is drawn when the page is idle, when
  // it comes into sight or before printing: "Entry saved" does not wait for 10,000 points nobody sees.
  let trendSeen = true;
  let trendLater = null;
  const drawTrend = () => trendLater && trendLater();
  if (window.IntersectionObserver) {
    new IntersectionObserver(([trend]) => {
      trendSeen = trend.isIntersecting;
      if (trendSeen) drawTrend();
    }).observe($('chart').closest('section'));
  }
  window.addEventListener('beforeprint', () => {
    drawTrend();
    drawPrintChart();
  });

  // One chart sized for the screen, one for paper. "Everything" draws the
  // whole span but lists in words only the latest weeks that have entries.
  function drawChart(entries, period) {
    const box = $('chart');
    // Drawn at the box's width and font size (14 px or more), so a label is as big on screen as the text says.
    const fontSize = parseFloat(getComputedStyle(box).fontSize);
    const [svg, chart] = chartSvg(entries, period, Math.max(160, Math.round(box.clientWidth || 320)), 220, '', fontSize);
    box.replaceChildren(svg);
    printChart = () => {
      printChart = null;
      box.append(chartSvg(entries, period, 680, 160, ' app-diary-chart__print', 11)[0]);
    };
    diaryIdle(drawPrintChart);
    const weeks = period.from ? chart.weeks : chart.weeks.filter((week) => week.count).slice(-diaryWeeksShown);
    const items = weeks.map((week) => diaryNode('li', '', week.summary));
    if (!period.from && weeks.length === diaryWeeksShown) items.unshift(diaryNode('li', '', `The latest ${diaryWeeksShown} weeks with entries:`));
    $('weeks').replaceChildren(...items);
    $('period-text').textContent = viewPeriodText(chart.from, chart.to, chart.entryCount);
  }

  function entryItem(entry) {
    const when = viewWhen(entry.at);
    const item = diaryNode('li', 'app-diary-entry');
    item.dataset.id = entry.id;
    item.append(diaryNode('h3', 'app-diary-entry__when', when));
    for (const line of viewEntryLines(entry, checks)) item.append(diaryNode('p', '', line));
    if (entry.note) item.append(diaryNode('p', 'app-diary-entry__note', entry.note));
    const actions = diaryNode('p', 'app-diary-entry__actions');
    const edit = diaryButton('Edit', 'edit', ` the entry of ${when}`);
    const drop = diaryButton('Delete', 'delete', ` the entry of ${when}`);
    edit.disabled = readOnly;
    drop.disabled = readOnly;
    actions.append(edit, ' ', drop);
    item.append(actions);
    return item;
  }

  // Each entry's item, kept while the entry lives (an entry is never changed in place), apart for read only.
  const items = [new WeakMap(), new WeakMap()];
  function itemOf(entry) {
    const kept = items[+readOnly];
    if (!kept.has(entry)) kept.set(entry, entryItem(entry));
    return kept.get(entry);
  }

  // changed: after a change this page made (the chart may wait, above).
  function render(changed) {
    performance.mark('diary-render-start');
    const all = sortNewestFirst(diary.entries);
    const period = viewPeriod(Number($('period').value), diaryToday());
    const shown = all.filter((entry) => viewInPeriod(entry, period));
    trendLater = () => {
      trendLater = null;
      drawChart(shown, period);
      diarySessionsDraw(shown, period, diaryToday(), storage.keyFor('programme'), config.acceptablePain);
    };
    if (changed && !trendSeen) diaryIdle(drawTrend);
    else drawTrend();
    // Only what changed moves: after a save, the new entry's item is added and the last one shown leaves.
    const wanted = shown.slice(0, shownLimit).map(itemOf);
    const keep = new Set(wanted);
    for (const item of [...list.children]) if (!keep.has(item)) item.remove();
    wanted.forEach((item, i) => list.children[i] !== item && list.insertBefore(item, list.children[i] || null));
    $('empty').hidden = shown.length > 0;
    const more = $('more');
    more.hidden = shown.length <= shownLimit;
    more.textContent = `Show ${Math.min(diaryPageSize, shown.length - shownLimit)} more (${shown.length - shownLimit} not shown yet)`;
    const found = observe(diary.entries, { acceptablePain: config.acceptablePain, limitFromClinic: config.limitFromClinic, warnings: config.warnings, lastAt: lastAt(), newestFirst: all });
    $('observations').replaceChildren(...(found.length ? found
      : [{ text: diary.entries.length ? 'None of the patterns this diary looks for showed up in your latest entries.'
        : 'Once you have a few entries, patterns to tell your therapist about are listed here.' }])
      .map((o) => {
        const item = diaryNode('li', '', o.text);
        if (o.link === 'warning-signs' && config.warningSigns) {
          const link = diaryNode('a', '', 'See the warning signs');
          link.href = config.warningSigns;
          item.append(' ', link);
        }
        return item;
      }));
    recent = viewRecentExercises(all);
    offerExercises();
    showProblems();
    showBackup();
    keepSummary(all.find((entry) => entry.at <= lastAt()), found);
    performance.mark('diary-rendered');
    performance.measure('diary-render', 'diary-render-start', 'diary-rendered');
    root.dataset.ready = 'true';
  }

  // Recent exercises not listed yet, each a button that adds it on a line of its own.
  function offerExercises() {
    const names = viewSuggestions(fields.exercises.value, recent).slice(0, 8);
    $('recent').replaceChildren(...(names.length ? [diaryNode('span', 'app-hint', 'Add one you used before: ')] : []), ...names.map((name) => {
      const add = diaryButton(name, 'add');
      add.onclick = () => {
        const text = fields.exercises.value.replace(/\s+$/, '');
        fields.exercises.value = (text ? `${text}\n` : '') + name;
        offerExercises();
        keepDraft();
        fields.exercises.focus();
      };
      return add;
    }));
  }

  // The latest saved pain-check result, read without changing anything: that data belongs to the pain check
  // page. Only a level the pain check has is used.
  function savedCheck() {
    try {
      const saved = JSON.parse(backend.getItem(storage.keyFor('pain-check'))).data.saved;
      if (viewCheckHeading(checks, saved.level) && diaryParseAt(saved.at)) return saved;
    } catch (error) {
      // Missing or unreadable: there is simply nothing to offer.
    }
    return null;
  }

  function offerCheck(entry) {
    const saved = savedCheck();
    const level = (entry && entry.check) || (saved && saved.level);
    const box = $('check');
    $('check-field').hidden = !level;
    box.value = level || '';
    box.checked = Boolean(entry ? entry.check : saved && saved.at.slice(0, 10) === fields.at.value.slice(0, 10));
    const heading = viewCheckHeading(checks, level) || 'a result this version does not know';
    $('check-label').textContent = !level ? ''
      : entry && entry.check ? `Keep this entry's pain-check result: ${heading}`
        : `Add your latest pain-check result (${viewWhen(saved.at)}): ${heading}`;
  }

  // Dates from 2000 to tomorrow (diaryLastAt).
  function lastAt() {
    return diaryLastAt();
  }

  function fillForm(entry) {
    form.reset();
    draftId = null;
    editingId = entry ? entry.id : null;
    editingRev = entry ? entry.rev || 1 : 0; // entries saved before revs were counted are rev 1
    atTouched = false;
    fields.at.min = `${DIARY_FIRST_DAY}T00:00`;
    fields.at.max = lastAt();
    fields.at.value = entry ? entry.at : diaryAtFromDate(new Date());
    fields.at.removeAttribute('aria-invalid');
    if (entry) {
      for (const field of DIARY_PAIN_FIELDS) fields[field].value = entry[field] === null ? '' : String(entry[field]);
      fields.reach.value = entry.reach || '';
      fields.side.value = entry.side || '';
      for (const box of form.querySelectorAll('[name=feelings]')) box.checked = entry.feelings.includes(box.value);
      fields.exercises.value = entry.exercises.join('\n');
      fields.note.value = entry.note;
    }
    offerCheck(entry);
    offerExercises();
    $('form-heading').textContent = entry ? `Change the entry of ${viewWhen(entry.at)}` : 'Add an entry';
    $('save').textContent = entry ? 'Save changes' : 'Save entry';
    $('cancel').hidden = !entry;
  }

  function readForm() {
    const at = editingId || atTouched ? fields.at.value : diaryAtFromDate(new Date());
    const entry = emptyEntry(editingId || draftId || newId(), at);
    for (const field of DIARY_PAIN_FIELDS) entry[field] = fields[field].value === '' ? null : Number(fields[field].value);
    entry.reach = fields.reach.value || null;
    entry.side = fields.side.value || null;
    entry.feelings = Array.from(form.querySelectorAll('[name=feelings]:checked'), (box) => box.value);
    entry.exercises = viewSplitExercises(fields.exercises.value);
    entry.note = fields.note.value.trim();
    entry.check = $('check').checked && $('check').value ? $('check').value : null;
    return entry;
  }

  function focusEntry(id, act) {
    const button = list.querySelector(`[data-id="${CSS.escape(id)}"] [data-act="${act}"]`);
    (button || $('list-heading')).focus();
  }

  function saved(entry, edited) {
    dropDraft();
    fillForm(null);
    diarySay($('form-message'), edited ? 'Your changes are saved.' : `Entry saved for ${viewWhen(entry.at)}.`);
    if (edited) focusEntry(edited, 'edit');
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (readOnly) return;
    const message = $('form-message');
    const entry = readForm();
    const problems = validateEntry(entry);
    const badDate = !diaryParseAt(entry.at) || entry.at < `${DIARY_FIRST_DAY}T00:00` || entry.at > lastAt();
    if (problems.length || badDate) {
      if (badDate) fields.at.setAttribute('aria-invalid', 'true');
      diarySay(message, `This entry was not saved: ${badDate ? 'enter the date and time of the session, between 1 January 2000 and tomorrow.' : problems[0]}`);
      fields.at.focus();
      return;
    }
    if (diaryEntryIsBlank(entry)) {
      diarySay(message, 'This entry was not saved: note at least one pain number, a choice or a note.');
      fields.painBefore.focus();
      return;
    }
    const edited = editingId;
    // Until this save is written (it may wait for another tab's), a second tap saves nothing twice.
    // Marked busy meanwhile (aria-disabled keeps the focus where it is), so it is plain that it is not saved yet.
    if (saving) return;
    saving = true;
    $('save').setAttribute('aria-disabled', 'true');
    const typed = JSON.stringify(formState().values);
    change(message, (current) => {
      const already = !edited && current.entries.find((e) => e.id === entry.id);
      if (already) {
        // This draft was saved already, in another tab that brought it back.
        withShare(message, (share) => share.conflict(message, entry, already, page));
        return null;
      }
      if (edited) {
        const theirs = current.entries.find((e) => e.id === edited);
        if (!theirs || (theirs.rev || 1) !== editingRev) {
          // Rare, so its choices are drawn by the share bundle; the typing stays in the form meanwhile.
          withShare(message, (share) => share.conflict(message, entry, theirs || null, page));
          return null;
        }
        entry.rev = (theirs.rev || 1) + 1;
      }
      return { entries: edited ? current.entries.map((e) => (e.id === edited ? entry : e)) : [...current.entries, entry] };
    }).then((ok) => {
      saving = false;
      $('save').removeAttribute('aria-disabled');
      if (!ok) return;
      if (JSON.stringify(formState().values) === typed) {
        saved(entry, edited);
        return;
      }
      // Typed on while the save waited its turn: that typing stays, and saving it again updates this entry.
      editingId = entry.id;
      editingRev = entry.rev;
      draftId = null;
      keepDraft();
      diarySay(message, `Entry saved for ${viewWhen(entry.at)}. What you typed since is still in the form: save again to add it.`);
    });
  });
  form.addEventListener('input', keepDraft);
  form.addEventListener('change', keepDraft);
  fields.at.addEventListener('input', () => { atTouched = true; });
  fields.exercises.addEventListener('input', offerExercises);
  $('cancel').addEventListener('click', () => {
    const id = editingId;
    dropDraft();
    fillForm(null);
    diarySay($('form-message'), 'Nothing was changed.');
    focusEntry(id, 'edit');
  });
  $('more').addEventListener('click', () => {
    const first = shownLimit;
    shownLimit += diaryPageSize;
    render();
    const next = list.children[first];
    if (next) next.querySelector('button').focus();
  });

  function undoDelete(entry, index) {
    const undo = $('undo');
    clearTimeout(undoTimer);
    exclusive(() => {
      const entries = fresh().entries.filter((e) => e.id !== entry.id);
      entries.splice(Math.min(index, entries.length), 0, entry);
      const result = readOnly ? { ok: false, problem: readProblem } : storage.write(DIARY_STORAGE_NAME, { entries }, DIARY_SCHEMA, { label: 'diary', serialize: diaryJson });
      if (result.ok) {
        diary = { entries };
        seenRaw = rawNow();
        render(true);
      }
      return result;
    // What it says, and Retry when storage refused it, are in the share bundle (rare).
    }, undo, () => undoDelete(entry, index)).then((result) => result && withShare(undo, (share) => share.undone(undo, entry, index, result, page)));
  }

  list.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button || readOnly) return;
    const id = button.closest('li').dataset.id;
    const current = fresh();
    const index = current.entries.findIndex((e) => e.id === id);
    const entry = current.entries[index];
    if (!entry) return render();
    if (button.dataset.act === 'edit') {
      fillForm(entry);
      keepDraft();
      diarySay($('form-message'), '');
      $('form-heading').focus();
      return;
    }
    const undo = $('undo');
    // The entry as stored when the delete has its turn, and where it was, for Undo.
    let gone = null;
    let at = -1;
    change(undo, (now) => {
      at = now.entries.findIndex((e) => e.id === id);
      gone = now.entries[at];
      if (!gone) render();
      return gone ? { entries: now.entries.filter((e) => e.id !== id) } : null;
    }).then((ok) => ok && deleted(gone, at));
  });

  function deleted(entry, index) {
    const { id } = entry;
    const undo = $('undo');
    if (editingId === id) {
      dropDraft();
      fillForm(null);
    }
    const again = diaryButton('Undo', 'undo');
    undo.replaceChildren(diaryNode('p', '', `The entry of ${viewWhen(entry.at)} is deleted.`), again);
    again.onclick = () => undoDelete(entry, index);
    again.focus();
    clearTimeout(undoTimer);
    undoTimer = setTimeout(() => {
      const hadFocus = undo.contains(document.activeElement);
      undo.replaceChildren();
      if (hadFocus) $('list-heading').focus();
    }, diaryUndoMs);
  }

  $('period').addEventListener('change', () => {
    shownLimit = diaryPageSize;
    fresh();
    render();
  });
  $('print').addEventListener('click', () => window.print());
  const shareMessage = $('share-message');
  // Read only (a newer version's diary): the spreadsheet would hold only what this page showed before, so it
  // is refused; the full copy is the stored value as it is, and is not counted as a backup this version made.
  $('csv').addEventListener('click', () => withShare(shareMessage, (share) => {
    const current = fresh();
    diarySay(shareMessage, readOnly ? readProblem : share.exportCsv(current));
  }));
  $('json').addEventListener('click', () => withShare(shareMessage, (share) => {
    const current = fresh();
    diarySay(shareMessage, share.exportJson(current, readOnly && rawNow(), storage.listSetAside().filter((copy) => copy.name === DIARY_STORAGE_NAME).length, page));
    if (!readOnly) copyMade();
  }));

  // Reading, checking and merging the file are in the share bundle (importFile), loaded on first use.
  $('import').addEventListener('change', (event) => {
    const input = event.target;
    const message = $('import-message');
    const file = input.files[0];
    if (!file) return;
    input.value = ''; // so that choosing the same file again is a change; `file` stays readable
    withShare(message, (share) => share.importFile(file, message, page));
  });

  // Everything here is gone, so is any typing kept for it: also when another tab deleted it all.
  function clearedEverywhere() {
    clearTimeout(undoTimer);
    $('undo').replaceChildren();
    delete document.documentElement.dataset.unsaved;
    load();
    render();
    fillForm(null);
  }

  // Asked, then done in turn with the other tabs' saves, by the share bundle (deleteAll).
  $('delete-all').addEventListener('click', () => withShare($('delete-message'), (share) => share.deleteAll($('delete-message'), page)));

  // Only what this page shows: the diary itself and the pain-check result it offers. Another tab's
  // next-session note or draft never redraws 10,000 entries.
  window.addEventListener('storage', (event) => {
    if (event.key !== null && event.key !== diaryKey && event.key !== deletedKey && event.key !== storage.keyFor('pain-check')) return;
    if (event.key === deletedKey) {
      if (event.newValue) clearedEverywhere();
      return;
    }
    if (event.key === null || event.key === diaryKey) {
      // Another tab (or another app on this origin) removed or changed it: what is typed here stays, and so
      // does its draft, unless this app's "Delete all my data" said so (above).
      load();
      render();
      if (event.key === null || event.newValue === null) keepDraft();
    }
    if (!editingId) offerCheck(null);
  });

  // The update banner's Reload (offline-status.js) while something typed is not saved yet: say so first,
  // once. Caught here, before the banner's own handler, so that no other page pays for it.
  let updateWarned = false;
  document.addEventListener('click', (event) => {
    const reload = event.target.closest('.app-status__reload');
    if (!reload || updateWarned || !document.documentElement.dataset.unsaved) return;
    updateWarned = true;
    event.stopPropagation();
    // Said only when the draft's last write worked: with storage full it is not kept (attacker review F).
    if (!draftKept) keepDraft();
    reload.closest('.app-status').querySelector('.app-status__text').textContent = 'Something you typed is not saved yet. '
      + (draftKept ? 'It is kept on this phone as a draft and comes back after the update. Tap Reload again to update now.'
        : "This phone's storage is full, so it is NOT kept: save the entry or copy its text first, then tap Reload again.");
  }, true);

  // What the share bundle's rarely used parts (set-aside copies, conflicts) need from this page.
  const page = {
    storage, withShare, fresh, change, exclusive, readDraft, backend, clearedEverywhere, undoDelete, viewWhen, saved, fillForm, dropDraft, focusEntry, showProblems, diarySay, diaryNode, diaryButton,
    isReadOnly: () => readOnly,
    hasTyping: () => hasTyping(formState()),
    takeDraft,
    message: () => $('form-message'),
    resetProblems: () => { problemsSeen = ''; },
  };

  // "Open your diary" after a pain check links to diary/#entry-<id>: the share bundle lands on that entry.
  function showLinkedEntry() {
    if (window.location.hash.startsWith('#entry-')) withShare($('problems'), (share) => share.showLinkedEntry(list));
  }

  load(true);
  root.hidden = false;
  fillForm(null);
  restoreDraft();
  render();
  showLinkedEntry();
  // When idle: the whole diary (after a first view of its newest entries), then each entry's text for the next
  // save (lib/diary-json.js).
  diaryIdle(() => {
    complete();
    diaryIdle(() => diaryJson(diary));
  });
  // The first lock of a page costs a connection to the browser's lock manager: made now, not at the first save.
  const locks = storageLocks();
  if (locks) locks.query().catch(() => {});
  window.addEventListener('hashchange', showLinkedEntry);
}

document.querySelectorAll('[data-module="diary"]').forEach((root) => {
  if (root.dataset.moduleStarted) return;
  root.dataset.moduleStarted = 'true';
  startDiary(root);
});
