// The pain check page (templates/pain_check.html). Without this script the page is the whole list with
// every rule. With it: one step at a time (each a history entry, so the phone's Back goes a step
// back), warning signs first, the result so far on screen at once, the result as a care card. A new
// visit never opens on a result: it asks the warning signs again and shows the last result as dated
// history. The rules live in lib/pain-check-rules.js and the stored shape in lib/pain-check-answers.js;
// this is only the DOM.
import { createStorage, storageNamespaceFromPath, storageSchemaOfValue } from './lib/storage.js';
import { evaluatePainCheck, PAIN_CHECK_LEVELS } from './lib/pain-check-rules.js';
import {
  PAIN_CHECK_READ_OPTIONS, PAIN_CHECK_SCHEMA, PAIN_CHECK_STORE_NAME, painCheckDateText, painCheckEmptyAnswers,
  painCheckEmptyRecord, painCheckEntryId, painCheckExpire, painCheckHasAnswers, painCheckHistoryText, painCheckLocalMinute, painCheckStampText,
  painCheckNewVisit,
} from './lib/pain-check-answers.js';

// "Save to my diary" (pain-check-diary-page.js) uses this bundle's storage rather than a copy of its own.
window.ptguideStorage = { createStorage, storageSchemaOfValue };

// Each level's card look and the word a screen reader hears first (NHS care cards); colour is never
// the only signal: the heading and this prefix name the level.
const PAIN_CHECK_CARDS = {
  'keep-going': ['ok', 'Exercise advice: '],
  'tell-therapist': ['change', 'Exercise advice: '],
  'see-doctor': ['non-urgent', 'Non-urgent: '],
  urgent: ['urgent', 'Urgent: '],
  emergency: ['emergency', 'Emergency: '],
};
const PAIN_CHECK_WARNING_RANK = PAIN_CHECK_LEVELS.indexOf('urgent');

// The app's own storage, namespaced by its scope (many GitHub Pages sites share one origin).
const PAIN_CHECK_AWAY_MS = 30 * 60 * 1000;

function painCheckOpenStorage() {
  let backend = null;
  try {
    backend = window.localStorage;
  } catch (error) {
    // Some private windows refuse storage: the page still works, and says so.
  }
  const root = document.querySelector('meta[name="ptguide-root"]').content;
  return createStorage(backend, storageNamespaceFromPath(new URL(root, window.location.href).pathname));
}

