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

// The items the answers select. Anything not in the data is ignored: saved answers may
// predate an edit of the list, and they must never stop the check from working.
function painCheckSelected(checklist, answers, acceptablePain) {
  const groups = new Map();
  for (const group of painCheckList(checklist && checklist.groups)) {
    if (group && typeof group.id === 'string') groups.set(group.id, group);
  }
  const safe = answers && typeof answers === 'object' ? answers : {};
  const ticked = new Set(painCheckList(safe.ticked).filter((id) => typeof id === 'string'));
  const painRange = painCheckIsScore(safe.pain)
    ? (safe.pain > acceptablePain ? 'above-acceptable' : 'up-to-acceptable')
    : null;
  const selected = [];
  for (const item of painCheckList(checklist && checklist.items)) {
    const group = item && groups.get(item.group);
    if (!group || typeof item.id !== 'string') continue;
    let chosen = false;
    if (group.type === 'scale') chosen = painRange !== null && item.applies === painRange;
    else if (group.type === 'choice') chosen = safe[group.id] === item.id;
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
