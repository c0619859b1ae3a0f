// The pain diary's data and rules, with no DOM so Node's test runner checks them.
// Only what showing the diary needs is here; importing and exporting are in
// diary-share.js, which the page loads when the patient first uses them.
//
// Dates are local wall-clock strings "YYYY-MM-DDTHH:MM" as the patient typed
// them. They are never turned into a Date in the machine's time zone: all day
// and week arithmetic below works on the digits, so a diary reads the same on
// any phone and in any test run.
// The observations are in diary-observe.js: only the diary page needs them.
import { diarySessionCut, diarySessionNormalize, diarySessionProblems } from './diary-session.js';

export const DIARY_SCHEMA = 3;
export const DIARY_STORAGE_NAME = 'diary';
export const DIARY_NOTE_MAX = 2000;
export const DIARY_EXERCISE_MAX = 120;
export const DIARY_EXERCISES_MAX = 30;
export const DIARY_ENTRIES_MAX = 20000;
export const DIARY_DEFAULT_ACCEPTABLE_PAIN = 5;
// Entries before this day are typing mistakes (no one keeps a phone diary from the 1990s), and the
// last day keeps day arithmetic far from the parser's limit; the form also refuses days after tomorrow.
export const DIARY_FIRST_DAY = '2000-01-01';
export const DIARY_LAST_DAY = '2099-12-31';
const DIARY_LAST_AT = `${DIARY_LAST_DAY}T23:59`;

// Ordered from the back down the leg: the order is what the C5 rules compare.
export const DIARY_REACH = ['back', 'buttock', 'thigh', 'below-knee', 'foot'];
export const DIARY_SIDES = ['left', 'right', 'both'];
export const DIARY_FEELINGS = ['aching', 'stiff', 'sharp', 'burning', 'shooting', 'pins-and-needles'];
export const DIARY_PAIN_FIELDS = ['painBefore', 'painDuring', 'painAfter', 'painNextMorning'];

export const DIARY_PAIN_LABELS = {
  painBefore: 'pain before exercise',
  painDuring: 'pain during exercise',
  painAfter: 'pain after exercise',
  painNextMorning: 'pain the next morning',
};
export const DIARY_REACH_LABELS = {
  back: 'back only',
  buttock: 'buttock',
  thigh: 'thigh',
  'below-knee': 'below the knee',
  foot: 'foot',
};

const DIARY_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const DIARY_AT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DIARY_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// The pain-check module owns the list of outcome levels; here we only make
// sure the value is a short plain token, never markup.
const DIARY_CHECK_RE = /^[a-z][a-z0-9-]{0,39}$/;
const DIARY_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DIARY_PROBLEMS_SHOWN = 20;
const DIARY_ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

// ---------------------------------------------------------------- dates

// Returns { year, month, day, hour, minute, dayNumber, minuteOfDay } or null.
// dayNumber counts days since 1970-01-01 on the calendar itself (see diaryDaysFromCivil).
export function diaryParseAt(at) {
  if (typeof at !== 'string' || at.length !== 16) return null;
  const match = DIARY_AT_RE.exec(at);
  if (!match) return null;
  const year = +match[1];
  const month = +match[2];
  const day = +match[3];
  const hour = +match[4];
  const minute = +match[5];
  if (year < 1900 || year > 2999) return null;
  if (month < 1 || month > 12 || hour > 23 || minute > 59) return null;
  if (day < 1 || day > diaryDaysInMonth(year, month)) return null;
  return { year, month, day, hour, minute, dayNumber: diaryDaysFromCivil(year, month, day), minuteOfDay: hour * 60 + minute };
}

