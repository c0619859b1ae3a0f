// Words the diary page shows, built from entries as plain strings (the page
// puts them in text nodes). No DOM, so Node's test runner checks them.

import { sessionViewHighest, sessionViewLines } from './session-view.js';
import { DIARY_PAIN_FIELDS, DIARY_REACH_LABELS, DIARY_EXERCISES_MAX, DIARY_EXERCISE_MAX, diaryParseAt, diaryDayToDate, diaryWeekStart, diaryShortDate, diaryCutText } from './diary-model.js';

const VIEW_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const VIEW_PAIN_WORDS = { painBefore: 'before', painDuring: 'during', painAfter: 'after', painNextMorning: 'next morning' };
const VIEW_SIDES = { left: 'left side', right: 'right side', both: 'both sides' };

// "Mon 3 Nov 2026, 18:30" from "2026-11-03T18:30".
export function viewWhen(at) {
  const when = diaryParseAt(at);
  if (!when) return String(at);
  return `${VIEW_DAYS[(((when.dayNumber + 4) % 7) + 7) % 7]} ${diaryShortDate(when.dayNumber, true)}, ${at.slice(11)}`;
}

// The pain check's heading for a stored level, only for levels the pain check has: a level such as
// "constructor" must never reach Object.prototype.
export function viewCheckHeading(checks, level) {
  return typeof level === 'string' && Object.prototype.hasOwnProperty.call(checks, level) ? checks[level] : null;
}

// The lines describing one normalised entry (the note is left to the page).
// checks: the pain check's outcome headings by level.
export function viewEntryLines(entry, checks = {}) {
  // A session's "during" is its highest score in one exercise, so the line says which (review P13).
  const highest = sessionViewHighest(entry);
  const pains = DIARY_PAIN_FIELDS.filter((f) => entry[f] !== null)
    .map((f) => (f === 'painDuring' && highest ? `highest in one exercise ${entry[f]} (${highest})` : `${VIEW_PAIN_WORDS[f]} ${entry[f]}`));
  const lines = [pains.length ? `Pain ${pains.join(', ')}` : 'No pain numbers'];
  const reach = [DIARY_REACH_LABELS[entry.reach], VIEW_SIDES[entry.side]].filter(Boolean);
  if (reach.length) lines.push(`Reaches ${reach.join(', ')}`);
  if (entry.feelings.length) lines.push(`Feels ${entry.feelings.join(', ').replace(/-/g, ' ')}`);
  if (entry.exercises.length) lines.push(`Exercises: ${entry.exercises.join(', ')}`);
  if (entry.check) lines.push(`Pain check: ${viewCheckHeading(checks, entry.check) || 'a result this version does not know'}`);
  lines.push(...sessionViewLines(entry, checks));
  return lines;
}

// One exercise a line, so that a name may hold a comma ("Bridges, slow"); cut to what validateEntry
// accepts, between characters.
export function viewSplitExercises(text) {
  const names = [];
  for (const part of String(text).split(/\r?\n/)) {
    const name = diaryCutText(part.trim(), DIARY_EXERCISE_MAX).trim();
    if (name && !names.includes(name)) names.push(name);
  }
  return names.slice(0, DIARY_EXERCISES_MAX);
}

// Exercise names, most recently used first, from the latest 200 entries (a long diary is not walked
// to its start for names no one has used in months). entries: newest first.
export function viewRecentExercises(entries, limit = 20) {
  const names = [];
  for (const entry of entries.slice(0, 200)) {
    for (const name of entry.exercises) {
      if (!names.includes(name)) names.push(name);
      if (names.length >= limit) return names;
    }
  }
  return names;
}

// What the <datalist> offers for the text typed so far: the finished names
// are kept and each recent exercise not yet listed is offered after them.
// Names offered to add: the recent exercises not listed yet.
export function viewSuggestions(typed, recent) {
  const done = viewSplitExercises(typed);
  return recent.filter((name) => !done.includes(name));
}

// The chart's period: whole weeks (Monday first) ending today; 0 weeks means everything.
export function viewPeriod(weeks, today) {
  if (!weeks) return {};
  return { from: diaryDayToDate(diaryWeekStart(today) - 7 * (weeks - 1)), to: diaryDayToDate(today) };
}

export function viewInPeriod(entry, period) {
  return !period.from || (entry.at >= period.from && entry.at <= `${period.to}T23:59`);
}

// "3 Nov 2026 to 30 Nov 2026: 12 entries."
export function viewPeriodText(from, to, count) {
  const entries = `${count} ${count === 1 ? 'entry' : 'entries'}`;
  if (!from) return 'No entries yet.';
  const day = (date) => {
    const when = diaryParseAt(`${date}T00:00`);
    return when ? diaryShortDate(when.dayNumber, true) : date;
  };
  return `${day(from)} to ${day(to)}: ${entries}.`;
}
