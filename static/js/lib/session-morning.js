// The next morning's question after a guided session (CONTENT.md C1: pain after exercise must settle by
// the next morning): which entry to ask about, and the entry with the answer. Pure: the page module
// (static/js/session-morning.js) reads the diary and writes the answer through the diary's rules.
import { diarySessionProblems } from './diary-session.js';

// The diary schema this question reads (lib/diary-model.js DIARY_SCHEMA; a node test keeps them equal). The home
// page does not load the diary model: a diary of another schema is left to the diary page.
export const SESSION_MORNING_DIARY_SCHEMA = 3;

export const SESSION_MORNING_ANSWERS = ['better', 'same', 'worse'];

function sessionMorningDay(at) {
  if (typeof at !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(at)) return null;
  const [year, month, day] = at.slice(0, 10).split('-').map(Number);
  return Math.round(Date.UTC(year, month - 1, day) / 86400000);
}

// The local calendar day of a Date, as a day number (days since 1970-01-01 on the calendar itself).
export function sessionMorningToday(now) {
  return Math.round(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86400000);
}

/**
 * The session entry to ask about today: the latest entry of yesterday (local date) with a session that
 * has no next-morning answer yet (a dismissed question counts as answered: never asked twice).
 */
export function sessionMorningDue(entries, today) {
  let found = null;
  for (const entry of Array.isArray(entries) ? entries : []) {
    // The raw diary is read here: a session the diary would set aside is skipped, never walked (A3).
    if (!entry || !entry.session || typeof entry.session !== 'object' || diarySessionProblems(entry.session).length) continue;
    if (entry.session.nextMorning !== null && entry.session.nextMorning !== undefined) continue;
    if (sessionMorningDay(entry.at) !== today - 1) continue;
    if (!found || entry.at >= found.at) found = entry;
  }
  return found;
}

/**
 * The entry with the patient's answer ('better' | 'same' | 'worse' | 'dismissed') and, only when they gave
 * a number and the entry has none yet, its pain the next morning. One rev up, like every save.
 */
export function sessionMorningAnswered(entry, answer, pain) {
  const next = { ...entry, session: { ...entry.session, nextMorning: answer }, rev: (entry.rev || 1) + 1 };
  if (Number.isInteger(pain) && pain >= 0 && pain <= 10 && entry.painNextMorning === null) next.painNextMorning = pain;
  return next;
}

// The typed pain: { pain } (a whole number 0-10, or null when left empty) or { problem } (A2: never dropped).
export function sessionMorningPain(text) {
  const value = String(text || '').trim();
  if (!value) return { pain: null, problem: null };
  if (/^(10|[0-9])$/.test(value)) return { pain: Number(value), problem: null };
  return { pain: null, problem: 'Type your pain now as a whole number from 0 to 10, or leave it empty.' };
}

/**
 * Why the answer cannot go on the entry as it is stored now (`existing`, null when it is gone): 'gone'
 * (deleted, or its session removed) or 'answered' (another tab answered first; `stored` is that answer).
 * Null when it can be written.
 */
export function sessionMorningBlocked(existing) {
  if (!existing || !existing.session || typeof existing.session !== 'object') return { why: 'gone', stored: null };
  const stored = existing.session.nextMorning;
  return stored !== null && stored !== undefined ? { why: 'answered', stored } : null;
}

// Worse than before yesterday's exercises is the tell-therapist advice (the page shows that card).
export function sessionMorningAdvises(answer) {
  return answer === 'worse';
}