// The number written by `count` ASCII digits from `start` (checked by diaryAtIsReal).
function diaryDigits(text, start, count) {
  let n = 0;
  for (let i = start; i < start + count; i += 1) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

// Whether `at` is "YYYY-MM-DDTHH:MM" (ASCII digits), a real day and time, in 1900-2999: what diaryParseAt
// accepts, without building its answer (validation checks 10,000 dates on every read). diaryParseAt keeps
// its regular expression: measured in Chromium, it is the faster way to get the numbers themselves.
function diaryAtIsReal(at) {
  if (typeof at !== 'string' || at.length !== 16) return false;
  for (let i = 0; i < 16; i += 1) {
    const c = at.charCodeAt(i);
    const ok = i === 4 || i === 7 ? c === 45 : i === 10 ? c === 84 : i === 13 ? c === 58 : c >= 48 && c <= 57;
    if (!ok) return false;
  }
  const year = diaryDigits(at, 0, 4);
  const month = diaryDigits(at, 5, 2);
  const day = diaryDigits(at, 8, 2);
  if (year < 1900 || year > 2999) return false;
  if (month < 1 || month > 12 || diaryDigits(at, 11, 2) > 23 || diaryDigits(at, 14, 2) > 59) return false;
  return day >= 1 && day <= diaryDaysInMonth(year, month);
}

// Days since 1970-01-01 on the proleptic Gregorian calendar (H. Hinnant's days_from_civil): plain
// arithmetic, so reading 10,000 dates costs no Date objects and no time zone can enter.
function diaryDaysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

export function diaryParseDate(date) {
  if (typeof date !== 'string') return null;
  const match = DIARY_DATE_RE.exec(date);
  if (!match) return null;
  return diaryParseAt(`${date}T00:00`);
}

// Arithmetic, not a Date: the diary checks 10,000 dates on every read.
function diaryDaysInMonth(year, month) {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function diaryPad(n, width = 2) {
  return String(n).padStart(width, '0');
}

export function diaryDayToDate(dayNumber) {
  const d = new Date(dayNumber * 86400000);
  return `${diaryPad(d.getUTCFullYear(), 4)}-${diaryPad(d.getUTCMonth() + 1)}-${diaryPad(d.getUTCDate())}`;
}

// Weeks start on Monday (ISO 8601); day 0 (1 Jan 1970) was a Thursday.
export function diaryWeekStart(dayNumber) {
  const weekday = (((dayNumber + 3) % 7) + 7) % 7;
  return dayNumber - weekday;
}

// "3 Nov", or "3 Nov 2025" when the year is needed to be unambiguous.
export function diaryShortDate(dayNumber, withYear = false) {
  const d = new Date(dayNumber * 86400000);
  const text = `${d.getUTCDate()} ${DIARY_MONTHS[d.getUTCMonth()]}`;
  return withYear ? `${text} ${d.getUTCFullYear()}` : text;
}

// A Date's own wall-clock time in the form the diary stores; the page passes
// `new Date()` for "now" and the local fields are exactly what the patient sees.
export function diaryAtFromDate(date) {
  return `${diaryPad(date.getFullYear(), 4)}-${diaryPad(date.getMonth() + 1)}-${diaryPad(date.getDate())}`
    + `T${diaryPad(date.getHours())}:${diaryPad(date.getMinutes())}`;
}

// The latest moment an entry may have: tomorrow 23:59 on this phone's calendar (tomorrow allows for time
// zones and midnight). Later dates are typing mistakes: the form, Import and Put back refuse them, and
// the observations ignore them. Stored ones are kept (a phone's clock can be wrong), never set aside.
export function diaryLastAt(now = new Date()) {
  const day = diaryParseAt(diaryAtFromDate(now)).dayNumber + 1;
  return `${diaryDayToDate(day)}T23:59`;
}

export const DIARY_FUTURE_PROBLEM = 'its date is after tomorrow, so it is surely a typing mistake (or this phone\'s date is wrong).';

function diaryCompareAt(a, b) {
  // Fixed-width strings: text order is time order.
  return a.at < b.at ? -1 : a.at > b.at ? 1 : 0;
}

// ---------------------------------------------------------------- ids

// `random`: optional function returning a number in [0, 1), injected so
// tests need neither crypto nor luck. In the browser crypto is preferred.
export function newId(random) {
  let draw = random;
  if (typeof draw !== 'function') {
    const cryptoObj = globalThis.crypto;
    if (cryptoObj && typeof cryptoObj.getRandomValues === 'function') {
      draw = () => cryptoObj.getRandomValues(new Uint32Array(1))[0] / 4294967296;
    } else {
      draw = Math.random;
    }
  }
  let id = '';
  for (let i = 0; i < 16; i += 1) {
    const n = Math.floor(draw() * DIARY_ID_CHARS.length);
    id += DIARY_ID_CHARS[Math.min(Math.max(n, 0), DIARY_ID_CHARS.length - 1)];
  }
  return id;
}

// ---------------------------------------------------------------- entries

export function emptyDiary() {
  return { entries: [] };
}

export function emptyEntry(id, at) {
  return {
    id,
    at,
    painBefore: null,
    painDuring: null,
    painAfter: null,
    painNextMorning: null,
    reach: null,
    side: null,
    feelings: [],
    exercises: [],
    note: '',
    check: null,
    // How many times this entry was saved: an edit based on an older rev was made over a change
    // from another tab (docs/storage.md).
    rev: 1,
    // A guided session's exercises (lib/diary-session.js), or null.
    session: null,
  };
}

// Nothing a patient noted: no pain number, no tick, no choice and no note.
export function diaryEntryIsBlank(entry) {
  return DIARY_PAIN_FIELDS.every((f) => entry[f] === null) && !entry.reach && !entry.side
    && !entry.feelings.length && !entry.exercises.length && !entry.note && !entry.check;
}

// At most `max` UTF-16 units, cut between characters: never half an emoji. One copy, in diary-session.js, which this
// module imports (the reverse import would be a cycle).
export const diaryCutText = diarySessionCut;

export function diaryIsPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function diaryIsPain(value) {
  return value === null || (Number.isInteger(value) && value >= 0 && value <= 10);
}

// Loops rather than some()/includes() with a closure: run for each of 10,000 entries on every read.
function diaryAllIn(values, allowed) {
  for (let i = 0; i < values.length; i += 1) if (allowed.indexOf(values[i]) < 0) return false;
  return true;
}

function diaryAllShortTexts(values) {
  for (let i = 0; i < values.length; i += 1) {
    if (typeof values[i] !== 'string' || values[i].length > DIARY_EXERCISE_MAX) return false;
  }
  return true;
}

// Optional fields may be missing (older exports, hand-made files); present
// ones must have the right type. Unknown fields are ignored and dropped by
// normalizeEntry, so they can never reach the page.
export function validateEntry(entry) {
  const problems = [];
  if (!diaryIsPlainObject(entry)) return ['it is not a diary entry.'];
  if (typeof entry.id !== 'string' || !DIARY_ID_RE.test(entry.id)) {
    problems.push('its id is missing or not valid.');
  }
  if (!diaryAtIsReal(entry.at)) {
    problems.push('its date and time is missing or not a real date (expected like 2025-11-03T18:30).');
  } else if (entry.at < DIARY_FIRST_DAY || entry.at > DIARY_LAST_AT) {
    problems.push(`its date is before ${DIARY_FIRST_DAY.slice(0, 4)} or after ${DIARY_LAST_DAY.slice(0, 4)}, so it is surely a typing mistake.`);
  }
  if (entry.rev !== undefined && !(Number.isInteger(entry.rev) && entry.rev >= 1)) {
    problems.push('its version number is not valid.');
  }
  for (const field of DIARY_PAIN_FIELDS) {
    if (entry[field] !== undefined && !diaryIsPain(entry[field])) {
      problems.push(`${DIARY_PAIN_LABELS[field]} must be a whole number from 0 to 10, or left empty.`);
    }
  }
  if (entry.reach !== undefined && entry.reach !== null && !DIARY_REACH.includes(entry.reach)) {
    problems.push('how far the pain reaches is not one of the choices.');
  }
  if (entry.side !== undefined && entry.side !== null && !DIARY_SIDES.includes(entry.side)) {
    problems.push('the side must be left, right or both, or left empty.');
  }
  if (entry.feelings !== undefined) {
    if (!Array.isArray(entry.feelings) || !diaryAllIn(entry.feelings, DIARY_FEELINGS)) {
      problems.push('what the pain feels like is not one of the choices.');
    }
  }
  if (entry.exercises !== undefined) {
    if (!Array.isArray(entry.exercises) || entry.exercises.length > DIARY_EXERCISES_MAX
      || !diaryAllShortTexts(entry.exercises)) {
      problems.push(`exercises must be a list of at most ${DIARY_EXERCISES_MAX} short names `
        + `(${DIARY_EXERCISE_MAX} characters each).`);
    }
  }
  if (entry.note !== undefined && entry.note !== null) {
    if (typeof entry.note !== 'string') problems.push('the note must be text.');
    else if (entry.note.length > DIARY_NOTE_MAX) problems.push(`the note is longer than ${DIARY_NOTE_MAX} characters.`);
  }
  if (entry.check !== undefined && entry.check !== null
    && (typeof entry.check !== 'string' || !DIARY_CHECK_RE.test(entry.check))) {
    problems.push('the saved pain-check result is not valid.');
  }
  problems.push(...diarySessionProblems(entry.session));
  return problems;
}

// Call only on an entry that passed validateEntry. Copies the known fields
// in a fixed order (so two equal entries serialise equally), fills defaults,
// trims exercise names and drops duplicates.
export function normalizeEntry(entry) {
  const out = emptyEntry(entry.id, entry.at);
  for (const field of DIARY_PAIN_FIELDS) out[field] = entry[field] === undefined ? null : entry[field];
  out.reach = entry.reach == null ? null : entry.reach;
  out.side = entry.side == null ? null : entry.side;
  if (Array.isArray(entry.feelings) && entry.feelings.length) {
    for (const f of DIARY_FEELINGS) if (entry.feelings.indexOf(f) >= 0) out.feelings.push(f);
  }
  // At most DIARY_EXERCISES_MAX names: looking back through the list costs less than a Set per entry.
  const names = Array.isArray(entry.exercises) ? entry.exercises : [];
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i].trim();
    if (name && out.exercises.indexOf(name) < 0) out.exercises.push(name);
  }
  out.note = typeof entry.note === 'string' ? entry.note : '';
  out.check = entry.check == null ? null : entry.check;
  out.rev = entry.rev === undefined ? 1 : entry.rev;
  out.session = diarySessionNormalize(entry.session);
  return out;
}

