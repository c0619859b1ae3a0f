// The save's text from each entry's kept text (lib/diary-json.js), and storage.write's `serialize`: the
// same bytes as JSON.stringify, whatever the entries hold, and an entry's kept text can never go stale.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import { diaryJson } from '../../static/js/lib/diary-json.js';
import { createStorage } from '../../static/js/lib/storage.js';
import { emptyEntry, normalizeEntry } from '../../static/js/lib/diary-model.js';
import { observe } from '../../static/js/lib/diary-observe.js';
import { FakeStorage, clock } from './fake-storage.js';

const entry = (id, at, fields = {}) => ({ ...emptyEntry(id, at), ...fields });

describe('diaryJson', () => {
  test('gives JSON.stringify\'s text for a diary, again after entries are added, replaced or removed', () => {
    const a = entry('a', '2026-11-01T08:00', { note: 'Quote " slash \\ line\nend, emoji 😀, \u2028', exercises: ['Bridges, slow'] });
    const b = entry('b', '2026-11-02T08:00', { painDuring: 3, feelings: ['aching'], session: { nested: [1, { deep: true }] } });
    let diary = { entries: [a, b] };
    assert.equal(diaryJson(diary), JSON.stringify(diary));
    diary = { entries: [...diary.entries, entry('c', '2026-11-03T08:00')] };
    assert.equal(diaryJson(diary), JSON.stringify(diary));
    diary = { entries: diary.entries.map((e) => (e.id === 'a' ? { ...e, note: 'changed', rev: 2 } : e)).filter((e) => e.id !== 'b') };
    assert.equal(diaryJson(diary), JSON.stringify(diary));
    assert.equal(diaryJson({ entries: [] }), '{"entries":[]}');
  });

  test('anything but a diary of entries is stringified as it is', () => {
    for (const value of [{ entries: [], extra: 1 }, { other: [] }, { entries: 'no' }]) {
      assert.equal(diaryJson(value), JSON.stringify(value));
    }
  });

  test('an entry whose text is kept is frozen, its lists too: changing it fails loudly instead of saving old text', () => {
    const e = entry('a', '2026-11-01T08:00', { exercises: ['Walk'] });
    diaryJson({ entries: [e] });
    assert.throws(() => { e.note = 'changed'; }, TypeError);
    assert.throws(() => { e.exercises.push('Run'); }, TypeError);
    assert.equal(diaryJson({ entries: [e] }), JSON.stringify({ entries: [e] }));
  });
});

describe('storage.write with serialize', () => {
  test('stores the same envelope text, key order included, as without it', () => {
    const diary = { entries: [entry('a', '2026-11-01T08:00', { note: 'x' })] };
    const plain = new FakeStorage();
    const fast = new FakeStorage();
    createStorage(plain, '/pt-guide/', { now: clock() }).write('diary', diary, 2);
    createStorage(fast, '/pt-guide/', { now: clock() }).write('diary', diary, 2, { serialize: diaryJson });
    const key = 'ptguide:/pt-guide/:diary';
    assert.equal(fast.getItem(key), plain.getItem(key));
    assert.equal(fast.getItem(key), JSON.stringify({ schema: 2, savedAt: JSON.parse(plain.getItem(key)).savedAt, data: diary }));
  });
});

describe('observe over a diary read only in part', () => {
  test('skips entries the whole read would set aside, so the first view says what the whole read says', () => {
    const good = [entry('a', '2026-11-01T08:00', { painBefore: 2, painNextMorning: 3 }), entry('b', '2026-11-02T08:00', { painDuring: 2 })];
    const bad = { id: 'bad', at: '2026-11-03T08:00', painDuring: 11, painNextMorning: 9, exercises: [5] };
    assert.deepEqual(observe([...good, bad]), observe(good.map(normalizeEntry)));
  });
});
