// Saved data for the pain check and the diary, kept on the patient's phone.
//
// Pure: the page passes in `localStorage` (or null when the browser refuses
// it); tests pass a Map-backed fake. Many GitHub Pages apps share one origin,
// so every key carries the app's scope path, and nothing here ever touches a
// key outside that namespace.
//
// Key scheme (the namespace never contains ':' and names never do either, so
// "starts with the prefix" is an exact test of ownership, even for nested
// scopes such as /a/ and /a/b/):
//   ptguide:<namespace>:<name>                          live value
//   ptguide:<namespace>:<name>:set-aside:<ISO time>[:<reason>]  unreadable value kept aside
//   ptguide:<namespace>:<name>:before-update            the value as it was before a migration, kept
//                                                       until the first save after it (storage-recovery.js)
// Values are JSON envelopes: { "schema": <int>, "savedAt": <ISO>, "data": ... }.
// Versions (docs/storage.md): a value with a newer schema is never moved, rewritten or deleted;
// this version reads nothing from it and refuses to write over it until the page is reloaded.

const STORAGE_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const STORAGE_SET_ASIDE_MARK = ':set-aside:';
// A bounded search for a free set-aside key: two failures in the same
// millisecond are possible, an endless loop is not acceptable.
const STORAGE_SET_ASIDE_TRIES = 1000;

export const STORAGE_KEY_PREFIX = 'ptguide:';

