// The diary page: a thin DOM layer over lib/. Patient text only ever goes
// into textContent or a form value, never into markup.
import { storageNamespaceFromPath } from './lib/storage.js';
import { createStorageWithRecovery } from './lib/storage-recovery.js';
import { DIARY_SCHEMA, DIARY_STORAGE_NAME, DIARY_READ_OPTIONS, DIARY_PAIN_FIELDS, diaryAtFromDate, diaryParseAt, emptyDiary, emptyEntry, newId, validateEntry, sortNewestFirst, observe } from './lib/diary-model.js';
import { chartGeometry } from './lib/diary-chart.js';
import { viewWhen, viewEntryLines, viewSplitExercises, viewRecentExercises, viewSuggestions, viewPeriod, viewInPeriod, viewPeriodText } from './lib/diary-view.js';

// The SVG namespace, taken from the legend's own <svg> rather than written as a URL.
let diarySvgNs = '';
const diaryUndoMs = 10000;

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

function diaryToday() {
  return diaryParseAt(diaryAtFromDate(new Date())).dayNumber;
}

// Export, import and downloads are in their own bundle (diary-share-page.js), fetched the first time the
// patient uses one: its URL is in the page, and it hands over its functions as window.ptguideDiaryShare.
// A failed load is forgotten, so that the next press tries again.
let diaryShareLoading = null;
const diaryShareMissing = 'This part of the diary could not be loaded, and your diary is as it was. '
  + 'Check your connection, or open the diary again, then try again.';

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
  let diary = emptyDiary();
  let readProblem = null;
  let editingId = null;
  let atTouched = false;
  let recent = [];
  let undoTimer = 0;
  let problemsSeen = '';

  function load() {
    const result = storage.read(DIARY_STORAGE_NAME, { ...DIARY_READ_OPTIONS, fallback: emptyDiary() });
    diary = result.data;
    readProblem = result.problem;
  }

  function save(next, target) {
    const result = storage.write(DIARY_STORAGE_NAME, next, DIARY_SCHEMA, { label: 'diary' });
    if (!result.ok) {
      diarySay(target, result.problem);
      return false;
    }
    diary = next;
    render();
    return true;
  }

  // Storage problems, and every copy put aside, with a way to keep it. Redrawn only when they change,
  // so that the alert is not announced again after every save.
  function showProblems() {
    const box = $('problems');
    const copies = storage.listSetAside();
    const seen = JSON.stringify([readProblem, copies]);
    if (problemsSeen === seen) return;
    problemsSeen = seen;
    box.replaceChildren();
    if (readProblem) box.append(diaryNode('p', '', readProblem));
    for (const copy of copies) {
      const item = diaryNode('div', 'app-diary__aside');
      item.append(diaryNode('p', '', `A copy of your ${copy.name.replace('-', ' ')} that could not be read was put aside on `
        + `${copy.at.slice(0, 10)}. It is still on this phone. Download it to keep it or send it for help; then you can delete it here.`));
      const get = diaryButton('Download this copy', 'get');
      const drop = diaryButton('Delete this copy', 'drop');
      const note = diaryNode('div', 'app-diary__message');
      get.onclick = () => withShare(note, (share) => {
        diarySay(note, '');
        share.deliver(`pt-guide-${copy.name}-set-aside.json`, storage.readSetAside(copy.key) || '', 'application/json');
      });
      drop.onclick = () => {
        if (confirm('Delete this copy? It cannot be undone.') && storage.isOwnKey(copy.key)) backend.removeItem(copy.key);
        showProblems();
      };
      item.append(get, ' ', drop, note);
      box.append(item);
    }
  }

  function chartSvg(entries, period, width, height, extraClass) {
    const chart = chartGeometry(entries, { width, height, acceptablePain: config.acceptablePain, ...period });
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
      diarySvg(svg, 'text', { x: tick.x, y: bottom + 18, 'text-anchor': tick.x > right - 40 ? 'end' : 'start' }, tick.label);
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

  // One chart sized for the screen, one for paper (shown only when printing).
  function drawChart(entries, period) {
    const box = $('chart');
    const [svg, chart] = chartSvg(entries, period, Math.max(280, Math.round(box.clientWidth || 320)), 220, '');
    box.replaceChildren(svg, chartSvg(entries, period, 680, 160, ' app-diary-chart__print')[0]);
    $('weeks').replaceChildren(...chart.weeks.map((week) => diaryNode('li', '', week.summary)));
    $('period-text').textContent = viewPeriodText(chart.from, chart.to, chart.entryCount);
  }

  function render() {
    performance.mark('diary-render-start');
    const all = sortNewestFirst(diary.entries);
    const period = viewPeriod(Number($('period').value), diaryToday());
    const shown = all.filter((entry) => viewInPeriod(entry, period));
    drawChart(shown, period);
    const items = shown.map((entry) => {
      const when = viewWhen(entry.at);
      const item = diaryNode('li', 'app-diary-entry');
      item.dataset.id = entry.id;
      item.append(diaryNode('h3', 'app-diary-entry__when', when));
      for (const line of viewEntryLines(entry, checks)) item.append(diaryNode('p', '', line));
      if (entry.note) item.append(diaryNode('p', 'app-diary-entry__note', entry.note));
      const actions = diaryNode('p', 'app-diary-entry__actions');
      actions.append(diaryButton('Edit', 'edit', ` the entry of ${when}`), ' ', diaryButton('Delete', 'delete', ` the entry of ${when}`));
      item.append(actions);
      return item;
    });
    list.replaceChildren(...items);
    $('empty').hidden = items.length > 0;
    const found = observe(diary.entries, { acceptablePain: config.acceptablePain });
    $('observations').replaceChildren(...(found.length ? found.map((o) => o.text)
      : [diary.entries.length ? 'None of the patterns this diary looks for showed up in your latest entries.'
        : 'Once you have a few entries, patterns to tell your therapist about are listed here.'])
      .map((text) => diaryNode('li', '', text)));
    recent = viewRecentExercises(all);
    offerExercises();
    showProblems();
    performance.mark('diary-rendered');
    performance.measure('diary-render', 'diary-render-start', 'diary-rendered');
    root.dataset.ready = 'true';
  }

  function offerExercises() {
    $('recent').replaceChildren(...viewSuggestions(fields.exercises.value, recent).map((value) => {
      const option = diaryNode('option');
      option.value = value;
      return option;
    }));
  }

  // The latest saved pain-check result, read without changing anything: that data belongs to the pain check page.
  function savedCheck() {
    try {
      const saved = JSON.parse(backend.getItem(storage.keyFor('pain-check'))).data.saved;
      if (/^[a-z][a-z0-9-]{0,39}$/.test(saved.level) && diaryParseAt(saved.at)) return saved;
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
    $('check-label').textContent = !level ? ''
      : entry && entry.check ? `Keep this entry's pain-check result: ${checks[level] || level}`
        : `Add your latest pain-check result (${viewWhen(saved.at)}): ${checks[level] || saved.heading || level}`;
  }

  function fillForm(entry) {
    form.reset();
    editingId = entry ? entry.id : null;
    atTouched = false;
    fields.at.value = entry ? entry.at : diaryAtFromDate(new Date());
    fields.at.removeAttribute('aria-invalid');
    if (entry) {
      for (const field of DIARY_PAIN_FIELDS) fields[field].value = entry[field] === null ? '' : String(entry[field]);
      fields.reach.value = entry.reach || '';
      fields.side.value = entry.side || '';
      for (const box of form.querySelectorAll('[name=feelings]')) box.checked = entry.feelings.includes(box.value);
      fields.exercises.value = entry.exercises.join(', ');
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
    const entry = emptyEntry(editingId || newId(), at);
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

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const message = $('form-message');
    const entry = readForm();
    const problems = validateEntry(entry);
    if (problems.length) {
      const badDate = !diaryParseAt(entry.at);
      if (badDate) fields.at.setAttribute('aria-invalid', 'true');
      diarySay(message, `This entry was not saved: ${badDate ? 'enter the date and time of the session.' : problems[0]}`);
      fields.at.focus();
      return;
    }
    const edited = editingId;
    const next = { entries: edited ? diary.entries.map((e) => (e.id === edited ? entry : e)) : [...diary.entries, entry] };
    if (!save(next, message)) return;
    fillForm(null);
    diarySay(message, edited ? 'Your changes are saved.' : `Entry saved for ${viewWhen(entry.at)}.`);
    if (edited) focusEntry(edited, 'edit');
  });
  fields.at.addEventListener('input', () => { atTouched = true; });
  fields.exercises.addEventListener('input', offerExercises);
  $('cancel').addEventListener('click', () => {
    const id = editingId;
    fillForm(null);
    diarySay($('form-message'), 'Nothing was changed.');
    focusEntry(id, 'edit');
  });

  list.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    const id = button.closest('li').dataset.id;
    const index = diary.entries.findIndex((e) => e.id === id);
    const entry = diary.entries[index];
    if (!entry) return;
    if (button.dataset.act === 'edit') {
      fillForm(entry);
      diarySay($('form-message'), '');
      $('form-heading').focus();
      return;
    }
    const undo = $('undo');
    if (!save({ entries: diary.entries.filter((e) => e.id !== id) }, undo)) return;
    if (editingId === id) fillForm(null);
    const again = diaryButton('Undo', 'undo');
    undo.replaceChildren(diaryNode('p', '', `The entry of ${viewWhen(entry.at)} is deleted.`), again);
    again.onclick = () => {
      clearTimeout(undoTimer);
      const entries = diary.entries.filter((e) => e.id !== id);
      entries.splice(Math.min(index, entries.length), 0, entry);
      if (save({ entries }, undo)) {
        diarySay(undo, `The entry of ${viewWhen(entry.at)} is back.`);
        focusEntry(id, 'delete');
      }
    };
    again.focus();
    clearTimeout(undoTimer);
    undoTimer = setTimeout(() => {
      const hadFocus = undo.contains(document.activeElement);
      undo.replaceChildren();
      if (hadFocus) $('list-heading').focus();
    }, diaryUndoMs);
  });

  $('period').addEventListener('change', render);
  $('print').addEventListener('click', () => window.print());
  const shareMessage = $('share-message');
  $('csv').addEventListener('click', () => withShare(shareMessage, (share) => diarySay(shareMessage, share.exportCsv(diary))));
  $('json').addEventListener('click', () => withShare(shareMessage, (share) => diarySay(shareMessage, share.exportJson(diary))));

  $('import').addEventListener('change', (event) => {
    const input = event.target;
    const message = $('import-message');
    const file = input.files[0];
    if (!file) return;
    input.value = ''; // so that choosing the same file again is a change; `file` stays readable
    withShare(message, async (share) => {
      const result = await share.readImport(file);
      if (!result.ok) return diarySay(message, result.problems);
      const merged = share.mergeImport(diary, result.diary);
      if (merged.problems.length) return diarySay(message, merged.problems);
      if (merged.question && !confirm(merged.question)) {
        return diarySay(message, 'Nothing was imported. Your diary is as it was.');
      }
      if (save(merged.diary, message)) diarySay(message, merged.done);
    });
  });

  $('delete-all').addEventListener('click', () => {
    if (!confirm('Delete your diary, pain-check answers and next-session notes from this phone? This cannot be undone.')) return;
    const result = storage.removeAll();
    clearTimeout(undoTimer);
    $('undo').replaceChildren();
    load();
    render();
    fillForm(null);
    diarySay($('delete-message'), result.ok ? 'Everything this app kept on this phone is deleted.' : result.problem);
  });

  window.addEventListener('storage', (event) => {
    if (!storage.changedByOtherTab(event.key)) return;
    load();
    render();
    if (!editingId) offerCheck(null);
    else if (!diary.entries.some((e) => e.id === editingId)) fillForm(null);
  });

  load();
  root.hidden = false;
  fillForm(null);
  render();
}

document.querySelectorAll('[data-module="diary"]').forEach((root) => {
  if (root.dataset.moduleStarted) return;
  root.dataset.moduleStarted = 'true';
  startDiary(root);
});
