// The guided session ("Today's exercises") as plain data and pure steps: which exercise, which set, how
// many reps, the pain answer and what it led to. The page (static/js/session.js) draws it and keeps it as
// a draft under its own key, so leaving mid-session loses nothing. No DOM, no storage, no clock of its own.
import { PAIN_CHECK_SESSION_SIGNS, painCheckExercise } from './pain-check-rules.js';
import { sessionTimerClean, sessionTimerNew } from './session-timer.js';
import { programmeDueOn, programmeExerciseOf, programmeItemDose, programmeItemUsualDose, programmeLibraryIndex } from './programme-model.js';
import { DIARY_SESSION_LEVELS } from './diary-session.js';

export const SESSION_DRAFT_NAME = 'session-draft';
export const SESSION_DRAFT_SCHEMA = 1;
export const SESSION_ITEMS_MAX = 30;
export const SESSION_NOTE_MAX = 2000;
export const SESSION_NAME_MAX = 120;
const SESSION_COUNT_MAX = 999;
const SESSION_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const SESSION_AT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const SESSION_STAGES = ['do', 'rest', 'rate', 'answered'];
const SESSION_DOSE_FIELDS = ['sets', 'reps', 'holdSeconds', 'restSeconds'];

function sessionIsObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sessionCount(value, max = SESSION_COUNT_MAX) {
  return Number.isInteger(value) && value >= 0 && value <= max ? value : null;
}

// At most `max` UTF-16 units, cut between characters.
function sessionCut(text, max) {
  const value = String(text);
  if (value.length <= max) return value;
  let out = '';
  for (const char of value) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}

// ---------------------------------------------------------------- the plan

/**
 * The session's exercises from the programme (read with PROGRAMME_READ_OPTIONS, so already checked and
 * normalised) and the library JSON: { programmeId, items: [{ key, exerciseId, name, note, planned }] }.
 * `day` (a Date on this phone's calendar, or a day number) picks the items due that day (programmeDueOn);
 * `all` takes every item. The dose is programmeItemDose's: the therapist's, else the library's default.
 */
export function sessionPlan(programme, library, day, all = false) {
  const index = programmeLibraryIndex(library);
  const list = !programme ? [] : all ? programme.items : programmeDueOn(programme, day);
  const items = [];
  for (const item of list.slice(0, SESSION_ITEMS_MAX)) {
    const exercise = programmeExerciseOf(item, index);
    const name = item.name || (exercise && exercise.title) || '';
    if (!name.trim()) continue;
    const dose = programmeItemDose(item, index);
    const planned = {};
    for (const field of SESSION_DOSE_FIELDS) planned[field] = sessionCount(dose[field]) || null;
    // The fields the library filled in: the page names them as the usual starting dose, not the therapist's (U1).
    const usualDose = programmeItemUsualDose(item, index);
    const usual = SESSION_DOSE_FIELDS.filter((field) => planned[field] !== null && usualDose[field] !== null);
    items.push({ key: item.key, exerciseId: item.exerciseId || null, name: sessionCut(name.trim(), SESSION_NAME_MAX), note: item.note || '', planned, usual });
  }
  return { programmeId: programme ? programme.id : null, items };
}

// ---------------------------------------------------------------- the session

function sessionNewItem(plan) {
  return {
    key: plan.key, exerciseId: plan.exerciseId, name: plan.name, note: plan.note || '', planned: { ...plan.planned }, usual: (plan.usual || []).slice(),
    stage: 'do', set: 1, reps: 0, repsBySet: [], timer: sessionHoldTimer(plan), pain: null, builtUp: null, signs: [], level: null, skipped: false,
  };
}

export function sessionStart(plan, id, at) {
  return { id, at, programmeId: plan.programmeId, index: 0, finished: false, note: '', items: plan.items.map(sessionNewItem) };
}

function sessionWith(session, index, change) {
  const items = session.items.slice();
  items[index] = { ...items[index], ...change };
  return { ...session, items };
}

