// The pain check's saved answers: migration of older shapes, freshness, and the diary entry a check makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createStorage } from '../../static/js/lib/storage.js';
import { createStorageWithSalvage } from '../../static/js/lib/storage-salvage.js';
import {
  PAIN_CHECK_READ_OPTIONS, PAIN_CHECK_SCHEMA, PAIN_CHECK_STORE_NAME, painCheckEmptyRecord, painCheckEntryId,
  painCheckExpire, painCheckHistoryText, painCheckIsRecord, painCheckNewVisit, painCheckStampText,
} from '../../static/js/lib/pain-check-answers.js';
import { painCheckSaveToDiary } from '../../static/js/lib/pain-check-diary.js';
import { DIARY_READ_OPTIONS, DIARY_SCHEMA, validateDiary } from '../../static/js/lib/diary-model.js';
import { FakeStorage } from './fake-storage.js';

const NS = '/pt-guide/';
const KEY = `ptguide:${NS}:pain-check`;
const DIARY_KEY = `ptguide:${NS}:diary`;
const envelope = (schema, data) => JSON.stringify({ schema, savedAt: '2026-11-24T08:00:00.000Z', data });
const summarise = (answers) => (answers.pain > 5 ? { level: 'tell-therapist', heading: 'Change or stop' } : { level: 'keep-going', heading: 'Keep going' });

function readPainCheck(raw) {
  const backend = new FakeStorage();
  backend.setItem(KEY, raw);
  return createStorage(backend, NS).read(PAIN_CHECK_STORE_NAME, PAIN_CHECK_READ_OPTIONS);
}

test('schema 1 answers come back under the same ids, with no time, so they are never shown as current', () => {
  const old = { answers: { pain: 7, when: 'when-during', behaviour: 'behaviour-building', ticked: ['sharp-or-shooting'] }, saved: null };
  const { data, problem } = readPainCheck(envelope(1, old));
  assert.equal(problem, null);
  assert.deepEqual(data.answers, { ...old.answers, none: [] });
  assert.equal(data.changedAt, null);
  const fresh = painCheckExpire(data, new Date('2026-12-01T12:00:00Z'), 12, summarise);
  assert.deepEqual(fresh.answers, painCheckEmptyRecord().answers);
  assert.equal(fresh.last.level, 'tell-therapist');
  assert.equal(fresh.last.at, null);
  assert.equal(painCheckHistoryText(fresh.last), 'Your last check: Change or stop');
});

for (const [what, answers] of [
  ['"The next morning" (split into two, A6)', { pain: 2, when: 'when-next-morning', behaviour: null, ticked: [] }],
  ['the bladder item (split into three)', { pain: 2, when: null, behaviour: null, ticked: ['fever', 'bladder-or-bowel'] }],
]) {
  test(`a schema 1 check with ${what} starts afresh instead of being read as another answer`, () => {
    const { data, problem } = readPainCheck(envelope(1, { answers, saved: { at: '2026-11-20T10:00', level: 'urgent', heading: 'Urgent' } }));
    assert.equal(problem, null);
    assert.deepEqual(data.answers, painCheckEmptyRecord().answers);
    assert.equal(data.saved.level, 'urgent', 'the note of what was saved stays');
  });
}

test('junk and newer records are set aside, never used', () => {
  for (const raw of ['{', envelope(2, { answers: { pain: 'x' } }), envelope(1, { answers: 3 }), envelope(4, painCheckEmptyRecord())]) {
    const { data, problem } = readPainCheck(raw);
    assert.equal(data, null, raw);
    assert.ok(problem, raw);
  }
  assert.ok(painCheckIsRecord(painCheckEmptyRecord()));
  assert.equal(PAIN_CHECK_SCHEMA, 3);
});