function diaryEntryLabel(entry, index) {
  const at = diaryIsPlainObject(entry) && diaryParseAt(entry.at) ? ` (${entry.at.replace('T', ' ')})` : '';
  return `Entry ${index + 1}${at}`;
}

// Returns a list of plain-language problems; empty means the diary is good.
// The list is capped so a wholly wrong file gives a readable message.
export function validateDiary(diary) {
  if (!diaryIsPlainObject(diary) || !Array.isArray(diary.entries)) {
    return ['The diary has no list of entries.'];
  }
  if (diary.entries.length > DIARY_ENTRIES_MAX) {
    return [`The diary has more than ${DIARY_ENTRIES_MAX} entries.`];
  }
  const problems = [];
  const ids = new Set();
  let hidden = 0;
  const add = (text) => {
    if (problems.length < DIARY_PROBLEMS_SHOWN) problems.push(text);
    else hidden += 1;
  };
  diary.entries.forEach((entry, index) => {
    for (const problem of validateEntry(entry)) add(`${diaryEntryLabel(entry, index)}: ${problem}`);
    if (diaryIsPlainObject(entry) && typeof entry.id === 'string') {
      if (ids.has(entry.id)) add(`${diaryEntryLabel(entry, index)}: another entry has the same id.`);
      ids.add(entry.id);
    }
  });
  if (hidden) problems.push(`… and ${hidden} more ${hidden === 1 ? 'problem' : 'problems'}.`);
  return problems;
}

