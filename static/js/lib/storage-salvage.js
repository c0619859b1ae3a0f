// The part of storage (lib/storage.js) that every writer of the diary needs: a read that sets aside
// only the bad entries (`salvage`) and keeps the value from before an update under `:before-update`,
// and a write that drops that copy after the first save the patient made. The diary page has it inside
// storage-recovery.js; the pain check's "Save to my diary" loads it alone.
//
// Pure, like storage.js: the page passes in `localStorage` (or null), tests a fake.
import { createStorage, storageSchemaOfValue } from './storage.js';

export const STORAGE_BEFORE_UPDATE_MARK = ':before-update';

// createStorage() with the diary's read and write: what the pain check's "Save to my diary" uses.
export function createStorageWithSalvage(backend, namespace, options = {}) {
  return createStorage(backend, namespace, { ...options, extend: storageSalvageParts });
}

// Gets the store's internals from createStorage(): never touches a key outside the namespace.
export function storageSalvageParts({ backend, keyFor, setAside, writeRaw, read: readWhole, readFrom, write: writeWhole, now }) {
  // The value as the older version left it is copied first, so a failed migration write loses nothing.
  function keepBeforeUpdate(name, opts, raw, found) {
    try {
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
  // The stored text is parsed once and its data validated once (readFrom() is told so): 10,000 entries.
  function read(name, opts = {}) {
    if (!backend) return readWhole(name, opts);
    let raw;
    let parsed = null;
    try {
      raw = backend.getItem(keyFor(name));
    } catch (error) {
      return readWhole(name, opts);
    }
    try {
      if (raw !== null) parsed = { value: JSON.parse(raw) };
    } catch (error) {
      parsed = null; // readFrom() sets it aside as not JSON
    }
    const found = parsed ? storageSchemaOfValue(parsed.value) : null;
    if (Number.isInteger(opts.schema)) keepBeforeUpdate(name, opts, raw, found);
    let checked = false;
    // An older schema is migrated first and then salvaged the same way: one bad entry in a diary an older
    // version saved must not set the whole diary aside on the first visit after an update.
    if (parsed && typeof opts.salvage === 'function' && Number.isInteger(found) && found >= 1 && found <= opts.schema) {
      try {
        const envelope = parsed.value;
        const validate = (data) => {
          const verdict = opts.validate(data);
          return Array.isArray(verdict) ? verdict.length === 0 : verdict !== false;
        };
        const current = found === opts.schema;
        let data = envelope.data;
        for (let version = found; !current && version < opts.schema; version += 1) data = opts.migrations[version](data);
        const good = Object.prototype.hasOwnProperty.call(envelope, 'data') && validate(data);
        if (current) checked = good;
        if (!good) {
          const saved = opts.salvage(data);
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
        checked = false;
      }
    }
    return parsed ? readFrom(name, opts, raw, parsed, checked) : readFrom(name, opts, raw);
  }

  return { read, write };
}
