// The part of storage (lib/storage.js) that every writer of the diary needs: a read that sets aside
// only the bad entries (`salvage`) and keeps the value from before an update under `:before-update`,
// and a write that drops that copy after the first save the patient made. The diary page has it inside
// storage-recovery.js; the pain check's "Save to my diary" loads it alone.
//
// Pure, like storage.js: the page passes in `localStorage` (or null), tests a fake.
import { createStorage, storageSchemaOf } from './storage.js';

export const STORAGE_BEFORE_UPDATE_MARK = ':before-update';

// createStorage() with the diary's read and write: what the pain check's "Save to my diary" uses.
export function createStorageWithSalvage(backend, namespace, options = {}) {
  return createStorage(backend, namespace, { ...options, extend: storageSalvageParts });
}

// Gets the store's internals from createStorage(): never touches a key outside the namespace.
export function storageSalvageParts({ backend, keyFor, setAside, writeRaw, read: readWhole, write: writeWhole, now }) {
  // The value as the older version left it is copied first, so a failed migration write loses nothing.
  function keepBeforeUpdate(name, opts) {
    try {
      const raw = backend.getItem(keyFor(name));
      const found = storageSchemaOf(raw);
      if (found !== null && found < opts.schema) {
        backend.setItem(keyFor(name) + STORAGE_BEFORE_UPDATE_MARK, raw);
      }
    } catch (error) {
      // No room for the extra copy: the stored value stays as it is until a migration write succeeds.
    }
  }

  // opts.keepBeforeUpdate: a write the patient did not make on this page (the pain check's "Save to my
  // diary") leaves the copy for the diary's own first save.
  function write(name, data, schema, opts = {}) {
    const result = writeWhole(name, data, schema, opts);
    if (result.ok && !opts.keepBeforeUpdate) {
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

  return { read, write };
}
