// The pain check's rules (CONTENT.md part D), as pure functions: no DOM, no storage.
// The checklist is the data of site/checklists/pain-check.toml, as loaded by the build.

// Mildest first; the index is the rank. Kept in code, like ptguide/checklists.py:
// the data may reword an outcome but cannot change how outcomes rank.
export const PAIN_CHECK_LEVELS = ['keep-going', 'tell-therapist', 'see-doctor', 'urgent', 'emergency'];

// Used when the page is given no valid threshold (CONTENT.md C1: up to 5 of 10 is acceptable).
export const PAIN_CHECK_DEFAULT_ACCEPTABLE = 5;

const painCheckRank = {
  keepGoing: 0,
  tellTherapist: 1,
  seeDoctor: 2,
  urgent: 3,
};

function painCheckIsScore(value) {
  return Number.isInteger(value) && value >= 0 && value <= 10;
}

function painCheckList(value) {
  return Array.isArray(value) ? value : [];
}

// The rank an answer raises. Clamped here as well as checked at build time, so that
// even mistaken data cannot let a warning sign rank below urgent ("keep going" while a
// warning sign is ticked) or a pain score alone reach a doctor or an emergency.
// Nothing else is lowered: an error in the data should err on the side of caution.
function painCheckItemRank(item, group) {
  let rank = PAIN_CHECK_LEVELS.indexOf(item.level);
  if (rank < 0) rank = painCheckRank.tellTherapist;
  if (group.question === 'warning') rank = Math.max(rank, painCheckRank.urgent);
  if (group.type === 'scale') rank = Math.min(rank, painCheckRank.tellTherapist);
  return rank;
}

// The behaviour group's "builds up with each repeat" item: what a session's "Did it build up?" answers.
// Ids are never renamed (site/checklists/pain-check.toml), so the id is the link between the two.
export const PAIN_CHECK_BUILDING_ITEM = 'behaviour-building';
// The exercise signs a guided session asks after each exercise (review P1): the pain check's own items.
export const PAIN_CHECK_SESSION_SIGNS = ['sharp-or-shooting', 'spreads-down-leg'];

/**
 * The one decision table for one exercise's pain (CONTENT.md C1, part D): the pain scale's item for the
 * score (within the limit or above it) and, when the pain built up as the patient went, the behaviour
 * group's building item. The pain check (evaluatePainCheck) and the guided session both judge an
 * exercise's pain with this function, so the two can never disagree.
 * The exercise signs the session asks (PAIN_CHECK_SESSION_SIGNS), when ticked, are selected here too.
 * exercise: { pain: 0-10 | null, builtUp: boolean, signs: [item ids] }. Returns [{ item, rank, type }] in the data's order.
 */
export function painCheckExerciseItems(checklist, exercise, acceptablePain) {
  const limit = painCheckIsScore(acceptablePain) ? acceptablePain : PAIN_CHECK_DEFAULT_ACCEPTABLE;
  const safe = exercise && typeof exercise === 'object' ? exercise : {};
  const groups = new Map();
  for (const group of painCheckList(checklist && checklist.groups)) {
    if (group && typeof group.id === 'string') groups.set(group.id, group);
  }
  const painRange = painCheckIsScore(safe.pain) ? (safe.pain > limit ? 'above-acceptable' : 'up-to-acceptable') : null;
  const signs = new Set(painCheckList(safe.signs).filter((id) => PAIN_CHECK_SESSION_SIGNS.indexOf(id) >= 0));
  const selected = [];
  let building = false;
  for (const item of painCheckList(checklist && checklist.items)) {
    const group = item && groups.get(item.group);
    if (!group || typeof item.id !== 'string') continue;
    const chosen = group.type === 'scale'
      ? painRange !== null && item.applies === painRange
      : (safe.builtUp === true && item.id === PAIN_CHECK_BUILDING_ITEM) || signs.has(item.id);
    if (!chosen) continue;
    signs.delete(item.id);
    if (item.id === PAIN_CHECK_BUILDING_ITEM) building = true;
    selected.push({ item, rank: painCheckItemRank(item, group), type: group.type });
  }
  // Data that lost the building item must not turn "it built up" into nothing: it still ranks
  // "tell your therapist" (err on the side of caution).
  if (safe.builtUp === true && !building) {
    selected.push({ item: { id: PAIN_CHECK_BUILDING_ITEM, text: '', level: PAIN_CHECK_LEVELS[painCheckRank.tellTherapist] }, rank: painCheckRank.tellTherapist, type: 'choice' });
  }
  // The same for a ticked sign the data lost.
  for (const id of signs) selected.push({ item: { id, text: '', level: PAIN_CHECK_LEVELS[painCheckRank.tellTherapist] }, rank: painCheckRank.tellTherapist, type: 'tick' });
  return selected;
}

