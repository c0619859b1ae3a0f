// "My programme" (templates/programme.html): the patient's exercises, kept on this phone under the storage
// name `programme` with the diary's rules (docs/storage.md): a bad value set aside, a newer one read only, every
// change under the programme's lock and read again inside it, edits that carry `rev`, and a draft per tab.
// All text is put in with textContent: names and notes are the patient's or a file's, never markup.
import { storageNamespaceFromPath, createStorage } from './lib/storage.js';
import { storageChange, storageLocks } from './lib/storage-lock.js';
import { diaryParseDate, diaryShortDate, newId } from './lib/diary-model.js';
import {
  PROGRAMME_STORAGE_NAME, PROGRAMME_SCHEMA, PROGRAMME_READ_OPTIONS, PROGRAMME_DOSE_FIELDS, PROGRAMME_FROM_MAX,
  PROGRAMME_NOTE_MAX, PROGRAMME_ITEMS_MAX, emptyProgramme, programmeNewItem, validateProgramme, normalizeProgramme, programmeItemDose, programmeItemUsualDose,
  programmeDoseWords, programmeDaysWords, programmeTimesWords, programmeReviewPassed, programmeLibraryIndex, programmeCutText,
} from './lib/programme-model.js';

const programmeDraftRe = /^programme-draft-[a-z0-9]{16}$/;
const programmeLockMessage = 'Nothing was changed yet: another PT Guide tab or window is still using your programme. '
  + 'Close your other PT Guide tabs and windows, then try again.';

