// The guided session's pure parts: the timers' state machine, the session's steps, its diary entry, the
// draft's cleaning and the next morning's question.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';

import {
  sessionTimerClean, sessionTimerDigits, sessionTimerNew, sessionTimerPause, sessionTimerRemainingMs, sessionTimerSkip,
  sessionTimerStart, sessionTimerTick,
} from '../../static/js/lib/session-timer.js';
import {
  sessionAddRep, sessionAnswerPain, sessionAskPain, sessionCarryOn, sessionCleanDraft, sessionCurrent, sessionEntryFields,
  sessionFinishSet, sessionGo, sessionPlan, sessionSetTimer, sessionSkipRest, sessionStart,
} from '../../static/js/lib/session-flow.js';
import { sessionDiaryEntry } from '../../static/js/lib/session-save.js';
import { diaryPutEntry } from '../../static/js/lib/pain-check-diary.js';
import { SESSION_MORNING_DIARY_SCHEMA, sessionMorningAnswered, sessionMorningDue, sessionMorningToday } from '../../static/js/lib/session-morning.js';
import { createStorageWithSalvage } from '../../static/js/lib/storage-salvage.js';
import { DIARY_READ_OPTIONS, DIARY_SCHEMA, validateEntry } from '../../static/js/lib/diary-model.js';
import { FakeStorage } from './fake-storage.js';

const library = JSON.parse(readFileSync(new URL('./fixtures/library.json', import.meta.url), 'utf8'));
const checklist = parse(readFileSync(new URL('../../site/checklists/pain-check.toml', import.meta.url), 'utf8'));
const dose = (fields) => ({ sets: null, reps: null, holdSeconds: null, restSeconds: null, timesPerDay: null, daysPerWeek: null, ...fields });
const item = (key, exerciseId, name, fields, days = []) => ({ key, exerciseId, name, dose: dose(fields), days, times: [], note: '' });
const programme = {
  id: 'p-1', from: '', startDate: null, reviewDate: null, note: '', rev: 1, history: [],
  items: [
    item('i-a', 'bridge', 'Bridge', { sets: 2, reps: 2, restSeconds: 30 }),
    item('i-b', null, 'Walk to the shop', {}, ['mon']),
    item('i-c', 'bridge', '', { holdSeconds: 10 }),
  ],
};
const TUESDAY = new Date(2026, 11, 1, 9, 0);

test('a timer counts from the clock: pause keeps the time left, a late look still ends it once', () => {
  let timer = sessionTimerStart(sessionTimerNew('hold', 5), 1000);
  assert.equal(sessionTimerRemainingMs(timer, 3000), 3000);
  timer = sessionTimerPause(timer, 3000);
  assert.equal(sessionTimerRemainingMs(timer, 999999), 3000, 'paused time does not run');
  timer = sessionTimerStart(timer, 10000);
  assert.equal(sessionTimerDigits(sessionTimerRemainingMs(timer, 10001)), '0:03');
  // The tab was in the background for a minute: the first look after it ends the timer, once.
  const first = sessionTimerTick(timer, 70000);
  assert.deepEqual([first.ended, first.timer.state], [true, 'done']);
  assert.equal(sessionTimerTick(first.timer, 80000).ended, false);
  assert.equal(sessionTimerSkip(sessionTimerNew('rest', 30)).state, 'skipped');
  assert.equal(sessionTimerStart(first.timer, 90000).state, 'done', 'a finished timer does not start again');
  assert.equal(sessionTimerDigits(90000), '1:30');
});

test('a stored timer is taken only when it is one', () => {
  assert.equal(sessionTimerClean({ kind: 'hold', durationMs: -5, state: 'running', ranMs: 0, startedAt: 1 }, 10), null);
  assert.equal(sessionTimerClean({ kind: 'nap', durationMs: 5000, state: 'ready', ranMs: 0 }, 10), null);
  assert.equal(sessionTimerClean({ kind: 'rest', durationMs: 5000, state: 'running', ranMs: 0, startedAt: 9e15 }, 10), null);
  assert.deepEqual(sessionTimerClean({ kind: 'rest', durationMs: 5000, state: 'running', ranMs: 0, startedAt: 5 }, 10).startedAt, 5);
});

test('the plan takes today\'s items, the therapist\'s dose over the library\'s, and the library\'s title for an empty name', () => {
  const plan = sessionPlan(programme, library, TUESDAY);
  assert.deepEqual(plan.items.map((i) => i.name), ['Bridge', 'Bridge']);
  assert.deepEqual(plan.items[0].planned, { sets: 2, reps: 2, holdSeconds: 5, restSeconds: 30 });
  assert.deepEqual(plan.items[1].planned, { sets: 1, reps: 5, holdSeconds: 10, restSeconds: 30 });
  assert.equal(sessionPlan(programme, library, TUESDAY, true).items.length, 3);
  assert.deepEqual(sessionPlan(null, library, TUESDAY).items, []);
});