// A draft as stored (diary.js formState): null when it is not one. An id that no entry could have is
// dropped, so a bad draft can never lock the form: the typing comes back as a new entry.
export function diaryCleanDraft(draft) {
  if (!diaryIsPlainObject(draft) || !diaryIsPlainObject(draft.values) || !Array.isArray(draft.feelings)) return null;
  const isId = (id) => typeof id === 'string' && DIARY_ID_RE.test(id);
  const editing = isId(draft.editingId) && Number.isInteger(draft.editingRev) && draft.editingRev >= 1;
  return {
    ...draft,
    editingId: editing ? draft.editingId : null,
    editingRev: editing ? draft.editingRev : 0,
    draftId: isId(draft.draftId) ? draft.draftId : null,
  };
}

export function normalizeDiary(diary) {
  return { entries: diary.entries.map(normalizeEntry) };
}

// For storage.read(): a stored diary with a few bad entries keeps its good ones; the bad ones (and
// repeats of an id) are set aside alone. Null when the value is not a diary at all.
export function diarySalvage(diary) {
  if (!diaryIsPlainObject(diary) || !Array.isArray(diary.entries)) return null;
  const good = [];
  const bad = [];
  const ids = new Set();
  for (const entry of diary.entries) {
    if (validateEntry(entry).length || ids.has(entry.id)) bad.push(entry);
    else {
      ids.add(entry.id);
      good.push(entry);
    }
  }
  if (!bad.length || good.length > DIARY_ENTRIES_MAX) return null;
  return { data: { entries: good }, rejected: { entries: bad }, reason: 'bad-entries' };
}