export function sessionCurrent(session) {
  return session.items[session.index] || null;
}

// How many sets the item asks for (one when the programme gives none).
export function sessionSets(item) {
  return item.planned.sets || 1;
}

// One rep more in the current set. At the planned reps the set is done: a rest follows when the dose has
// one and sets are left; after the last set comes the pain question.
export function sessionAddRep(session) {
  const item = sessionCurrent(session);
  if (!item || item.stage !== 'do') return session;
  const reps = item.reps + 1;
  if (item.planned.reps && reps >= item.planned.reps) return sessionEndSet({ ...session }, reps);
  return sessionWith(session, session.index, { reps, timer: sessionHoldTimer(item) });
}

function sessionEndSet(session, reps) {
  const item = sessionCurrent(session);
  const repsBySet = item.repsBySet.concat([reps]);
  if (item.set >= sessionSets(item)) return sessionWith(session, session.index, { reps: 0, repsBySet, timer: null, stage: 'rate' });
  const rest = item.planned.restSeconds ? sessionTimerNew('rest', item.planned.restSeconds) : null;
  return sessionWith(session, session.index, { reps: 0, repsBySet, set: item.set + 1, timer: rest || sessionHoldTimer(item), stage: rest ? 'rest' : 'do' });
}

// "This set is done" before the planned reps (or for an exercise without reps).
export function sessionFinishSet(session) {
  const item = sessionCurrent(session);
  if (!item || item.stage !== 'do') return session;
  return sessionEndSet(session, item.reps);
}

// The hold or rest timer changed (started, paused, skipped, ran out).
export function sessionSetTimer(session, timer) {
  const item = sessionCurrent(session);
  if (!item) return session;
  let next = sessionWith(session, session.index, { timer });
  const over = timer && (timer.state === 'done' || timer.state === 'skipped');
  // A hold that ran out counts as the rep; a rest that ended goes back to the exercise.
  if (over && item.stage === 'do' && timer.kind === 'hold') next = sessionAddRep(sessionWith(next, next.index, { timer: null }));
  else if (over && item.stage === 'rest') next = sessionWith(next, next.index, { stage: 'do', timer: sessionHoldTimer(item) });
  return next;
}

// The hold timer for the next rep, ready to start, when the dose has a hold.
export function sessionHoldTimer(item) {
  return item.planned.holdSeconds ? sessionTimerNew('hold', item.planned.holdSeconds) : null;
}

// "Rate the pain now": the patient may answer before the planned sets are done (it hurts).
export function sessionAskPain(session) {
  const item = sessionCurrent(session);
  if (!item || item.stage === 'answered') return session;
  return sessionWith(session, session.index, { stage: 'rate', timer: null });
}

/**
 * The pain answer for the current exercise, judged by the pain check's own decision table
 * (painCheckExercise). Returns the session with the item answered; `level` is 'keep-going' (noted, no
 * advice: the warning signs were not asked) or a higher level whose card the page shows at once.
 */
export function sessionAnswerPain(session, pain, builtUp, checklist, acceptablePain, signs = []) {
  const item = sessionCurrent(session);
  if (!item) return session;
  const score = sessionCount(pain, 10);
  const ticked = sessionSigns(signs);
  const judged = painCheckExercise(checklist, { pain: score, builtUp: builtUp === true, signs: ticked }, { acceptablePain });
  return sessionWith(session, session.index, { stage: 'answered', pain: score, builtUp: builtUp === true, signs: ticked, level: judged.level, timer: null });
}

// The ticked exercise signs (review P1): known ids only, each once, in the rule's order.
export function sessionSigns(value) {
  const given = Array.isArray(value) ? value : [];
  return PAIN_CHECK_SESSION_SIGNS.filter((id) => given.indexOf(id) >= 0);
}

// Whether sets are left for the current exercise (then "Skip the rest of this exercise" means something).
export function sessionSetsLeft(item) {
  return item.repsBySet.length < sessionSets(item);
}

