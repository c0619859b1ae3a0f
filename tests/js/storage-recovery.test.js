import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import { createStorageWithRecovery as createStorage } from '../../static/js/lib/storage-recovery.js';
import { FakeStorage, clock } from './fake-storage.js';

const NS = '/pt-guide/';
const KEY = `ptguide:${NS}:diary`;
const envelope = (schema, data) => JSON.stringify({ schema, savedAt: '2025-11-01T08:00:00.000Z', data });
const opts = { schema: 2, migrations: { 1: (d) => ({ entries: d.items.map((p) => ({ pain: p })) }) }, validate: (d) => Array.isArray(d.entries), label: 'diary' };

describe('reading with recovery', () => {
  test('sets aside an older schema for which no migration exists', () => {
    const backend = new FakeStorage();
    const raw = envelope(1, { items: [] });
    backend.setItem(KEY, raw);
    const store = createStorage(backend, NS, { now: clock() });
    const result = store.read('diary', { schema: 2, migrations: {} });
    assert.equal(result.reason, 'no-migration');
    assert.equal(store.readSetAside(result.setAsideKey), raw);
  });

  test('never overwrites an earlier set-aside copy, even in the same millisecond', () => {
    const backend = new FakeStorage();
    const store = createStorage(backend, NS, { now: () => new Date('2025-11-03T10:00:00.000Z') });
    backend.setItem(KEY, 'first junk');
    store.read('diary', opts);
    backend.setItem(KEY, 'second junk');
    store.read('diary', opts);
    const list = store.listSetAside();
    assert.equal(list.length, 2);
    assert.deepEqual(list.map((x) => store.readSetAside(x.key)).sort(), ['first junk', 'second junk']);
    assert.ok(list.every((x) => x.name === 'diary'));
  });

  test('leaves unreadable data in place and reports it when even setting aside hits the quota', () => {
    const raw = '{corrupt but precious';
    const backend = new FakeStorage({ quota: KEY.length + raw.length + 5 });
    backend.setItem(KEY, raw);
    const store = createStorage(backend, NS);
    const result = store.read('diary', { ...opts, fallback: { entries: [] } });
    assert.equal(result.reason, 'stuck');
    assert.match(result.problem, /storage is full/);
    assert.match(result.problem, /nothing was deleted/);
    assert.equal(backend.getItem(KEY), raw);
    assert.deepEqual(store.listSetAside(), []);
  });

  test('refuses to write over unreadable data it could not set aside', () => {
    const raw = '{corrupt but precious';
    const backend = new FakeStorage({ quota: KEY.length + raw.length + 5 });
    backend.setItem(KEY, raw);
    const store = createStorage(backend, NS);
    store.read('diary', opts);
    const result = store.write('diary', { entries: [] }, 2);
    assert.equal(result.ok, false);
    assert.equal(backend.getItem(KEY), raw);
    backend.quota = Infinity;
    assert.equal(store.write('diary', { entries: [] }, 2).ok, true);
    assert.equal(store.readSetAside(store.listSetAside()[0].key), raw, 'the old value was set aside first');
  });
});

describe('set-aside copies', () => {
  test('keeps the value from before a migration until the first save after it', () => {
    const backend = new FakeStorage();
    const raw = envelope(1, { items: [4] });
    backend.setItem(KEY, raw);
    const store = createStorage(backend, NS, { now: clock() });
    assert.equal(store.read('diary', opts).reason, 'migrated');
    assert.equal(backend.getItem(`${KEY}:before-update`), raw, 'byte for byte');
    assert.equal(store.write('diary', { entries: [{ pain: 5 }] }, 2).ok, true);
    assert.equal(backend.getItem(`${KEY}:before-update`), null);
  });


  test('sets aside only the bad items a salvage step names, and keeps the rest live', () => {
    const backend = new FakeStorage();
    backend.setItem(KEY, envelope(2, { entries: [1, 'bad', 3] }));
    const store = createStorage(backend, NS, { now: clock() });
    const validate = (d) => d.entries.every((x) => typeof x === 'number');
    const salvage = (d) => ({ data: { entries: d.entries.filter((x) => typeof x === 'number') }, rejected: { entries: ['bad'] }, reason: 'bad-entries' });
    const result = store.read('diary', { schema: 2, validate, salvage, salvagedMessage: 'one entry set aside' });
    assert.deepEqual(result.data, { entries: [1, 3] });
    assert.equal(result.problem, 'one entry set aside');
    assert.match(result.setAsideKey, /:set-aside:2025-11-03T10:00:00\.\d{3}Z:bad-entries$/);
    assert.deepEqual(JSON.parse(backend.getItem(result.setAsideKey)).data, { entries: ['bad'] });
    assert.deepEqual(JSON.parse(backend.getItem(KEY)).data, { entries: [1, 3] });
  });


  test('can be put back under their live name once nothing live is there', () => {
    const backend = new FakeStorage();
    backend.setItem(KEY, '{"schema":2,"data":{"entries":"not a list"}}');
    const older = createStorage(backend, NS, { now: clock() });
    older.read('diary', opts);
    const [copy] = older.listSetAside();
    assert.equal(copy.reason, 'invalid');
    assert.equal(copy.at, '2025-11-03T10:00:00.000Z');
    older.write('diary', { entries: [] }, 2);
    assert.equal(older.restoreSetAside(copy.key).ok, false, 'live data is never replaced');
    older.remove('diary');
    assert.equal(older.restoreSetAside(copy.key).ok, true);
    assert.equal(JSON.parse(backend.getItem(KEY)).data.entries, 'not a list');
    assert.deepEqual(older.listSetAside(), []);
  });

  test('of other namespaces are neither listed nor readable', () => {
    const backend = new FakeStorage();
    backend.setItem('ptguide:/other/:diary:set-aside:2025-01-01T00:00:00.000Z', 'theirs');
    const store = createStorage(backend, NS);
    assert.deepEqual(store.listSetAside(), []);
    assert.equal(store.readSetAside('ptguide:/other/:diary:set-aside:2025-01-01T00:00:00.000Z'), null);
  });
});

describe('removing everything', () => {
  test('removes every key of this namespace, set-aside ones included, and nothing else', () => {
    const backend = new FakeStorage();
    const store = createStorage(backend, '/a/', { now: clock() });
    store.write('diary', { entries: [] }, 2);
    store.write('pain-check', { answers: {} }, 1);
    backend.setItem('ptguide:/a/:broken', 'junk');
    store.read('broken', opts);
    const others = {
      'ptguide:/a/b/:diary': 'nested app',
      'ptguide:/ab/:diary': 'sibling app',
      'ptguide:/b/:diary': 'other app',
      'someone-else': 'not ours',
    };
    for (const [k, v] of Object.entries(others)) backend.setItem(k, v);
    const result = store.removeAll();
    assert.deepEqual(result, { ok: true, removed: 3, problem: null });
    assert.deepEqual(Object.fromEntries(backend.snapshot()), others);
  });
});

describe('the split', () => {
  test('leaves the pain check and next-session store without recovery or delete-all', async () => {
    const { createStorage: createPlainStorage } = await import('../../static/js/lib/storage.js');
    const plain = createPlainStorage(new FakeStorage(), NS);
    for (const name of ['remove', 'listSetAside', 'readSetAside', 'restoreSetAside', 'removeAll']) {
      assert.equal(plain[name], undefined);
      assert.equal(typeof createStorage(new FakeStorage(), NS)[name], 'function');
    }
  });
});
