// The pain check's saved answers: migration of older shapes, freshness, and the diary entry a check makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createStorage } from '../../static/js/lib/storage.js';
import { createStorageWithSalvage } from '../../static/js/lib/storage-salvage.js';
import {
  PAIN_CHECK_READ_OPTIONS, PAIN_CHECK_SCHEMA, PAIN_CHECK_STORE_NAME, painCheckEmptyRecord, painCheckEntryId,
  painCheckExpire, painCheckHistoryText, painCheckIsRecord,
} from '../../static/js/lib/pain-check-answers.js';
import { painCheckSaveToDiary } from '../../static/js/lib/pain-check-diary.js';
import { DIARY_READ_OPTIONS, validateDiary } from '../../static/js/lib/diary-model.js';
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
  for (const raw of ['{', envelope(2, { answers: { pain: 'x' } }), envelope(1, { answers: 3 }), envelope(3, painCheckEmptyRecord())]) {
    const { data, problem } = readPainCheck(raw);
    assert.equal(data, null, raw);
    assert.ok(problem, raw);
  }
  assert.ok(painCheckIsRecord(painCheckEmptyRecord()));
  assert.equal(PAIN_CHECK_SCHEMA, 2);
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
  const backend = new FakeStorage();
  const store = createStorage(backend, NS);
  backend.setItem(DIARY_KEY, envelope(9, { entries: [] }));
  const result = painCheckSaveToDiary(store, check);
  assert.equal(result.ok, false);
  assert.ok(result.problem);
  // docs/storage.md: a diary saved by a newer version stays exactly where it is, untouched.
  assert.equal(backend.getItem(DIARY_KEY), envelope(9, { entries: [] }));
  assert.ok(![...Array(backend.length).keys()].map((i) => backend.key(i)).some((key) => key.includes(':set-aside:')));
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
  store.write('diary', { entries: [edited] }, 2);
  const again = painCheckSaveToDiary(store, { ...check, pain: 4, level: 'tell-therapist', rev: first.rev });
  assert.equal(again.ok, true);
  assert.match(again.problem, /score you changed in your diary is kept/);
  assert.deepEqual([stored().painDuring, stored().note, stored().check, stored().rev], [6, 'really a 6', 'tell-therapist', 3]);
});
