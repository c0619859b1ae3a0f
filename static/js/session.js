// The guided session page (templates/session.html): one exercise at a time from the patient's programme,
// a rep counter, hold and rest timers, the pain question after each exercise, and one diary entry at the
// end. The rules are in lib/ (session-flow.js, session-timer.js, pain-check-rules.js); this is the DOM.
// The session is kept as a draft under its own key after every change, so leaving mid-session loses nothing.
import { createStorage, storageNamespaceFromPath, storageSchemaOfValue } from './lib/storage.js';
import { DIARY_SCHEMA, DIARY_STORAGE_NAME, diaryAtFromDate, diaryParseAt, diaryShortDate, newId } from './lib/diary-model.js';
import {
  sessionTimerDigits, sessionTimerPause, sessionTimerRemainingMs, sessionTimerSkip, sessionTimerStart, sessionTimerTick,
} from './lib/session-timer.js';
import {
  SESSION_DRAFT_NAME, SESSION_DRAFT_SCHEMA, sessionAddRep, sessionAnswerPain, sessionAskPain, sessionCarryOn, sessionCleanDraft,
  sessionCurrent, sessionDoneText, sessionFinishSet, sessionGo, sessionHighestPain, sessionItemTouched, sessionLastFlagged, sessionPlan, sessionSetNote,
  sessionSets, sessionSetsLeft, sessionSetTimer, sessionSkipRest, sessionStart, sessionWasFlagged,
} from './lib/session-flow.js';
import { sessionCleanSavableDraft, sessionDiaryEntry } from './lib/session-save.js';
import { painCheckExercise } from './lib/pain-check-rules.js';
import { PROGRAMME_READ_OPTIONS, PROGRAMME_STORAGE_NAME } from './lib/programme-model.js';


function sessionBackend() {
  try {
    return window.localStorage;
  } catch (error) {
    return null;
  }
}

function sessionText(node, text) {
  node.textContent = text;
  return node;
}

