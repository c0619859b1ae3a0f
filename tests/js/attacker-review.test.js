// The stored-data attacker review of issue 12 (reviews/12-fixes.md), one finding per test group: what a
// patient would notice if any of these came back.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import { createStorage } from '../../static/js/lib/storage.js';
import { createStorageWithRecovery } from '../../static/js/lib/storage-recovery.js';
import { DIARY_READ_OPTIONS, diaryCleanDraft, diaryLastAt } from '../../static/js/lib/diary-model.js';
import { parseImport, parseSetAside } from '../../static/js/lib/diary-share.js';
import { observe } from '../../static/js/lib/diary-observe.js';
import { viewEntryLines } from '../../static/js/lib/diary-view.js';
import { FakeStorage } from './fake-storage.js';

const NS = '/pt-guide/';
const KEY = `ptguide:${NS}:diary`;
const at = '2026-11-30T10:00';
const full = (id, fields = {}) => ({
  id, at, painBefore: null, painDuring: 3, painAfter: null, painNextMorning: null, reach: null, side: null,
  feelings: [], exercises: [], note: '', check: null, rev: 1, ...fields,
});
const envelope = (schema, data) => JSON.stringify({ schema, savedAt: '2026-11-30T10:00:00.000Z', data });
const ownKeys = (backend) => [...backend.map.keys()];

describe('A: an entry missing optional fields', () => {
  for (const make of [createStorage, createStorageWithRecovery]) {
    test(`is read with every field filled in (${make.name})`, () => {
      const backend = new FakeStorage();
      backend.setItem(KEY, envelope(2, { entries: [full('g0'), { id: 'old1', at, painDuring: 3 }] }));
      const { data, problem } = make(backend, NS).read('diary', DIARY_READ_OPTIONS);
      assert.equal(problem, null);
      const old = data.entries[1];
      assert.deepEqual([old.feelings, old.exercises, old.painBefore, old.note, old.rev], [[], [], null, '', 1]);
      assert.ok(!viewEntryLines(old, {}).join(' ').includes('undefined'));
    });
  }

  test('is filled in too when the diary beside it was salvaged', () => {
    const backend = new FakeStorage();
    backend.setItem(KEY, envelope(2, { entries: [{ id: 'old1', at, painAfter: 2 }, full('bad', { painDuring: 11 })] }));
    const { data, reason } = createStorageWithRecovery(backend, NS).read('diary', DIARY_READ_OPTIONS);
    assert.equal(reason, 'salvaged');
    assert.deepEqual(data.entries.map((e) => [e.id, e.feelings, e.painDuring]), [['old1', [], null]]);
  });
});

describe('B: a draft with an id no entry could have', () => {
  const draft = (fields) => ({ editingRev: 1, values: { note: 'my words' }, feelings: [], ...fields });
  for (const bad of ['bad id!', 123, {}, '', 'x'.repeat(65)]) {
    test(`drops ${JSON.stringify(bad)} and keeps the typing as a new entry`, () => {
      const clean = diaryCleanDraft(draft({ editingId: bad, draftId: bad }));
      assert.deepEqual([clean.editingId, clean.editingRev, clean.draftId, clean.values.note], [null, 0, null, 'my words']);
    });
  }

  test('keeps good ids, and is not a draft without its values', () => {
    const clean = diaryCleanDraft(draft({ editingId: 'abc_1', editingRev: 3, draftId: 'zz9' }));
    assert.deepEqual([clean.editingId, clean.editingRev, clean.draftId], ['abc_1', 3, 'zz9']);
    assert.equal(diaryCleanDraft(draft({ editingId: 'abc', editingRev: 0 })).editingId, null, 'an edit has a rev');
    assert.equal(diaryCleanDraft({ feelings: [] }), null);
    assert.equal(diaryCleanDraft(null), null);
  });
});

describe('C: a value saved by a newer version, whatever its layout', () => {
  const layouts = [
    ['savedAt first', '{"savedAt":"2027-01-01T00:00:00.000Z","schema":4,"data":{"entries":[]}}'],
    ['a number for savedAt', '{"schema":4,"savedAt":1764600000000,"data":{"entries":[]}}'],
    ['savedAt null', '{"schema":4,"savedAt":null,"data":{"entries":[]}}'],
    ['no data', '{"schema":4,"entries":[]}'],
    ['spaces', '{ "data": {}, "schema" : 4 }'],
  ];
  for (const [what, raw] of layouts) {
    for (const make of [createStorage, createStorageWithRecovery]) {
      test(`(${what}) is read only and stays exactly where it is (${make.name})`, () => {
        const backend = new FakeStorage();
        backend.setItem(KEY, raw);
        const store = make(backend, NS);
        assert.equal(store.read('diary', DIARY_READ_OPTIONS).reason, 'newer-schema');
        assert.equal(store.write('diary', { entries: [full('mine')] }, 2).reason, 'newer-schema');
        assert.deepEqual(ownKeys(backend), [KEY]);
        assert.equal(backend.getItem(KEY), raw);
      });
    }
  }

  test('on the pain check too', () => {
    const backend = new FakeStorage();
    const key = `ptguide:${NS}:pain-check`;
    const raw = '{"savedAt":null,"schema":9,"answers":{}}';
    backend.setItem(key, raw);
    const store = createStorage(backend, NS);
    assert.equal(store.read('pain-check', { schema: 3, validate: () => false }).reason, 'newer-schema');
    assert.equal(store.write('pain-check', {}, 3).ok, false);
    assert.deepEqual([ownKeys(backend), backend.getItem(key)], [[key], raw]);
  });
});

describe('J: a date after tomorrow', () => {
  const now = new Date(2026, 10, 30, 12, 0); // 30 Nov 2026, noon on this machine's clock
  const file = (entries) => JSON.stringify({ app: 'pt-guide', kind: 'diary', schema: 2, entries });

  test('is tomorrow 23:59 at the latest', () => {
    assert.equal(diaryLastAt(now), '2026-12-01T23:59');
  });

  test('is refused by Import with a clear message, like the form refuses it', () => {
    const result = parseImport(file([full('a', { at: '2026-12-01T23:59' }), full('b', { at: '2099-01-01T10:00' })]), { now });
    assert.equal(result.ok, false);
    assert.match(result.problems.join(' '), /Entry 2 \(2099-01-01 10:00\): its date is after tomorrow/);
    assert.equal(parseImport(file([full('a', { at: '2026-12-01T23:59' })]), { now }).ok, true);
  });

  test('is left out of Put back, with the reason, while the rest comes back', () => {
    const raw = envelope(2, { entries: [full('a'), full('b', { at: '2099-01-01T10:00' })] });
    const result = parseSetAside(raw, { now });
    assert.deepEqual(result.diary.entries.map((e) => e.id), ['a']);
    assert.match(result.bad[0].problem, /after tomorrow/);
  });

  test('never hides what the latest real entries show', () => {
    const legs = full('legs', { at: '2026-11-30T09:00', side: 'both', reach: 'foot', painDuring: 3 });
    const future = [1, 2, 3].map((i) => full(`f${i}`, { at: `2099-01-0${i}T10:00`, painDuring: 1 }));
    const found = observe([legs, ...future], { lastAt: diaryLastAt(now) }).map((o) => o.id);
    assert.ok(found.includes('both-legs'), found.join());
  });
});
