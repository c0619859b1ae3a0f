// The pain check's saved answers: their shape, the migration from older shapes, and when a check
// is too old to be current. Pure functions, no DOM, so `node --test` checks them.
//
// Stored record (schema 3):
//   { answers: { pain, when, behaviour, ticked: [ids], none: [warning group ids] },
//     changedAt: ISO time of the last answer | null,
//     startedAt: ISO time of the first answer | null (names the check: its diary entry id; the
//                fresh window counts from it, so answering again never stretches it),
//     doneAt: ISO time the patient reached the result | null,
//     last: null | { at: "YYYY-MM-DDTHH:MM", level, heading, ticked?: [warning item ids] }
//           the previous result, as history
//     saved: null | { at, level, heading }   schema 1's "last saved to diary" note, kept as it was }

export const PAIN_CHECK_SCHEMA = 3;
export const PAIN_CHECK_STORE_NAME = 'pain-check';

// Published ids that were split into several (CONTENT.md A6 and the bladder item). No one new id
// means the same, so a check saved with one starts afresh rather than being read as another answer.
export const PAIN_CHECK_RETIRED_IDS = ['when-next-morning', 'bladder-or-bowel'];

// Published ids merged into another with the same meaning: read as that one (schema 3). "The next
// morning, still worse" was asked twice, once under "when" and once as a sign to change the exercise.
const PAIN_CHECK_MERGED_WHEN = { 'when-next-morning-worse': 'worse-next-morning' };

const PAIN_CHECK_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const PAIN_CHECK_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const PAIN_CHECK_MINUTE_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export function painCheckEmptyAnswers() {
  return { pain: null, when: null, behaviour: null, ticked: [], none: [] };
}

export function painCheckEmptyRecord() {
  return { answers: painCheckEmptyAnswers(), changedAt: null, startedAt: null, doneAt: null, last: null, saved: null };
}

function painCheckIsObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function painCheckIsIdList(value) {
  return Array.isArray(value) && value.every((id) => typeof id === 'string');
}

function painCheckIsTime(value) {
  return value === null || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
}

function painCheckIsNote(value) {
  return value == null || (painCheckIsObject(value) && (value.at === null || typeof value.at === 'string')
    && typeof value.level === 'string' && typeof value.heading === 'string'
    && (value.ticked === undefined || painCheckIsIdList(value.ticked)));
}

export function painCheckIsAnswers(answers) {
  if (!painCheckIsObject(answers)) return false;
  const { pain, when, behaviour, ticked, none } = answers;
  const idOrNull = (value) => value === null || typeof value === 'string';
  return (pain === null || (Number.isInteger(pain) && pain >= 0 && pain <= 10))
    && idOrNull(when) && idOrNull(behaviour) && painCheckIsIdList(ticked) && painCheckIsIdList(none);
}

// The stored shape. Anything else is set aside by the storage module: reported, never used or deleted.
export function painCheckIsRecord(data) {
  return painCheckIsObject(data) && painCheckIsAnswers(data.answers)
    && painCheckIsTime(data.changedAt) && painCheckIsTime(data.startedAt) && painCheckIsTime(data.doneAt)
    && painCheckIsNote(data.last) && painCheckIsNote(data.saved);
}

export function painCheckUsesRetiredId(answers) {
  const given = [answers.when, answers.behaviour, ...(Array.isArray(answers.ticked) ? answers.ticked : [])];
  return given.some((id) => PAIN_CHECK_RETIRED_IDS.includes(id));
}

// Schema 1 kept { answers: { pain, when, behaviour, ticked }, saved } with no time: its answers are of
// unknown age, so they come back as an old check (changedAt null), never as the current one.
function painCheckMigrate1to2(data) {
  if (!painCheckIsObject(data) || !painCheckIsObject(data.answers)) throw new TypeError('not a schema 1 pain check');
  const answers = { ...painCheckEmptyAnswers(), ...data.answers, none: [] };
  return {
    answers: painCheckUsesRetiredId(answers) ? painCheckEmptyAnswers() : answers,
    changedAt: null,
    startedAt: null,
    last: null,
    saved: data.saved == null ? null : data.saved,
  };
}

// Schema 3 adds doneAt and asks "still worse the next morning" once: the "when" answer becomes the tick.
function painCheckMigrate2to3(data) {
  if (!painCheckIsObject(data) || !painCheckIsAnswers(data.answers)) throw new TypeError('not a schema 2 pain check');
  const answers = { ...data.answers, ticked: [...data.answers.ticked] };
  const merged = PAIN_CHECK_MERGED_WHEN[answers.when];
  if (merged) {
    answers.when = null;
    if (!answers.ticked.includes(merged)) answers.ticked.push(merged);
  }
  return { ...data, answers, doneAt: null };
}

export const PAIN_CHECK_MIGRATIONS = { 1: painCheckMigrate1to2, 2: painCheckMigrate2to3 };