test('U1: the plan marks which dose fields are the library\'s usual starting dose, and a stored draft keeps that', () => {
  const plan = sessionPlan(programme, library, TUESDAY);
  assert.deepEqual(plan.items[0].usual, ['holdSeconds'], 'Bridge: sets, reps and rest typed, hold from the library');
  assert.deepEqual(plan.items[1].usual, ['sets', 'reps', 'restSeconds']);
  const session = sessionStart(plan, 's-1', '2026-12-01T18:00');
  const stored = sessionCleanDraft(JSON.parse(JSON.stringify(session)), 0);
  assert.deepEqual(stored.items.map((i) => i.usual), [['holdSeconds'], ['sets', 'reps', 'restSeconds']]);
  assert.deepEqual(sessionCleanDraft({ ...session, items: [{ ...session.items[0], usual: 'junk' }] }, 0).items[0].usual, []);
});

test('reps, sets and rests: the rest follows a set, the pain question the last set', () => {
  const plan = sessionPlan({ ...programme, items: [item('i-a', null, 'Squats', { sets: 2, reps: 2, restSeconds: 30 })] }, library, TUESDAY);
  let s = sessionStart(plan, 'e1', '2026-12-01T09:00');
  s = sessionAddRep(sessionAddRep(s));
  assert.deepEqual([sessionCurrent(s).stage, sessionCurrent(s).set, sessionCurrent(s).timer.kind], ['rest', 2, 'rest']);
  s = sessionSetTimer(s, sessionTimerSkip(sessionCurrent(s).timer));
  assert.equal(sessionCurrent(s).stage, 'do');
  s = sessionFinishSet(sessionAddRep(s));
  assert.equal(sessionCurrent(s).stage, 'rate');
  assert.deepEqual(sessionEntryFields(s).session.items[0].done, { sets: 2, reps: 2, holdSeconds: null });
});

test('a hold that runs out counts the rep', () => {
  const plan = sessionPlan({ ...programme, items: [item('i-h', null, 'Hold', { reps: 3, holdSeconds: 5 })] }, library, TUESDAY);
  let s = sessionStart(plan, 'e1', '2026-12-01T09:00');
  const running = sessionTimerStart(sessionCurrent(s).timer, 0);
  s = sessionSetTimer(s, sessionTimerTick(running, 6000).timer);
  assert.deepEqual([sessionCurrent(s).reps, sessionCurrent(s).timer.state], [1, 'ready']);
});

test('the pain answer is judged by the pain check\'s table: noted within the limit, advice above it or building up', () => {
  const plan = sessionPlan(programme, library, TUESDAY);
  let s = sessionStart(plan, 'e1', '2026-12-01T09:00');
  s = sessionAnswerPain(sessionAskPain(s), 5, false, checklist, 5);
  assert.equal(sessionCurrent(s).level, 'keep-going');
  s = sessionCarryOn(s);
  assert.equal(sessionCurrent(s).stage, 'do', 'sets were left, so the patient may carry on');
  s = sessionAnswerPain(sessionAskPain(s), 6, false, checklist, 5);
  assert.equal(sessionCurrent(s).level, 'tell-therapist');
  s = sessionSkipRest(s);
  assert.equal(s.index, 1);
  assert.equal(s.items[0].skipped, true);
  s = sessionAnswerPain(sessionAskPain(s), 1, true, checklist, 5);
  assert.equal(sessionCurrent(s).level, 'tell-therapist', 'building up is advice at any score');
  s = sessionAnswerPain(sessionAskPain(s), 3, false, checklist, 2);
  assert.equal(sessionCurrent(s).level, 'tell-therapist', 'the limit is the setting');
  s = sessionGo(s, 5);
  assert.equal(s.finished, true);
});

test('the entry: exercises done, the highest pain, the note, and a session the diary accepts; saved twice it is still one', () => {
  const plan = sessionPlan(programme, library, TUESDAY, true);
  let s = sessionStart(plan, 'e1', '2026-12-01T09:00');
  s = sessionAnswerPain(sessionAddRep(s), 4, false, checklist, 5);
  s = sessionGo(s, 2);
  s = sessionAnswerPain(s, 7, true, checklist, 5);
  s = { ...s, note: 'ok' };
  const made = sessionDiaryEntry(null, s);
  assert.deepEqual(validateEntry(made.entry), []);
  assert.deepEqual([made.entry.exercises, made.entry.painDuring, made.entry.note], [['Bridge'], 7, 'ok']);
  assert.deepEqual(made.entry.session.items.map((i) => [i.name, i.skipped, i.level]),
    [['Bridge', false, 'keep-going'], ['Walk to the shop', true, null], ['Bridge', true, 'tell-therapist']],
    'rated with nothing counted is not done (review P11)');
  const backend = new FakeStorage();
  const store = createStorageWithSalvage(backend, '/pt-guide/');
  const save = (savedRev) => diaryPutEntry(store, s.id, (existing) => sessionDiaryEntry(existing, s, savedRev));
  assert.equal(save().added, true);
  assert.equal(save(1).added, false);
  const { entries } = store.read('diary', DIARY_READ_OPTIONS).data;
  assert.deepEqual([entries.length, entries[0].rev], [1, 2]);
});

