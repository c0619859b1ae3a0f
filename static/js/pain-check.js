// The pain check page (templates/pain_check.html): keeps the answers on this phone and shows
// the outcome as a care card. The rules live in lib/pain-check-rules.js; this is only the DOM.
import { createStorage, storageNamespaceFromPath } from './lib/storage.js';
import { evaluatePainCheck } from './lib/pain-check-rules.js';

// The diary reads this record too: { answers: { pain, when, behaviour, ticked }, saved: null | { at, level, heading } }.
const PAIN_CHECK_STORE = { name: 'pain-check', schema: 1, label: 'pain check answers' };
const PAIN_CHECK_CARDS = {
  'keep-going': 'ok',
  'tell-therapist': 'non-urgent',
  'see-doctor': 'non-urgent',
  urgent: 'urgent',
  emergency: 'emergency',
};

function painCheckNoAnswers() {
  return { pain: null, when: null, behaviour: null, ticked: [] };
}

function painCheckIsObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// The stored shape. Anything else is set aside by the storage module: reported, never used or deleted.
function painCheckIsRecord(data) {
  if (!painCheckIsObject(data) || !painCheckIsObject(data.answers)) return false;
  const { pain, when, behaviour, ticked } = data.answers;
  const idOrNull = (value) => value === null || typeof value === 'string';
  const saved = data.saved;
  return (pain === null || (Number.isInteger(pain) && pain >= 0 && pain <= 10))
    && idOrNull(when) && idOrNull(behaviour)
    && Array.isArray(ticked) && ticked.every((id) => typeof id === 'string')
    && (saved == null || (painCheckIsObject(saved)
      && typeof saved.at === 'string' && typeof saved.level === 'string' && typeof saved.heading === 'string'));
}

// Local time as "YYYY-MM-DDTHH:MM", the diary's format.
function painCheckLocalMinute(date) {
  const two = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

// The app's own storage, namespaced by its scope (many GitHub Pages sites share one origin).
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

class PainCheck {
  constructor(root) {
    this.checklist = JSON.parse(document.getElementById('pain-check-data').textContent);
    // An item's text is its label (or, for the pain ranges, its caption) on this page.
    for (const item of this.checklist.items) {
      const node = document.getElementById(`pc-item-${item.id}`);
      item.text = node ? (node.labels && node.labels[0] ? node.labels[0] : node).textContent.trim() : item.id;
    }
    this.store = painCheckOpenStorage();
    this.problems = [null, null]; // [reading, writing]
    this.announced = null;
    this.el = {};
    for (const node of root.querySelectorAll('[id^="pc-"]')) this.el[node.id.slice(3)] = node;
  }

  start() {
    const { el } = this;
    this.load();
    el.result.hidden = false;
    document.getElementById('pc-intro-result').hidden = false;
    el.form.addEventListener('change', () => {
      this.record.answers = this.readForm();
      this.persist();
      this.render(true);
    });
    el.form.addEventListener('submit', (event) => event.preventDefault());
    el.save.addEventListener('click', () => this.saveToDiary());
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
    // Another tab of the app changed the answers (or storage was cleared): show what is stored now.
    window.addEventListener('storage', (event) => {
      if (event.key === null || this.store.nameOfKey(event.key) === PAIN_CHECK_STORE.name) this.load();
    });
  }

  load() {
    const { data, problem } = this.store.read(PAIN_CHECK_STORE.name, { ...PAIN_CHECK_STORE, validate: painCheckIsRecord });
    this.record = data ? { answers: data.answers, saved: data.saved || null } : { answers: painCheckNoAnswers(), saved: null };
    this.problems[0] = problem;
    this.showProblems();
    this.fillForm();
    this.render(false);
    this.showSaved('Last saved to your diary');
  }

  // The form's answers, in the stored shape.
  readForm() {
    const answers = painCheckNoAnswers();
    for (const input of this.el.form.querySelectorAll('input:checked')) {
      if (input.name === 'pain') answers.pain = Number(input.value);
      else if (input.name === 'ticked') answers.ticked.push(input.value);
      else answers[input.name] = input.value;
    }
    return answers;
  }

  fillForm() {
    const { answers } = this.record;
    for (const input of this.el.form.querySelectorAll('input')) {
      if (input.name === 'pain') input.checked = Number(input.value) === answers.pain;
      else if (input.name === 'ticked') input.checked = answers.ticked.includes(input.value);
      else input.checked = answers[input.name] === input.value;
    }
  }

  persist() {
    this.problems[1] = this.store.write(PAIN_CHECK_STORE.name, this.record, PAIN_CHECK_STORE.schema, PAIN_CHECK_STORE).problem;
    this.showProblems();
    return !this.problems[1];
  }

  showProblems() {
    const texts = this.problems.filter(Boolean);
    this.el.problem.replaceChildren(...texts.map((text) => painCheckElement('p', text)));
    this.el.problem.hidden = texts.length === 0;
  }

  render(speak) {
    const { el } = this;
    const result = evaluatePainCheck(this.checklist, this.record.answers, { acceptablePain: this.checklist.acceptablePain });
    const { level, outcome } = result;
    this.result = result;
    el.empty.hidden = Boolean(level);
    el.card.hidden = !level;
    el.save.hidden = !level;
    if (level) {
      el.card.className = `app-care-card app-care-card--${PAIN_CHECK_CARDS[level]}`;
      el['card-heading'].textContent = outcome.heading;
      el['card-body'].textContent = outcome.body;
      el['card-why'].replaceChildren(...result.reasons.map((reason) => painCheckElement('li', reason.text)));
      el['card-also'].hidden = result.also.length === 0;
      el['card-also-list'].replaceChildren(...result.also.map((reason) => painCheckElement('li', reason.text)));
      const faq = this.checklist.faq[result.faq];
      el['card-faq'].parentElement.hidden = !faq;
      if (faq) {
        el['card-faq'].setAttribute('href', faq.url);
        el['card-faq'].textContent = `Read more: ${faq.title}`;
      }
    }
    // A new outcome is read out once: politely, or at once for an emergency.
    const heading = level ? outcome.heading : null;
    if (heading === this.announced) return;
    this.announced = heading;
    if (!speak) return;
    const text = heading ? `Result: ${heading}` : '';
    el['announce-assertive'].textContent = level === 'emergency' ? text : '';
    el['announce-polite'].textContent = level === 'emergency' ? '' : text;
  }

  saveToDiary() {
    const { level, outcome } = this.result;
    if (!level) return;
    const before = this.record.saved;
    this.record.saved = { at: painCheckLocalMinute(new Date()), level, heading: outcome.heading };
    if (!this.persist()) this.record.saved = before;
    this.showSaved('Saved to your diary');
  }

  showSaved(prefix) {
    const { saved } = this.record;
    this.el.saved.textContent = saved ? `${prefix}: ${saved.heading} (${saved.at.replace('T', ' at ')}).` : '';
  }

  startAgain() {
    this.record.answers = painCheckNoAnswers();
    this.fillForm();
    this.persist();
    this.render(false);
    this.el['announce-polite'].textContent = 'Your answers were cleared.';
  }
}

function painCheckElement(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

document.querySelectorAll('[data-module="pain-check"]').forEach((root) => {
  if (root.dataset.moduleStarted) return;
  root.dataset.moduleStarted = 'true';
  new PainCheck(root).start();
});
