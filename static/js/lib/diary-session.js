// A diary entry's `session` field: what a guided session did, exercise by exercise (issue 15).
// Checked and normalised here, called with one line each from validateEntry and normalizeEntry
// (lib/diary-model.js), so the diary's own rules stay in one place and this field in another.
// No imports: the diary model imports this file, and the bundler joins files as text.

// The pain check's levels (lib/pain-check-rules.js PAIN_CHECK_LEVELS; a node test keeps them equal).
// Only these are stored: anything else in a file or an old tab is refused, never shown.
export const DIARY_SESSION_LEVELS = ['keep-going', 'tell-therapist', 'see-doctor', 'urgent', 'emergency'];
// The next morning's answer; "dismissed" means the patient closed the question unanswered (never asked again).
export const DIARY_SESSION_MORNING = ['better', 'same', 'worse', 'dismissed'];
export const DIARY_SESSION_ITEMS_MAX = 30;
// The exercise signs a session asks (lib/pain-check-rules.js PAIN_CHECK_SESSION_SIGNS; a node test keeps them equal).
export const DIARY_SESSION_SIGNS = ['sharp-or-shooting', 'spreads-down-leg'];
export const DIARY_SESSION_NAME_MAX = 120;
// A name longer than this is not a name (a pasted page, an attack): refused rather than cut.
const DIARY_SESSION_NAME_REFUSED = 2000;
const DIARY_SESSION_COUNT_MAX = 999;
const DIARY_SESSION_HOLD_MAX = 3600;
const DIARY_SESSION_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const DIARY_SESSION_DOSE = { sets: DIARY_SESSION_COUNT_MAX, reps: DIARY_SESSION_COUNT_MAX, holdSeconds: DIARY_SESSION_HOLD_MAX };

function diarySessionIsObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function diarySessionCount(value, max) {
  return value === null || value === undefined || (Number.isInteger(value) && value >= 0 && value <= max);
}

function diarySessionIdOrNull(value) {
  return value === null || value === undefined || (typeof value === 'string' && DIARY_SESSION_ID_RE.test(value));
}

// At most `max` UTF-16 units, cut between characters: never half an emoji (diary-model.js gives it as diaryCutText).
export function diarySessionCut(text, max) {
  const value = String(text);
  if (value.length <= max) return value;
  let out = '';
  for (const char of value) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}

function diarySessionDoseProblem(dose) {
  if (dose === null || dose === undefined) return false;
  if (!diarySessionIsObject(dose)) return true;
  for (const field of Object.keys(DIARY_SESSION_DOSE)) {
    if (!diarySessionCount(dose[field], DIARY_SESSION_DOSE[field])) return true;
  }
  return false;
}

function diarySessionItemProblem(item) {
  if (!diarySessionIsObject(item)) return true;
  if (!diarySessionIdOrNull(item.key) || !diarySessionIdOrNull(item.exerciseId)) return true;
  if (typeof item.name !== 'string' || !item.name.trim() || item.name.length > DIARY_SESSION_NAME_REFUSED) return true;
  if (diarySessionDoseProblem(item.planned) || diarySessionDoseProblem(item.done)) return true;
  if (item.skipped !== undefined && typeof item.skipped !== 'boolean') return true;
  if (item.builtUp !== undefined && item.builtUp !== null && typeof item.builtUp !== 'boolean') return true;
  if (!diarySessionCount(item.pain, 10)) return true;
  if (item.signs !== undefined && item.signs !== null && (!Array.isArray(item.signs) || item.signs.length > DIARY_SESSION_SIGNS.length
    || item.signs.some((id) => DIARY_SESSION_SIGNS.indexOf(id) < 0))) return true;
  return item.level !== undefined && item.level !== null && DIARY_SESSION_LEVELS.indexOf(item.level) < 0;
}

// Problems of an entry's `session` (absent and null are fine: most entries have none).
export function diarySessionProblems(session) {
  if (session === undefined || session === null) return [];
  if (!diarySessionIsObject(session) || !Array.isArray(session.items)) return ['the exercise session saved with it is not valid.'];
  if (!diarySessionIdOrNull(session.programmeId)) return ['the exercise session names a programme that is not valid.'];
  if (session.items.length > DIARY_SESSION_ITEMS_MAX) return [`the exercise session has more than ${DIARY_SESSION_ITEMS_MAX} exercises.`];
  for (let i = 0; i < session.items.length; i += 1) {
    if (diarySessionItemProblem(session.items[i])) return [`exercise ${i + 1} of the session is not valid.`];
  }
  if (session.nextMorning !== undefined && session.nextMorning !== null && DIARY_SESSION_MORNING.indexOf(session.nextMorning) < 0) {
    return ['the next morning\'s answer of the session is not one of the choices.'];
  }
  return [];
}

function diarySessionDose(dose) {
  const out = {};
  for (const field of Object.keys(DIARY_SESSION_DOSE)) {
    out[field] = diarySessionIsObject(dose) && Number.isInteger(dose[field]) ? dose[field] : null;
  }
  return out;
}

// Call only on a session that passed diarySessionProblems. Known fields in a fixed order, names cut on
// whole characters, defaults filled; null stays null.
export function diarySessionNormalize(session) {
  if (!diarySessionIsObject(session)) return null;
  return {
    programmeId: typeof session.programmeId === 'string' ? session.programmeId : null,
    items: session.items.map((item) => ({
      key: typeof item.key === 'string' ? item.key : null,
      exerciseId: typeof item.exerciseId === 'string' ? item.exerciseId : null,
      name: diarySessionCut(item.name.trim(), DIARY_SESSION_NAME_MAX),
      planned: diarySessionDose(item.planned),
      done: diarySessionDose(item.done),
      skipped: item.skipped === true,
      pain: Number.isInteger(item.pain) ? item.pain : null,
      builtUp: typeof item.builtUp === 'boolean' ? item.builtUp : null,
      signs: DIARY_SESSION_SIGNS.filter((id) => Array.isArray(item.signs) && item.signs.indexOf(id) >= 0),
      level: typeof item.level === 'string' ? item.level : null,
    })),
    nextMorning: typeof session.nextMorning === 'string' ? session.nextMorning : null,
  };
}
