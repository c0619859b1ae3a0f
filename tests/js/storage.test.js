import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import { createStorage, storageNamespaceFromPath, storageIsQuotaError, STORAGE_KEY_PREFIX } from '../../static/js/lib/storage.js';
import { FakeStorage, clock } from './fake-storage.js';

const NS = '/pt-guide/';
const KEY = `ptguide:${NS}:diary`;
const envelope = (schema, data) => JSON.stringify({ schema, savedAt: '2025-11-01T08:00:00.000Z', data });
const opts = { schema: 2, migrations: { 1: (d) => ({ entries: d.items.map((p) => ({ pain: p })) }) }, validate: (d) => Array.isArray(d.entries), label: 'diary' };

describe('the namespace helper', () => {
  test('turns an app root path into a namespace that ends with a slash', () => {
    assert.equal(storageNamespaceFromPath('/pt-guide/'), '/pt-guide/');
    assert.equal(storageNamespaceFromPath('/pt-guide'), '/pt-guide/');
    assert.equal(storageNamespaceFromPath('/'), '/');
    assert.equal(storageNamespaceFromPath('//a//b/?x=1#top'), '/a/b/');
  });

  test('encodes colons so a namespace can never look like the start of another', () => {
    assert.equal(storageNamespaceFromPath('/a:b/'), '/a%3Ab/');
  });

  test('refuses a relative path', () => {
    assert.throws(() => storageNamespaceFromPath('pt-guide/'), TypeError);
    assert.throws(() => createStorage(new FakeStorage(), 'a:b'), TypeError);
  });
});

describe('keys', () => {
  test('are ptguide, the namespace and the name joined by colons', () => {
    const store = createStorage(new FakeStorage(), NS);
    assert.equal(store.keyFor('diary'), KEY);
    assert.ok(KEY.startsWith(STORAGE_KEY_PREFIX));
  });

  test('refuse names that could break the scheme', () => {
    const store = createStorage(new FakeStorage(), NS);
    assert.throws(() => store.keyFor('a:b'), TypeError);
    assert.throws(() => store.keyFor(''), TypeError);
  });

  test('are recognised as own keys only for this namespace, not a nested or sibling app', () => {
    const store = createStorage(new FakeStorage(), '/a/');
    assert.equal(store.isOwnKey('ptguide:/a/:diary'), true);
    assert.equal(store.isOwnKey('ptguide:/a/:diary:set-aside:2025-11-03T10:00:00.000Z'), true);
    assert.equal(store.isOwnKey('ptguide:/a/b/:diary'), false);
    assert.equal(store.isOwnKey('ptguide:/ab/:diary'), false);
    assert.equal(store.isOwnKey('other-app'), false);
    assert.equal(store.isOwnKey(null), false);
  });

  test('tell which live name a storage event from another tab is about', () => {
    const store = createStorage(new FakeStorage(), NS);
    assert.equal(store.nameOfKey(KEY), 'diary');
    assert.equal(store.nameOfKey(`${KEY}:set-aside:2025-11-03T10:00:00.000Z`), null);
    assert.equal(store.changedByOtherTab(KEY), true);
    assert.equal(store.changedByOtherTab(null), true, 'a cleared storage affects us too');
    assert.equal(store.changedByOtherTab('ptguide:/other/:diary'), false);
  });
});

