// One change of a stored value at a time, across every tab and window of the app (docs/storage.md).
//
// A change reads the stored value, changes it and writes it back. Two tabs doing that in the same
// millisecond would each write what they read, and one tab's entry would be lost (attacker review M).
// So every change of a key runs inside an exclusive section named by that storage key:
// - Web Locks (`navigator.locks`) where the browser has them: one lock per key for the whole origin, so
//   every tab, window and version of the app waits for the same one.
// - Without them (Safari before 15.4, a page not served over https or from this computer), or when the
//   browser refuses the lock (a sandboxed frame): the work runs on its own in a task of this tab. It is
//   synchronous, so it reads the value and writes it in the same task; two tabs lose an entry only if
//   they save within the same few milliseconds.
//
// Chromium keeps a copy of localStorage in each tab's process and tells the others of a write by a message
// that can arrive tens of milliseconds after the lock does (measured: 40 ms). So a writer leaves a mark in
// the lock manager, which grants locks in order: a lock named after the key and the `savedAt` of what it
// wrote, held for a while. The next tab, inside the lock, waits until what it reads is at least that new.
//
// Pure: the page passes `navigator.locks` (or nothing); tests pass a fake or null.

// The `savedAt` of a stored envelope, from the start of its text (this app writes it second); '' if none.
export function storageStampOf(raw) {
  const match = typeof raw === 'string' && /"savedAt":"([0-9T:.Z-]{10,30})"/.exec(raw.slice(0, 200));
  return match ? match[1] : '';
}

// How long a change waits for another tab to let go of the lock before it gives up and says so (attacker
// review L1). A real change holds it for well under 2 s, even on a slow phone with a 10,000-entry diary (at most
// 1.5 s waiting for a marked write, then one read and one write), and a few tabs saving at once queue for a few
// seconds; 8 s is four times that, and under the 10 s a person waits on a button before they think it broken.
// A tab that holds the lock longer is hung (a long task, a paused debugger): waiting on would say nothing.
// A timer, not AbortSignal.timeout(): tests run it on the page's fake clock.

/**
 * Runs the synchronous `work()` while no other tab of this origin runs work for `key`, after what
 * `readRaw()` gives has caught up with the latest write another tab marked, and marks this write.
 * Resolves to what `work` returns, rejects with what it throws; `work` never runs twice. When the lock
 * stays taken for `waitMs` (8 s, above), `work` never runs and the change rejects with an 'AbortError':
 * with a lock manager, nothing is ever written without the lock (that would bring back finding M).
 */
export function storageChange(key, readRaw, work, locks, waitMs = 8000) {
  let ran = false;
  const once = () => {
    ran = true;
    return work();
  };
  if (!locks) return Promise.resolve().then(once);
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), waitMs);
  // Write marks: `<key>|written|<savedAt>`, or `<key>|written|<time>|removed` after a write that removed the value.
  const mark = `${key}|written|`;
  return Promise.resolve().then(() => locks.request(key, { signal: stop.signal }, async () => {
    clearTimeout(timer);
    const { held = [] } = await locks.query();
    const [at, removed] = (held.map((lock) => lock.name).filter((name) => name.startsWith(mark)).sort().pop() || '')
      .slice(mark.length).split('|');
    for (const until = Date.now() + 1500; at && !(storageStampOf(readRaw()) >= at || (removed && !readRaw())) && Date.now() < until;) {
      await new Promise((resolve) => { setTimeout(resolve, 5); });
    }
    const before = readRaw();
    const result = once();
    const after = readRaw();
    // Every write leaves a mark, a removal too (attacker review L6): a tab still reading the removed
    // diary must not write it back.
    if (after !== before) {
      locks.request(mark + (storageStampOf(after) || new Date().toISOString() + (after ? '' : '|removed')),
        () => new Promise((resolve) => { setTimeout(resolve, 3000); })).catch(() => {});
    }
    return result;
  })).catch((error) => {
    if (ran || stop.signal.aborted) throw error;
    return once();
  });
}

// The page's lock manager, or null where there is none.
export function storageLocks() {
  return typeof globalThis.navigator?.locks?.request === 'function' ? navigator.locks : null;
}