// Back to the exercise after a pain answer within the limit, when sets are left.
export function sessionCarryOn(session) {
  const item = sessionCurrent(session);
  if (!item || !sessionSetsLeft(item)) return session;
  return sessionWith(session, session.index, { stage: 'do', timer: sessionHoldTimer(item) });
}

export function sessionSkipRest(session) {
  const item = sessionCurrent(session);
  if (!item) return session;
  return sessionGo(sessionWith(session, session.index, { skipped: sessionSetsLeft(item), timer: null }), session.index + 1);
}

// Back and Next between exercises; past the last one is the summary.
export function sessionGo(session, index) {
  const item = sessionCurrent(session);
  let next = item && item.timer && item.timer.state === 'running' ? sessionWith(session, session.index, { timer: { ...item.timer, state: 'paused', startedAt: null } }) : session;
  if (index >= session.items.length) return { ...next, index: session.items.length - 1, finished: true };
  next = { ...next, index: Math.max(0, index), finished: false };
  return next;
}

export function sessionSetNote(session, note) {
  return { ...session, note: sessionCut(typeof note === 'string' ? note : '', SESSION_NOTE_MAX) };
}

// ---------------------------------------------------------------- what was done

export function sessionDone(item) {
  const sets = item.repsBySet.filter((reps) => reps > 0 || !item.planned.reps).length + (item.reps > 0 ? 1 : 0);
  const reps = Math.max(0, item.reps, ...item.repsBySet);
  return { sets, reps: item.planned.reps || reps ? reps : null };
}

export function sessionItemTouched(item) {
  const done = sessionDone(item);
  return done.sets > 0 || item.pain !== null || item.builtUp === true;
}

// Done means at least one set done (review P11): a rating alone, with nothing counted, is "not done".
export function sessionItemDone(item) {
  return sessionDone(item).sets > 0;
}

export function sessionHighestPain(session) {
  const scores = session.items.map((item) => item.pain).filter((pain) => Number.isInteger(pain));
  return scores.length ? Math.max(...scores) : null;
}

// "2 sets of 10", "1 set of 4", "Not done".
export function sessionDoneText(item) {
  const done = sessionDone(item);
  if (!done.sets) return 'Not done';
  const sets = `${done.sets} ${done.sets === 1 ? 'set' : 'sets'}`;
  return done.reps ? `${sets} of ${done.reps}` : sets;
}

/**
 * The diary entry's fields for the session (contract part 3): exercises done, the highest pain as pain
 * during exercise, the note, and `session`. The page builds the entry with the diary's emptyEntry and
 * checks it with validateEntry before it is written.
 */
export function sessionEntryFields(session) {
  return {
    exercises: session.items.filter(sessionItemDone).map((item) => item.name),
    painDuring: sessionHighestPain(session),
    note: session.note,
    session: {
      programmeId: session.programmeId,
      items: session.items.map((item) => {
        const done = sessionDone(item);
        return {
          key: item.key, exerciseId: item.exerciseId, name: item.name,
          planned: { sets: item.planned.sets, reps: item.planned.reps, holdSeconds: item.planned.holdSeconds },
          done: { sets: done.sets, reps: done.reps, holdSeconds: null },
          skipped: item.skipped || !sessionItemDone(item), pain: item.pain, builtUp: item.builtUp, signs: sessionSigns(item.signs), level: item.level,
        };
      }),
      nextMorning: null,
    },
  };
}

// ---------------------------------------------------------------- the draft

