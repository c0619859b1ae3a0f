// A diary entry's `session` field (issue 15) and the diary's schema 3 that carries it.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createStorageWithSalvage } from '../../static/js/lib/storage-salvage.js';
import { DIARY_READ_OPTIONS, DIARY_SCHEMA, emptyEntry, normalizeEntry, validateEntry } from '../../static/js/lib/diary-model.js';
import { DIARY_SESSION_LEVELS, diarySessionNormalize, diarySessionProblems } from '../../static/js/lib/diary-session.js';
import { PAIN_CHECK_LEVELS } from '../../static/js/lib/pain-check-rules.js';
import { FakeStorage } from './fake-storage.js';

const NS = '/pt-guide/';
const KEY = `ptguide:${NS}:diary`;
const item = (fields = {}) => ({
  key: 'i-1', exerciseId: 'bridge', name: 'Bridge', planned: { sets: 2, reps: 10, holdSeconds: 5 },
  done: { sets: 2, reps: 10 }, skipped: false, pain: 4, builtUp: false, level: 'keep-going', ...fields,
});
const session = (fields = {}) => ({ programmeId: 'p-abc', items: [item()], nextMorning: null, ...fields });
const entry = (fields = {}) => ({ ...emptyEntry('e1', '2026-12-01T09:00'), exercises: ['Bridge'], painDuring: 4, ...fields });

test('the session keeps the pain check\'s levels, no others', () => {
  assert.deepEqual(DIARY_SESSION_LEVELS, PAIN_CHECK_LEVELS);
});

test('an entry with a good session passes and keeps every field, in a fixed order', () => {
  const good = entry({ session: session() });
  assert.deepEqual(validateEntry(good), []);
  const normal = normalizeEntry(good);
  assert.deepEqual(normal.session.items[0], {
    key: 'i-1', exerciseId: 'bridge', name: 'Bridge', planned: { sets: 2, reps: 10, holdSeconds: 5 },
    done: { sets: 2, reps: 10, holdSeconds: null }, skipped: false, pain: 4, builtUp: false, signs: [], level: 'keep-going',
  });
  assert.equal(normalizeEntry(entry()).session, null, 'most entries have no session');
});

test('junk in a session is refused with a plain reason, never shown', () => {
  const bad = [
    'yes', [], { items: 'x' }, session({ programmeId: '<b>' }), session({ items: Array.from({ length: 31 }, () => item()) }),
    session({ items: [item({ level: 'fine' })] }), session({ items: [item({ pain: 11 })] }),
    session({ items: [item({ pain: 2.5 })] }), session({ items: [item({ name: '' })] }),
    session({ items: [item({ name: 'x'.repeat(5000) })] }), session({ items: [item({ planned: { reps: -1 } })] }),
    session({ items: [item({ done: { sets: 1e9 } })] }), session({ items: [item({ skipped: 'no' })] }),
    session({ items: [item({ exerciseId: 'a b' })] }), session({ items: [null] }), session({ nextMorning: 'great' }),
    session({ items: [item({ signs: 'sharp-or-shooting' })] }), session({ items: [item({ signs: ['numb'] })] }),
    session({ items: [item({ signs: ['sharp-or-shooting', 'sharp-or-shooting', 'spreads-down-leg'] })] }),
  ];
  for (const value of bad) {
    const problems = validateEntry(entry({ session: value }));
    assert.equal(problems.length, 1, JSON.stringify(value).slice(0, 80));
    assert.match(problems[0], /session/);
  }
  assert.deepEqual(diarySessionProblems(null), []);
  assert.deepEqual(diarySessionProblems(undefined), []);
});

test('a long name is cut on whole characters, never in half an emoji', () => {
  const name = `${'a'.repeat(119)}😀 and more`;
  const out = diarySessionNormalize(session({ items: [item({ name })] })).items[0].name;
  assert.equal(out, 'a'.repeat(119));
  assert.equal(diarySessionNormalize(session({ items: [item({ name: `  ${'b'.repeat(118)}😀` })] })).items[0].name, `${'b'.repeat(118)}😀`);
});

test('the next morning\'s answer is one of better, same, worse or dismissed', () => {
  for (const nextMorning of ['better', 'same', 'worse', 'dismissed', null]) {
    assert.deepEqual(validateEntry(entry({ session: session({ nextMorning }) })), [], String(nextMorning));
  }
});

test('a schema 2 diary is migrated to 3: every entry gets no session, exercise names stay as typed', () => {
  assert.equal(DIARY_SCHEMA, 3);
  const backend = new FakeStorage();
  const old = { id: 'old1', at: '2026-11-20T08:00', painDuring: 3, exercises: ['bridges ', 'Knee rolls'], note: 'ok', rev: 2 };
  const raw = JSON.stringify({ schema: 2, savedAt: '2026-11-20T08:00:00.000Z', data: { entries: [old] } });
  backend.setItem(KEY, raw);
  const { data, reason } = createStorageWithSalvage(backend, NS).read('diary', DIARY_READ_OPTIONS);
  assert.equal(reason, 'migrated');
  assert.deepEqual([data.entries[0].exercises, data.entries[0].session, data.entries[0].note, data.entries[0].rev],
    [['bridges', 'Knee rolls'], null, 'ok', 2]);
  assert.equal(JSON.parse(backend.getItem(KEY)).schema, 3, 'written back, so older tabs stop writing');
  assert.equal(backend.getItem(`${KEY}:before-update`), raw, 'the value as the older version left it is kept');
});

test('a schema 2 diary with one bad entry keeps its good entries after the update; the bad one alone is set aside', () => {
  const backend = new FakeStorage();
  const good = { id: 'g1', at: '2026-11-20T08:00', painDuring: 3 };
  const bad = { id: 'b1', at: '2026-11-21T08:00', painDuring: 11 };
  backend.setItem(KEY, JSON.stringify({ schema: 2, savedAt: '2026-11-21T08:00:00.000Z', data: { entries: [good, bad] } }));
  const { data, reason } = createStorageWithSalvage(backend, NS).read('diary', DIARY_READ_OPTIONS);
  assert.equal(reason, 'salvaged');
  assert.deepEqual(data.entries.map((e) => e.id), ['g1']);
  const aside = [...backend.map.keys()].filter((key) => key.includes(':set-aside:'));
  assert.equal(aside.length, 1);
  assert.deepEqual(JSON.parse(backend.getItem(aside[0])).data.entries.map((e) => e.id), ['b1']);
  assert.equal(JSON.parse(backend.getItem(KEY)).schema, 3);
});

// Review P1: the exercise signs ticked in a session are kept, known ids only, in a fixed order.
test('the ticked exercise signs are kept in the rule\'s order, and are the pain check\'s own ids', async () => {
  const { PAIN_CHECK_SESSION_SIGNS } = await import('../../static/js/lib/pain-check-rules.js');
  const { DIARY_SESSION_SIGNS } = await import('../../static/js/lib/diary-session.js');
  assert.deepEqual(DIARY_SESSION_SIGNS, PAIN_CHECK_SESSION_SIGNS);
  const good = entry({ session: session({ items: [item({ signs: ['spreads-down-leg', 'sharp-or-shooting'] })] }) });
  assert.deepEqual(validateEntry(good), []);
  assert.deepEqual(normalizeEntry(good).session.items[0].signs, ['sharp-or-shooting', 'spreads-down-leg']);
  assert.deepEqual(normalizeEntry(entry({ session: session() })).session.items[0].signs, [], 'an older entry has none');
});
