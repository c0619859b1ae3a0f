// The next-session checklist (templates/next_session.html): keeps ticks and the note on this
// phone, prints a clean list, and clears it after a confirmation.
import { createStorage, storageNamespaceFromPath } from './lib/storage.js';

// { ticked: [item ids], unticked?: [the diary's ticked-for-you lines the patient unticked], note: string,
// rev?: number }. `rev` counts saves, so that a note changed in another tab or window since this page read it
// is never written over without asking.
const NEXT_SESSION_STORE = { name: 'next-session', schema: 1, label: 'next-session list' };

function nextSessionEmpty() {
  return { ticked: [], note: '' };
}

// The stored shape. Anything else is set aside by the storage module, never used or deleted.
function nextSessionIsRecord(data) {
  return data !== null && typeof data === 'object' && !Array.isArray(data)
    && Array.isArray(data.ticked) && data.ticked.every((id) => typeof id === 'string')
    && typeof data.note === 'string';
}

function nextSessionOpenStorage() {
  let backend = null;
  try {
    backend = window.localStorage;
  } catch (error) {
    backend = null; // some private windows refuse storage; the page still works
  }
  const root = document.querySelector('meta[name="ptguide-root"]').content;
  return createStorage(backend, storageNamespaceFromPath(new URL(root, window.location.href).pathname));
}

class NextSession {
  constructor(root) {
    const find = (id) => root.querySelector(`#${id}`);
    this.form = find('ns-form');
    this.note = find('ns-note');
    this.el = {
      field: find('ns-note-field'), print: find('ns-note-print'), actions: find('ns-actions'),
      problem: find('ns-problem'), confirm: find('ns-confirm'), announce: find('ns-announce'),
      kept: root.querySelector('.app-ticks-kept'),
    };
    this.store = nextSessionOpenStorage();
    this.record = nextSessionEmpty();
    this.problems = { read: null, write: null };
    // The saved version this page's note is based on.
    this.rev = 0;
    this.baseNote = '';
  }

  // DESIGN.md: pre-filled from the diary where it can be. The diary page keeps a short summary (its
  // latest entry in words and its observations); each line is offered as a tick, unticked, so the
  // patient chooses what goes on the list. A ticked line is kept with its text, as the patient saw it.
  // B2: a warning-sign line (a saved Emergency or Urgent pain check, pain in both legs) comes first and is
  // ticked already. Safety first: the printed list is what the therapist reads, and a red flag left unticked
  // there reads as "not worth saying" (N5), while a patient in pain may not tick anything. It stays the
  // patient's list: they can untick it (they may have been seen for it already), and that choice is kept.
  offerFromDiary() {
    const { data } = this.store.read('diary-summary', {
      schema: 1, label: 'diary summary', fallback: null,
      validate: (d) => d !== null && typeof d === 'object' && Array.isArray(d.observations)
        && d.observations.every((t) => typeof t === 'string') && (d.latest === null || typeof d.latest === 'string'),
    });
    // Summaries from before B2 have no warnings.
    const warnings = data && Array.isArray(data.warnings) ? data.warnings.filter((t) => typeof t === 'string') : [];
    const lines = data ? [...new Set([...warnings, data.latest, ...data.observations])].filter(Boolean).slice(0, 8) : [];
    if (!lines.length) return;
    const group = document.createElement('fieldset');
    group.className = 'app-fieldset';
    group.id = 'ns-group-diary';
    const legend = document.createElement('legend');
    legend.className = 'app-fieldset__legend';
    legend.textContent = 'From your diary';
    const hint = document.createElement('p');
    hint.className = 'app-hint';
    hint.textContent = warnings.length ? 'Tick what you want to bring up. A warning-sign line is ticked for you. '
      + 'Untick it if you do not want it on your list.' : 'Tick what you want to bring up. Nothing here is added unless you tick it.';
    const choices = document.createElement('div');
    choices.className = 'app-choices';
    lines.forEach((text, i) => {
      const choice = document.createElement('div');
      choice.className = 'app-choice';
      const box = document.createElement('input');
      box.className = 'app-choice__input';
      box.type = 'checkbox';
      box.id = `ns-diary-${i}`;
      box.name = 'ticked';
      box.value = `diary:${text}`;
      box.defaultChecked = warnings.includes(text);
      const label = document.createElement('label');
      label.className = 'app-choice__label';
      label.htmlFor = box.id;
      label.textContent = text;
      choice.append(box, label);
      choices.append(choice);
    });
    group.append(legend, hint, choices);
    this.form.insertBefore(group, this.el.field);
  }

  start() {
    this.offerFromDiary();
    this.load();
    this.el.actions.hidden = false;
    this.el.kept.hidden = false;
    this.form.addEventListener('change', () => this.update());
    this.note.addEventListener('input', () => this.update());
    this.form.addEventListener('submit', (event) => event.preventDefault());
    this.el.actions.querySelector('#ns-print').addEventListener('click', () => window.print());
    this.el.actions.querySelector('#ns-reset').addEventListener('click', () => this.confirmReset());
    this.el.confirm.addEventListener('close', () => {
      if (this.el.confirm.returnValue === 'yes') this.clear();
    });
    window.addEventListener('storage', (event) => {
      if (!this.store.changedByOtherTab(event.key)) return;
      // Deleted everywhere ("Delete all my data" in another tab): this page's ticks and note go too, so
      // that the next keystroke cannot write them back.
      if (event.key === null || (this.store.nameOfKey(event.key) === NEXT_SESSION_STORE.name && event.newValue === null)) {
        this.form.reset();
        this.note.value = '';
        this.rev = 0;
        this.baseNote = '';
        this.el.problem.hidden = true;
        this.load();
        return;
      }
      if (this.store.nameOfKey(event.key) === NEXT_SESSION_STORE.name) this.load();
    });
  }