test('junk drafts come back as null or as a session that works', () => {
  for (const junk of [null, 'x', [], { items: [] }, { id: 'a b', at: '2026-12-01T09:00', items: [{ name: 'X' }] },
    { id: 'ab', at: 'yesterday', items: [{ name: 'X' }] }, { id: 'ab', at: '2026-12-01T09:00', items: [1, null, { name: '' }] }]) {
    assert.equal(sessionCleanDraft(junk, 0), null, JSON.stringify(junk));
  }
  const clean = sessionCleanDraft({ id: 'ab', at: '2026-12-01T09:00', index: 99, items: [{ name: 'X', stage: 'rest', reps: 'many', timer: { kind: 'hold' } }] }, 0);
  assert.deepEqual([clean.index, clean.items[0].stage, clean.items[0].reps, clean.items[0].timer], [0, 'do', 0, null]);
  assert.equal(sessionAddRep(clean).items[0].reps, 1);
});

test('the next morning: yesterday\'s latest unanswered session, on this phone\'s calendar; once answered never again', () => {
  const today = sessionMorningToday(new Date(2026, 11, 2, 7, 0));
  const session = (nextMorning) => ({ programmeId: null, items: [], nextMorning });
  const entries = [
    { id: 'a', at: '2026-12-01T08:00', session: session(null), painNextMorning: null, rev: 1 },
    { id: 'b', at: '2026-12-01T19:00', session: session(null), painNextMorning: null, rev: 1 },
    { id: 'c', at: '2026-11-30T19:00', session: session(null), painNextMorning: null, rev: 1 },
    { id: 'd', at: '2026-12-01T20:00', session: null, painNextMorning: null, rev: 1 },
    { id: 'e', at: '2026-12-01T21:00', session: session('dismissed'), painNextMorning: null, rev: 1 },
  ];
  assert.equal(sessionMorningDue(entries, today).id, 'b');
  assert.equal(sessionMorningDue(entries, today + 1), null, 'two days later it is not asked');
  const answered = sessionMorningAnswered(entries[1], 'worse', 6);
  assert.deepEqual([answered.session.nextMorning, answered.painNextMorning, answered.rev], ['worse', 6, 2]);
  assert.equal(sessionMorningAnswered({ ...entries[1], painNextMorning: 2 }, 'same', 6).painNextMorning, 2, 'a number typed in the diary stays');
  assert.equal(sessionMorningAnswered(entries[1], 'better', null).painNextMorning, null);
  assert.equal(sessionMorningDue([{ ...entries[1], session: answered.session }], today), null);
});

test('the next morning reads the diary\'s own schema', () => {
  assert.equal(SESSION_MORNING_DIARY_SCHEMA, DIARY_SCHEMA);
});

test('ticked exercise signs give the change-or-stop advice and are saved on the item (review P1)', async () => {
  const { sessionLastFlagged, sessionWasFlagged } = await import('../../static/js/lib/session-flow.js');
  const plan = sessionPlan(programme, library, TUESDAY, true);
  let s = sessionStart(plan, 'e1', '2026-12-01T09:00');
  s = sessionAnswerPain(sessionAddRep(s), 2, false, checklist, 5, ['spreads-down-leg', 'made-up']);
  assert.deepEqual([s.items[0].level, s.items[0].signs], ['tell-therapist', ['spreads-down-leg']]);
  const made = sessionDiaryEntry(null, s);
  assert.deepEqual(validateEntry(made.entry), []);
  assert.deepEqual(made.entry.session.items[0].signs, ['spreads-down-leg']);
  // Review P2: the next session knows which exercise was flagged last time, and only from an earlier entry.
  const last = sessionLastFlagged([made.entry], '2026-12-02T09:00', 5);
  assert.equal(last.at, '2026-12-01T09:00');
  assert.equal(sessionWasFlagged(last, plan.items[0]), true);
  assert.equal(sessionWasFlagged(last, plan.items[1]), false);
  assert.equal(sessionLastFlagged([made.entry], '2026-12-01T09:00', 5), null, 'not this session itself');
  assert.equal(sessionLastFlagged(['junk', { session: 'x' }], '2026-12-02T09:00', 5), null);
});
