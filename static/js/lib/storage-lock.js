// One change of a stored value at a time, across every tab and window of the app (docs/storage.md).
//
// A change reads the stored value, changes it and writes it back. Two tabs doing that in the same
// millisecond would each write what they read, and one tab's entry would be lost (attacker review M).
// So every change of a key runs inside an exclusive section named by that storage key:
// - Web Locks (`navigator.locks`) where the browser has them: one lock per key for the whole origin, so
//   every tab, window and version of the app waits for the same one. The work reads the value again
//   inside the lock.
// - Without them (Safari before 15.4, a page not served over https or from this computer): changes are
//   one at a time within this tab only. Each still reads the value again just before it writes, in the
//   same task, so two tabs lose an entry only if they save within the same few milliseconds.
//
// Pure: the page passes `navigator.locks` (or nothing); tests pass a fake or null.

// This tab's queue per key, for the browsers without Web Locks.
const storageLockQueues = new Map();

function storageLockQueued(key, work) {
  const before = storageLockQueues.get(key) || Promise.resolve();
  const run = before.then(() => work());
  const settled = run.then(() => undefined, () => undefined);
  storageLockQueues.set(key, settled);
  settled.then(() => {
    if (storageLockQueues.get(key) === settled) storageLockQueues.delete(key);
  });
  return run;
}

/**
 * Runs `work()` (which may return a promise) while no other tab of this origin runs work for `key`.
 * Resolves to what `work` returns, rejects with what it throws. `locks`: `navigator.locks`, or null for
 * the fallback. A browser that refuses the lock (a sandboxed frame) gets the fallback too; `work` never
 * runs twice.
 */
export function storageExclusive(key, work, locks) {
  if (!locks || typeof locks.request !== 'function') return storageLockQueued(key, work);
  let ran = false;
  let granted;
  try {
    granted = locks.request(key, { mode: 'exclusive' }, () => {
      ran = true;
      return work();
    });
  } catch (error) {
    return storageLockQueued(key, work);
  }
  return granted.catch((error) => {
    if (ran) throw error;
    return storageLockQueued(key, work);
  });
}

// The page's lock manager, or null where there is none (read inside a try: a few browsers throw).
export function storageLocks() {
  try {
    return typeof navigator !== 'undefined' && navigator.locks && typeof navigator.locks.request === 'function'
      ? navigator.locks : null;
  } catch (error) {
    return null;
  }
}

// Chromium keeps a copy of localStorage in each tab's process and tells the others of a write by a message
// that can arrive tens of milliseconds after the lock does (measured: 40 ms). So a writer leaves a mark in
// the lock manager, which grants locks in order: a lock named after its key and the `savedAt` of what it
// wrote, held for a while. The next tab, inside the lock, waits until what it reads is at least that new.
const STORAGE_MARK = '|written|';
const STORAGE_MARK_HELD_MS = 3000;
const STORAGE_CATCH_UP_MS = 1500;
const STORAGE_POLL_MS = 5;

// The `savedAt` of a stored envelope, taken from the start of its text (this app writes it second); '' if none.
export function storageStampOf(raw) {
  const match = typeof raw === 'string' ? /"savedAt":"([0-9T:.Z-]{10,30})"/.exec(raw.slice(0, 200)) : null;
  return match ? match[1] : '';
}

/**
 * Runs `work()` in the exclusive section of `key` (storageExclusive), after what `readRaw()` gives has
 * caught up with the latest write another tab marked, and marks this write after it.
 */
export function storageChange(key, readRaw, work, locks) {
  return storageExclusive(key, async () => {
    if (locks) await storageCatchUp(key, readRaw, locks);
    const before = readRaw();
    const result = await work();
    const after = readRaw();
    if (locks && after !== before && storageStampOf(after)) {
      locks.request(key + STORAGE_MARK + storageStampOf(after), () => new Promise((resolve) => { setTimeout(resolve, STORAGE_MARK_HELD_MS); }))
        .catch(() => {});
    }
    return result;
  }, locks);
}

async function storageCatchUp(key, readRaw, locks) {
  let newest = '';
  try {
    const { held = [] } = await locks.query();
    for (const lock of held) {
      const name = String(lock.name || '');
      if (name.startsWith(key + STORAGE_MARK)) {
        const stamp = name.slice(key.length + STORAGE_MARK.length);
        if (stamp > newest) newest = stamp;
      }
    }
  } catch (error) {
    return;
  }
  const until = Date.now() + STORAGE_CATCH_UP_MS;
  while (newest && storageStampOf(readRaw()) < newest && Date.now() < until) {
    await new Promise((resolve) => { setTimeout(resolve, STORAGE_POLL_MS); });
  }
}
