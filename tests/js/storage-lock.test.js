// One change of a stored value at a time (lib/storage-lock.js), with a fake lock manager and without one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storageChange, storageStampOf } from '../../static/js/lib/storage-lock.js';

// A lock manager like the browser's: exclusive locks by name, granted in the order asked, and query().
class FakeLocks {
  constructor() {
    this.held = new Map();
    this.waiting = new Map();
  }

  request(name, options, work) {
    const run = typeof options === 'function' ? options : work;
    const signal = typeof options === 'function' ? null : options.signal;
    return new Promise((resolve, reject) => {
      const start = () => {
        if (signal && signal.aborted) {
          reject(new DOMException('aborted', 'AbortError'));
          const next = (this.waiting.get(name) || []).shift();
          if (next) next();
          return;
        }
        this.held.set(name, true);
        Promise.resolve().then(run).then(resolve, reject).finally(() => {
          this.held.delete(name);
          const next = (this.waiting.get(name) || []).shift();
          if (next) next();
        });
      };
      if (this.held.has(name)) {
        if (!this.waiting.has(name)) this.waiting.set(name, []);
        this.waiting.get(name).push(start);
        // Like the browser: an aborted request leaves the queue at once and rejects.
        if (signal) {
          signal.addEventListener('abort', () => {
            const queue = this.waiting.get(name);
            if (queue.includes(start)) {
              queue.splice(queue.indexOf(start), 1);
              reject(new DOMException('aborted', 'AbortError'));
            }
          });
        }
      } else start();
    });
  }

  query() {
    return Promise.resolve({ held: [...this.held.keys()].map((name) => ({ name, mode: 'exclusive' })), pending: [] });
  }
}

const pause = (ms) => new Promise((done) => { setTimeout(done, ms); });

// Two read-modify-writes that both read before either writes: the lost update the lock prevents.
async function twoChangesAtOnce(locks) {
  let stored = JSON.stringify([]);
  const add = (item) => storageChange('k', () => stored, () => {
    const list = JSON.parse(stored);
    list.push(item);
    stored = JSON.stringify(list);
  }, locks);
  // Both are asked for before either runs: each must read what the other wrote.
  await Promise.all([add('first'), add('second')]);
  return JSON.parse(stored);
}

test('two changes of one key at once both stay, with Web Locks and without them', async () => {
  assert.deepEqual(await twoChangesAtOnce(new FakeLocks()), ['first', 'second']);
  assert.deepEqual(await twoChangesAtOnce(null), ['first', 'second']);
});

test('a change resolves to what its work returns and rejects with what it throws, and the next still runs', async () => {
  const locks = new FakeLocks();
  assert.equal(await storageChange('k', () => null, () => 42, locks), 42);
  await assert.rejects(storageChange('k', () => null, () => { throw new Error('no'); }, locks), /no/);
  await assert.rejects(storageChange('k', () => null, () => { throw new Error('no'); }, null), /no/);
  assert.equal(await storageChange('k', () => null, () => 'after', null), 'after');
});

test('a browser that refuses the lock gets the fallback, and the work runs once', async () => {
  let runs = 0;
  const refusing = { request: () => Promise.reject(new DOMException('sandboxed', 'SecurityError')) };
  assert.equal(await storageChange('k', () => null, () => { runs += 1; return 'done'; }, refusing), 'done');
  assert.equal(runs, 1);
});

test('the stamp of a stored envelope is its savedAt, and nothing for text without one', () => {
  assert.equal(storageStampOf('{"schema":2,"savedAt":"2026-12-01T10:00:00.000Z","data":{}}'), '2026-12-01T10:00:00.000Z');
  assert.equal(storageStampOf('{"schema":2,"data":{}}'), '');
  assert.equal(storageStampOf(null), '');
});

test('a change waits until it can read the write another tab marked, and marks its own', async () => {
  const locks = new FakeLocks();
  let visible = '{"schema":2,"savedAt":"2026-12-01T10:00:00.000Z","data":1}';
  // Another tab wrote at 10:00:05 and marked it; this tab is told 30 ms later.
  const mark = locks.request('k|written|2026-12-01T10:00:05.000Z', () => pause(200));
  setTimeout(() => { visible = '{"schema":2,"savedAt":"2026-12-01T10:00:05.000Z","data":2}'; }, 30);
  const seen = await storageChange('k', () => visible, () => {
    const read = visible;
    visible = '{"schema":2,"savedAt":"2026-12-01T10:00:09.000Z","data":3}';
    return read;
  }, locks);
  assert.match(seen, /"data":2/, 'read what the other tab wrote, not the older value');
  const { held } = await locks.query();
  assert.ok(held.some((lock) => lock.name === 'k|written|2026-12-01T10:00:09.000Z'), 'its own write is marked');
  await mark;
});

test('a change that waits too long for a hung tab gives up, writes nothing and says why (L1)', async () => {
  const locks = new FakeLocks();
  let release;
  const hung = locks.request('k', () => new Promise((done) => { release = done; }));
  let runs = 0;
  const error = await storageChange('k', () => null, () => { runs += 1; }, locks, 30).then(() => null, (caught) => caught);
  assert.equal(error && error.name, 'AbortError', 'rejected as busy, so the page can say why');
  assert.equal(runs, 0, 'nothing was written without the lock');
  // The hung tab lets go: the next change goes through, and the one that gave up never runs late.
  release();
  await hung;
  assert.equal(await storageChange('k', () => null, () => 'next', locks, 30), 'next');
  assert.equal(runs, 0);
});

test('a change that gets the lock in time is not cut short by the time limit', async () => {
  const locks = new FakeLocks();
  const brief = locks.request('k', () => pause(20));
  assert.equal(await storageChange('k', () => null, () => 'done', locks, 500), 'done');
  await brief;
  await pause(10);
});

test('a removal leaves a write mark too, and the next change waits until it reads the value gone (L6)', async () => {
  const locks = new FakeLocks();
  const old = '{"schema":2,"savedAt":"2026-12-01T10:00:00.000Z","data":1}';
  // This tab removes the value ("Delete all my data").
  let stored = old;
  await storageChange('k', () => stored, () => { stored = null; }, locks);
  const { held } = await locks.query();
  assert.ok(held.some((lock) => /^k\|written\|.+\|removed$/.test(lock.name)), 'the removal is marked');
  // Another tab whose copy still shows the old value for 30 ms waits for the removal before it writes.
  let visible = old;
  setTimeout(() => { visible = null; }, 30);
  const seen = await storageChange('k', () => visible, () => visible, locks);
  assert.equal(seen, null, 'read the removal, not the old value it would write back');
});

test('a write with no savedAt is marked with the time it was made', async () => {
  const locks = new FakeLocks();
  let stored = '{"schema":2,"savedAt":"2000-01-01T00:00:00.000Z","data":1}';
  await storageChange('k', () => stored, () => { stored = 'not an envelope'; }, locks);
  const { held } = await locks.query();
  assert.ok(held.some((lock) => /^k\|written\|\d{4}-.+Z$/.test(lock.name)), 'the write is marked');
});