// Entries with the same minute keep "last added first": the array is in the
// order entries were added, and Array.prototype.sort is stable.
export function sortNewestFirst(entries) {
  return entries.slice().reverse().sort((a, b) => diaryCompareAt(b, a));
}

export function diarySortOldestFirst(entries) {
  return entries.slice().sort(diaryCompareAt);
}

// ---------------------------------------------------------------- migrations

// Schema 1 (the first shape) stored { entries: [{ id?, date, pain, note? }] }
// with one pain number, taken during exercise, and a date with or without a
// time. Missing ids are derived from the entry itself (not random) so that
// importing the same old file twice still merges without duplicates.
// Noon stands in for a missing time, so the day stays right even if some tool
// reads the value as UTC.
function diaryMigrate1to2(data) {
  if (!diaryIsPlainObject(data) || !Array.isArray(data.entries)) {
    throw new TypeError('Schema 1 diary without entries');
  }
  return {
    entries: data.entries.map((old, index) => {
      if (!diaryIsPlainObject(old)) return old;
      const date = typeof old.date === 'string' ? old.date : '';
      const at = DIARY_DATE_RE.test(date) ? `${date}T12:00` : date;
      const id = typeof old.id === 'string' && DIARY_ID_RE.test(old.id)
        ? old.id
        : `v1-${date.replace(/[^0-9]/g, '')}-${index}`;
      const entry = emptyEntry(id, at);
      entry.painDuring = old.pain === undefined ? null : old.pain;
      if (old.note !== undefined) entry.note = old.note;
      return entry;
    }),
  };
}

// Schema 3 added `session` (a guided session's exercises): an older version would drop it on its next
// write, so the schema was raised (docs/storage.md rule 4). Old entries get none; their free-text
// exercise names stay as typed (pain per exercise matches them to the library's titles when it reads).
function diaryMigrate2to3(data) {
  if (!diaryIsPlainObject(data) || !Array.isArray(data.entries)) {
    throw new TypeError('Schema 2 diary without entries');
  }
  return { ...data, entries: data.entries.map((old) => (diaryIsPlainObject(old) ? { ...old, session: null } : old)) };
}

export const DIARY_MIGRATIONS = { 1: diaryMigrate1to2, 2: diaryMigrate2to3 };

// What the page passes to storage.read() for the diary.
export const DIARY_READ_OPTIONS = {
  schema: DIARY_SCHEMA,
  migrations: DIARY_MIGRATIONS,
  validate: validateDiary,
  salvage: diarySalvage,
  normalize: normalizeDiary,
  salvagedMessage: 'Some entries of your diary could not be read, so they were set aside below, each with the reason. '
    + 'The rest of your diary is here.',
  label: 'diary',
};