  load() {
    const { data, problem } = this.store.read(NEXT_SESSION_STORE.name, {
      schema: NEXT_SESSION_STORE.schema, validate: nextSessionIsRecord, fallback: null, label: NEXT_SESSION_STORE.label,
    });
    this.record = data || nextSessionEmpty();
    this.problems.read = problem;
    this.showProblems();
    const ticked = new Set(this.record.ticked);
    const unticked = new Set(Array.isArray(this.record.unticked) ? this.record.unticked : []);
    for (const box of this.form.querySelectorAll('input[name="ticked"]')) {
      box.checked = ticked.has(box.value) || (box.defaultChecked && !unticked.has(box.value));
    }
    // Another tab's note never replaces what is being typed here; the next keystroke then asks.
    if (document.activeElement !== this.note || this.note.value === this.record.note) {
      this.note.value = this.record.note;
      this.rev = this.record.rev || 0;
      this.baseNote = this.record.note;
    }
    this.showNoteForPrint();
  }

  update() {
    const { data } = this.store.read(NEXT_SESSION_STORE.name, { schema: NEXT_SESSION_STORE.schema, validate: nextSessionIsRecord, fallback: null });
    const saved = data || nextSessionEmpty();
    const boxes = Array.from(this.form.querySelectorAll('input[name="ticked"]'));
    const ticked = boxes.filter((box) => box.checked).map((box) => box.value);
    // The ticked-for-you lines the patient unticked: kept, so that the tick does not come back on the next visit.
    // Left out when there are none, so a list without warning lines is stored as before.
    const untickedList = boxes.filter((box) => box.defaultChecked && !box.checked).map((box) => box.value);
    const unticked = untickedList.length ? { unticked: untickedList } : {};
    if ((saved.rev || 0) !== this.rev && saved.note !== this.baseNote && saved.note !== this.note.value) {
      this.conflict(saved, ticked, unticked);
      return;
    }
    this.record = { ticked, ...unticked, note: this.note.value, rev: (saved.rev || 0) + 1 };
    this.rev = this.record.rev;
    this.baseNote = this.record.note;
    this.persist();
    this.showNoteForPrint();
  }

  // The note was changed in another tab or window since this page read it: nothing is written over
  // until the patient chooses; the ticks are saved with the other note meanwhile.
  conflict(saved, ticked, unticked) {
    this.store.write(NEXT_SESSION_STORE.name, { ...saved, ticked, unticked: undefined, ...unticked }, NEXT_SESSION_STORE.schema, { label: NEXT_SESSION_STORE.label });
    const box = this.el.problem;
    // Already asking about this version: rebuilding would take the buttons away under the finger.
    if (!box.hidden && box.dataset.conflict === String(saved.rev)) return;
    box.dataset.conflict = String(saved.rev);
    const p = document.createElement('p');
    p.textContent = 'Your note was changed in another tab or window. The note here is not saved yet.';
    const mine = document.createElement('button');
    const theirs = document.createElement('button');
    mine.type = 'button';
    theirs.type = 'button';
    mine.className = 'app-button';
    theirs.className = 'app-button app-button--secondary';
    mine.textContent = 'Keep this note';
    theirs.textContent = 'Use the other note';
    mine.onclick = () => {
      this.rev = saved.rev || 0;
      this.baseNote = saved.note;
      this.update();
      this.note.focus();
    };
    theirs.onclick = () => {
      this.note.value = saved.note;
      this.rev = saved.rev || 0;
      this.baseNote = saved.note;
      this.showProblems();
      this.showNoteForPrint();
      this.note.focus();
    };
    box.replaceChildren(p, mine, ' ', theirs);
    box.hidden = false;
  }

  persist() {
    const { problem } = this.store.write(NEXT_SESSION_STORE.name, this.record, NEXT_SESSION_STORE.schema, { label: NEXT_SESSION_STORE.label });
    this.problems.write = problem;
    this.showProblems();
  }

  showProblems() {
    const box = this.el.problem;
    delete box.dataset.conflict;
    // Reading and writing may meet the same problem (a newer version's list): said once.
    const texts = [...new Set([this.problems.read, this.problems.write].filter(Boolean))];
    box.replaceChildren(...texts.map((text) => {
      const p = document.createElement('p');
      p.textContent = text;
      return p;
    }));
    box.hidden = texts.length === 0;
  }

  // A printed text box cuts long notes off, so print shows the note as text instead.
  showNoteForPrint() {
    const text = this.note.value;
    this.el.print.textContent = text;
    this.el.print.hidden = !text.trim();
    this.el.field.classList.toggle('app-note--filled', Boolean(text.trim()));
  }

  confirmReset() {
    const dialog = this.el.confirm;
    if (typeof dialog.showModal === 'function') {
      dialog.returnValue = '';
      dialog.showModal();
    } else if (window.confirm(dialog.querySelector('p').textContent)) {
      this.clear();
    }
  }

  clear() {
    this.form.reset();
    this.note.value = '';
    this.update();
    this.el.announce.textContent = 'The list was cleared.';
  }
}

document.querySelectorAll('[data-module="next-session"]').forEach((root) => {
  if (root.dataset.moduleStarted) return;
  root.dataset.moduleStarted = 'true';
  new NextSession(root).start();
});
