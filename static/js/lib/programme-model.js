// "My programme": the exercises a therapist gave the patient, with no DOM so Node's test runner checks it.
// The storage rules are the diary's (docs/storage.md); the shape is the one in docs/storage.md's key table.
// The session page (session/) and the home page read it through the same functions.
//
// Everything here is plain data: names and notes are shown with textContent, never as HTML. Unknown fields
// are dropped by normalizeProgramme, and library ids are looked up in a Map, so "__proto__" or
// "constructor" in a file or a link is just an unknown name.
import { diaryCutText, diaryIsPlainObject, diaryParseDate, diaryParseAt, diaryAtFromDate, diaryDayToDate, newId } from './diary-model.js';

export const PROGRAMME_STORAGE_NAME = 'programme';
export const PROGRAMME_SCHEMA = 1;
export const PROGRAMME_ITEMS_MAX = 40;
export const PROGRAMME_NAME_MAX = 120;
export const PROGRAMME_FROM_MAX = 120;
export const PROGRAMME_NOTE_MAX = 1000;
export const PROGRAMME_TIMES_MAX = 6;
export const PROGRAMME_HISTORY_MAX = 10;
export const PROGRAMME_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const PROGRAMME_DAY_NAMES = {
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
};
// Each dose field's label and the whole numbers it may hold: wider than any home programme, narrow enough that a
// typing slip (1000 reps) is caught.
export const PROGRAMME_DOSE_FIELDS = {
  sets: { label: 'sets', min: 1, max: 20 },
  reps: { label: 'repetitions', min: 1, max: 100 },
  holdSeconds: { label: 'hold (seconds)', min: 1, max: 600 },
  restSeconds: { label: 'rest (seconds)', min: 0, max: 600 },
  timesPerDay: { label: 'times a day', min: 1, max: 10 },
  daysPerWeek: { label: 'days a week', min: 1, max: 7 },
};
const PROGRAMME_DOSE_KEYS = Object.keys(PROGRAMME_DOSE_FIELDS);
const PROGRAMME_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
// The library's ids (contract part 1): lowercase words joined by hyphens.
const PROGRAMME_EXERCISE_ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PROGRAMME_EXERCISE_ID_MAX = 64;
const PROGRAMME_TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const PROGRAMME_PROBLEMS_SHOWN = 20;

// ---------------------------------------------------------------- building

export function emptyProgramme(random) {
  return { id: `p-${newId(random)}`, from: '', startDate: null, reviewDate: null, note: '', items: [], rev: 1, history: [] };
}

export function emptyProgrammeDose() {
  const dose = {};
  for (const key of PROGRAMME_DOSE_KEYS) dose[key] = null;
  return dose;
}

// A new item: from a library exercise ({ id, title }) or a typed name. The dose starts empty: the library's
// default shows through (programmeItemDose) until the patient types the dose their therapist gave.
export function programmeNewItem(source, random) {
  const fromLibrary = diaryIsPlainObject(source);
  return {
    key: `i-${newId(random)}`,
    exerciseId: fromLibrary ? source.id : null,
    name: programmeCutText(fromLibrary ? source.title : source, PROGRAMME_NAME_MAX).trim(),
    dose: emptyProgrammeDose(),
    days: [],
    times: [],
    note: '',
  };
}

// What a text field keeps: at most `max` UTF-16 units, cut between characters (never half an emoji).
export function programmeCutText(text, max) {
  return diaryCutText(typeof text === 'string' ? text : '', max);
}

// ---------------------------------------------------------------- checking

function programmeIsText(value, max) {
  return typeof value === 'string' && value.length <= max;
}

function programmeIsDate(value) {
  return value === null || (typeof value === 'string' && diaryParseDate(value) !== null
    && value >= '2000-01-01' && value <= '2099-12-31');
}