function programmeNode(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// `what`: which exercise a button is for, in its accessible name ("Change: Bridge"), so a list of ten Change
// buttons reads apart. An aria-label, not hidden text: the button is a flex box, which would split the name.
function programmeButton(text, act, what) {
  const button = programmeNode('button', 'app-button app-button--secondary app-button--small', text);
  button.type = 'button';
  if (act) button.dataset.act = act;
  if (what) button.setAttribute('aria-label', text + what);
  return button;
}

// `text`: one line or a list of lines (a list of problems).
function programmeSay(box, text) {
  const lines = (Array.isArray(text) ? text : [text]).filter(Boolean);
  box.replaceChildren(...lines.map((line) => programmeNode('p', '', line)));
}

function programmeDate(value) {
  const parsed = value ? diaryParseDate(value) : null;
  return parsed ? diaryShortDate(parsed.dayNumber, true) : '';
}

function programmeToday() {
  return new Date();
}

function startProgramme(root) {
  const $ = (id) => document.getElementById(`programme-${id}`);
  let backend = null;
  try {
    backend = window.localStorage;
  } catch (error) {
    backend = null; // some private windows refuse storage; the page still shows what it can
  }
  const store = createStorage(backend, storageNamespaceFromPath(new URL(root.dataset.root, window.location.href).pathname));
  const key = store.keyFor(PROGRAMME_STORAGE_NAME);
  const deletedKey = store.keyFor('deleted-all');
  const list = $('list');
  const itemForm = $('item-form');
  const detailsForm = $('details-form');
  let programme = null;
  let readProblem = null;
  let readOnly = false;
  let library = null; // Map of id -> exercise once exercises/library.json is read; null until then or when it cannot be
  let libraryFailed = false;
  let showAll = false;
  // The edit in progress: { kind: 'item' | 'details', key, baseRev, base, values }, kept as this tab's draft.
  let editing = null;
  let draftName = `programme-draft-${newId()}`;
  let busy = false;

  function rawNow() {
    try {
      return backend ? backend.getItem(key) : null;
    } catch (error) {
      return null;
    }
  }

  // Reads the stored programme (setting a bad one aside, with its reason: the diary page lists the copy).
  function load() {
    const result = store.read(PROGRAMME_STORAGE_NAME, PROGRAMME_READ_OPTIONS);
    readOnly = result.reason === 'newer-schema';
    readProblem = result.problem;
    if (result.reason !== 'blocked' && !readOnly && result.setAsideKey) {
      readProblem = `${result.problem} You can see it, download it or put it back from the diary page's set-aside copies.`;
    }
    programme = result.data;
    // Set aside earlier (here, or by the home page's read): said until the copy is put back or deleted, so an empty
    // programme is never shown without its reason.
    if (!readProblem && !programme && setAsideCopies()) {
      readProblem = 'An earlier copy of your programme could not be read, so it was put aside. It is kept on this phone: '
        + 'you can see it, download it or put it back from the diary page\u2019s set-aside copies.';
    }
    return programme;
  }

  function setAsideCopies() {
    try {
      for (let i = 0; backend && i < backend.length; i += 1) {
        if (String(backend.key(i)).startsWith(`${key}:set-aside:`)) return true;
      }
    } catch (error) {
      return false;
    }
    return false;
  }

  function showProblems(extra) {
    programmeSay($('problems'), [readProblem, extra]);
    root.classList.toggle('app-programme--read-only', readOnly);
  }

  // One change of the stored programme at a time, across tabs (lib/storage-lock.js): read again inside the lock,
  // `work(current)` gives the next programme (or null: nothing to write), written with the next rev.
  // Resolves to whether it was written; says why not in `message`.
  function change(message, work) {
    if (readOnly) {
      programmeSay(message, readProblem);
      return Promise.resolve(false);
    }
    if (busy) return Promise.resolve(false);
    busy = true;
    return storageChange(key, rawNow, () => {
      const current = load();
      if (readOnly) return { ok: false, problem: readProblem };
      const next = work(current);
      if (!next) return null;
      next.rev = (current ? current.rev : 0) + 1;
      const problems = validateProgramme(next);
      if (problems.length) return { ok: false, problem: problems };
      const result = store.write(PROGRAMME_STORAGE_NAME, next, PROGRAMME_SCHEMA, { label: 'exercise programme' });
      if (result.ok) programme = normalizeProgramme(next);
      return result;
    }, storageLocks()).then((result) => {
      busy = false;
      render();
      if (result && !result.ok) programmeSay(message, result.problem);
      return Boolean(result && result.ok);
    }, (error) => {
      busy = false;
      programmeSay(message, error.name === 'AbortError' ? programmeLockMessage
        : 'Your programme could not be saved. What was saved before is still there. Please try again.');
      return false;
    });
  }

  // ------------------------------------------------------------ drawing

  function exerciseOf(item) {
    return item.exerciseId && library ? library.get(item.exerciseId) || null : null;
  }

  function renderDetails() {
    const view = $('details-view');
    const p = programme || emptyProgramme();
    const lines = [];
    if (p.from) lines.push(`From: ${p.from}`);
    if (p.startDate) lines.push(`Started: ${programmeDate(p.startDate)}`);
    if (p.reviewDate) lines.push(`Review date: ${programmeDate(p.reviewDate)}`);
    if (p.note) lines.push(`Your therapist's note: ${p.note}`);
    if (!lines.length) lines.push('No therapist, dates or note yet.');
    view.replaceChildren(...lines.map((line) => programmeNode('p', 'app-programme__line', line)));
    $('review').hidden = !programmeReviewPassed(programme, programmeToday());
  }

  function renderItem(item, index, count) {
    const li = programmeNode('li', 'app-programme-item');
    li.dataset.key = item.key;
    const heading = programmeNode('h3', 'app-programme-item__name');
    heading.tabIndex = -1;
    const exercise = exerciseOf(item);
    if (exercise && typeof exercise.url === 'string') {
      const link = programmeNode('a', '', item.name);
      link.href = root.dataset.root + exercise.url;
      heading.append(link);
    } else heading.textContent = item.name;
    li.append(heading);
    if (item.exerciseId && library && !exercise) {
      li.append(programmeNode('p', 'app-programme-item__missing', 'This is an exercise this guide does not have: ask your therapist how to do it.'));
    } else if (!item.exerciseId) li.append(programmeNode('p', 'app-hint', 'Typed in by you.'));
    // Days chosen say how often in the week: the library's "days a week" would only contradict them.
    // Only what the patient typed is the therapist's dose; the library's fills nothing in silently (U1).
    const itemDose = { ...item.dose };
    const usualDose = programmeItemUsualDose(item, library);
    if (item.days.length) itemDose.daysPerWeek = usualDose.daysPerWeek = null;
    const dose = programmeDoseWords(itemDose);
    li.append(programmeNode('p', '', dose ? `${dose[0].toUpperCase()}${dose.slice(1)}.` : 'No dose set yet.'));
    const usual = programmeDoseWords(usualDose);
    if (usual) li.append(programmeNode('p', 'app-hint', `Usual starting dose in this guide, not from your therapist: ${usual}.`));
    const times = programmeTimesWords(item.times);
    li.append(programmeNode('p', '', 'Days: ' + programmeDaysWords(item.days) + (times ? ' ' + times : '') + '.'));
    if (item.note) li.append(programmeNode('p', 'app-programme-item__note', `Your therapist's note: ${item.note}`));
    const actions = programmeNode('p', 'app-programme-item__actions');
    const edit = programmeButton('Change', 'edit', `: ${item.name}`);
    const up = programmeButton('Move up', 'up', `: ${item.name}`);
    const down = programmeButton('Move down', 'down', `: ${item.name}`);
    const remove = programmeButton('Remove', 'remove', `: ${item.name}`);
    up.disabled = index === 0;
    down.disabled = index === count - 1;
    for (const button of [edit, up, down, remove]) {
      if (readOnly) button.disabled = true;
      actions.append(button, ' ');
    }
    li.append(actions);
    return li;
  }

  function render() {
    renderDetails();
    const items = programme ? programme.items : [];
    list.replaceChildren(...items.map((item, i) => renderItem(item, i, items.length)));
    $('empty').hidden = items.length > 0;
    if ($('start-link')) $('start-link').hidden = items.length === 0;
    $('details-edit').disabled = readOnly;
    // The open form stays where it is (with what is typed) under its exercise; if that exercise is gone, at the top.
    if (editing && editing.kind === 'item') {
      const li = list.querySelector(`[data-key="${CSS.escape(editing.key)}"]`);
      if (li) li.append(itemForm);
      else list.before(itemForm);
    }
    showProblems();
    renderResults();
  }

  function renderResults() {
    const results = $('results');
    if (!library) {
      results.replaceChildren();
      $('all').hidden = libraryFailed;
      if (libraryFailed) programmeSay($('add-message'), 'The exercises of this guide could not be loaded. You can still type an exercise\'s name below.');
      return;
    }
    const query = $('search').value.trim().toLowerCase();
    // The whole list only when asked for: ten cards under an empty search box push the typed-in field far down.
    $('all').hidden = Boolean(query) || showAll;
    if (!query && !showAll) {
      results.replaceChildren();
      programmeSay($('add-message'), '');
      return;
    }
    const found = [...library.values()].filter((e) => !query || e.title.toLowerCase().includes(query)
      || (typeof e.summary === 'string' && e.summary.toLowerCase().includes(query)));
    found.sort((a, b) => (Number(a.order) || 0) - (Number(b.order) || 0));
    const mine = new Set(programme ? programme.items.map((item) => item.exerciseId) : []);
    results.replaceChildren(...found.map((exercise) => {
      const li = programmeNode('li', 'app-programme__result');
      li.append(programmeNode('p', 'app-programme__result-name', exercise.title));
      if (typeof exercise.summary === 'string') li.append(programmeNode('p', '', exercise.summary));
      const dose = programmeDoseWords(exercise.dose);
      if (dose) li.append(programmeNode('p', 'app-hint', `Usual starting dose: ${dose}.`));
      if (mine.has(exercise.id)) li.append(programmeNode('p', 'app-hint', 'Already in your programme.'));
      const add = programmeButton('Add', 'add', ` ${exercise.title} to my programme`);
      add.dataset.id = exercise.id;
      add.disabled = readOnly;
      li.append(add);
      return li;
    }));
    if (!found.length) programmeSay($('add-message'), 'No exercise of this guide has that name. You can type it below.');
    else if (query) programmeSay($('add-message'), `${found.length} ${found.length === 1 ? 'exercise' : 'exercises'} found.`);
    else programmeSay($('add-message'), '');
  }

  // ------------------------------------------------------------ adding, moving, removing

  function add(source, message) {
    const item = programmeNewItem(source);
    if (!item.name) {
      programmeSay(message, 'Type the name of the exercise first.');
      return Promise.resolve(false);
    }
    return change(message, (current) => {
      const base = current || emptyProgramme();
      if (base.items.length >= PROGRAMME_ITEMS_MAX) {
        programmeSay(message, `Your programme already has ${PROGRAMME_ITEMS_MAX} exercises, the most it can hold.`);
        return null;
      }
      return { ...base, items: [...base.items, item] };
    }).then((ok) => {
      if (ok) programmeSay(message, `Added ${item.name} to your programme. Use Change to set the dose your therapist gave you.`);
      return ok;
    });
  }

  function move(itemKey, by) {
    change($('undo'), (current) => {
      if (!current) return null;
      const items = current.items.slice();
      const at = items.findIndex((item) => item.key === itemKey);
      const to = at + by;
      if (at < 0 || to < 0 || to >= items.length) return null;
      [items[at], items[to]] = [items[to], items[at]];
      return { ...current, items };
    }).then((ok) => {
      const li = list.querySelector(`[data-key="${CSS.escape(itemKey)}"]`);
      if (!ok || !li) return;
      const same = li.querySelector(`[data-act="${by < 0 ? 'up' : 'down'}"]`);
      (same.disabled ? li.querySelector(`[data-act="${by < 0 ? 'down' : 'up'}"]`) : same).focus();
      programmeSay($('undo'), `Moved ${programme.items.find((item) => item.key === itemKey).name} to number ${[...list.children].indexOf(li) + 1}.`);
    });
  }

  function remove(itemKey) {
    let gone = null;
    let at = -1;
    change($('undo'), (current) => {
      if (!current) return null;
      at = current.items.findIndex((item) => item.key === itemKey);
      gone = current.items[at] || null;
      return gone ? { ...current, items: current.items.filter((item) => item.key !== itemKey) } : null;
    }).then((ok) => {
      if (!ok) return;
      if (editing && editing.kind === 'item' && editing.key === itemKey) closeEdit();
      const undo = programmeButton('Undo');
      const box = $('undo');
      box.replaceChildren(programmeNode('p', '', `Removed ${gone.name} from your programme.`), undo);
      undo.onclick = () => change(box, (current) => {
        const base = current || emptyProgramme();
        if (base.items.some((item) => item.key === gone.key)) return null;
        const items = base.items.slice();
        items.splice(Math.min(at, items.length), 0, gone);
        return { ...base, items };
      }).then((back) => {
        if (!back) return;
        programmeSay(box, `${gone.name} is back in your programme.`);
        const li = list.querySelector(`[data-key="${CSS.escape(gone.key)}"]`);
        if (li) li.querySelector('h3').focus();
      });
      undo.focus();
    });
  }

  list.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button || !button.dataset.act || readOnly) return;
    const itemKey = button.closest('li').dataset.key;
    if (button.dataset.act === 'edit') openItem(itemKey);
    else if (button.dataset.act === 'up') move(itemKey, -1);
    else if (button.dataset.act === 'down') move(itemKey, 1);
    else if (button.dataset.act === 'remove') remove(itemKey);
  });

  $('results').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-id]');
    if (!button || !library) return;
    const exercise = library.get(button.dataset.id);
    if (exercise) add(exercise, $('add-message')).then(() => button.focus());
  });
  $('search').addEventListener('input', renderResults);
  $('all').addEventListener('click', () => {
    showAll = true;
    renderResults();
    const first = $('results').querySelector('button');
    if (first) first.focus();
  });
  $('search-form').addEventListener('submit', (event) => event.preventDefault());
  $('typed-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('typed');
    add(input.value, $('add-message')).then((ok) => {
      if (ok) input.value = '';
    });
  });

  // ------------------------------------------------------------ editing, with a draft and conflicts

  function itemValues() {
    const values = {};
    for (const name of Object.keys(PROGRAMME_DOSE_FIELDS)) values[name] = itemForm.elements[name].value;
    values.days = [...itemForm.querySelectorAll('[name=days]:checked')].map((box) => box.value);
    values.times = itemForm.elements.times.value;
    values.note = itemForm.elements.note.value;
    return values;
  }

  function detailsValues() {
    const { elements } = detailsForm;
    return { from: elements.from.value, startDate: elements.startDate.value, reviewDate: elements.reviewDate.value, note: elements.note.value };
  }

  function fillItemForm(item, values) {
    const defaults = programmeItemDose({ ...item, dose: {} }, library);
    for (const name of Object.keys(PROGRAMME_DOSE_FIELDS)) {
      const input = itemForm.elements[name];
      input.value = values ? values[name] : item.dose[name] === null ? '' : String(item.dose[name]);
      input.placeholder = defaults[name] === null ? '' : String(defaults[name]);
    }
    const days = values ? values.days : item.days;
    for (const box of itemForm.querySelectorAll('[name=days]')) box.checked = days.includes(box.value);
    itemForm.elements.times.value = values ? values.times : item.times.join(', ');
    itemForm.elements.note.value = values ? values.note : item.note;
    $('item-heading').textContent = `Change: ${item.name}`;
  }

  function fillDetailsForm(p, values) {
    const { elements } = detailsForm;
    const v = values || { from: p.from, startDate: p.startDate || '', reviewDate: p.reviewDate || '', note: p.note };
    elements.from.value = v.from;
    elements.startDate.value = v.startDate;
    elements.reviewDate.value = v.reviewDate;
    elements.note.value = v.note;
  }

  function busyElsewhere(message) {
    if (!editing) return false;
    programmeSay(message, 'Save or cancel the change you are making first.');
    (editing.kind === 'item' ? $('item-heading') : $('details-heading')).focus();
    return true;
  }

  function openItem(itemKey, values, draft) {
    const item = programme && programme.items.find((i) => i.key === itemKey);
    if (!item || (!draft && busyElsewhere($('undo')))) return;
    editing = draft || { kind: 'item', key: itemKey, baseRev: programme.rev, base: item };
    fillItemForm(editing.base, values);
    programmeSay($('item-message'), values ? 'What you were typing is back. It is not saved yet.' : '');
    itemForm.hidden = false;
    render();
    $('item-heading').focus();
    keepDraft();
  }

  function openDetails(values, draft) {
    if (!draft && busyElsewhere($('details-status'))) return;
    programmeSay($('details-status'), '');
    const p = programme || emptyProgramme();
    editing = draft || { kind: 'details', key: null, baseRev: programme ? programme.rev : 0, base: detailsOf(p) };
    fillDetailsForm(p, values);
    programmeSay($('details-message'), values ? 'What you were typing is back. It is not saved yet.' : '');
    detailsForm.hidden = false;
    $('details-edit').hidden = true;
    detailsForm.elements.from.focus();
    keepDraft();
  }

  function detailsOf(p) {
    return { from: p.from, startDate: p.startDate, reviewDate: p.reviewDate, note: p.note };
  }

  function closeEdit() {
    const was = editing;
    editing = null;
    dropDraft();
    itemForm.hidden = true;
    root.append(itemForm);
    detailsForm.hidden = true;
    $('details-edit').hidden = false;
    return was;
  }

  // The form as typed is kept on this phone under this tab's own name, so a reload or an update brings it back.
  function keepDraft() {
    if (!editing) return;
    const values = editing.kind === 'item' ? itemValues() : detailsValues();
    store.write(draftName, { ...editing, values }, 1, { label: 'draft' });
  }

  function dropDraft() {
    try {
      if (backend) backend.removeItem(store.keyFor(draftName));
    } catch (error) {
      // Left for the next visit, which offers it: an extra copy costs space, never words.
    }
  }

  function readDraft(name) {
    return store.read(name, {
      schema: 1, label: 'draft', fallback: null,
      validate: (d) => d !== null && typeof d === 'object' && (d.kind === 'item' || d.kind === 'details')
        && d.values !== null && typeof d.values === 'object' && Number.isInteger(d.baseRev)
        && d.base !== null && typeof d.base === 'object',
    }).data;
  }

  function applyDraft(name, data) {
    if (data.kind === 'item') {
      if (!programme || !programme.items.some((i) => i.key === data.key)) return false;
      openItem(data.key, data.values, data);
    } else openDetails(data.values, data);
    if (name !== draftName) {
      keepDraft();
      try { backend.removeItem(store.keyFor(name)); } catch (error) { /* kept under both names: nothing lost */ }
    }
    return true;
  }

  // This tab's draft comes back after a reload (its name is in sessionStorage, which a reload keeps); drafts of
  // other tabs and earlier visits are offered, never put over what is being typed.
  function restoreDrafts() {
    const slot = store.keyFor('programme-tab');
    let mine = null;
    try {
      mine = window.sessionStorage.getItem(slot);
      window.sessionStorage.setItem(slot, draftName);
    } catch (error) {
      // No sessionStorage: this tab's draft is offered after a reload, like another tab's.
    }
    const own = mine && programmeDraftRe.test(mine) ? readDraft(mine) : null;
    if (own) applyDraft(mine, own);
    offerDrafts();
  }

  function offerDrafts() {
    const box = $('drafts');
    const names = [];
    try {
      for (let i = 0; backend && i < backend.length; i += 1) {
        const name = store.nameOfKey(backend.key(i));
        if (name && name !== draftName && programmeDraftRe.test(name)) names.push(name);
      }
    } catch (error) {
      return;
    }
    const drafts = names.map((name) => ({ name, data: readDraft(name) })).filter((d) => d.data).slice(0, 5);
    if (!drafts.length) return box.replaceChildren();
    const items = programmeNode('ul');
    for (const draft of drafts) {
      const what = draft.data.kind === 'item' ? `A change to ${draft.data.base.name || 'an exercise'}` : 'A change to who the programme is from, its dates or note';
      const li = programmeNode('li', '', `${what}, not saved yet. `);
      const back = programmeButton('Bring it back', '', `: ${what}`);
      const drop = programmeButton('Delete it', '', `: ${what}`);
      back.onclick = () => {
        if (busyElsewhere(box)) return;
        if (!applyDraft(draft.name, draft.data)) programmeSay(box, 'That exercise is no longer in your programme, so this change cannot come back.');
        offerDrafts();
      };
      drop.onclick = () => {
        try { backend.removeItem(store.keyFor(draft.name)); } catch (error) { /* offered again next time */ }
        offerDrafts();
      };
      li.append(back, ' ', drop);
      items.append(li);
    }
    box.replaceChildren(programmeNode('p', '', 'Typed in another tab or on an earlier visit, kept on this phone:'), items);
  }

  // The typed dose, days, times and note as an item's fields, or a list of problems.
  function itemFromForm(base) {
    const values = itemValues();
    const problems = [];
    const dose = {};
    for (const [name, rule] of Object.entries(PROGRAMME_DOSE_FIELDS)) {
      const text = values[name].trim();
      if (!text) dose[name] = null;
      else if (/^\d{1,3}$/.test(text) && +text >= rule.min && +text <= rule.max) dose[name] = +text;
      else problems.push(`${rule.label[0].toUpperCase()}${rule.label.slice(1)}: type a whole number from ${rule.min} to ${rule.max}, or leave it empty.`);
    }
    const times = values.times.split(/[\s,;]+/).filter(Boolean).map((t) => (/^\d:\d\d$/.test(t) ? `0${t}` : t.replace('.', ':')));
    if (times.some((t) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(t)) || times.length > 6) {
      problems.push('Times of day: type up to 6 times like 08:00, 18:00, or leave it empty.');
    }
    if (problems.length) return { problems };
    return { problems, item: { ...base, dose, days: values.days, times, note: programmeCutText(values.note, PROGRAMME_NOTE_MAX) } };
  }

  function detailsFromForm() {
    const v = detailsValues();
    const problems = [];
    const date = (text, words) => {
      if (!text) return null;
      if (!diaryParseDate(text) || text < '2000-01-01' || text > '2099-12-31') problems.push(`The ${words} is not a real date.`);
      return text;
    };
    const details = {
      from: programmeCutText(v.from, PROGRAMME_FROM_MAX).trim(),
      startDate: date(v.startDate, 'start date'),
      reviewDate: date(v.reviewDate, 'review date'),
      note: programmeCutText(v.note, PROGRAMME_NOTE_MAX),
    };
    if (!problems.length && details.startDate && details.reviewDate && details.reviewDate < details.startDate) {
      problems.push('The review date is before the start date.');
    }
    return { problems, details };
  }

  // Saves the edit over the programme as it is stored now. The other tab's change wins nothing by default: when
  // the same exercise (or the details) changed there since this edit began, nothing is written until the patient
  // chooses (keep mine / keep theirs).
  function saveEdit(force) {
    const isItem = editing.kind === 'item';
    const message = isItem ? $('item-message') : $('details-message');
    const built = isItem ? itemFromForm(editing.base) : detailsFromForm();
    if (built.problems.length) return programmeSay(message, built.problems);
    const edit = editing;
    let clash = null;
    return change(message, (current) => {
      const base = current || emptyProgramme();
      const now = isItem ? base.items.find((i) => i.key === edit.key) : detailsOf(base);
      const changed = base.rev !== edit.baseRev && JSON.stringify(now) !== JSON.stringify(edit.base);
      if (!force && (!now || changed)) {
        clash = { now: now || null, rev: base.rev };
        return null;
      }
      if (!isItem) return { ...base, ...built.details };
      if (!now) return { ...base, items: [...base.items, built.item] };
      return { ...base, items: base.items.map((i) => (i.key === edit.key ? built.item : i)) };
    }).then((ok) => {
      if (clash) return conflict(message, clash);
      if (!ok) return undefined;
      closeEdit();
      render();
      if (isItem) {
        const li = list.querySelector(`[data-key="${CSS.escape(edit.key)}"]`);
        programmeSay($('undo'), `Saved the changes to ${built.item.name}.`);
        if (li) li.querySelector('[data-act=edit]').focus();
      } else {
        programmeSay($('details-status'), 'Saved who it is from, the dates and the note.');
        $('details-edit').focus();
      }
      return undefined;
    });
  }

  function conflict(message, clash) {
    const isItem = editing.kind === 'item';
    const mine = programmeButton(clash.now || !isItem ? 'Keep mine' : 'Add mine back');
    const theirs = programmeButton(clash.now || !isItem ? 'Keep theirs' : 'Discard mine');
    programmeSay(message, clash.now || !isItem
      ? 'This was changed in another tab or window while you were changing it here. Your changes are not saved yet.'
      : 'This exercise was removed in another tab or window while you were changing it here. Your changes are not saved yet.');
    const row = programmeNode('p', 'app-programme__choices');
    row.append(mine, ' ', theirs);
    message.append(row);
    mine.onclick = () => saveEdit(true);
    theirs.onclick = () => {
      const what = closeEdit();
      render();
      programmeSay($('undo'), 'Kept the version saved in the other tab or window. Your changes were not saved.');
      const li = what.kind === 'item' && list.querySelector(`[data-key="${CSS.escape(what.key)}"]`);
      (li ? li.querySelector('h3') : $('list-heading')).focus();
    };
    mine.focus();
  }

  for (const form of [itemForm, detailsForm]) {
    form.addEventListener('input', keepDraft);
    form.addEventListener('change', keepDraft);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (editing) saveEdit(false);
    });
  }
  $('item-cancel').addEventListener('click', () => {
    const was = closeEdit();
    render();
    const li = was && list.querySelector(`[data-key="${CSS.escape(was.key)}"]`);
    (li ? li.querySelector('[data-act=edit]') : $('list-heading')).focus();
  });
  $('details-cancel').addEventListener('click', () => {
    closeEdit();
    $('details-edit').focus();
  });
  $('details-edit').addEventListener('click', () => openDetails());

  // Another tab changed the programme: redrawn, and what is typed here stays. "Delete all my data" (the diary
  // page's, which removes this too) also clears this page's form and draft, so the next keystroke cannot bring it back.
  window.addEventListener('storage', (event) => {
    if (event.key === deletedKey && event.newValue) {
      closeEdit();
      load();
      render();
      return;
    }
    if (event.key !== null && event.key !== key) return;
    load();
    render();
  });

  load();
  render();
  restoreDrafts();
  root.dataset.ready = 'true';
  fetch(root.dataset.library).then((response) => {
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  }).then((data) => {
    library = programmeLibraryIndex(data);
  }, () => {
    libraryFailed = true;
  }).then(() => {
    render();
    if (editing && editing.kind === 'item') {
      // The library's defaults show in the empty boxes now that they are known.
      const values = itemValues();
      fillItemForm(editing.base, values);
    }
  });
  // The first lock of a page costs a connection to the browser's lock manager: made now, not at the first change.
  const locks = storageLocks();
  if (locks) locks.query().catch(() => {});
}

document.querySelectorAll('[data-module="programme"]').forEach((root) => {
  if (root.dataset.moduleStarted) return;
  root.dataset.moduleStarted = 'true';
  startProgramme(root);
});
