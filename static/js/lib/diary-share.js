// Importing and exporting the pain diary (JSON and CSV), with no DOM so Node's
// test runner checks it. Not part of the diary page's first download: the page
// loads it (bundle "diary-share") when the patient first shares or imports.
import { DIARY_SCHEMA, DIARY_MIGRATIONS, DIARY_ENTRIES_MAX, DIARY_FUTURE_PROBLEM, diaryIsPlainObject, diaryLastAt, validateDiary, validateEntry, normalizeDiary, normalizeEntry, diarySortOldestFirst } from './diary-model.js';
import { programmeForExport, programmeFromExport } from './programme-model.js';
import { sessionViewCsv } from './session-csv.js';

export const DIARY_APP_MARKER = 'pt-guide';
export const DIARY_EXPORT_KIND = 'diary';
export const DIARY_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

// ---------------------------------------------------------------- import

function diaryUtf8Bytes(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

function diaryRefuse(problems) {
  return { ok: false, diary: null, problems };
}

// Checks everything before the page changes anything: on ok:false the page
// shows `problems` and leaves the stored diary alone. The page should also
// check File.size against maxBytes before reading a huge file into memory.
export function parseImport(text, options = {}) {
  const maxBytes = Number.isFinite(options.maxBytes) ? options.maxBytes : DIARY_IMPORT_MAX_BYTES;
  if (typeof text !== 'string' || text.trim() === '') {
    return diaryRefuse(['This file is empty. Choose a diary file exported from PT Guide.']);
  }
  // A UTF-8 byte count is at least the string length, so that cheap test goes first.
  if (text.length > maxBytes || diaryUtf8Bytes(text) > maxBytes) {
    const limit = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / (1024 * 1024))} MB` : `${Math.round(maxBytes / 1024)} KB`;
    return diaryRefuse([`This file is too big to be a diary export (the limit is ${limit}). Nothing was changed.`]);
  }
  let parsed;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return diaryRefuse(['This file could not be read. Choose the JSON file exported from the PT Guide diary. Nothing was changed.']);
  }
  if (!diaryIsPlainObject(parsed) || parsed.app !== DIARY_APP_MARKER) {
    return diaryRefuse(['This file is not a diary exported from PT Guide. Nothing was changed.']);
  }
  if (parsed.kind !== undefined && parsed.kind !== DIARY_EXPORT_KIND) {
    return diaryRefuse(['This file is from PT Guide, but it is not a diary. Nothing was changed.']);
  }
  if (!Number.isInteger(parsed.schema) || parsed.schema < 1) {
    return diaryRefuse(['This file does not say which version of the diary it holds. Nothing was changed.']);
  }
  if (parsed.schema > DIARY_SCHEMA) {
    return diaryRefuse([
      `This file was made by a newer version of PT Guide (diary version ${parsed.schema}; this app reads up to `
      + `version ${DIARY_SCHEMA}). Reload the app while online to update it, then import again. Nothing was changed.`,
    ]);
  }
  let data = { entries: parsed.entries };
  try {
    for (let version = parsed.schema; version < DIARY_SCHEMA; version += 1) data = DIARY_MIGRATIONS[version](data);
  } catch (error) {
    return diaryRefuse(['This file is from an older version of PT Guide and could not be updated. Nothing was changed.']);
  }
  const problems = validateDiary(data);
  // The form's rule too: nothing after tomorrow (options.now: this phone's time, injected by tests).
  const lastAt = diaryLastAt(options.now);
  if (!problems.length) {
    data.entries.forEach((entry, index) => {
      if (entry.at > lastAt && problems.length < 20) problems.push(`Entry ${index + 1} (${entry.at.replace('T', ' ')}): ${DIARY_FUTURE_PROBLEM}`);
    });
  }
  if (problems.length) {
    return diaryRefuse(['This diary file has mistakes, so nothing was imported. Nothing was changed.', ...problems]);
  }
  // The exercise programme (files from before it have none): any mistake in it refuses the whole file.
  let programme = null;
  if (parsed.programme !== undefined && parsed.programme !== null) {
    const checked = programmeFromExport(parsed.programme);
    if (!checked.ok) return diaryRefuse(checked.problems);
    programme = checked.programme;
  }
  return { ok: true, diary: normalizeDiary(data), programme, problems: [], fromSchema: parsed.schema };
}

// Merge policy: entries are matched by id. A new id is added. The same id
// with the same content is left as it is. The same id with different content
// takes the imported version ("incoming wins"): importing is a deliberate
// act, usually to move a diary from one browser to another, so the file the
// patient chose is taken as the truth. The page should show the counts and
// ask before saving when `updated` is not zero. Existing entries keep their
// place; new ones are appended in the file's order. Both inputs must be
// valid diaries (from storage.read with validateDiary, or from parseImport).
// Save the result only when `problems` is empty.
export function mergeDiaries(current, incoming) {
  const result = current.entries.map(normalizeEntry);
  const position = new Map(result.map((entry, index) => [entry.id, index]));
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const raw of incoming.entries) {
    const entry = normalizeEntry(raw);
    const index = position.get(entry.id);
    if (index === undefined) {
      position.set(entry.id, result.length);
      result.push(entry);
      added += 1;
    } else if (JSON.stringify(result[index]) === JSON.stringify(entry)) {
      unchanged += 1;
    } else {
      result[index] = entry;
      updated += 1;
    }
  }
  // A diary too big to pass validateDiary would be set aside by storage on
  // the next read, so the page must not save it.
  const problems = result.length > DIARY_ENTRIES_MAX
    ? [`Together the diaries would have more than ${DIARY_ENTRIES_MAX} entries, so nothing was imported.`]
    : [];
  return { diary: { entries: result }, added, updated, unchanged, problems };
}

// ---------------------------------------------------------------- set-aside copies

// The schema and entries a set-aside copy holds: a storage envelope { schema, data: { entries } } or an
// export file. Null when it is not a diary at all.
function diaryCopyContents(raw) {
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return null;
  }
  if (!diaryIsPlainObject(parsed) || !Number.isInteger(parsed.schema) || parsed.schema < 1) return null;
  if (parsed.app === DIARY_APP_MARKER) return { schema: parsed.schema, entries: parsed.entries };
  if (diaryIsPlainObject(parsed.data)) return { schema: parsed.schema, entries: parsed.data.entries };
  return null;
}

// Put back: a set-aside copy checked like an import, but entry by entry, so the good entries of a copy
// come back even when one of them still cannot be read. { ok, diary (the good entries), bad (the
// others, as stored), problems }; on ok:false nothing may change.
export function parseSetAside(raw, options = {}) {
  const copy = diaryCopyContents(raw);
  if (!copy) {
    return diaryRefuse(['This copy could not be read as a diary, so it cannot be put back. It stays kept: download it to send it for help.']);
  }
  if (copy.schema > DIARY_SCHEMA) {
    return diaryRefuse(['This copy was saved by a newer version of PT Guide: reload to update, then put it back. It stays kept.']);
  }
  let data = { entries: copy.entries };
  try {
    for (let version = copy.schema; version < DIARY_SCHEMA; version += 1) data = DIARY_MIGRATIONS[version](data);
  } catch (error) {
    return diaryRefuse(['This copy is from an older version of PT Guide and could not be updated. It stays kept.']);
  }
  if (!Array.isArray(data.entries)) return diaryRefuse(['This copy has no list of entries. It stays kept.']);
  const good = [];
  const bad = [];
  const ids = new Set();
  const lastAt = diaryLastAt(options.now);
  for (const entry of data.entries) {
    const problems = validateEntry(entry);
    if (!problems.length && entry.at > lastAt) problems.push(DIARY_FUTURE_PROBLEM);
    if (problems.length || ids.has(entry.id)) bad.push({ entry, problem: problems[0] || 'another entry has the same id.' });
    else {
      ids.add(entry.id);
      good.push(normalizeEntry(entry));
    }
  }
  return { ok: true, diary: { entries: good }, bad, problems: [] };
}

// A file Import accepts, holding what the copy holds as it was stored (so Import names exactly what is
// wrong with an entry); a copy that is not a diary at all is given back byte for byte.
export function setAsideFile(raw, options = {}) {
  const copy = diaryCopyContents(raw);
  if (!copy) return raw;
  const now = options.now instanceof Date ? options.now : new Date();
  return JSON.stringify({ app: DIARY_APP_MARKER, kind: DIARY_EXPORT_KIND, schema: copy.schema, exportedAt: now.toISOString(), entries: copy.entries }, null, 2);
}

// ---------------------------------------------------------------- export

// Complete and re-importable: parseImport(toExportJson(d)) gives d back. `options.programme`: the exercise programme
// stored on this phone (lib/programme-model.js), carried in the same file.
export function toExportJson(diary, options = {}) {
  const now = options.now instanceof Date ? options.now : new Date();
  return JSON.stringify({
    app: DIARY_APP_MARKER,
    kind: DIARY_EXPORT_KIND,
    schema: DIARY_SCHEMA,
    exportedAt: now.toISOString(),
    entries: diary.entries.map(normalizeEntry),
    ...(options.programme ? { programme: programmeForExport(options.programme) } : {}),
  }, null, 2);
}

export const DIARY_CSV_COLUMNS = [
  'Date and time',
  'Pain before (0-10)',
  'Pain during (0-10)',
  'Pain after (0-10)',
  'Pain next morning (0-10)',
  'Pain reaches',
  'Side',
  'Feels like',
  'Exercises',
  'Pain per exercise (0-10)',
  'Note',
  'Pain check',
  'Entry id',
];

function diaryCsvCell(value) {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with = + - or @,
  // or with a tab, CR, LF or NUL, also after leading spaces, as a formula, so a note like
  // "=HYPERLINK(...)" could act when the therapist opens the file. A leading apostrophe makes the
  // spreadsheet show it as plain text. Only text cells get here with such a start: pain numbers are 0-10.
  // Leading spaces of any kind count (no-break, ideographic, zero-width, a byte-order mark), and so do the
  // full-width ＝ ＋ － ＠, which some spreadsheets read as = + - @ (attacker review C1).
  if (/^[\s\u200b]*[=+\-@\t\r\n\0＝＋－＠]/u.test(text)) text = `'${text}`;
  // A spreadsheet whose list separator is ";" (much of Europe), or one pasting tab-separated text, starts a
  // new cell after each ";" or tab: the same guard after each of them (attacker review K).
  text = text.replace(/([;\t][\s\u200b]*)(?=[=+\-@＝＋－＠])/gu, "$1'");
  // RFC 4180: quote a field holding a comma, a quote or a line break, and double the quotes inside it;
  // also one holding ";" or a tab, so that it stays one cell whatever the separator.
  if (/[",;\t\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

// One row per entry, oldest first (the order a therapist reads a history),
// CRLF line ends per RFC 4180, non-ASCII text kept as it is. Returns text
// WITHOUT a byte-order mark: the page adds "\uFEFF" when it builds the
// download, so that spreadsheet programs detect UTF-8.
export function toCsv(diary) {
  const lines = [DIARY_CSV_COLUMNS.map(diaryCsvCell).join(',')];
  for (const entry of diarySortOldestFirst(diary.entries.map(normalizeEntry))) {
    lines.push([
      entry.at,
      entry.painBefore,
      entry.painDuring,
      entry.painAfter,
      entry.painNextMorning,
      entry.reach,
      entry.side,
      entry.feelings.join('; '),
      entry.exercises.join('; '),
      sessionViewCsv(entry),
      entry.note,
      entry.check,
      entry.id,
    ].map(diaryCsvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