/**
 * One exercise's pain judged by the table above, for the guided session.
 * Returns { level, outcome, reasons }: level is 'keep-going' (within the limit and not building up:
 * the session only notes it, since the patient has not answered the warning signs), a higher level
 * (the outcome card from the checklist data, to show at once), or null with no score and no build-up.
 */
export function painCheckExercise(checklist, exercise, options) {
  const selected = painCheckExerciseItems(checklist, exercise, options && options.acceptablePain);
  if (!selected.length) return { level: null, outcome: null, reasons: [] };
  const top = Math.max(...selected.map((entry) => entry.rank));
  const level = PAIN_CHECK_LEVELS[top];
  if (top === painCheckRank.keepGoing) return { level, outcome: null, reasons: [] };
  const found = painCheckList(checklist && checklist.outcomes).find((outcome) => outcome && outcome.level === level);
  const outcome = found || { level, heading: level, body: '', faq: '' };
  return { level, outcome, reasons: selected.filter((entry) => entry.rank === top).map(painCheckReason) };
}

// The items the answers select. Anything not in the data is ignored: saved answers may
// predate an edit of the list, and they must never stop the check from working.
// The pain score and "it builds up" come from the one decision table, painCheckExerciseItems.
function painCheckSelected(checklist, answers, acceptablePain) {
  const groups = new Map();
  for (const group of painCheckList(checklist && checklist.groups)) {
    if (group && typeof group.id === 'string') groups.set(group.id, group);
  }
  const safe = answers && typeof answers === 'object' ? answers : {};
  const ticked = new Set(painCheckList(safe.ticked).filter((id) => typeof id === 'string'));
  const exercise = painCheckExerciseItems(checklist, {
    pain: safe.pain,
    builtUp: safe.behaviour === PAIN_CHECK_BUILDING_ITEM,
    signs: [...ticked],
  }, acceptablePain);
  const fromTable = new Map(exercise.map((entry) => [entry.item.id, entry]));
  const selected = [];
  for (const item of painCheckList(checklist && checklist.items)) {
    const group = item && groups.get(item.group);
    if (!group || typeof item.id !== 'string') continue;
    if (fromTable.has(item.id)) {
      selected.push(fromTable.get(item.id));
      continue;
    }
    let chosen = false;
    if (group.type === 'choice') chosen = safe[group.id] === item.id && item.id !== PAIN_CHECK_BUILDING_ITEM;
    else if (group.type === 'tick') chosen = ticked.has(item.id);
    if (chosen) selected.push({ item, rank: painCheckItemRank(item, group), type: group.type });
  }
  return selected;
}