function sessionCleanItem(value, now) {
  if (!sessionIsObject(value) || typeof value.name !== 'string' || !value.name.trim()) return null;
  const planned = {};
  for (const field of SESSION_DOSE_FIELDS) planned[field] = sessionIsObject(value.planned) ? sessionCount(value.planned[field]) : null;
  const repsBySet = Array.isArray(value.repsBySet) ? value.repsBySet.map((n) => sessionCount(n)).filter((n) => n !== null).slice(0, SESSION_COUNT_MAX) : [];
  const stage = SESSION_STAGES.indexOf(value.stage) >= 0 ? value.stage : 'do';
  const timer = sessionTimerClean(value.timer, now);
  return {
    key: typeof value.key === 'string' && SESSION_ID_RE.test(value.key) ? value.key : null,
    exerciseId: typeof value.exerciseId === 'string' && SESSION_ID_RE.test(value.exerciseId) ? value.exerciseId : null,
    name: sessionCut(value.name.trim(), SESSION_NAME_MAX),
    note: typeof value.note === 'string' ? sessionCut(value.note, SESSION_NOTE_MAX) : '',
    planned,
    usual: Array.isArray(value.usual) ? SESSION_DOSE_FIELDS.filter((field) => value.usual.indexOf(field) >= 0 && planned[field] !== null) : [],
    stage: stage === 'rest' && !timer ? 'do' : stage,
    set: Math.max(1, Math.min(sessionCount(value.set) || 1, planned.sets || 1)),
    reps: sessionCount(value.reps) || 0,
    repsBySet,
    timer,
    pain: sessionCount(value.pain, 10),
    builtUp: typeof value.builtUp === 'boolean' ? value.builtUp : null,
    signs: sessionSigns(value.signs),
    level: DIARY_SESSION_LEVELS.indexOf(value.level) >= 0 ? value.level : null,
    skipped: value.skipped === true,
  };
}

// A stored draft as a session, or null when it is not one: junk under the draft key never stops the page.
export function sessionCleanDraft(value, now) {
  if (!sessionIsObject(value) || !Array.isArray(value.items)) return null;
  if (typeof value.id !== 'string' || !SESSION_ID_RE.test(value.id)) return null;
  if (typeof value.at !== 'string' || !SESSION_AT_RE.test(value.at)) return null;
  const items = value.items.slice(0, SESSION_ITEMS_MAX).map((item) => sessionCleanItem(item, now)).filter(Boolean);
  if (!items.length) return null;
  const index = Number.isInteger(value.index) ? Math.max(0, Math.min(value.index, items.length - 1)) : 0;
  return {
    id: value.id,
    at: value.at,
    programmeId: typeof value.programmeId === 'string' && SESSION_ID_RE.test(value.programmeId) ? value.programmeId : null,
    index,
    finished: value.finished === true,
    note: typeof value.note === 'string' ? sessionCut(value.note, SESSION_NOTE_MAX) : '',
    items,
  };
}

// ---------------------------------------------------------------- last time (review P2)

/**
 * The exercises flagged in the latest earlier session entry: went above the limit (its advice was more
 * than "keep going"), built up, or a sign ticked. entries: the diary's entries (stored, read only);
 * before: this session's "YYYY-MM-DDTHH:MM". Returns { at, keys: Set, names: Set } or null. A fixed note
 * only: the dose is never changed here, that stays with the therapist.
 */
export function sessionLastFlagged(entries, before, acceptablePain) {
  const earlier = (Array.isArray(entries) ? entries : []).filter((entry) => sessionIsObject(entry) && sessionIsObject(entry.session)
    && Array.isArray(entry.session.items) && typeof entry.at === 'string' && SESSION_AT_RE.test(entry.at) && entry.at < before);
  const latest = earlier.reduce((a, b) => (!a || b.at > a.at ? b : a), null);
  const flagged = latest ? latest.session.items.filter((item) => sessionIsObject(item) && typeof item.name === 'string'
    && ((item.pain > acceptablePain) || item.builtUp === true || sessionSigns(item.signs).length || (item.level && item.level !== 'keep-going'))) : [];
  return flagged.length ? { at: latest.at, keys: flagged.map((item) => item.key), names: flagged.map((item) => item.name.trim().toLowerCase()) } : null;
}

export function sessionWasFlagged(last, item) {
  return Boolean(last && ((item.key && last.keys.indexOf(item.key) >= 0) || last.names.indexOf(item.name.trim().toLowerCase()) >= 0));
}