test('a check answered less than fresh_hours ago stays current; at fresh_hours it becomes dated history', () => {
  const record = { ...painCheckEmptyRecord(), answers: { ...painCheckEmptyRecord().answers, pain: 3 } };
  record.changedAt = new Date(2026, 11, 1, 13, 44).toISOString();
  const at = (hours) => new Date(Date.parse(record.changedAt) + hours * 3600000);
  assert.equal(painCheckExpire(record, at(11.9), 12, summarise), record);
  const later = painCheckExpire(record, at(12), 12, summarise);
  assert.equal(later.answers.pain, null);
  assert.deepEqual(later.last, { at: '2026-12-01T13:44', level: 'keep-going', heading: 'Keep going' });
  assert.equal(painCheckHistoryText(later.last), 'Your last check, Tue 1 Dec, 13:44: Keep going');
  assert.equal(painCheckExpire(record, at(-1), 12, summarise).answers.pain, null, 'a time in the future is not trusted');
  assert.equal(painCheckExpire(record, at(2), 1, summarise).answers.pain, null, 'the hours are a setting');
});

test('the fresh window counts from the first answer: answering again does not stretch it (fix 1a)', () => {
  const first = new Date(2026, 11, 1, 8, 0);
  const record = { ...painCheckEmptyRecord(), answers: { ...painCheckEmptyRecord().answers, pain: 3 } };
  record.startedAt = first.toISOString();
  record.changedAt = new Date(first.getTime() + 11.5 * 3600000).toISOString();
  const later = painCheckExpire(record, new Date(first.getTime() + 12.5 * 3600000), 12, summarise);
  assert.equal(later.answers.pain, null, 'an answer at 11.5 h did not restart the 12 h window');
  assert.equal(later.last.at, '2026-12-01T19:30', 'dated by the last answer');
});

const WARNING_ITEMS = ['chest-pain', 'fever'];
const visit = (answers, extra = {}) => ({
  ...painCheckEmptyRecord(), answers: { ...painCheckEmptyRecord().answers, ...answers },
  startedAt: new Date(Date.now() - 3600000).toISOString(), changedAt: new Date(Date.now() - 60000).toISOString(), ...extra,
});
const summariseWarned = (answers) => (answers.ticked.includes('chest-pain')
  ? { level: 'emergency', heading: 'Emergency', ticked: ['chest-pain'] } : summarise(answers));

test('a new visit asks the warning signs again: "none" is not carried over, the other answers stay (fix 1b)', () => {
  const halfway = visit({ pain: 3, behaviour: 'behaviour-steady', none: ['emergency-signs', 'urgent-signs'] });
  const next = painCheckNewVisit(halfway, new Date(), 12, summarise, WARNING_ITEMS);
  assert.deepEqual(next.answers, { ...halfway.answers, none: [] });
  assert.equal(next.last, null, 'a result the patient never reached is not history');
  assert.equal(next.startedAt, halfway.startedAt, 'still the same check, in the same window');
});

