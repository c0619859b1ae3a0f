// What the diary shows of guided sessions (issue 15): each exercise's pain on its entry, sessions done
// against the programme's days, and each exercise's pain week by week (which exercise hurts). Plain
// strings and numbers, no DOM. Referral wording only: nothing here calls an exercise's pain "fine".

const SESSION_VIEW_MORNING = { better: 'better than before', same: 'about the same as before', worse: 'worse than before' };
const SESSION_VIEW_WEEKDAYS = ['thu', 'fri', 'sat', 'sun', 'mon', 'tue', 'wed']; // day 0 (1 Jan 1970) was a Thursday
const SESSION_VIEW_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SESSION_VIEW_WEEKS_SHOWN = 12;

function sessionViewHeading(checks, level) {
  return typeof level === 'string' && Object.prototype.hasOwnProperty.call(checks, level) ? checks[level] : null;
}

function sessionViewDay(at) {
  if (typeof at !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(at)) return null;
  const [year, month, day] = at.slice(0, 10).split('-').map(Number);
  return Math.round(Date.UTC(year, month - 1, day) / 86400000);
}

function sessionViewWeekStart(day) {
  return day - ((((day + 3) % 7) + 7) % 7);
}

export function sessionViewShortDate(day) {
  const date = new Date(day * 86400000);
  return `${date.getUTCDate()} ${SESSION_VIEW_MONTHS[date.getUTCMonth()]}`;
}

// The exercise signs' words in the diary (review P1; the ids are lib/diary-session.js DIARY_SESSION_SIGNS).
const SESSION_VIEW_SIGNS = { 'sharp-or-shooting': 'sharp or shooting', 'spreads-down-leg': 'spread further down the leg' };

// What was done of one item (review P11): "done: 2 sets of 5", "done: 1 set", or "not done".
export function sessionViewDone(item) {
  const { sets, reps } = item.done || {};
  // No template inside a template: the minifier (rjsmin) drops the space in one.
  return sets ? 'done: ' + sets + (sets === 1 ? ' set' : ' sets') + (reps ? ' of ' + reps : '') : 'not done';
}

// The exercise the entry's "pain during" came from (its highest score), or null (review P13).
export function sessionViewHighest(entry) {
  const item = entry.session && entry.painDuring !== null && entry.session.items.find((one) => one.pain === entry.painDuring);
  return item ? item.name : null;
}

// The entry's session, one line: "Session: Bridge done: 2 sets of 10, pain 3; Knee rolls not done, pain 8, built up, advice: ...".
export function sessionViewLines(entry, checks = {}) {
  const session = entry && entry.session;
  if (!session || !Array.isArray(session.items)) return [];
  const parts = session.items.map((item) => {
    const bits = [sessionViewDone(item)];
    if (item.pain !== null) bits.push(`pain ${item.pain}`);
    if (item.builtUp) bits.push('built up');
    for (const id of Array.isArray(item.signs) ? item.signs : []) if (SESSION_VIEW_SIGNS[id]) bits.push(SESSION_VIEW_SIGNS[id]);
    if (item.skipped && item.done && item.done.sets) bits.push('the rest skipped');
    const advice = item.level !== 'keep-going' && sessionViewHeading(checks, item.level);
    if (advice) bits.push(`advice: ${advice}`);
    return `${item.name} ${bits.join(', ')}`;
  });
  const lines = [`Session: ${parts.join('; ')}`];
  if (SESSION_VIEW_MORNING[session.nextMorning]) lines.push(`Next morning: ${SESSION_VIEW_MORNING[session.nextMorning]}`);
  return lines;
}

// Whether the programme (as stored, read only here) has anything due on a day: an item with no days is due
// every day, nothing before the start date (the same rule as programmeDueOn in lib/programme-model.js).
function sessionViewDue(programme, day) {
  const start = programme.startDate ? sessionViewDay(programme.startDate) : null;
  if (start !== null && day < start) return false;
  const weekday = SESSION_VIEW_WEEKDAYS[((day % 7) + 7) % 7];
  return programme.items.some((item) => item && (!Array.isArray(item.days) || !item.days.length || item.days.indexOf(weekday) >= 0));
}

/**
 * Sessions done against the programme's days, and each exercise's highest pain week by week.
 * entries: the diary's entries shown (normalised); period: { from, to } as "YYYY-MM-DD" (empty = everything);
 * today: day number; programme: the stored programme's data or null.
 * Returns null when no entry in the period has a session, else { done, planned, weeks: [week start day],
 * exercises: [{ name, weeks: [highest pain | null], highest, overLimit }] }. An older entry (typed in the diary)
 * counts for an exercise when it names only that exercise (matched without regard to case): its pain during
 * exercise is then that exercise's.
 */