class GuidedSession {
  constructor(root) {
    this.root = root;
    this.data = JSON.parse(document.getElementById('session-data').textContent);
    this.limit = this.data.acceptablePain;
    const base = new URL(root.dataset.root, window.location.href);
    this.rootUrl = base;
    this.store = createStorage(sessionBackend(), storageNamespaceFromPath(base.pathname));
    this.el = {};
    for (const node of root.querySelectorAll('[id^="ss-"]')) this.el[node.id.slice(3).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = node;
    this.session = null;
    this.library = { exercises: [] };
    this.audio = null;
    this.wakeLock = null;
    this.ticker = null;
    this.saving = null;
    // Once saved (or the diary's copy kept) the summary is read only and no draft is written (A1); after
    // "Delete all my data" in another tab nothing is written at all (A4).
    this.savedRev = null;
    this.done = false;
    this.deleted = false;
  }

  async start() {
    const { el } = this;
    this.bind();
    this.library = await this.loadLibrary();
    const draft = this.readDraft();
    if (draft) {
      // Already in the diary (saved in another tab, maybe edited since): carrying on makes a new entry, never
      // a Save over that one (A1).
      const inDiary = this.diaryHas(draft.id);
      this.pending = inDiary ? { ...draft, id: newId() } : draft;
      sessionText(el.resumeText, `Started ${draft.at.replace('T', ' at ')}. Carry on where you stopped, or start again (the one in progress is then removed).`
        + (inDiary ? ' It is already in your diary: if you carry on, Save adds it as a new entry and leaves that one as it is.' : ''));
      this.showOnly('resume');
      return;
    }
    this.begin(false);
  }

  async loadLibrary() {
    try {
      const response = await fetch(this.root.dataset.library);
      if (!response.ok) return { exercises: [] };
      const library = await response.json();
      return library && Array.isArray(library.exercises) ? library : { exercises: [] };
    } catch (error) {
      // Without the library the programme's names and doses still make a session.
      return { exercises: [] };
    }
  }

  // The programme is only read here, never written: My programme owns it. Its read rules (set aside what
  // cannot be read, leave a newer version's alone) are the programme model's.
  readProgramme() {
    const read = this.store.read(PROGRAMME_STORAGE_NAME, PROGRAMME_READ_OPTIONS);
    return { programme: read.data, problem: read.problem };
  }

  readDraft() {
    try {
      const raw = sessionBackend().getItem(this.store.keyFor(SESSION_DRAFT_NAME));
      if (!raw) return null;
      const envelope = JSON.parse(raw);
      return envelope && envelope.schema === SESSION_DRAFT_SCHEMA ? sessionCleanSavableDraft(envelope.data, Date.now()) : null;
    } catch (error) {
      // Junk under the draft key: a new session starts, and the next save replaces it.
      return null;
    }
  }

  diaryHas(id) {
    try {
      const envelope = JSON.parse(sessionBackend().getItem(this.store.keyFor('diary')));
      return Boolean(envelope && envelope.data && Array.isArray(envelope.data.entries) && envelope.data.entries.some((entry) => entry && entry.id === id));
    } catch (error) {
      return false;
    }
  }

  writeDraft() {
    if (this.done || this.deleted) return;
    const written = this.store.write(SESSION_DRAFT_NAME, this.session, SESSION_DRAFT_SCHEMA, { label: 'session' });
    this.problem(written.ok ? null : written.problem);
  }

  dropDraft() {
    try {
      sessionBackend().removeItem(this.store.keyFor(SESSION_DRAFT_NAME));
    } catch (error) {
      // Left for the next session's first write to replace.
    }
  }

  begin(all) {
    const { el } = this;
    const { programme, problem } = this.readProgramme();
    this.problem(problem || null);
    const plan = sessionPlan(programme, this.library, new Date(), all);
    if (!plan.items.length) {
      const any = programme && sessionPlan(programme, this.library, new Date(), true).items.length;
      sessionText(el.emptyText, any ? 'Nothing in your programme is planned for today.'
        : 'Add the exercises your therapist gave you to My programme first.');
      el.all.hidden = !any;
      this.showOnly('empty');
      return;
    }
    this.session = sessionStart(plan, newId(), diaryAtFromDate(new Date()));
    this.showExercise(true);
  }

  // The latest earlier session's flagged exercises (review P2), read only: the diary is the diary page's.
  // A diary that cannot be read just gives no note.
  lastFlagged() {
    if (this.last !== undefined) return this.last;
    this.last = null;
    try {
      const envelope = JSON.parse(sessionBackend().getItem(this.store.keyFor(DIARY_STORAGE_NAME)));
      if (envelope && envelope.schema === DIARY_SCHEMA && envelope.data) {
        this.last = sessionLastFlagged(envelope.data.entries, this.session.at, this.limit);
      }
    } catch (error) {
      this.last = null;
    }
    return this.last;
  }

  bind() {
    const { el } = this;
    const on = (node, handler) => node.addEventListener('click', (event) => {
      event.preventDefault();
      if (this.deleted) return;
      this.wakeAudio();
      handler();
    });
    on(el.all, () => this.begin(true));
    on(el.resumeGo, () => {
      this.session = this.pending;
      if (this.session.finished) this.showSummary(true);
      else this.showExercise(true);
    });
    on(el.resumeDrop, () => {
      this.dropDraft();
      this.begin(false);
    });
    on(el.plus, () => {
      this.change(sessionAddRep(this.session));
      this.announceCount();
    });
    on(el.setDone, () => this.change(sessionFinishSet(this.session), true));
    on(el.timerStart, () => this.timerChange(sessionTimerStart(sessionCurrent(this.session).timer, Date.now())));
    on(el.timerPause, () => this.timerChange(sessionTimerPause(sessionCurrent(this.session).timer, Date.now())));
    on(el.timerSkip, () => this.timerChange(sessionTimerSkip(sessionCurrent(this.session).timer)));
    on(el.ask, () => this.change(sessionAskPain(this.session), true));
    el.rate.addEventListener('submit', (event) => {
      event.preventDefault();
      this.answer();
    });
    on(el.skipRest, () => this.go(this.session.index + 1, true));
    on(el.carryOn, () => this.change(sessionCarryOn(this.session), true));
    on(el.back, () => this.go(this.session.index - 1));
    on(el.next, () => this.go(this.session.index + 1));
    on(el.summaryBack, () => {
      this.session = { ...this.session, finished: false };
      this.writeDraft();
      this.showExercise(true);
    });
    el.noteInput.addEventListener('input', () => {
      if (this.done || this.deleted) return;
      this.session = sessionSetNote(this.session, el.noteInput.value);
      this.writeDraft();
    });
    on(el.save, () => this.save());
    on(el.conflictNew, () => {
      el.conflict.hidden = true;
      this.session = { ...this.session, id: newId() };
      this.savedRev = null;
      this.writeDraft();
      this.save();
    });
    on(el.conflictKeep, () => {
      el.conflict.hidden = true;
      this.dropDraft();
      this.closeSummary();
      sessionText(el.saved, 'Your diary\'s entry is kept as it is. This session was not saved again.');
    });
    // "Delete all my data" in another tab (storage.md): this tab keeps nothing to write back (A4).
    window.addEventListener('storage', (event) => {
      if (event.key === this.store.keyFor('deleted-all') && event.newValue) this.deletedElsewhere();
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.releaseWake();
      else this.keepAwakeIfRunning();
    });
  }

  deletedElsewhere() {
    this.deleted = true;
    window.clearTimeout(this.ticker);
    this.releaseWake();
    this.session = null;
    this.pending = null;
    this.dropDraft();
    this.el.noteInput.value = '';
    this.showOnly('none');
    this.problem('Your data was deleted in another tab. Nothing from this session is kept on this phone.');
  }

  // The summary once the session is in the diary (or the diary's copy was kept): read only.
  closeSummary() {
    const { el } = this;
    this.done = true;
    el.noteInput.readOnly = true;
    el.save.hidden = true;
    el.summaryBack.hidden = true;
    el.diaryLink.hidden = false;
  }

  problem(text) {
    this.el.problem.hidden = !text;
    sessionText(this.el.problem, text || '');
  }

  announce(text) {
    // Emptied first, so the same words twice are read twice.
    sessionText(this.el.announce, '');
    window.setTimeout(() => sessionText(this.el.announce, text), 50);
  }

  announceCount() {
    const item = sessionCurrent(this.session);
    if (item.stage === 'do' && item.planned.reps) this.announce(`Rep ${item.reps} of ${item.planned.reps}`);
    else if (item.stage === 'do' && !item.planned.reps) this.announce(`Rep ${item.reps}`);
    else if (item.stage === 'rest') this.announce(`Set done. Rest for ${item.planned.restSeconds} seconds.`);
    else if (item.stage === 'rate') this.announce('Exercise done. How much did it hurt?');
  }

  showOnly(name) {
    for (const part of ['empty', 'resume', 'exercise', 'summary']) this.el[part].hidden = part !== name;
    const focus = { empty: this.el.emptyTitle, resume: this.el.resumeTitle, summary: this.el.summaryTitle }[name];
    if (focus) focus.focus();
  }

  change(session, focus = false) {
    const before = sessionCurrent(this.session);
    this.session = session;
    const item = sessionCurrent(session);
    // A rest starts by itself when a set ends: one tap fewer, and the patient can skip it.
    if (item.stage === 'rest' && item.timer && item.timer.state === 'ready') {
      this.session = sessionSetTimer(this.session, sessionTimerStart(item.timer, Date.now()));
    }
    this.writeDraft();
    const stageChanged = !before || before.stage !== sessionCurrent(this.session).stage;
    this.showExercise(focus && stageChanged);
    if (stageChanged && sessionCurrent(this.session).stage !== 'do') this.announceCount();
  }

  timerChange(timer) {
    const next = sessionSetTimer(this.session, timer);
    if (timer.state === 'running') this.announce(`${timer.kind === 'hold' ? 'Hold' : 'Rest'}: ${Math.round(sessionTimerRemainingMs(timer, Date.now()) / 1000)} seconds`);
    const stage = sessionCurrent(next).stage;
    this.change(next, true);
    if (timer.state === 'skipped' && timer.kind === 'hold' && stage === 'do') this.announceCount();
    // The pressed button hides (Start becomes Pause): the focus goes to the one in its place, not the page (U5).
    if (timer.state === 'running' || timer.state === 'paused') (timer.state === 'running' ? this.el.timerPause : this.el.timerStart).focus();
  }

  go(index, skipRest = false) {
    const next = skipRest ? sessionSkipRest(this.session) : sessionGo(this.session, index);
    this.session = next;
    this.writeDraft();
    if (next.finished) this.showSummary(true);
    else this.showExercise(true);
  }

  answer() {
    const { el } = this;
    const pain = el.rate.querySelector('input[name="pain"]:checked');
    const built = el.rate.querySelector('input[name="built"]:checked');
    const signs = [...el.rate.querySelectorAll('input[name="sign"]:checked')].map((input) => input.value);
    if (!pain || !built) {
      el.rateProblem.hidden = false;
      sessionText(el.rateProblem, !pain ? 'Choose how much it hurt, from 0 to 10.' : 'Choose Yes or No: did it build up as you went?');
      (!pain ? el.rate.querySelector('input[name="pain"]') : el.builtYes).focus();
      return;
    }
    el.rateProblem.hidden = true;
    this.change(sessionAnswerPain(this.session, Number(pain.value), built.value === 'yes', this.data, this.limit, signs), true);
  }

  exercise(item) {
    return item.exerciseId ? this.library.exercises.find((exercise) => exercise && exercise.id === item.exerciseId) || null : null;
  }

  doseText(item) {
    const { sets, reps, holdSeconds, restSeconds } = item.planned;
    const parts = [];
    const usual = [];
    const put = (fields, text) => (fields.some((f) => (item.usual || []).includes(f)) ? usual : parts).push(text);
    if (sets || reps) put([sets ? 'sets' : 'reps', reps ? 'reps' : 'sets'], (sets || 1) + ((sets || 1) === 1 ? ' set' : ' sets') + (reps ? ' of ' + reps : ''));
    if (holdSeconds) put(['holdSeconds'], `hold ${holdSeconds} seconds`);
    if (restSeconds) put(['restSeconds'], `rest ${restSeconds} seconds between sets`);
    // What the library filled in is named as this guide's usual starting dose, not the therapist's (U1).
    const own = parts.length ? parts.join(', ') : 'As your therapist showed you';
    return usual.length ? `${own}. Usual starting dose in this guide, where your therapist gave none: ${usual.join(', ')}` : own;
  }

  showExercise(focus) {
    const { el, session } = this;
    const item = sessionCurrent(session);
    const exercise = this.exercise(item);
    this.showOnly('exercise');
    sessionText(el.count, `Exercise ${session.index + 1} of ${session.items.length}`);
    sessionText(el.name, item.name);
    sessionText(el.dose, this.doseText(item));
    el.note.hidden = !item.note;
    sessionText(el.note, item.note ? `Your therapist's note: ${item.note}` : '');
    const lastTime = this.lastFlagged();
    el.last.hidden = !sessionWasFlagged(lastTime, item);
    const when = lastTime && diaryParseAt(lastTime.at);
    if (when) sessionText(el.lastDay, diaryShortDate(when.dayNumber, true));
    const doing = item.stage === 'do' || item.stage === 'rest';
    el.do.hidden = !doing;
    if (doing) this.showDoing(item, exercise);
    el.rate.hidden = item.stage !== 'rate';
    if (item.stage === 'rate') {
      el.rate.reset();
      el.rateProblem.hidden = true;
    }
    this.showAnswer(item);
    el.back.hidden = session.index === 0;
    const last = session.index === session.items.length - 1;
    sessionText(el.next, last ? 'Finish' : `Next: ${session.items[session.index + 1].name}`);
    // Next is the main button only once the pain question is answered: before, it would skip it.
    el.next.classList.toggle('app-button--secondary', item.stage !== 'answered');
    this.tickLater();
    if (focus) (item.stage === 'rate' ? el.rateTitle : item.stage === 'answered' ? (item.level === 'keep-going' ? el.notedText : el.adviceTitle) : el.name).focus();
  }

  showDoing(item, exercise) {
    const { el } = this;
    const image = exercise && exercise.image;
    el.figure.hidden = !image;
    if (image) {
      // Made here: an <img> without a source is not valid HTML.
      const img = document.createElement('img');
      img.src = new URL(image.src, this.rootUrl).href;
      img.alt = image.alt || '';
      if (image.width) img.width = image.width;
      if (image.height) img.height = image.height;
      el.figure.replaceChildren(img);
    }
    el.start.hidden = !(exercise && exercise.start);
    sessionText(el.start, exercise && exercise.start ? `Start position: ${exercise.start}` : '');
    el.steps.replaceChildren(...(exercise && Array.isArray(exercise.steps) ? exercise.steps : []).map((step) => sessionText(document.createElement('li'), String(step))));
    el.steps.hidden = !el.steps.children.length;
    el.feel.hidden = !(exercise && exercise.feel);
    sessionText(el.feel, exercise && exercise.feel ? `What you should feel: ${exercise.feel}` : '');
    const sets = sessionSets(item);
    el.counter.hidden = item.stage !== 'do';
    sessionText(el.set, `Set ${item.set} of ${sets}`);
    sessionText(el.reps, item.planned.reps ? `${item.reps} / ${item.planned.reps}` : String(item.reps));
    this.showTimer(item);
  }

  showTimer(item) {
    const { el } = this;
    const timer = item.timer;
    el.timer.hidden = !timer;
    if (!timer) return;
    const now = Date.now();
    sessionText(el.timerLabel, timer.kind === 'hold' ? `Hold for rep ${item.reps + 1}` : 'Rest');
    sessionText(el.digits, sessionTimerDigits(sessionTimerRemainingMs(timer, now)));
    el.timerStart.hidden = timer.state === 'running';
    sessionText(el.timerStart, timer.state === 'paused' ? 'Carry on' : 'Start');
    el.timerPause.hidden = timer.state !== 'running';
  }

  showAnswer(item) {
    const { el } = this;
    const answered = item.stage === 'answered';
    const advice = answered && item.level && item.level !== 'keep-going';
    el.noted.hidden = !answered || advice;
    el.advice.hidden = !advice;
    el.after.hidden = !answered;
    const left = answered && sessionSetsLeft(item);
    el.skipRest.hidden = !(advice && left);
    el.carryOn.hidden = !(answered && !advice && left);
    if (!answered) return;
    if (!advice) {
      sessionText(el.notedText, item.pain === null ? 'Noted.' : `Noted: ${item.pain} of 10.`);
      return;
    }
    const outcome = this.data.outcomes.find((entry) => entry.level === item.level) || { heading: item.level, body: '' };
    sessionText(el.adviceHeading, outcome.heading);
    sessionText(el.adviceBody, outcome.body);
    // Why, in the pain check's own words: the items of the one decision table that set the level.
    const judged = painCheckExercise(this.data, { pain: item.pain, builtUp: item.builtUp === true, signs: item.signs }, { acceptablePain: this.limit });
    const why = judged.reasons.map((reason) => this.data.reasons[reason.id]).filter(Boolean).map((text) => (/[.!?]$/.test(text) ? text : `${text}.`));
    sessionText(el.adviceWhy, `For ${item.name}: ${why.join(' ')}`);
  }

  // Only the digits are redrawn while a timer runs; the time left always comes from the clock.
  tickLater() {
    window.clearTimeout(this.ticker);
    const item = this.session && sessionCurrent(this.session);
    const running = item && item.timer && item.timer.state === 'running' && !this.session.finished;
    if (!running) {
      this.releaseWake();
      return;
    }
    this.keepAwakeIfRunning();
    this.ticker = window.setTimeout(() => this.tick(), 250);
  }

  tick() {
    const item = sessionCurrent(this.session);
    if (!item || !item.timer) return;
    const { timer, ended } = sessionTimerTick(item.timer, Date.now());
    if (ended) {
      this.signal();
      const next = sessionSetTimer(this.session, timer);
      const after = sessionCurrent(next);
      this.change(next, true);
      if (timer.kind === 'rest') this.announce('Rest over. Next set.');
      else if (after.stage === 'do') this.announce('Hold done. Rep ' + after.reps + (after.planned.reps ? ' of ' + after.planned.reps : ''));
      // A keyboard user goes on from the next thing to press: Start of the next hold, else the rep button (U5).
      if (after.stage === 'do') (this.el.timer.hidden || this.el.timerStart.hidden ? this.el.plus : this.el.timerStart).focus();
      return;
    }
    this.showTimer(item);
    this.tickLater();
  }

  // A short beep and a buzz at the end of a hold or rest. The audio is made on the first tap (browsers
  // allow sound only after one); phones without vibration simply stay still.
  wakeAudio() {
    if (this.audio || !(window.AudioContext || window.webkitAudioContext)) return;
    try {
      this.audio = new (window.AudioContext || window.webkitAudioContext)();
    } catch (error) {
      this.audio = null;
    }
  }

  signal() {
    try {
      if (this.audio) {
        const tone = this.audio.createOscillator();
        const gain = this.audio.createGain();
        tone.frequency.value = 880;
        gain.gain.value = 0.2;
        tone.connect(gain).connect(this.audio.destination);
        tone.start();
        tone.stop(this.audio.currentTime + 0.25);
      }
      if (navigator.vibrate) navigator.vibrate(200);
    } catch (error) {
      // A sound or a buzz that fails is no reason to stop the session.
    }
  }

  async keepAwakeIfRunning() {
    const item = this.session && sessionCurrent(this.session);
    if (!item || !item.timer || item.timer.state !== 'running' || this.wakeLock || !navigator.wakeLock) return;
    if (document.visibilityState !== 'visible') return;
    try {
      this.wakeLock = await navigator.wakeLock.request('screen');
    } catch (error) {
      this.wakeLock = null;
    }
  }

  releaseWake() {
    if (!this.wakeLock) return;
    const lock = this.wakeLock;
    this.wakeLock = null;
    lock.release().catch(() => {});
  }

  showSummary(focus) {
    const { el, session } = this;
    this.releaseWake();
    this.showOnly('summary');
    el.summaryList.replaceChildren(...session.items.map((item) => {
      const li = document.createElement('li');
      const name = sessionText(document.createElement('strong'), item.name);
      const parts = [sessionDoneText(item)];
      if (item.pain !== null) parts.push(`pain ${item.pain} of 10`);
      if (item.builtUp !== null) parts.push(item.builtUp ? 'it built up' : 'it did not build up');
      for (const id of item.signs || []) if (this.data.reasons[id]) parts.push(this.data.reasons[id].toLowerCase());
      if (item.skipped) parts.push('rest of it skipped');
      const outcome = item.level && item.level !== 'keep-going' && this.data.outcomes.find((entry) => entry.level === item.level);
      if (outcome) parts.push(`advice: ${outcome.heading}`);
      li.append(name, document.createTextNode(`: ${parts.join('; ')}.`));
      return li;
    }));
    const highest = sessionHighestPain(session);
    sessionText(el.highest, highest === null ? 'No pain score noted.' : `Highest pain: ${highest} of 10.`);
    el.noteInput.value = session.note;
    el.noteInput.readOnly = this.done;
    el.conflict.hidden = true;
    el.save.hidden = false;
    el.summaryBack.hidden = false;
    sessionText(el.saved, '');
    el.diaryLink.hidden = true;
    if (focus) el.summaryTitle.focus();
  }

  // The pain check's one-entry writer (bundle "pain-check-diary"), given this bundle's storage module.
  writer() {
    if (window.ptguideDiaryEntry) return Promise.resolve(window.ptguideDiaryEntry);
    if (!window.ptguideStorage) window.ptguideStorage = { createStorage, storageSchemaOfValue };
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = this.root.dataset.saveScript;
      script.onload = () => (window.ptguideDiaryEntry ? resolve(window.ptguideDiaryEntry) : reject(new Error('no writer')));
      script.onerror = () => {
        script.remove();
        reject(new Error('writer not loaded'));
      };
      document.head.append(script);
    });
  }

  // One entry, through the diary's rules and in turn with the diary's own saves (the lock).
  save() {
    const { el } = this;
    if (this.saving) return this.saving;
    if (this.done || this.deleted) return null;
    if (!this.session.items.some(sessionItemTouched) && !this.session.note.trim()) {
      sessionText(el.saved, 'Nothing to save yet: no exercise was done and there is no note.');
      return null;
    }
    el.save.setAttribute('aria-disabled', 'true');
    this.saving = this.writer()
      .then((writer) => writer.put(this.store, this.session.id, (existing) => sessionDiaryEntry(existing, this.session, this.savedRev)))
      .then((put) => {
        if (put.ok) this.savedRev = put.made.entry.rev;
        if (put.made && put.made.conflict) {
          return { ok: false, conflict: true, problem: 'Your diary\'s entry of this session was changed since (in the diary or another tab). Nothing was overwritten.' };
        }
        return put.ok || put.problem ? put : { ok: false, problem: 'This session could not be added to your diary. Your session is kept.' };
      })
      .catch((error) => ({
        ok: false,
        problem: error && error.name === 'AbortError'
          ? 'Not saved yet: another PT Guide tab or window is still using your diary. Your session is kept. '
            + 'Close your other PT Guide tabs and windows, then press Save to my diary again.'
          : 'This session could not be added to your diary. Your session is kept. Please try again.',
      }))
      .then((result) => {
        if (result.ok) {
          this.dropDraft();
          this.closeSummary();
        }
        el.conflict.hidden = !result.conflict;
        sessionText(el.saved, result.ok ? 'Saved in your diary. To change it now, edit it in your diary.' + (result.problem ? ' ' + result.problem : '') : result.problem);
      })
      .finally(() => {
        this.saving = null;
        el.save.removeAttribute('aria-disabled');
      });
    return this.saving;
  }
}

function startGuidedSession(root) {
  new GuidedSession(root).start();
}

document.querySelectorAll('[data-module="session"]').forEach((root) => {
  if (root.dataset.moduleStarted) return;
  root.dataset.moduleStarted = 'true';
  startGuidedSession(root);
});
