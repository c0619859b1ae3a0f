// What the diary shows of guided sessions: the entry's line, sessions against the programme's days, pain per
// exercise week by week, and the words (referral only).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { emptyEntry, normalizeEntry } from '../../static/js/lib/diary-model.js';
import { sessionViewLines, sessionViewSummary, sessionViewWords } from '../../static/js/lib/session-view.js';
import { sessionViewCsv } from '../../static/js/lib/session-csv.js';

const checks = { 'tell-therapist': 'Change or stop this exercise and tell your therapist' };
const it = (name, pain, fields = {}) => ({ key: null, exerciseId: null, name, planned: {}, done: { sets: 1, reps: 5 }, skipped: false, pain, builtUp: false, level: 'keep-going', ...fields });
const session = (at, items, nextMorning = null) => normalizeEntry({
  ...emptyEntry(`s${at.replace(/\D/g, '')}`, at), exercises: items.map((i) => i.name), session: { programmeId: 'p-1', items, nextMorning },
});
const day = (date) => Math.round(Date.UTC(...date.split('-').map((n, i) => (i === 1 ? n - 1 : +n))) / 86400000);

test('an entry\'s session reads as each exercise with its pain, advice in the pain check\'s words', () => {
  const entry = session('2026-12-01T09:00', [it('Bridge', 3), it('Knee rolls', 8, { level: 'tell-therapist', skipped: true }),
    it('Walk', null, { skipped: true, done: { sets: 0 }, level: null })], 'worse');
  assert.deepEqual(sessionViewLines(entry, checks), [
    'Session: Bridge done: 1 set of 5, pain 3; Knee rolls done: 1 set of 5, pain 8, the rest skipped, advice: Change or stop this exercise and tell your therapist; Walk not done',
    'Next morning: worse than before',
  ]);
  assert.deepEqual(sessionViewLines(normalizeEntry(emptyEntry('x', '2026-12-01T09:00')), checks), []);
  assert.equal(sessionViewCsv(entry), 'Bridge 3; Knee rolls 8');
});

test('sessions are counted against the programme\'s days from its start, and each exercise\'s pain week by week', () => {
  const programme = { startDate: '2026-11-23', items: [{ days: ['mon', 'wed', 'fri'] }] };
  const entries = [
    session('2026-11-23T09:00', [it('Bridge', 2), it('Knee rolls', 4)]),
    session('2026-11-25T09:00', [it('Bridge', 3), it('Knee rolls', 7, { level: 'tell-therapist' })]),
    session('2026-12-02T09:00', [it('Bridge', 2), it('Knee rolls', 6, { builtUp: true, level: 'tell-therapist' })]),
    // An entry typed in the diary naming one exercise counts for it (any case); one naming two does not.
    normalizeEntry({ ...emptyEntry('old1', '2026-11-27T09:00'), exercises: ['bridge'], painDuring: 5 }),
    normalizeEntry({ ...emptyEntry('old2', '2026-11-28T09:00'), exercises: ['Bridge', 'Walk'], painDuring: 9 }),
  ];
  const summary = sessionViewSummary(entries, { from: '2026-11-09', to: '2026-12-02' }, day('2026-12-02'), programme, 5);
  // Mon 23, Wed 25, Fri 27, Mon 30 Nov, Wed 2 Dec: 5 planned days; 3 with a session.
  assert.deepEqual([summary.done, summary.planned], [3, 5]);
  assert.equal(summary.weeks.length, 4);
  const [bridge, rolls] = summary.exercises;
  assert.deepEqual([bridge.name, bridge.weeks, bridge.highest], ['Bridge', [null, null, 5, 2], 5]);
  assert.deepEqual([rolls.weeks, rolls.overLimit], [[null, null, 7, 6], 2]);
  const words = sessionViewWords(summary, 5);
  assert.deepEqual(words, [
    'Days with an exercise session done: 3 of the 5 days your programme planned (today counts once saved).',
    'Bridge: highest pain 5 of 10.',
    'Knee rolls: above the limit of 5 in 2 sessions (highest 7 of 10); built up in 1 session. Tell your therapist.',
  ]);
  assert.ok(words.every((text) => !/fine|normal|keep going/i.test(text)));
});

test('no session in the period shows nothing; no programme leaves the planned days out', () => {
  assert.equal(sessionViewSummary([normalizeEntry({ ...emptyEntry('a', '2026-12-01T09:00'), painDuring: 3 })], {}, day('2026-12-01'), null, 5), null);
  const summary = sessionViewSummary([session('2026-12-01T09:00', [it('Bridge', 2)])], {}, day('2026-12-01'), null, 5);
  assert.deepEqual(sessionViewWords(summary, 5), ['Days with an exercise session done: 1.', 'Bridge: highest pain 2 of 10.']);
});

// Review P11, P12, P13, P14.
test('a session with nothing done is not a day done; build-up and signs stay in the words; today counts only once saved', async () => {
  const { viewEntryLines } = await import('../../static/js/lib/diary-view.js');
  const programme = { startDate: '2026-11-30', items: [{ days: [] }] };
  const rated = session('2026-11-30T09:00', [it('Knee rolls', 7, { done: { sets: 0 }, skipped: true, level: 'tell-therapist' })]);
  const done = session('2026-12-01T09:00', [it('Pelvic tilts', 3, { builtUp: true, level: 'tell-therapist', signs: ['sharp-or-shooting'] })]);
  // At 08:00 on 2 Dec, before any session that day: 30 Nov and 1 Dec planned, only 1 Dec done.
  const summary = sessionViewSummary([rated, done], {}, day('2026-12-02'), programme, 5);
  assert.deepEqual([summary.done, summary.planned], [1, 2]);
  const words = sessionViewWords(summary, 5);
  assert.ok(words.includes('Pelvic tilts: highest pain 3 of 10; built up in 1 session; sharp, shooting or spreading pain in 1 session. Tell your therapist.'), words.join('\n'));
  assert.ok(words.includes('Knee rolls: above the limit of 5 in 1 session (highest 7 of 10). Tell your therapist.'), words.join('\n'));
  assert.match(sessionViewLines(rated, checks)[0], /^Session: Knee rolls not done, pain 7/);
  assert.match(sessionViewLines(done, checks)[0], /Pelvic tilts done: 1 set of 5, pain 3, built up, sharp or shooting/);
  const withPain = normalizeEntry({ ...done, painDuring: 3 });
  assert.match(viewEntryLines(withPain, checks)[0], /highest in one exercise 3 \(Pelvic tilts\)/);
});