// The page usually has `new URL('./', document.baseURI).pathname` or the
// manifest scope; both are absolute paths. Percent-encoding ':' keeps the
// key scheme unambiguous (see above).
export function storageNamespaceFromPath(path) {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new TypeError('storageNamespaceFromPath needs an absolute path such as "/pt-guide/".');
  }
  let clean = path.replace(/[?#].*$/, '').replace(/\/{2,}/g, '/');
  if (!clean.endsWith('/')) clean += '/';
  return clean.replace(/:/g, '%3A');
}

// Browsers disagree on how they report a full storage: the standard name,
// the legacy code 22, and Firefox's own name and code.
export function storageIsQuotaError(error) {
  if (!error || typeof error !== 'object') return false;
  return error.name === 'QuotaExceededError'
    || error.name === 'NS_ERROR_DOM_QUOTA_REACHED'
    || error.code === 22
    || error.code === 1014;
}

// The schema a stored text says it has, whatever its key order or other fields; null when it names none.
// Checked before anything else, so a newer version's value is never judged by this version's rules.
export function storageSchemaOf(raw) {
  try {
    return storageSchemaOfValue(JSON.parse(raw));
  } catch (error) {
    return null;
  }
}

// The same, for a text already parsed: a diary of 10,000 entries is 2.7 MB, parsed once per read.
export function storageSchemaOfValue(value) {
  return value && typeof value === 'object' && Number.isInteger(value.schema) ? value.schema : null;
}

function storageIsEnvelope(value) {
  return value !== null
    && typeof value === 'object'
    && !Array.isArray(value)
    && Number.isInteger(value.schema)
    && value.schema >= 1
    && Object.prototype.hasOwnProperty.call(value, 'data')
    && (value.savedAt === undefined || typeof value.savedAt === 'string');
}

// A validator may answer with true/false or with a list of problems.
function storagePassesValidation(validate, data) {
  if (typeof validate !== 'function') return true;
  const verdict = validate(data);
  if (Array.isArray(verdict)) return verdict.length === 0;
  return verdict === true || verdict === undefined;
}

export function storageMessages(label) {
  return {
    unreadable: `Your saved ${label} could not be read, so it was put aside. It is kept on this phone.`,
    // "saved your <label>": right for a label that is plural too ("pain check answers").
    newer: `A newer version of PT Guide saved your ${label}: reload to update.`,
    stuck: `Your saved ${label} could not be read. This phone's storage is full, so nothing was deleted. `
      + 'Free some space, then reload the page.',
    full: `This phone's storage is full, so your ${label} was not saved. What was saved before `
      + 'is still there. Free some space or export your diary, then try again.',
    migratedNotSaved: `Your saved ${label} was updated for this version, but this phone's storage is full, `
      + 'so the update was not saved. Nothing was lost.',
    blocked: 'This browser is not letting the app keep anything on this phone (some private '
      + 'windows do this). The app still works, but what you enter will not be kept.',
    failed: `Your ${label} could not be saved. What was saved before is still there. Please try again.`,
  };
}

// `backend`: an object with the Storage interface, or null when the browser
// refuses storage (the page should catch the SecurityError that reading
// `window.localStorage` can throw and pass null).
// `options.now`: a function returning a Date, injected so tests control time.
// `options.extend`: see createStorageWithRecovery() in lib/storage-recovery.js.
export function createStorage(backend, namespace, options = {}) {
  if (typeof namespace !== 'string' || !namespace || namespace.includes(':')) {
    throw new TypeError('createStorage needs a namespace from storageNamespaceFromPath().');
  }
  const now = typeof options.now === 'function' ? options.now : () => new Date();
  const prefix = `${STORAGE_KEY_PREFIX}${namespace}:`;
  // Names whose unreadable value could not be set aside: a later write must
  // not silently replace what we could not keep.
  const stuckNames = new Set();
  // Per name, the stored text this store last read or wrote and its schema: a write checks the schema
  // stored now (rule 2) by parsing it only when the text is not that one.
  const known = new Map();

  function schemaStored(name, raw) {
    const last = known.get(name);
    return last && last.raw === raw ? last.schema : storageSchemaOf(raw);
  }

  function keyFor(name) {
    if (typeof name !== 'string' || !STORAGE_NAME_RE.test(name)) {
      throw new TypeError(`Storage name "${name}" must be letters, digits, "-" or "_" (no ":").`);
    }
    return prefix + name;
  }

  function isOwnKey(key) {
    return typeof key === 'string' && key.startsWith(prefix);
  }

  function nameOfKey(key) {
    if (!isOwnKey(key)) return null;
    const rest = key.slice(prefix.length);
    return STORAGE_NAME_RE.test(rest) ? rest : null;
  }

  // A `storage` event with a null key means another tab cleared the whole
  // origin's storage, which removed our data too.
  function changedByOtherTab(eventKey) {
    return eventKey === null || isOwnKey(eventKey);
  }

  // Copies the raw value aside under a fresh dated key. Never overwrites an
  // earlier set-aside copy: each one may be the only copy of someone's diary.
  function setAside(name, raw, reason) {
    const base = keyFor(name) + STORAGE_SET_ASIDE_MARK;
    const tail = reason ? `:${reason}` : '';
    let time = now().getTime();
    for (let i = 0; i < STORAGE_SET_ASIDE_TRIES; i += 1, time += 1) {
      const key = base + new Date(time).toISOString() + tail;
      if (backend.getItem(key) !== null) continue;
      backend.setItem(key, raw);
      if (backend.getItem(key) !== raw) return null;
      return key;
    }
    return null;
  }

  // Moves the live value aside; if the copy fails the live value stays put.
  function moveAside(name, raw, messages, message, reason, fallback) {
    let asideKey = null;
    try {
      asideKey = setAside(name, raw, reason);
    } catch (error) {
      asideKey = null;
    }
    if (!asideKey) {
      stuckNames.add(name);
      return { data: fallback, problem: messages.stuck, reason: 'stuck' };
    }
    stuckNames.delete(name);
    try {
      backend.removeItem(keyFor(name));
    } catch (error) {
      // The copy is safe; a live value we could not remove is read again next time.
    }
    return { data: fallback, problem: message, reason, setAsideKey: asideKey };
  }

  // `serialize` (optional): data => its JSON text, from a caller that builds it faster (lib/diary-json.js).
  // The same text as JSON.stringify of the envelope, keys in this order (storage-lock.js reads savedAt early).
  function writeRaw(name, data, schema, serialize) {
    const raw = `{"schema":${schema},"savedAt":"${now().toISOString()}","data":${serialize ? serialize(data) : JSON.stringify(data)}}`;
    known.delete(name);
    backend.setItem(keyFor(name), raw);
    known.set(name, { raw, schema });
  }

  // options: { schema (current version), migrations ({ n: data => data of n+1 }),
  //            validate (data => true/false or list of problems),
  //            fallback (returned when there is nothing usable), label (plain word for messages),
  //            normalize (data => data with defaults filled, applied to what passed validation) }
  function read(name, opts = {}) {
    const key = keyFor(name);
    const fallback = opts.fallback === undefined ? null : opts.fallback;
    if (!backend) return { data: fallback, problem: storageMessages(opts.label || name).blocked, reason: 'blocked' };
    let raw;
    try {
      raw = backend.getItem(key);
    } catch (error) {
      return { data: fallback, problem: storageMessages(opts.label || name).blocked, reason: 'blocked' };
    }
    return readFrom(name, opts, raw);
  }

  // read() of a text already taken from storage; `parsed` (optional) is { value } from JSON.parse of it and
  // `checked` says that opts.validate already passed its data: the diary's read (storage-salvage.js) parses
  // and checks a 2.7 MB value once, not twice.
  function readFrom(name, opts, raw, parsed, checked) {
    const schema = Number.isInteger(opts.schema) && opts.schema >= 1 ? opts.schema : 1;
    const migrations = opts.migrations || {};
    const fallback = opts.fallback === undefined ? null : opts.fallback;
    const messages = storageMessages(opts.label || name);
    if (raw === null || raw === undefined) {
      stuckNames.delete(name);
      known.delete(name);
      return { data: fallback, problem: null, reason: null };
    }

    let envelope;
    if (parsed) envelope = parsed.value;
    else {
      try {
        envelope = JSON.parse(raw);
      } catch (error) {
        return moveAside(name, raw, messages, messages.unreadable, 'not-json', fallback);
      }
    }
    // Before the shape check: a newer version may shape its envelope differently, and it stays where it is.
    if (storageSchemaOfValue(envelope) > schema) {
      return { data: fallback, problem: messages.newer, reason: 'newer-schema' };
    }
    if (!storageIsEnvelope(envelope)) {
      return moveAside(name, raw, messages, messages.unreadable, 'wrong-shape', fallback);
    }

    let data = envelope.data;
    const migrated = envelope.schema < schema;
    for (let version = envelope.schema; version < schema; version += 1) {
      const step = migrations[version];
      if (typeof step !== 'function') {
        return moveAside(name, raw, messages, messages.unreadable, 'no-migration', fallback);
      }
      try {
        data = step(data);
      } catch (error) {
        return moveAside(name, raw, messages, messages.unreadable, 'migration-failed', fallback);
      }
    }

    let valid = checked === true && !migrated;
    try {
      if (!valid) valid = storagePassesValidation(opts.validate, data);
    } catch (error) {
      valid = false;
    }
    if (!valid) {
      return moveAside(name, raw, messages, messages.unreadable, 'invalid', fallback);
    }
    stuckNames.delete(name);
    // Optional fields filled in (a hand-made or older entry may lack them), so the page never meets a hole.
    if (typeof opts.normalize === 'function') data = opts.normalize(data);

    if (migrated) {
      try {
        writeRaw(name, data, schema);
      } catch (error) {
        // The old version stays stored and is migrated again next time.
        return { data, problem: messages.migratedNotSaved, reason: 'migrated-not-saved' };
      }
      return { data, problem: null, reason: 'migrated' };
    }
    known.set(name, { raw, schema: envelope.schema });
    return { data, problem: null, reason: null };
  }

  // Never throws: the page shows `problem` and keeps what the patient typed. opts: { label, serialize }.
  function write(name, data, schema, opts = {}) {
    const messages = storageMessages(opts.label || name);
    try {
      keyFor(name);
      if (data === undefined || !Number.isInteger(schema) || schema < 1) {
        return { ok: false, problem: messages.failed };
      }
      if (!backend) return { ok: false, problem: messages.blocked };
      // Never write over a newer version's data, even when this page read before that version ran.
      if (schemaStored(name, backend.getItem(keyFor(name))) > schema) {
        return { ok: false, problem: messages.newer, reason: 'newer-schema' };
      }
      if (stuckNames.has(name)) {
        const raw = backend.getItem(keyFor(name));
        if (raw !== null) {
          const asideKey = setAside(name, raw);
          if (!asideKey) return { ok: false, problem: messages.full };
        }
        stuckNames.delete(name);
      }
      writeRaw(name, data, schema, opts.serialize);
      return { ok: true, problem: null };
    } catch (error) {
      return { ok: false, problem: storageIsQuotaError(error) ? messages.full : messages.failed };
    }
  }

  const store = {
    namespace,
    keyFor,
    isOwnKey,
    nameOfKey,
    changedByOtherTab,
    read,
    write,
  };
  // The diary adds its delete, recovery and delete-all functions (lib/storage-recovery.js) with the
  // internals they need; the pain check and next-session pages never load that code.
  return typeof options.extend === 'function'
    ? Object.assign(store, options.extend({ backend, prefix, stuckNames, keyFor, isOwnKey, setAside, writeRaw, read, readFrom, write, now }))
    : store;
}
