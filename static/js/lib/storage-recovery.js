// The diary's part of storage (lib/storage.js): deleting, the copies that reading set aside,
// and deleting everything. Only the diary page loads this; the pain check and next-session
// pages need just reading and writing.
//
// Pure, like storage.js: the page passes in `localStorage` (or null), tests a fake.
import { createStorage, storageMessages, storageIsQuotaError, STORAGE_SET_ASIDE_MARK } from './storage.js';

export const STORAGE_BEFORE_UPDATE_MARK = ':before-update';

// createStorage() with remove, listSetAside, readSetAside, restoreSetAside, removeSetAside and removeAll
// added, and a read() that takes `salvage`.
export function createStorageWithRecovery(backend, namespace, options = {}) {
  return createStorage(backend, namespace, { ...options, extend: storageRecoveryParts });
}

// Gets the store's internals from createStorage(): never touches a key outside the namespace.
function storageRecoveryParts({ backend, prefix, stuckNames, keyFor, isOwnKey, setAside, writeRaw, read: readWhole, write: writeWhole, now }) {
  // Names migrated by this page whose value from before the update is kept until the next save.
  const migrated = new Set();

  // The value as the older version left it is copied first, so a failed migration write loses nothing.
  function keepBeforeUpdate(name, opts) {
    try {
      const raw = backend.getItem(keyFor(name));
      const found = /^\{\s*"schema"\s*:\s*(\d+)/.exec(raw || '');
      if (found && Number(found[1]) < opts.schema) {
        backend.setItem(keyFor(name) + STORAGE_BEFORE_UPDATE_MARK, raw);
        migrated.add(name);
      }
    } catch (error) {
      // No room for the extra copy: the stored value stays as it is until a migration write succeeds.
    }
  }

  function write(name, data, schema, opts) {
    const result = writeWhole(name, data, schema, opts);
    if (result.ok && migrated.delete(name)) {
      try {
        backend.removeItem(keyFor(name) + STORAGE_BEFORE_UPDATE_MARK);
      } catch (error) {
        // Left for the next save: an extra copy costs space, never words.
      }
    }
    return result;
  }

  // read() with `opts.salvage` (data => { data, rejected, reason } or null): a value of this schema with a
  // few bad items keeps its good part; the bad items alone are set aside, with the reason.
  function read(name, opts = {}) {
    if (backend && Number.isInteger(opts.schema)) keepBeforeUpdate(name, opts);
    if (backend && typeof opts.salvage === 'function') {
      try {
        const raw = backend.getItem(keyFor(name));
        const envelope = raw === null ? null : JSON.parse(raw);
        const validate = (data) => {
          const verdict = opts.validate(data);
          return Array.isArray(verdict) ? verdict.length === 0 : verdict !== false;
        };
        if (envelope && envelope.schema === opts.schema && !validate(envelope.data)) {
          const saved = opts.salvage(envelope.data);
          if (saved && validate(saved.data)) {
            const key = setAside(name, JSON.stringify({ schema: opts.schema, savedAt: now().toISOString(), data: saved.rejected }), saved.reason);
            if (key) {
              writeRaw(name, saved.data, opts.schema);
              return { ...readWhole(name, opts), problem: opts.salvagedMessage, reason: 'salvaged', setAsideKey: key };
            }
          }
        }
      } catch (error) {
        // The whole read below sets the value aside as it is: nothing is lost either way.
      }
    }
    return readWhole(name, opts);
  }

  function ownKeys() {
    const keys = [];
    const count = backend.length;
    for (let i = 0; i < count; i += 1) {
      const key = backend.key(i);
      if (isOwnKey(key)) keys.push(key);
    }
    return keys;
  }

  function remove(name) {
    try {
      if (!backend) return { ok: false, problem: storageMessages(name).blocked };
      backend.removeItem(keyFor(name));
      stuckNames.delete(name);
      return { ok: true, problem: null };
    } catch (error) {
      return { ok: false, problem: 'This could not be deleted. Please try again.' };
    }
  }

  // Newest first, so the page can offer the most recent copy first.
  function listSetAside() {
    if (!backend) return [];
    try {
      const found = [];
      for (const key of ownKeys()) {
        const rest = key.slice(prefix.length);
        const cut = rest.indexOf(STORAGE_SET_ASIDE_MARK);
        if (cut < 1) continue;
        // "<ISO time>" or "<ISO time>:<reason>" (older copies have no reason).
        const after = rest.slice(cut + STORAGE_SET_ASIDE_MARK.length);
        found.push({ key, name: rest.slice(0, cut), at: after.slice(0, 24), reason: after.slice(25) || null });
      }
      return found.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    } catch (error) {
      return [];
    }
  }

  // So the page can offer a set-aside copy as a download before anything else happens to it.
  function readSetAside(key) {
    if (!backend || !isOwnKey(key) || !key.includes(STORAGE_SET_ASIDE_MARK)) return null;
    try {
      return backend.getItem(key);
    } catch (error) {
      return null;
    }
  }

  // Puts a set-aside copy back under its live name (e.g. after the app was
  // updated to the newer version that wrote it). Refuses to replace live data.
  function restoreSetAside(key) {
    const entry = listSetAside().find((item) => item.key === key);
    if (!entry) return { ok: false, problem: 'That saved copy was not found.' };
    try {
      const liveKey = keyFor(entry.name);
      if (backend.getItem(liveKey) !== null) {
        return { ok: false, problem: 'There is already saved data here. Export or delete it first.' };
      }
      backend.setItem(liveKey, backend.getItem(key));
      backend.removeItem(key);
      stuckNames.delete(entry.name);
      return { ok: true, problem: null, name: entry.name };
    } catch (error) {
      return {
        ok: false,
        problem: storageIsQuotaError(error)
          ? "This phone's storage is full, so the copy could not be put back. It is still kept."
          : 'The copy could not be put back. It is still kept.',
      };
    }
  }

  // Everything of this namespace, set-aside copies included, and nothing else.
  function removeAll() {
    if (!backend) return { ok: false, removed: 0, problem: storageMessages('data').blocked };
    let removed = 0;
    try {
      // Collect first: removing while walking key(i) would skip keys.
      for (const key of ownKeys()) {
        backend.removeItem(key);
        removed += 1;
      }
      stuckNames.clear();
      return { ok: true, removed, problem: null };
    } catch (error) {
      return { ok: false, removed, problem: 'Not everything could be deleted. Please try again.' };
    }
  }

  // A set-aside copy after Put back or Delete: only set-aside keys of this namespace.
  function removeSetAside(key) {
    if (!backend || !isOwnKey(key) || !key.includes(STORAGE_SET_ASIDE_MARK)) return false;
    try {
      backend.removeItem(key);
      return true;
    } catch (error) {
      return false;
    }
  }

  return { read, write, remove, listSetAside, readSetAside, restoreSetAside, removeSetAside, removeAll };
}