export const PAIN_CHECK_READ_OPTIONS = {
  schema: PAIN_CHECK_SCHEMA,
  migrations: PAIN_CHECK_MIGRATIONS,
  validate: painCheckIsRecord,
  label: 'pain check answers',
};

export function painCheckHasAnswers(answers) {
  return answers.pain !== null || answers.when !== null || answers.behaviour !== null
    || answers.ticked.length > 0 || answers.none.length > 0;
}

// Local time as "YYYY-MM-DDTHH:MM", the diary's format.
export function painCheckLocalMinute(date) {
  const two = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

// "Tue 1 Dec, 13:44" from "2026-12-01T13:44"; the digits are the patient's own wall-clock time.
export function painCheckDateText(at) {
  const match = typeof at === 'string' ? PAIN_CHECK_MINUTE_RE.exec(at) : null;
  if (!match) return null;
  const [year, month, day] = match.slice(1, 4).map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return `${PAIN_CHECK_DAYS[weekday]} ${day} ${PAIN_CHECK_MONTHS[month - 1]}, ${match[4]}:${match[5]}`;
}

// The printed result's stamp: a date a therapist can file (with the year), and the score the patient chose,
// which "Why:" gives only as a range.
export function painCheckStampText(at, pain) {
  const match = typeof at === 'string' ? PAIN_CHECK_MINUTE_RE.exec(at) : null;
  if (!match) return '';
  const [day, time] = painCheckDateText(at).split(', ');
  const score = Number.isInteger(pain) && pain >= 0 && pain <= 10 ? ' Pain score chosen: ' + pain + ' out of 10.' : '';
  return 'Checked on ' + day + ' ' + match[1] + ' at ' + time + '.' + score;
}

export function painCheckHistoryText(last) {
  if (!last) return '';
  const when = painCheckDateText(last.at);
  // Plain concatenation: the minifier mangles a template literal nested in another.
  return 'Your last check' + (when ? ', ' + when : '') + ': ' + last.heading;
}

// The record's result as history: { at, level, heading, ticked? } from summarise, or the older note.
function painCheckAsLast(record, summarise) {
  const result = summarise(record.answers);
  const changed = record.changedAt ? Date.parse(record.changedAt) : Number.NaN;
  return result && result.level
    ? { at: Number.isNaN(changed) ? null : painCheckLocalMinute(new Date(changed)), ...result }
    : record.last;
}

/**
 * A record whose first answer is older than `freshHours` (or of unknown age) becomes a fresh check,
 * its result kept as `last` for the page to show as history. `summarise(answers)` gives
 * { level, heading, ticked? } or null. Returns the record unchanged when it is still current.
 */
export function painCheckExpire(record, now, freshHours, summarise) {
  if (!painCheckHasAnswers(record.answers)) return record;
  const changed = record.changedAt ? Date.parse(record.changedAt) : Number.NaN;
  const started = record.startedAt ? Date.parse(record.startedAt) : changed;
  // A time in the future (a clock put back) is not trusted either.
  const fresh = (time) => now.getTime() - time >= 0 && now.getTime() - time < freshHours * 3600000;
  if (fresh(started) && fresh(changed)) return record;
  return { ...painCheckEmptyRecord(), last: painCheckAsLast(record, summarise), saved: record.saved };
}

/**
 * The record a new visit (a page load, or a page come back to) starts from. The warning-sign answers
 * ("I have none of these" and the ticks) are never carried into it as current: they are asked again.
 * The other answers stay while the check is fresh. A result the patient was shown (a warning sign's
 * card, or the result step) becomes `last`, so the page shows it only as dated history.
 * warningItems: the ids of the warning-sign items.
 */
export function painCheckNewVisit(record, now, freshHours, summarise, warningItems) {
  const expired = painCheckExpire(record, now, freshHours, summarise);
  if (expired !== record || !painCheckHasAnswers(record.answers)) return expired;
  const warned = record.answers.ticked.some((id) => warningItems.includes(id));
  const shown = warned || Boolean(record.doneAt);
  if (!warned && record.answers.none.length === 0 && !shown) return record;
  // A result the patient saw is history: its "right now" answers (the pain score among them) are not
  // offered again as current (physiotherapist's second review). Unfinished answers keep all but the warning signs.
  const answers = shown
    ? painCheckEmptyAnswers()
    : { ...record.answers, ticked: record.answers.ticked.filter((id) => !warningItems.includes(id)), none: [] };
  const kept = painCheckHasAnswers(answers);
  return {
    ...record,
    answers,
    changedAt: kept ? record.changedAt : null,
    startedAt: kept ? record.startedAt : null,
    doneAt: null,
    last: shown ? painCheckAsLast(record, summarise) : record.last,
  };
}

// The diary entry a check makes: one per check, so saving it again updates that entry.
export function painCheckEntryId(startedAt) {
  const time = Date.parse(startedAt);
  return `pc-${Number.isNaN(time) ? 'undated' : time.toString(36)}`;
}
