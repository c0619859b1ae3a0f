// What the diary's entries show a therapist should hear about (CONTENT.md C1, C5 and part F).
//
// Safety (CONTENT.md part D): observations are fixed, referral-only sentences
// built from the rules of C1 (pain monitoring) and C5 (centralisation). No
// scores, no predictions, no diagnoses, and never "you are fine".
import { DIARY_REACH, DIARY_PAIN_FIELDS, DIARY_DEFAULT_ACCEPTABLE_PAIN, diaryParseAt, diaryShortDate, diaryWeekStart, normalizeEntry, sortNewestFirst, validateEntry } from './diary-model.js';


// Each observation has a stable id (for the page and tests) and one fixed sentence; only the settings'
// words (the limit, what to do after a warning-sign pain check) and a date are filled in.

function diaryMean1(values) {
  // Rounded to one decimal so float noise never counts as "rising".
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

// C1: pain after exercise should settle by the next morning. The day's
// baseline is the pain before the session (the patient's own starting
// point); when that was left empty, the lowest of during/after stands in,
// since next-morning pain above even that has clearly not settled.
function diaryDayBaseline(entry) {
  if (entry.painBefore !== null) return entry.painBefore;
  const values = [entry.painDuring, entry.painAfter].filter((v) => v !== null);
  return values.length ? Math.min(...values) : null;
}

// A8: one unsettled morning already means easing the load, so only the latest entry with a
// next-morning number counts.
function diaryLatestMorning(sorted) {
  for (let i = sorted.length - 1; i >= 0; i -= 1) {
    if (sorted[i].painNextMorning !== null) return sorted[i];
  }
  return null;
}

// P4 / C1: the latest session's next-morning answer (better, same or worse), number or not. "Worse" than
// before the exercises means easing the load whatever the number; closing the question is no answer.
function diaryLatestMorningAnswer(sorted) {
  for (let i = sorted.length - 1; i >= 0; i -= 1) {
    const answer = sorted[i].session && sorted[i].session.nextMorning;
    if (answer === 'better' || answer === 'same' || answer === 'worse') return sorted[i];
  }
  return null;
}

// C1 / part D: pain above the acceptable level during or after exercise is a
// reason to change the exercise and tell the therapist, even once.
function diaryAboveAcceptable(sorted, recent, acceptable) {
  const usable = sorted.filter((e) => e.painDuring !== null || e.painAfter !== null);
  return usable.slice(-recent).some((e) => (e.painDuring !== null && e.painDuring > acceptable)
    || (e.painAfter !== null && e.painAfter > acceptable));
}

// C5: compares how far down the leg pain reaches. "Spreading" is the latest
// entry reaching further than any of the few entries before it; "staying
// closer" is the two latest both reaching less far than the furthest of the
// few entries before them.
function diaryReachTrend(sorted, recent) {
  const ranks = sorted.filter((e) => e.reach !== null).map((e) => DIARY_REACH.indexOf(e.reach));
  const n = ranks.length;
  if (n < 2) return { spreading: false, closer: false };
  const latest = ranks[n - 1];
  const spreading = latest > Math.max(...ranks.slice(Math.max(0, n - 1 - recent), n - 1));
  let closer = false;
  if (!spreading && n >= 3) {
    const before = Math.max(...ranks.slice(Math.max(0, n - 2 - recent), n - 2));
    closer = ranks[n - 2] < before && latest < before;
  }
  return { spreading, closer };
}

// C1: pain must not build up from week to week. For each kind of pain
// (before, during, after, next morning) on its own, so that recording a
// different mix of numbers one week cannot fake a rise: fires when its
// weekly average rose in each of the last two calendar weeks, counting back
// from the week of the latest entry (not from today, so no clock is needed).
function diaryWeeklyRising(sorted) {
  if (!sorted.length) return false;
  const weeks = new Map();
  for (const entry of sorted) {
    const week = diaryWeekStart(diaryParseAt(entry.at).dayNumber);
    if (!weeks.has(week)) weeks.set(week, []);
    weeks.get(week).push(entry);
  }
  const last = diaryWeekStart(diaryParseAt(sorted[sorted.length - 1].at).dayNumber);
  const span = [last - 14, last - 7, last].map((w) => weeks.get(w));
  if (span.some((list) => !list)) return false;
  return DIARY_PAIN_FIELDS.some((field) => {
    const means = span.map((list) => {
      const values = list.map((e) => e[field]).filter((v) => v !== null);
      return values.length ? diaryMean1(values) : null;
    });
    return means.every((m) => m !== null) && means[0] < means[1] && means[1] < means[2];
  });
}

// The latest entries, oldest first and normalised: every rule looks only at the last few entries, the
// last few with a reach or a pain number, the latest morning, and the last three calendar weeks, so a
// diary of 10,000 entries costs a sort and a short walk back, not 10,000 normalised copies.
// `newestFirst`: the entries as sortNewestFirst() gives them (the page has that list already); entries after
// `lastAt` are skipped.
function diaryObservedTail(newestFirst, recent, lastAt) {
  const tail = [];
  let lastWeek = null;
  let reach = 0;
  let pain = 0;
  let morning = false;
  for (let i = 0; i < newestFirst.length; i += 1) {
    const e = newestFirst[i];
    // Entries the read would set aside are skipped (the diary's first view hands over older ones unchecked).
    if (!e || typeof e.at !== 'string' || (lastAt && e.at > lastAt) || validateEntry(e).length) continue;
    const when = diaryParseAt(e.at);
    if (!when) continue;
    if (lastWeek === null) lastWeek = diaryWeekStart(when.dayNumber);
    const enough = reach > recent + 1 && pain >= recent && morning && tail.length > recent;
    if (enough && when.dayNumber < lastWeek - 14) break;
    tail.push(normalizeEntry(e));
    if (e.reach != null) reach += 1;
    if (e.painDuring != null || e.painAfter != null) pain += 1;
    if (e.painNextMorning != null) morning = true;
  }
  return tail.reverse();
}

// S5 / part D: pain or tingling in both legs can be an emergency sign, whatever the numbers say.
function diaryBothLegs(sorted, recent) {
  return sorted.slice(-recent).some((e) => e.side === 'both'
    && (['thigh', 'below-knee', 'foot'].includes(e.reach) || e.feelings.includes('pins-and-needles')));
}

// B2 / part D: a saved Emergency or Urgent pain-check result outranks every pattern. It counts while its entry
// is in the window the observations read: one of the last `recent` entries (the "latest entries" rules) or in
// the last three calendar weeks of the diary (the week-to-week rule's span), both counted back from the latest
// entry, not from today, as every rule here does. A diary left alone since then keeps showing it; three weeks of
// calm entries after it end it, as they end every other pattern (the entry itself stays in the list).
// Emergency outranks urgent; the latest such entry is the one named.
function diaryWarningCheck(sorted, recent) {
  const n = sorted.length;
  const from = n && diaryWeekStart(diaryParseAt(sorted[n - 1].at).dayNumber) - 14;
  const shown = sorted.filter((e, i) => i >= n - recent || diaryParseAt(e.at).dayNumber >= from);
  return shown.filter((e) => e.check === 'emergency').pop() || shown.filter((e) => e.check === 'urgent').pop();
}

// A7: the limit is the clinic's when it set one, else the general one this guide uses.
export function diaryLimitWords(acceptable, fromClinic) {
  return fromClinic ? `${acceptable} out of 10, the limit your clinic set`
    : `${acceptable} out of 10, the general limit this guide uses`;
}

// entries: valid diary entries in any order.
// options: { acceptablePain (0-10, the site's setting), limitFromClinic (true when a clinic set
// it), recent (how many latest entries the "last entries" rules look at) }.
export function observe(entries, options = {}) {
  const acceptable = Number.isInteger(options.acceptablePain) && options.acceptablePain >= 0
    && options.acceptablePain <= 10 ? options.acceptablePain : DIARY_DEFAULT_ACCEPTABLE_PAIN;
  const recent = Number.isInteger(options.recent) && options.recent >= 2 ? options.recent : 3;
  const limit = diaryLimitWords(acceptable, options.limitFromClinic === true);
  // options.lastAt (diaryLastAt()): later entries are typing mistakes and never the "latest" one.
  // options.newestFirst: the same entries as sortNewestFirst() gives them, so that 10,000 are not sorted twice.
  const newestFirst = Array.isArray(options.newestFirst) ? options.newestFirst
    : sortNewestFirst(entries.filter((e) => e && typeof e.at === 'string'));
  const sorted = diaryObservedTail(newestFirst, recent, options.lastAt);
  const found = [];
  const check = diaryWarningCheck(sorted, recent);
  if (check) {
    found.push({
      id: 'pain-check-warning',
      link: 'warning-signs',
      warning: true,
      text: `Your diary has a pain check from ${diaryShortDate(diaryParseAt(check.at).dayNumber, true)}. `
        + ((options.warnings || {})[check.check] || 'Check the warning signs now and get help as they say. Tell your therapist.'),
    });
  }
  if (diaryBothLegs(sorted, recent)) {
    found.push({
      id: 'both-legs',
      link: 'warning-signs',
      warning: true,
      text: 'One of your latest entries has pain or pins and needles in both legs. This can be a warning sign '
        + 'of a serious problem. Check the warning signs now and get help as they say. Tell your therapist.',
    });
  }
  const morning = diaryLatestMorning(sorted);
  const baseline = morning && diaryDayBaseline(morning);
  if (morning && baseline !== null && morning.painNextMorning > baseline) {
    found.push({
      id: 'next-morning-higher',
      text: 'On your latest entry with a next-morning number, pain the next morning was higher than before you '
        + 'exercised. Pain from exercise should settle by the next morning; if it does not, the exercise may need '
        + 'to be eased. Tell your therapist.',
    });
  }
  const answered = diaryLatestMorningAnswer(sorted);
  if (answered && answered.session.nextMorning === 'worse' && !found.some((o) => o.id === 'next-morning-higher' && answered === morning)) {
    found.push({
      id: 'next-morning-worse',
      text: 'On your latest entry, your pain the next morning was still worse than before you exercised. '
        + 'Tell your therapist, so they can change the exercise.',
    });
  }
  if (morning && morning.painNextMorning > acceptable) {
    found.push({
      id: 'next-morning-above-limit',
      text: `On your latest entry with a next-morning number, pain the next morning was above ${limit}. `
        + 'Tell your therapist, so they can change the exercise.',
    });
  }
  if (diaryAboveAcceptable(sorted, recent, acceptable)) {
    found.push({
      id: 'above-acceptable',
      text: `On at least one of your last ${recent} entries, pain during or after exercise was above `
        + `${limit}. Tell your therapist, so they can change the exercise.`,
    });
  }
  const reach = diaryReachTrend(sorted, recent);
  if (reach.spreading) {
    found.push({
      id: 'spreading-down-leg',
      text: 'Your latest entry has pain reaching further down the leg than your entries before it. '
        + 'Pain spreading down the leg is a reason to stop that exercise and tell your therapist.',
    });
  }
  if (reach.closer && !found.some((o) => o.warning)) {
    found.push({
      id: 'staying-closer-to-back',
      text: 'On your latest entries, pain has stayed closer to your back than before. '
        + 'This is often a good sign, if your leg is not getting more numb or weaker. '
        + 'If it is, check the warning signs now. Mention it to your therapist.',
    });
  }
  if (diaryWeeklyRising(sorted)) {
    found.push({
      id: 'weekly-pain-rising',
      text: 'Your average pain went up from one week to the next, two weeks in a row. '
        + 'Pain should not build up from week to week. Tell your therapist.',
    });
  }
  return found;
}