function programmeDoseProblems(dose) {
  if (dose === undefined || dose === null) return [];
  if (!diaryIsPlainObject(dose)) return ['its dose is not a list of numbers.'];
  const problems = [];
  for (const key of PROGRAMME_DOSE_KEYS) {
    const value = dose[key];
    if (value === undefined || value === null) continue;
    const { label, min, max } = PROGRAMME_DOSE_FIELDS[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${label} must be a whole number from ${min} to ${max}, or left empty.`);
    }
  }
  return problems;
}

function programmeItemProblems(item) {
  if (!diaryIsPlainObject(item)) return ['it is not an exercise.'];
  const problems = [];
  if (typeof item.key !== 'string' || !PROGRAMME_ID_RE.test(item.key)) problems.push('its id is missing or not valid.');
  if (item.exerciseId !== undefined && item.exerciseId !== null
    && !(typeof item.exerciseId === 'string' && item.exerciseId.length <= PROGRAMME_EXERCISE_ID_MAX
      && PROGRAMME_EXERCISE_ID_RE.test(item.exerciseId))) {
    problems.push('its library id is not valid.');
  }
  if (typeof item.name !== 'string' || !item.name.trim() || item.name.length > PROGRAMME_NAME_MAX) {
    problems.push(`its name must be text of 1 to ${PROGRAMME_NAME_MAX} characters.`);
  }
  problems.push(...programmeDoseProblems(item.dose));
  if (item.days !== undefined && !(Array.isArray(item.days) && item.days.length <= PROGRAMME_DAYS.length
    && item.days.every((day) => PROGRAMME_DAYS.indexOf(day) >= 0))) {
    problems.push('its days must be days of the week (mon to sun).');
  }
  if (item.times !== undefined && !(Array.isArray(item.times) && item.times.length <= PROGRAMME_TIMES_MAX
    && item.times.every((time) => typeof time === 'string' && PROGRAMME_TIME_RE.test(time)))) {
    problems.push(`its times must be at most ${PROGRAMME_TIMES_MAX} times of day like 08:00.`);
  }
  if (item.note !== undefined && item.note !== null && !programmeIsText(item.note, PROGRAMME_NOTE_MAX)) {
    problems.push(`its note must be text of at most ${PROGRAMME_NOTE_MAX} characters.`);
  }
  return problems;
}

function programmeLabel(item, index) {
  const name = diaryIsPlainObject(item) && typeof item.name === 'string' && item.name.trim()
    ? ` (${programmeCutText(item.name.trim(), 40)})` : '';
  return `Exercise ${index + 1}${name}`;
}

// Plain-language problems; empty means the programme is good. `nested`: an earlier programme in `history`,
// which has no history of its own. The list is capped so a wholly wrong file gives a readable message.
export function validateProgramme(programme, nested = false) {
  if (!diaryIsPlainObject(programme)) return ['The programme is not a programme.'];
  const problems = [];
  if (typeof programme.id !== 'string' || !PROGRAMME_ID_RE.test(programme.id)) problems.push('The programme\'s id is missing or not valid.');
  if (programme.from !== undefined && programme.from !== null && !programmeIsText(programme.from, PROGRAMME_FROM_MAX)) {
    problems.push(`Who the programme is from must be text of at most ${PROGRAMME_FROM_MAX} characters.`);
  }
  if (programme.note !== undefined && programme.note !== null && !programmeIsText(programme.note, PROGRAMME_NOTE_MAX)) {
    problems.push(`The programme's note must be text of at most ${PROGRAMME_NOTE_MAX} characters.`);
  }
  for (const [field, words] of [['startDate', 'start date'], ['reviewDate', 'review date']]) {
    if (programme[field] !== undefined && !programmeIsDate(programme[field])) {
      problems.push(`The ${words} must be a real date like 2026-12-01, or left empty.`);
    }
  }
  if (typeof programme.startDate === 'string' && typeof programme.reviewDate === 'string'
    && programmeIsDate(programme.startDate) && programmeIsDate(programme.reviewDate) && programme.reviewDate < programme.startDate) {
    problems.push('The review date is before the start date.');
  }
  if (programme.rev !== undefined && !(Number.isInteger(programme.rev) && programme.rev >= 1)) {
    problems.push('The programme\'s version number is not valid.');
  }
  if (!Array.isArray(programme.items)) return [...problems, 'The programme has no list of exercises.'];
  // Checked before any item is looked at: a file with 10,000 items is refused at once.
  if (programme.items.length > PROGRAMME_ITEMS_MAX) {
    return [...problems, `The programme has more than ${PROGRAMME_ITEMS_MAX} exercises.`];
  }
  let hidden = 0;
  const add = (text) => {
    if (problems.length < PROGRAMME_PROBLEMS_SHOWN) problems.push(text);
    else hidden += 1;
  };
  const keys = new Set();
  programme.items.forEach((item, index) => {
    for (const problem of programmeItemProblems(item)) add(`${programmeLabel(item, index)}: ${problem}`);
    if (diaryIsPlainObject(item) && typeof item.key === 'string') {
      if (keys.has(item.key)) add(`${programmeLabel(item, index)}: another exercise has the same id.`);
      keys.add(item.key);
    }
  });
  if (programme.history !== undefined) {
    if (nested) {
      if (!(Array.isArray(programme.history) && programme.history.length === 0)) add('An earlier programme cannot hold earlier programmes.');
    } else if (!Array.isArray(programme.history) || programme.history.length > PROGRAMME_HISTORY_MAX) {
      add(`The earlier programmes must be a list of at most ${PROGRAMME_HISTORY_MAX}.`);
    } else {
      programme.history.forEach((old, index) => {
        for (const problem of validateProgramme(old, true)) add(`Earlier programme ${index + 1}: ${problem}`);
      });
    }
  }
  if (hidden) problems.push(`… and ${hidden} more ${hidden === 1 ? 'problem' : 'problems'}.`);
  return problems;
}

// ---------------------------------------------------------------- normalising

function programmeNormalizeDose(dose) {
  const out = emptyProgrammeDose();
  if (!diaryIsPlainObject(dose)) return out;
  for (const key of PROGRAMME_DOSE_KEYS) out[key] = Number.isInteger(dose[key]) ? dose[key] : null;
  return out;
}

function programmeNormalizeItem(item) {
  return {
    key: item.key,
    exerciseId: typeof item.exerciseId === 'string' ? item.exerciseId : null,
    name: item.name.trim(),
    dose: programmeNormalizeDose(item.dose),
    // In week order, each once; all seven is the same as none ("every day").
    days: Array.isArray(item.days) && item.days.length < PROGRAMME_DAYS.length
      ? PROGRAMME_DAYS.filter((day) => item.days.indexOf(day) >= 0) : [],
    times: Array.isArray(item.times) ? [...new Set(item.times)].sort() : [],
    note: typeof item.note === 'string' ? item.note : '',
  };
}

// Call only on a programme that passed validateProgramme. Known fields in a fixed order (so two equal
// programmes serialise equally), defaults filled, unknown fields dropped.
export function normalizeProgramme(programme, nested = false) {
  const out = {
    id: programme.id,
    from: typeof programme.from === 'string' ? programme.from.trim() : '',
    startDate: typeof programme.startDate === 'string' ? programme.startDate : null,
    reviewDate: typeof programme.reviewDate === 'string' ? programme.reviewDate : null,
    note: typeof programme.note === 'string' ? programme.note : '',
    items: programme.items.map(programmeNormalizeItem),
    rev: programme.rev === undefined ? 1 : programme.rev,
    history: [],
  };
  if (!nested && Array.isArray(programme.history)) out.history = programme.history.map((old) => normalizeProgramme(old, true));
  return out;
}

// What storage.read() is given for the programme (lib/storage.js): a programme that fails is set aside whole,
// with its reason, and the page starts an empty one; nothing is erased.
export const PROGRAMME_READ_OPTIONS = {
  schema: PROGRAMME_SCHEMA,
  migrations: {},
  validate: (data) => validateProgramme(data),
  normalize: (data) => normalizeProgramme(data),
  fallback: null,
  label: 'exercise programme',
};

// No exercise and nothing typed: the page need not keep it, and the home page shows no block for it.
export function programmeIsEmpty(programme) {
  return !programme || (!programme.items.length && !programme.from && !programme.note && !programme.startDate && !programme.reviewDate);
}

// Whether two programmes hold the same exercises, doses and words (their save count and history aside):
// an import asks before it replaces a stored programme only when they differ.
export function programmeSame(a, b) {
  const strip = (p) => JSON.stringify({ ...normalizeProgramme(p), rev: 0, history: [] });
  return strip(a) === strip(b);
}

// `incoming` in place of `current`: the replaced programme goes first into the history (the oldest drop off).
export function programmeReplace(current, incoming) {
  const next = normalizeProgramme(incoming);
  const kept = current ? [{ ...normalizeProgramme(current, true), history: [] }, ...current.history] : [];
  const seen = new Set([next.id]);
  next.history = [...kept, ...next.history].filter((old) => {
    const fresh = !seen.has(old.id) || !programmeSame(old, next);
    seen.add(old.id);
    return fresh;
  }).slice(0, PROGRAMME_HISTORY_MAX);
  next.rev = (current ? current.rev : 0) + 1;
  return next;
}

// ---------------------------------------------------------------- the library

// The library's exercises by id (lib.exercises from exercises/library.json, contract part 1), in a Map so an id
// such as "__proto__" finds nothing. Entries without a usable id or title are left out.
export function programmeLibraryIndex(library) {
  const index = new Map();
  const list = diaryIsPlainObject(library) && Array.isArray(library.exercises) ? library.exercises : [];
  for (const exercise of list) {
    if (diaryIsPlainObject(exercise) && typeof exercise.id === 'string' && PROGRAMME_EXERCISE_ID_RE.test(exercise.id)
      && typeof exercise.title === 'string' && !index.has(exercise.id)) index.set(exercise.id, exercise);
  }
  return index;
}

function programmeIndexOf(library) {
  return library instanceof Map ? library : programmeLibraryIndex(library);
}

// The library exercise an item names, or null (typed in, or an id this guide's library does not have).
export function programmeExerciseOf(item, library) {
  return item.exerciseId ? programmeIndexOf(library).get(item.exerciseId) || null : null;
}

// The item's dose: each of its own fields, else the library's default for its exercise, else null.
// `library`: the library JSON or programmeLibraryIndex() of it (or null).
export function programmeItemDose(item, library) {
  const exercise = programmeExerciseOf(item, library);
  const defaults = exercise && diaryIsPlainObject(exercise.dose) ? programmeNormalizeDose(exercise.dose) : emptyProgrammeDose();
  const own = programmeNormalizeDose(item.dose);
  const dose = {};
  for (const key of PROGRAMME_DOSE_KEYS) dose[key] = own[key] !== null ? own[key] : defaults[key];
  return dose;
}

// The library's default for only the fields the item leaves empty (the others null): the "usual starting dose"
// the pages show as this guide's, never as the therapist's (patient review U1). The item itself never stores it.
export function programmeItemUsualDose(item, library) {
  const merged = programmeItemDose(item, library);
  const own = programmeNormalizeDose(item.dose);
  const usual = {};
  for (const key of PROGRAMME_DOSE_KEYS) usual[key] = own[key] === null ? merged[key] : null;
  return usual;
}

// ---------------------------------------------------------------- days

function programmeDayNumber(day) {
  if (Number.isInteger(day)) return day;
  if (day instanceof Date) return diaryParseAt(diaryAtFromDate(day)).dayNumber;
  const parsed = typeof day === 'string' ? diaryParseDate(day.slice(0, 10)) : null;
  return parsed ? parsed.dayNumber : null;
}

const programmeDateOf = diaryDayToDate;

// mon..sun of a day number (day 0, 1 January 1970, was a Thursday).
export function programmeWeekday(day) {
  const n = programmeDayNumber(day);
  return n === null ? null : PROGRAMME_DAYS[(((n + 3) % 7) + 7) % 7];
}

// The items due on a day (a day number, "YYYY-MM-DD" or a Date read on this phone's calendar): an item with no
// days is due every day; nothing is due before the programme's start date.
export function programmeDueOn(programme, day) {
  const n = programmeDayNumber(day);
  if (!programme || n === null) return [];
  if (programme.startDate && programmeDateOf(n) < programme.startDate) return [];
  const weekday = programmeWeekday(n);
  return programme.items.filter((item) => !item.days.length || item.days.indexOf(weekday) >= 0);
}

// Whether the review date has passed on `day`: the page then says to ask the therapist to check the programme.
export function programmeReviewPassed(programme, day) {
  const n = programmeDayNumber(day);
  return Boolean(programme && programme.reviewDate && n !== null && programmeDateOf(n) > programme.reviewDate);
}

// What is left today: each item due today, with how many of its times a day are still to do. A time counts as
// done when the item is in one of today's session entries (contract part 3: entry.session.items, by key), skipped
// or not: an exercise stopped because it hurt is not asked for again the same day.
// `entries`: the diary's entries (each { at, session? }). Returns [{ item, timesLeft, timesDone }] of items with
// times left, in the programme's order.
export function programmeLeftToday(programme, entries, today, library = null) {
  const n = programmeDayNumber(today);
  if (!programme || n === null) return [];
  const date = programmeDateOf(n);
  const done = new Map();
  for (const entry of Array.isArray(entries) ? entries : []) {
    if (!diaryIsPlainObject(entry) || typeof entry.at !== 'string' || entry.at.slice(0, 10) !== date) continue;
    const session = entry.session;
    if (!diaryIsPlainObject(session) || !Array.isArray(session.items)) continue;
    if (typeof session.programmeId === 'string' && session.programmeId !== programme.id) continue;
    const seen = new Set();
    for (const item of session.items) {
      if (!diaryIsPlainObject(item) || typeof item.key !== 'string' || seen.has(item.key)) continue;
      seen.add(item.key);
      done.set(item.key, (done.get(item.key) || 0) + 1);
    }
  }
  const left = [];
  for (const item of programmeDueOn(programme, n)) {
    // Only the therapist's times a day count: a library default of 3 would ask for sets nobody prescribed (U1).
    const times = programmeNormalizeDose(item.dose).timesPerDay || 1;
    const timesDone = done.get(item.key) || 0;
    const usualTimes = programmeItemUsualDose(item, library).timesPerDay;
    if (timesDone < times) left.push({ item, timesLeft: times - timesDone, timesDone, usualTimes });
  }
  return left;
}

// ---------------------------------------------------------------- words

function programmeCount(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

function programmeSeconds(n) {
  return n >= 60 && n % 60 === 0 ? programmeCount(n / 60, 'minute', 'minutes') : programmeCount(n, 'second', 'seconds');
}

// "2 sets of 10, hold 5 seconds, rest 30 seconds, once a day, 3 days a week"; '' when nothing is set.
export function programmeDoseWords(dose) {
  const d = programmeNormalizeDose(dose);
  const parts = [];
  if (d.sets !== null && d.reps !== null) parts.push(`${programmeCount(d.sets, 'set', 'sets')} of ${d.reps}`);
  else if (d.sets !== null) parts.push(programmeCount(d.sets, 'set', 'sets'));
  else if (d.reps !== null) parts.push(programmeCount(d.reps, 'time', 'times'));
  if (d.holdSeconds !== null) parts.push(`hold ${programmeSeconds(d.holdSeconds)}`);
  if (d.restSeconds !== null) parts.push(d.restSeconds ? `rest ${programmeSeconds(d.restSeconds)}` : 'no rest');
  if (d.timesPerDay !== null) parts.push(programmePerDay(d.timesPerDay));
  if (d.daysPerWeek !== null) parts.push(d.daysPerWeek === 7 ? 'every day' : `${programmeCount(d.daysPerWeek, 'day', 'days')} a week`);
  return parts.join(', ');
}

// "Every day", "Monday to Friday", "Monday, Wednesday and Friday".
export function programmeDaysWords(days) {
  const known = PROGRAMME_DAYS.filter((day) => Array.isArray(days) && days.indexOf(day) >= 0);
  if (!known.length || known.length === PROGRAMME_DAYS.length) return 'Every day';
  if (known.join() === 'mon,tue,wed,thu,fri') return 'Monday to Friday';
  const names = known.map((day) => PROGRAMME_DAY_NAMES[day]);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

// What the home page lists for an item left today: "Bridge (3 times a day)", "Bridge (2 more today, of 3 times a
// day)"; the bare name when once is all it asks. The library's times a day, when the therapist gave none, is named
// as this guide's usual starting dose, so it never reads as what the therapist said (U1).
function programmePerDay(times) {
  return times === 1 ? 'once a day' : times === 2 ? 'twice a day' : `${times} times a day`;
}

export function programmeLeftWords({ item, timesLeft, timesDone, usualTimes = null }) {
  const times = timesLeft + timesDone;
  if (times > 1) {
    return timesDone ? `${item.name} (${timesLeft} more today, of ${programmePerDay(times)})` : `${item.name} (${programmePerDay(times)})`;
  }
  return usualTimes > 1 ? `${item.name} (your therapist gave no times a day; this guide's usual starting dose is ${programmePerDay(usualTimes)})` : item.name;
}

// "at 08:00 and 18:00"; '' when no time is set.
export function programmeTimesWords(times) {
  const list = Array.isArray(times) ? times.filter((t) => typeof t === 'string' && PROGRAMME_TIME_RE.test(t)) : [];
  if (!list.length) return '';
  // No template literal inside another: the minifier (rjsmin) does not read nested ones right.
  return 'at ' + (list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`);
}

// ---------------------------------------------------------------- in the diary's export file

// What the diary's JSON export carries (lib/diary-share.js): the programme in its own small envelope, so a later
// version can raise the programme's schema without the diary's.
export function programmeForExport(programme) {
  return { schema: PROGRAMME_SCHEMA, data: normalizeProgramme(programme) };
}

// The programme of an export file, checked before anything changes: { ok, programme, problems }. A programme a
// newer version wrote, or one with any mistake (wrong types, too many exercises, an unknown day), refuses the file.
export function programmeFromExport(value) {
  const refuse = (problems) => ({ ok: false, programme: null, problems });
  if (!diaryIsPlainObject(value) || !Number.isInteger(value.schema) || value.schema < 1) {
    return refuse(['The exercise programme in this file is not one PT Guide can read, so nothing was imported. Nothing was changed.']);
  }
  if (value.schema > PROGRAMME_SCHEMA) {
    return refuse([`The exercise programme in this file was made by a newer version of PT Guide (programme version ${value.schema}; `
      + `this app reads up to version ${PROGRAMME_SCHEMA}). Reload the app while online to update it, then import again. Nothing was changed.`]);
  }
  const problems = validateProgramme(value.data);
  if (problems.length) return refuse(['The exercise programme in this file has mistakes, so nothing was imported. Nothing was changed.', ...problems]);
  return { ok: true, programme: normalizeProgramme(value.data), problems: [] };
}