test('a new visit turns a result the patient saw into dated history with the ticked signs, never the current result (fix 1c)', () => {
  const warned = visit({ pain: 2, ticked: ['chest-pain', 'sharp-or-shooting'] });
  const next = painCheckNewVisit(warned, new Date(), 12, summariseWarned, WARNING_ITEMS);
  // A result the patient saw is history: none of its "right now" answers, the pain score included, comes back.
  assert.deepEqual(next.answers, { pain: null, when: null, behaviour: null, ticked: [], none: [] });
  assert.equal(next.last.level, 'emergency');
  assert.deepEqual(next.last.ticked, ['chest-pain']);
  assert.match(next.last.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
  const done = visit({ pain: 3, none: ['emergency-signs', 'urgent-signs'] }, { doneAt: new Date().toISOString() });
  const again = painCheckNewVisit(done, new Date(), 12, summarise, WARNING_ITEMS);
  assert.equal(again.last.level, 'keep-going');
  assert.equal(again.doneAt, null);
  assert.deepEqual(again.answers.none, []);
  assert.equal(again.answers.pain, null, 'the old pain score is not offered as the pain now');
  const onlySigns = painCheckNewVisit(visit({ ticked: ['chest-pain'] }), new Date(), 12, summariseWarned, WARNING_ITEMS);
  assert.equal(onlySigns.startedAt, null, 'nothing left: the next answer starts a new check');
  assert.ok(painCheckIsRecord(onlySigns));
});

test('a schema 2 check with "the next morning, still worse" under "when" comes back as the one tick (schema 3)', () => {
  const old = {
    answers: { pain: 3, when: 'when-next-morning-worse', behaviour: null, ticked: ['fever'], none: [] },
    changedAt: '2026-12-01T08:00:00.000Z', startedAt: '2026-12-01T07:55:00.000Z', last: null, saved: null,
  };
  const { data, problem } = readPainCheck(envelope(2, old));
  assert.equal(problem, null);
  assert.equal(data.answers.when, null);
  assert.deepEqual(data.answers.ticked, ['fever', 'worse-next-morning']);
  assert.equal(data.doneAt, null);
  assert.equal(data.startedAt, old.startedAt);
  const schema1 = readPainCheck(envelope(1, { answers: { pain: 6, when: 'when-next-morning-worse', behaviour: null, ticked: [] }, saved: null }));
  assert.deepEqual(schema1.data.answers.ticked, ['worse-next-morning'], 'schema 1 goes through both steps');
});

test('an empty check has nothing to expire and keeps its history', () => {
  const record = { ...painCheckEmptyRecord(), last: { at: '2026-11-30T09:00', level: 'urgent', heading: 'Urgent' } };
  assert.equal(painCheckExpire(record, new Date(), 12, summarise), record);
});

const check = { id: painCheckEntryId('2026-12-01T13:40:00.000Z'), at: '2026-12-01T13:44', pain: 3, level: 'keep-going' };

test('saving a check makes one diary entry in the diary format; saving it again updates that entry', () => {
  const backend = new FakeStorage();
  const store = createStorage(backend, NS);
  assert.deepEqual(painCheckSaveToDiary(store, check), { ok: true, added: true, problem: null, rev: 1 });
  assert.deepEqual(painCheckSaveToDiary(store, { ...check, pain: 4, rev: 1 }), { ok: true, added: false, problem: null, rev: 2 });
  const { data, problem } = store.read('diary', DIARY_READ_OPTIONS);
  assert.equal(problem, null);
  assert.deepEqual(validateDiary(data), []);
  assert.equal(data.entries.length, 1);
  assert.deepEqual([data.entries[0].id, data.entries[0].at, data.entries[0].painDuring, data.entries[0].check],
    [check.id, '2026-12-01T13:44', 4, 'keep-going']);
});

test('a saved check keeps what the patient added to its entry in the diary, and other entries stay', () => {
  const backend = new FakeStorage();
  const store = createStorage(backend, NS);
  const mine = { id: 'abc', at: '2026-11-30T10:00', painDuring: 2, note: 'walked' };
  backend.setItem(DIARY_KEY, envelope(2, { entries: [mine, { id: check.id, at: check.at, note: 'after bridges' }] }));
  painCheckSaveToDiary(store, check);
  const { data } = store.read('diary', DIARY_READ_OPTIONS);
  assert.deepEqual(data.entries.map((entry) => [entry.id, entry.note, entry.painDuring]), [['abc', 'walked', 2], [check.id, 'after bridges', 3]]);
});

test('a diary that cannot be read is never replaced by a diary of one entry', () => {
  // A newer version's diary stays where it is (read-only beside it, since issue 12); junk is moved aside.
  const newer = envelope(9, { entries: [] });
  for (const [raw, kept] of [[newer, true], ['{', false]]) {
    const backend = new FakeStorage();
    const store = createStorage(backend, NS);
    backend.setItem(DIARY_KEY, raw);
    const result = painCheckSaveToDiary(store, check);
    assert.equal(result.ok, false, raw);
    assert.ok(result.problem, raw);
    const keys = [...Array(backend.length).keys()].map((i) => backend.key(i));
    if (kept) assert.equal(backend.getItem(DIARY_KEY), raw, 'left exactly as it was');
    else assert.ok(keys.some((key) => key.includes(':set-aside:') && backend.getItem(key) === raw), 'moved aside, kept');
    assert.ok(keys.every((key) => !backend.getItem(key).includes(check.id)), 'no diary of one entry was written');
  }
});

// Attacker review D (#1): the pain check writes the diary by the diary's recovery rules.
test('a diary with one bad entry keeps the rest when a check is saved, and the bad entry is set aside alone', () => {
  const backend = new FakeStorage();
  const store = createStorageWithSalvage(backend, NS);
  const good = { id: 'abc', at: '2026-11-30T10:00', painDuring: 2, note: 'walked', rev: 1 };
  backend.setItem(DIARY_KEY, envelope(2, { entries: [good, { id: 'bad', at: '2026-11-30T11:00', painDuring: 11 }] }));
  const result = painCheckSaveToDiary(store, check);
  assert.equal(result.ok, true);
  assert.match(result.problem, /set aside/);
  const { data } = store.read('diary', DIARY_READ_OPTIONS);
  assert.deepEqual(data.entries.map((entry) => entry.id), ['abc', check.id]);
  const aside = [...backend.map.keys()].filter((key) => key.includes(':set-aside:'));
  assert.equal(aside.length, 1);
  assert.deepEqual(JSON.parse(backend.getItem(aside[0])).data.entries.map((entry) => entry.id), ['bad']);
});

test('a check saved over an older diary keeps the value from before the update', () => {
  const backend = new FakeStorage();
  const store = createStorageWithSalvage(backend, NS);
  const old = envelope(1, { entries: [{ date: '2026-11-01', pain: 4 }] });
  backend.setItem(DIARY_KEY, old);
  assert.equal(painCheckSaveToDiary(store, check).ok, true);
  assert.equal(JSON.parse(backend.getItem(DIARY_KEY)).data.entries.length, 2);
  // Kept until the diary's own first save after the update (docs/storage.md, rule 3).
  assert.equal(backend.getItem(`${DIARY_KEY}:before-update`), old);
});

// Attacker review H (#6).
test('saving a check again raises the entry rev and never silently overwrites a score changed in the diary', () => {
  const backend = new FakeStorage();
  const store = createStorageWithSalvage(backend, NS);
  const first = painCheckSaveToDiary(store, check);
  const stored = () => store.read('diary', DIARY_READ_OPTIONS).data.entries[0];
  // The patient corrects the score in the diary (an edit saves rev + 1).
  const edited = { ...stored(), painDuring: 6, note: 'really a 6', rev: first.rev + 1 };
  store.write('diary', { entries: [edited] }, DIARY_SCHEMA);
  const again = painCheckSaveToDiary(store, { ...check, pain: 4, level: 'tell-therapist', rev: first.rev });
  assert.equal(again.ok, true);
  assert.match(again.problem, /score you changed in your diary is kept/);
  assert.deepEqual([stored().painDuring, stored().note, stored().check, stored().rev], [6, 'really a 6', 'tell-therapist', 3]);
});

test('the printed stamp has the year and the score the patient chose, and nothing for junk (N1)', () => {
  assert.equal(painCheckStampText('2026-12-01T19:05', 3), 'Checked on Tue 1 Dec 2026 at 19:05. Pain score chosen: 3 out of 10.');
  assert.equal(painCheckStampText('2026-12-01T19:05', null), 'Checked on Tue 1 Dec 2026 at 19:05.');
  assert.equal(painCheckStampText('2026-12-01T19:05', 11), 'Checked on Tue 1 Dec 2026 at 19:05.');
  assert.equal(painCheckStampText('yesterday', 3), '');
});