// True once every warning group is answered "I have none of these" and no warning sign is ticked:
// the only state in which "keep going" may be given (CONTENT.md part D rules, S3).
export function painCheckWarningsCleared(checklist, answers) {
  const safe = answers && typeof answers === 'object' ? answers : {};
  const none = new Set(painCheckList(safe.none));
  const ticked = new Set(painCheckList(safe.ticked));
  const warning = new Set();
  let cleared = true;
  for (const group of painCheckList(checklist && checklist.groups)) {
    if (group && group.question === 'warning') {
      warning.add(group.id);
      if (!none.has(group.id)) cleared = false;
    }
  }
  for (const item of painCheckList(checklist && checklist.items)) {
    if (item && warning.has(item.group) && ticked.has(item.id)) cleared = false;
  }
  return cleared && warning.size > 0;
}

function painCheckReason({ item, rank }) {
  const reason = { id: item.id, text: String(item.text || ''), level: PAIN_CHECK_LEVELS[rank] };
  if (item.faq) reason.faq = item.faq;
  return reason;
}

/**
 * The outcome of the pain check for a set of answers.
 * answers: { pain: 0-10 | null, when: item id | null, behaviour: item id | null, ticked: [item ids],
 *            none: [ids of warning groups answered "I have none of these"] }
 * Returns { level, outcome, reasons, also, carry, note, faq, warningsCleared }: level is null when nothing is
 * answered, or when the answers would keep going but the warning signs are not yet answered "none";
 * reasons are the answers that set the level; also lists lower concerns (above keep-going); carry is
 * the change-or-stop card's first line on a doctor's card; note is the pain score's hint when it alone
 * set the level.
 */
export function evaluatePainCheck(checklist, answers, options) {
  const given = options && options.acceptablePain;
  const acceptablePain = painCheckIsScore(given) ? given : PAIN_CHECK_DEFAULT_ACCEPTABLE;
  const selected = painCheckSelected(checklist, answers, acceptablePain);
  const warningsCleared = painCheckWarningsCleared(checklist, answers);
  const nothing = { level: null, outcome: null, reasons: [], also: [], carry: null, note: null, faq: null, warningsCleared };
  if (selected.length === 0) return nothing;
  // Highest level wins.
  const top = Math.max(...selected.map((entry) => entry.rank));
  // "Keep going" needs the warning signs answered "none", and to know how the pain feels (a score or
  // a tick): when or how it changes alone is not enough.
  if (top === painCheckRank.keepGoing
    && (!warningsCleared || selected.every((entry) => entry.type === 'choice'))) return nothing;
  const level = PAIN_CHECK_LEVELS[top];
  const found = painCheckList(checklist.outcomes).find((outcome) => outcome && outcome.level === level);
  // Should the data lack this outcome, still name the level rather than show nothing.
  const outcome = found || { level, heading: level, body: '', faq: '' };
  // "During exercise" or "It stays about the same" is not a reason to keep going: only how the pain
  // feels (a score or a tick) is.
  const reasons = selected.filter((entry) => entry.rank === top && (top > painCheckRank.keepGoing || entry.type !== 'choice'))
    .map(painCheckReason);
  const also = selected
    .filter((entry) => entry.rank < top && entry.rank > painCheckRank.keepGoing)
    .sort((a, b) => b.rank - a.rank)
    .map(painCheckReason);
  // A doctor's card must not drop what to do about the exercise that hurts: it carries the first
  // line of the change-or-stop card (urgent and emergency cards already say to stop exercising).
  let carry = null;
  if (top === painCheckRank.seeDoctor && also.some((reason) => reason.level === PAIN_CHECK_LEVELS[painCheckRank.tellTherapist])) {
    const lower = painCheckList(checklist.outcomes).find((entry) => entry && entry.level === PAIN_CHECK_LEVELS[painCheckRank.tellTherapist]);
    carry = lower ? String(lower.body).split(/(?<=\.)\s/)[0] : null;
  }
  // A pain score alone: its hint (already above the limit before starting?) goes on the card.
  const only = selected.filter((entry) => entry.rank === top);
  const note = only.length === 1 && only[0].type === 'scale' && only[0].item.hint ? String(only[0].item.hint) : null;
  return { level, outcome, reasons, also, carry, note, faq: outcome.faq || null, warningsCleared };
}