export function sessionViewSummary(entries, period, today, programme, acceptablePain) {
  const sessions = entries.filter((entry) => entry.session && Array.isArray(entry.session.items));
  if (!sessions.length) return null;
  // A day counts only when something was done in a session on it (review P11), not for a rating alone.
  const doneSome = (entry) => entry.session.items.some((item) => item.done && item.done.sets > 0);
  const days = new Set(sessions.filter(doneSome).map((entry) => sessionViewDay(entry.at)).filter((day) => day !== null && day <= today));
  const allDays = sessions.map((entry) => sessionViewDay(entry.at)).filter((day) => day !== null);
  const first = period && period.from ? sessionViewDay(period.from) : Math.min(...allDays);
  let planned = null;
  if (programme && Array.isArray(programme.items) && programme.items.length) {
    // Planned days count from the programme's start date or, without one, from the first session: the
    // weeks before the patient had the programme are not missed sessions.
    const since = programme.startDate ? sessionViewDay(programme.startDate) : Math.min(...allDays);
    planned = 0;
    // Today counts only once a session is saved on it (review P14): the day is not over.
    const last = days.has(today) ? today : today - 1;
    for (let day = Math.max(first, since); day <= last && day - first < 3660; day += 1) if (sessionViewDue(programme, day)) planned += 1;
  }
  const weekOf = (entry) => sessionViewWeekStart(sessionViewDay(entry.at));
  let weeks = [...new Set(entries.map(weekOf).filter((week) => !Number.isNaN(week)))].sort((a, b) => a - b);
  if (period && period.from) {
    weeks = [];
    for (let week = sessionViewWeekStart(first); week <= today; week += 7) weeks.push(week);
  }
  weeks = weeks.slice(-SESSION_VIEW_WEEKS_SHOWN);
  const rows = new Map();
  const row = (name) => {
    const key = name.trim().toLowerCase();
    if (!rows.has(key)) rows.set(key, { name: name.trim(), weeks: weeks.map(() => null), highest: null, overLimit: 0, builtUp: 0, signs: 0 });
    return rows.get(key);
  };
  const note = (name, entry, pain) => {
    const column = weeks.indexOf(weekOf(entry));
    const target = row(name);
    if (!Number.isInteger(pain)) return;
    if (column >= 0) target.weeks[column] = Math.max(target.weeks[column] === null ? -1 : target.weeks[column], pain);
    target.highest = Math.max(target.highest === null ? -1 : target.highest, pain);
    if (pain > acceptablePain) target.overLimit += 1;
  };
  for (const entry of sessions) {
    for (const item of entry.session.items) {
      if (item.skipped && item.pain === null && !item.builtUp) continue;
      note(item.name, entry, item.pain);
      if (item.builtUp) row(item.name).builtUp += 1;
      if (Array.isArray(item.signs) && item.signs.length) row(item.name).signs += 1;
    }
  }
  for (const entry of entries) {
    if (entry.session || entry.exercises.length !== 1) continue;
    if (rows.has(entry.exercises[0].trim().toLowerCase())) note(entry.exercises[0], entry, entry.painDuring);
  }
  return { done: days.size, planned, weeks, exercises: [...rows.values()] };
}

// The summary in words, for the page and the print. Referral advice only, never reassurance.
export function sessionViewWords(summary, acceptablePain) {
  if (!summary) return [];
  const words = [summary.planned === null
    ? `Days with an exercise session done: ${summary.done}.`
    : `Days with an exercise session done: ${summary.done} of the ${summary.planned} days your programme planned (today counts once saved).`];
  const times = (n) => `${n} ${n === 1 ? 'session' : 'sessions'}`;
  for (const exercise of summary.exercises) {
    if (exercise.highest === null && !exercise.builtUp && !exercise.signs) continue;
    const bits = [];
    if (exercise.overLimit) bits.push(`above the limit of ${acceptablePain} in ${times(exercise.overLimit)} (highest ${exercise.highest} of 10)`);
    else if (exercise.highest !== null) bits.push(`highest pain ${exercise.highest} of 10`);
    // Review P12: building up, and the signs, matter as much as the peak score.
    if (exercise.builtUp) bits.push(`built up in ${times(exercise.builtUp)}`);
    if (exercise.signs) bits.push(`sharp, shooting or spreading pain in ${times(exercise.signs)}`);
    const flagged = exercise.overLimit || exercise.builtUp || exercise.signs;
    words.push(`${exercise.name}: ${bits.join('; ')}.${flagged ? ' Tell your therapist.' : ''}`);
  }
  return words;
}