function painCheckElement(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

class PainCheck {
  constructor(root) {
    this.root = root;
    this.checklist = JSON.parse(document.getElementById('pain-check-data').textContent);
    // An item's text is its label (or, for the pain ranges, its caption) on this page; its hint too.
    for (const item of this.checklist.items) {
      const node = document.getElementById(`pc-item-${item.id}`);
      const hint = document.getElementById(`pc-hint-${item.id}`);
      item.text = node ? (node.labels && node.labels[0] ? node.labels[0] : node).textContent.trim() : item.id;
      if (hint) item.hint = hint.textContent.trim();
    }
    this.store = painCheckOpenStorage();
    this.problems = [null, null]; // [reading, writing]
    this.announced = null;
    this.el = {};
    for (const node of root.querySelectorAll('[id^="pc-"]')) this.el[node.id.slice(3)] = node;
    this.steps = [...root.querySelectorAll('.app-step')];
    this.step = 0;
    this.resume = 0;
    this.warningItems = this.checklist.items.filter((item) => this.checklist.groups.some(
      (group) => group.id === item.group && group.question === 'warning')).map((item) => item.id);
  }

  start() {
    const { el } = this;
    this.load(true);
    this.root.classList.add('app-pain-check--stepped');
    el.nav.hidden = false;
    el.count.hidden = false;
    // A new visit opens on the first step: its answers are always asked again.
    history.replaceState({ painCheckStep: 0 }, '');
    this.show(0, false);
    el.form.addEventListener('change', (event) => this.changed(event.target));
    el.form.addEventListener('submit', (event) => event.preventDefault());
    el.next.addEventListener('click', () => this.next());
    el.back.addEventListener('click', () => history.back());
    el['pending-go'].addEventListener('click', () => this.go(this.pendingStep));
    el['notice-go'].addEventListener('click', () => this.go(this.steps.length));
    el.more.addEventListener('click', () => this.go(this.resume));
    // The phone's Back and Forward move between steps, never past a warning step left unanswered.
    window.addEventListener('popstate', (event) => {
      const wanted = event.state && Number.isInteger(event.state.painCheckStep) ? event.state.painCheckStep : 0;
      this.show(Math.min(wanted, this.gate()), true);
    });
    // Come back to from another page (the back-forward cache): a new visit too.
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) this.comeBack();
    });
    window.addEventListener('resize', () => this.fitNotice());
    el.save.addEventListener('click', () => this.saveToDiary());
    el['save-quiet'].addEventListener('click', () => this.saveToDiary());
    el.reset.addEventListener('click', () => {
      if (el.confirm.showModal) {
        el.confirm.returnValue = '';
        el.confirm.showModal();
      } else if (window.confirm(el['confirm-text'].textContent)) {
        this.startAgain();
      }
    });
    el.confirm.addEventListener('close', () => {
      if (el.confirm.returnValue === 'yes') this.startAgain();
    });
    // Another tab changed the answers (or storage was cleared): show what is stored now.
    window.addEventListener('storage', (event) => {
      if (event.key === null || this.store.nameOfKey(event.key) === PAIN_CHECK_STORE_NAME) this.load(false);
    });
    // A page left open overnight must not show last night's answers as current: back after more than
    // half an hour away (a phone in a pocket, another app), it is a new visit, as a reload would be.
    let hiddenAt = null;
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') {
        hiddenAt = Date.now();
        return;
      }
      const away = hiddenAt !== null && Date.now() - hiddenAt > PAIN_CHECK_AWAY_MS;
      hiddenAt = null;
      if (away) {
        this.comeBack();
      } else if (this.expire()) {
        this.show(0, false);
      }
    });
    window.addEventListener('beforeprint', () => this.stamp());
  }

  // visit: a page load (what was ticked before the script ran is the check so far, when nothing is
  // stored); false when another tab changed the answers.
  load(visit) {
    const { data, problem } = this.store.read(PAIN_CHECK_STORE_NAME, PAIN_CHECK_READ_OPTIONS);
    this.record = data ? { ...painCheckEmptyRecord(), ...data } : painCheckEmptyRecord();
    this.problems[0] = problem;
    const early = visit && this.readForm();
    if (visit && !data && painCheckHasAnswers(early)) {
      this.record.answers = early;
      this.touch();
      this.persist();
    } else if (visit) {
      this.newVisit();
    } else if (!this.expire()) {
      this.fillForm();
    }
    this.showProblems();
    this.render(false);
  }

  summarise(answers) {
    const { level, outcome } = this.evaluate(answers);
    const ticked = answers.ticked.filter((id) => this.warningItems.includes(id));
    return level ? { level, heading: outcome.heading, ...(ticked.length ? { ticked } : {}) } : null;
  }

  // Answers from before this visit: the warning signs are asked again, a result shown is history.
  newVisit() {
    this.visitStart = Date.now();
    const before = this.record;
    this.record = painCheckNewVisit(before, new Date(), this.checklist.freshHours, (answers) => this.summarise(answers), this.warningItems);
    this.fillForm();
    if (this.record !== before) this.persist();
    this.render(false);
  }

  // The patient is back after a while (the back-forward cache, a tab left open): a new visit on the first step.
  comeBack() {
    this.newVisit();
    history.replaceState({ painCheckStep: 0 }, '');
    this.show(0, false);
  }

  // Makes an old check history; true when it did.
  expire() {
    const before = this.record;
    this.record = painCheckExpire(before, new Date(), this.checklist.freshHours, (answers) => this.summarise(answers));
    if (this.record === before) return false;
    this.fillForm();
    this.persist();
    this.render(false);
    return true;
  }

  // The last step the patient may be on: not past a warning step with no answer.
  gate() {
    if (PAIN_CHECK_LEVELS.indexOf(this.result.level) >= PAIN_CHECK_WARNING_RANK) return this.steps.length;
    const open = this.steps.findIndex((node) => node.querySelector('[name="none"]') && !node.querySelector('input:checked'));
    return open < 0 ? this.steps.length : open;
  }

  evaluate(answers) {
    return evaluatePainCheck(this.checklist, answers, { acceptablePain: this.checklist.acceptablePain });
  }

  changed(input) {
    // "I have none of these" and the signs of its group exclude each other.
    const group = input.closest('fieldset');
    if (input.checked && input.type === 'checkbox' && group.querySelector('[name="none"]')) {
      for (const other of group.querySelectorAll('input:checked')) {
        if ((other.name === 'none') !== (input.name === 'none')) other.checked = false;
      }
    }
    this.el['step-error'].hidden = true;
    this.record.answers = this.readForm();
    this.touch();
    this.persist();
    // The result so far may appear above: keep the box just changed where the patient's finger is.
    const box = input.labels && input.labels[0] ? input.labels[0] : input;
    const top = box.getBoundingClientRect().top;
    this.render(true);
    window.scrollBy(0, box.getBoundingClientRect().top - top);
    // ...and never under the notice at the bottom of the screen.
    const cover = this.el.notice.hidden ? 0 : box.getBoundingClientRect().bottom - this.el.notice.getBoundingClientRect().top;
    if (cover > 0) window.scrollBy(0, cover + 8);
  }

  touch() {
    const now = new Date().toISOString();
    if (!this.record.startedAt) this.record.startedAt = now;
    this.record.changedAt = now;
  }

  next() {
    const step = this.steps[this.step];
    // A warning step needs an answer: a sign, or "I have none of these" (not once a sign is ticked:
    // nothing may stand between a patient with a warning sign and the rest of the check).
    const warned = PAIN_CHECK_LEVELS.indexOf(this.result.level) >= PAIN_CHECK_WARNING_RANK;
    if (step && !warned && step.querySelector('[name="none"]') && !step.querySelector('input:checked')) {
      // Shown just above Next, where the patient is looking, and read out (role="alert").
      this.el['step-error'].hidden = false;
      return;
    }
    // After an emergency the next thing is what to do now; the other questions are optional.
    if (this.result.level === 'emergency') {
      this.go(this.steps.length);
      return;
    }
    this.go(this.step + 1);
  }

  // Moves to step `index` as a new history entry.
  go(index) {
    if (this.step < this.steps.length) this.resume = this.step + 1;
    this.show(index, true);
    history.pushState({ painCheckStep: this.step }, '');
  }

  // Shows step `index` (the result after the last one) and, when the patient moved, puts the focus on
  // its heading at the top of the screen.
  show(index, move) {
    const { el } = this;
    this.step = Math.max(0, Math.min(index, this.steps.length));
    const atResult = this.step === this.steps.length;
    this.steps.forEach((node, i) => { node.hidden = i !== this.step; });
    el['step-error'].hidden = true;
    el.next.hidden = atResult;
    el.back.hidden = this.step === 0;
    el.count.textContent = atResult ? `Step ${this.step + 1} of ${this.step + 1}: your result`
      : `Step ${this.step + 1} of ${this.steps.length + 1}`;
    if (atResult && this.result && this.result.level && !this.record.doneAt) {
      this.record.doneAt = new Date().toISOString();
      this.persist();
    }
    this.render(false);
    if (move) {
      const target = atResult ? el['result-title'] : this.steps[this.step].querySelector('h2, legend');
      target.tabIndex = -1;
      target.focus({ preventScroll: true });
      (atResult ? el.result : el.count).scrollIntoView();
    }
  }

  // The form's answers, in the stored shape.
  readForm() {
    const answers = painCheckEmptyAnswers();
    for (const input of this.el.form.querySelectorAll('input:checked')) {
      if (input.name === 'pain') answers.pain = Number(input.value);
      else if (input.name === 'ticked' || input.name === 'none') answers[input.name].push(input.value);
      else answers[input.name] = input.value;
    }
    return answers;
  }

  fillForm() {
    const { answers } = this.record;
    for (const input of this.el.form.querySelectorAll('input')) {
      if (input.name === 'pain') input.checked = Number(input.value) === answers.pain;
      else if (input.name === 'ticked' || input.name === 'none') input.checked = answers[input.name].includes(input.value);
      else input.checked = answers[input.name] === input.value;
    }
  }

  persist() {
    this.problems[1] = this.store.write(PAIN_CHECK_STORE_NAME, this.record, PAIN_CHECK_SCHEMA, PAIN_CHECK_READ_OPTIONS).problem;
    this.showProblems();
    return !this.problems[1];
  }

  showProblems() {
    // Reading and writing may meet the same problem (a newer version's answers): said once.
    const texts = [...new Set(this.problems.filter(Boolean))];
    this.el.problem.replaceChildren(...texts.map((text) => painCheckElement('p', text)));
    this.el.problem.hidden = texts.length === 0;
  }

  render(speak) {
    const { el } = this;
    const result = this.evaluate(this.record.answers);
    const { level, outcome } = result;
    const warning = PAIN_CHECK_LEVELS.indexOf(level) >= PAIN_CHECK_WARNING_RANK;
    const atResult = this.step === this.steps.length;
    this.result = result;
    el.history.textContent = this.historyText();
    if (this.record.last && PAIN_CHECK_LEVELS.indexOf(this.record.last.level) >= PAIN_CHECK_WARNING_RANK) {
      // Nothing can be ticked on paper: the dated line prints without this (N2).
      el.history.append(' ', Object.assign(painCheckElement('span', 'If you still have those signs and have not had help, tick them again below.'), { className: 'app-screen-only' }));
    }
    this.stamp();
    el.history.hidden = !this.record.last;
    // A warning sign's card is at the top at once, on every step; any other result on the result step.
    // While answering, the result so far also stays on screen, next to the questions.
    el.result.hidden = !(warning || atResult);
    el.notice.hidden = atResult || PAIN_CHECK_LEVELS.indexOf(level) < 1;
    el['more-row'].hidden = !(atResult && warning && this.resume < this.steps.length);
    el.card.hidden = !level;
    el.actions.hidden = !atResult;
    el.save.hidden = !level || warning;
    el['save-quiet-row'].hidden = !(level && warning && atResult);
    el.pending.hidden = Boolean(level) || !atResult;
    if (!level) {
      this.pendingStep = result.warningsCleared ? this.steps.findIndex((node) => node.querySelector('[name="pain"]')) : 0;
      el['pending-text'].textContent = result.warningsCleared
        ? 'To see a result, say how bad the pain is or what it feels like.'
        : 'To see a result, first answer the warning signs: tick any you have, or “I have none of these”.';
      el['pending-go'].textContent = result.warningsCleared ? 'Go to the pain score' : 'Go to the warning signs';
    } else {
      const [look, prefix] = PAIN_CHECK_CARDS[level];
      el.card.className = `app-care-card app-care-card--${look}`;
      el['card-level'].textContent = outcome.heading.startsWith(prefix) ? '' : prefix;
      el['card-heading'].textContent = outcome.heading;
      el['card-body'].textContent = outcome.body;
      el['notice-heading'].textContent = outcome.heading;
      for (const call of ['call-emergency', 'call-urgent', 'notice-call-emergency', 'notice-call-urgent']) {
        if (el[call]) el[call].hidden = !call.endsWith(level);
      }
      for (const [name, text] of [['carry', result.carry], ['note', result.note], ['at', this.earlierText()]]) {
        el[`card-${name}`].textContent = text || '';
        el[`card-${name}`].hidden = !text;
      }
      const why = result.reasons.map((reason) => reason.text);
      if (level === 'keep-going') why.unshift('You have none of the warning signs');
      el['card-why'].replaceChildren(...why.map((text) => painCheckElement('li', text)));
      el['card-also'].hidden = result.also.length === 0;
      el['card-also-list'].replaceChildren(...result.also.map((reason) => painCheckElement('li', reason.text)));
      el['card-pending-warning'].hidden = result.warningsCleared || warning;
      const faq = this.checklist.faq[result.faq];
      el['card-faq'].parentElement.hidden = !faq;
      if (faq) {
        el['card-faq'].setAttribute('href', faq.url);
        el['card-faq'].textContent = `Read more: ${faq.title}`;
      }
    }
    this.fitNotice();
    // A new outcome is read out once: politely, or at once for an emergency.
    const heading = level ? outcome.heading : null;
    if (heading === this.announced) return;
    this.announced = heading;
    this.announcedLevel = level;
    if (!speak) return;
    const text = heading ? `Result: ${heading}` : '';
    el['announce-assertive'].textContent = level === 'emergency' ? text : '';
    el['announce-polite'].textContent = level === 'emergency' ? '' : text;
  }

  // A notice taller than a third of the screen (large text on a small phone) would cover the answers
  // still to give: it then waits in the page under the questions. An emergency stays on screen.
  fitNotice() {
    const { notice } = this.el;
    notice.classList.remove('app-notice--inline');
    if (!notice.hidden && this.result.level !== 'emergency' && notice.offsetHeight * 3 > window.innerHeight) {
      notice.classList.add('app-notice--inline');
    }
  }

  // The last result, dated (render adds, for an old warning result, to tick the signs again if they are still there).
  historyText() {
    const { last } = this.record;
    if (!last) return '';
    const parts = [painCheckHistoryText(last) + '.'];
    const names = (last.ticked || []).map((id) => {
      const item = this.checklist.items.find((entry) => entry.id === id);
      return item ? item.text : null;
    }).filter(Boolean);
    if (names.length) parts.push('Last time you ticked: ' + names.join('; ') + '.');
    return parts.join(' ');
  }

  // The printed result says when and from which app (the stamp shows only on paper).
  stamp() {
    this.el.stamp.textContent = document.title + '. ' + painCheckStampText(painCheckLocalMinute(new Date()), this.record.answers.pain);
  }

  // Said on a card that uses answers given before this visit.
  earlierText() {
    const started = Date.parse(this.record.startedAt);
    if (!(started < this.visitStart)) return null;
    return 'Some of these answers are from ' + painCheckDateText(painCheckLocalMinute(new Date(started))) + '.';
  }

  // One diary entry per check, in the diary's own format; the code is fetched on first use.
  saveToDiary() {
    const { level } = this.result;
    if (!level) return;
    const { el } = this;
    const check = {
      id: painCheckEntryId(this.record.startedAt), at: painCheckLocalMinute(new Date()), pain: this.record.answers.pain, level,
      rev: this.diaryRev,
    };
    this.loadDiaryCode().then((diary) => diary.save(this.store, check).then(({ ok, problem, rev }) => {
      // The rev this page wrote: a later save changes the score only if the diary has not changed it since.
      if (ok) this.diaryRev = rev;
      const link = document.createElement('a');
      // Straight to the saved entry (the diary scrolls to and marks it), not to the diary's empty form.
      link.href = ok ? `../diary/#entry-${encodeURIComponent(check.id)}` : '../diary/';
      link.textContent = ok ? 'See it in your diary' : 'Open your diary';
      el.saved.replaceChildren(ok ? `Added to your diary. ${problem || ''} ` : `${problem} `, link);
    }), () => {
      el.saved.textContent = 'Saving to your diary needs a part of the app that could not be loaded. Your answers are kept. '
        + 'Reload the page (after an update, that is enough), or try again when you are online.';
    });
  }

  loadDiaryCode() {
    if (window.ptguidePainCheckDiary) return Promise.resolve(window.ptguidePainCheckDiary);
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = this.root.dataset.diaryScript;
      script.onload = () => (window.ptguidePainCheckDiary ? resolve(window.ptguidePainCheckDiary) : reject(new Error('no diary code')));
      script.onerror = () => {
        script.remove();
        reject(new Error('diary code not loaded'));
      };
      document.head.append(script);
    });
  }

  startAgain() {
    // The history line names the signs that were ticked, as after any other visit (second physiotherapist review).
    const summary = this.summarise(this.record.answers);
    const last = summary ? { at: painCheckLocalMinute(new Date()), ...summary } : this.record.last;
    this.record = { ...painCheckEmptyRecord(), last, saved: this.record.saved };
    this.fillForm();
    this.persist();
    this.el.saved.textContent = '';
    this.go(0);
    this.el['announce-polite'].textContent = 'Your answers were cleared.';
  }
}

document.querySelectorAll('[data-module="pain-check"]').forEach((root) => {
  if (root.dataset.moduleStarted) return;
  root.dataset.moduleStarted = 'true';
  new PainCheck(root).start();
});