describe('writing', () => {
  test('stores a JSON envelope with the schema, the time and the data', () => {
    const backend = new FakeStorage();
    const store = createStorage(backend, NS, { now: clock() });
    assert.deepEqual(store.write('diary', { entries: [] }, 2), { ok: true, problem: null });
    assert.deepEqual(JSON.parse(backend.getItem(KEY)), { schema: 2, savedAt: '2025-11-03T10:00:00.000Z', data: { entries: [] } });
  });

  for (const style of ['standard', 'code22', 'firefox']) {
    test(`reports a full storage (${style} error) in plain words and keeps the previous value`, () => {
      const backend = new FakeStorage({ quota: 200, errorStyle: style });
      const store = createStorage(backend, NS);
      assert.equal(store.write('diary', { entries: ['small'] }, 2).ok, true);
      const before = backend.getItem(KEY);
      const result = store.write('diary', { entries: ['x'.repeat(500)] }, 2);
      assert.equal(result.ok, false);
      assert.match(result.problem, /storage is full/);
      assert.match(result.problem, /still there/);
      assert.equal(backend.getItem(KEY), before);
    });
  }

  test('never throws, even when the backend fails in an unexpected way', () => {
    const backend = new FakeStorage();
    backend.setItem = () => { throw new Error('disk on fire'); };
    const store = createStorage(backend, NS);
    const result = store.write('diary', { entries: [] }, 2);
    assert.equal(result.ok, false);
    assert.match(result.problem, /could not be saved/);
    assert.equal(store.write('bad:name', {}, 2).ok, false);
    assert.equal(store.write('diary', undefined, 2).ok, false);
  });

  test('explains when the browser refuses storage altogether', () => {
    const store = createStorage(null, NS);
    assert.equal(store.write('diary', {}, 2).ok, false);
    const read = store.read('diary', opts);
    assert.equal(read.data, null);
    assert.match(read.problem, /will not be kept/);
  });

  test('recognises every browser flavour of quota error', () => {
    assert.equal(storageIsQuotaError(new DOMException('x', 'QuotaExceededError')), true);
    assert.equal(storageIsQuotaError({ code: 22 }), true);
    assert.equal(storageIsQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' }), true);
    assert.equal(storageIsQuotaError(new Error('other')), false);
  });
});

describe('reading', () => {
  test('gives the fallback and no problem when nothing is stored', () => {
    const store = createStorage(new FakeStorage(), NS);
    assert.deepEqual(store.read('diary', opts), { data: null, problem: null, reason: null });
    assert.deepEqual(store.read('diary', { ...opts, fallback: { entries: [] } }).data, { entries: [] });
  });

  test('gives back what was written', () => {
    const store = createStorage(new FakeStorage(), NS);
    store.write('diary', { entries: [1, 2] }, 2);
    assert.deepEqual(store.read('diary', opts), { data: { entries: [1, 2] }, problem: null, reason: null });
  });

  test('migrates an older schema forward in order and writes the result back', () => {
    const backend = new FakeStorage();
    const calls = [];
    const migrations = {
      1: (d) => { calls.push(1); return { ...d, v2: true }; },
      2: (d) => { calls.push(2); return { ...d, v3: true }; },
    };
    backend.setItem(KEY, envelope(1, { entries: [] }));
    const store = createStorage(backend, NS, { now: clock() });
    const result = store.read('diary', { schema: 3, migrations });
    assert.deepEqual(calls, [1, 2]);
    assert.deepEqual(result.data, { entries: [], v2: true, v3: true });
    assert.equal(result.problem, null);
    assert.equal(result.reason, 'migrated');
    assert.equal(JSON.parse(backend.getItem(KEY)).schema, 3);
  });

  test('keeps the migrated data in memory and the old version stored when the write-back hits the quota', () => {
    const raw = envelope(1, { items: [1] });
    const backend = new FakeStorage({ quota: KEY.length + raw.length });
    backend.setItem(KEY, raw);
    const store = createStorage(backend, NS);
    const result = store.read('diary', opts);
    assert.deepEqual(result.data, { entries: [{ pain: 1 }] });
    assert.match(result.problem, /storage is full/);
    assert.equal(backend.getItem(KEY), raw);
  });

  const bad = [
    ['data that is not JSON', '{not json', 'not-json', /could not be read, so it was put aside/],
    ['foreign data without our envelope', JSON.stringify({ hello: 'world' }), 'wrong-shape', /could not be read/],
    ['a bare value from another app', '42', 'wrong-shape', /could not be read/],
    ['data that fails validation', envelope(2, { entries: 'nope' }), 'invalid', /could not be read/],
    ['an envelope with a schema of zero', envelope(1, { items: [] }).replace('"schema":1', '"schema":0'), 'wrong-shape', /could not be read/],
    ['an older schema whose migration fails', envelope(1, { nothing: true }), 'migration-failed', /could not be read/],
  ];
  for (const [what, raw, reason, message] of bad) {
    test(`sets aside ${what} under a dated key, removes it from the live key and says so`, () => {
      const backend = new FakeStorage();
      backend.setItem('ptguide:/other-app/:diary', 'theirs');
      backend.setItem('unrelated', 'also theirs');
      backend.setItem(KEY, raw);
      const store = createStorage(backend, NS, { now: clock() });
      const result = store.read('diary', { ...opts, fallback: { entries: [] } });
      assert.deepEqual(result.data, { entries: [] });
      assert.equal(result.reason, reason);
      assert.match(result.problem, message);
      assert.match(result.problem, /kept on this phone/);
      assert.equal(backend.getItem(KEY), null);
      const asideKey = `${KEY}:set-aside:2025-11-03T10:00:00.000Z:${reason}`;
      assert.equal(result.setAsideKey, asideKey);
      assert.equal(backend.getItem(asideKey), raw, 'the raw value is kept byte for byte');
      assert.equal(backend.getItem('ptguide:/other-app/:diary'), 'theirs');
      assert.equal(backend.getItem('unrelated'), 'also theirs');
    });
  }

  test('leaves data of a newer schema exactly where it is and stays read only', () => {
    const backend = new FakeStorage();
    const raw = envelope(3, { entries: ['from the future'] });
    backend.setItem(KEY, raw);
    const store = createStorage(backend, NS, { now: clock() });
    const result = store.read('diary', { ...opts, fallback: { entries: [] } });
    assert.equal(result.reason, 'newer-schema');
    assert.match(result.problem, /saved by a newer version of PT Guide: reload to update/);
    assert.equal(backend.getItem(KEY), raw);
    assert.equal(backend.length, 1, 'nothing set aside');
    const write = store.write('diary', { entries: [] }, 2);
    assert.equal(write.ok, false);
    assert.match(write.problem, /newer version/);
    assert.equal(backend.getItem(KEY), raw);
  });

  test('refuses to write over data that a newer version saved after this page read', () => {
    const backend = new FakeStorage();
    const store = createStorage(backend, NS, { now: clock() });
    store.write('diary', { entries: [1] }, 2);
    assert.equal(store.read('diary', opts).reason, null);
    const newer = envelope(3, { entries: [1], upgraded: true });
    backend.setItem(KEY, newer);
    assert.equal(store.write('diary', { entries: [1, 2] }, 2).ok, false);
    assert.equal(backend.getItem(KEY), newer);
    const spaced = '{ "schema": 3, "savedAt": "2026-01-01T00:00:00Z", "data": {} }';
    backend.setItem(KEY, spaced);
    assert.equal(store.write('diary', { entries: [] }, 2).ok, false, 'also when another writer put spaces in');
    assert.equal(backend.getItem(KEY), spaced);
  });

  test('accepts a validator that answers with a list of problems', () => {
    const backend = new FakeStorage();
    const store = createStorage(backend, NS);
    store.write('diary', { entries: [] }, 2);
    assert.equal(store.read('diary', { schema: 2, validate: () => [] }).problem, null);
    assert.equal(store.read('diary', { schema: 2, validate: () => ['broken'] }).reason, 'invalid');
  });
});
