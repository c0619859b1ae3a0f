// "Save to my diary" on the pain check: one diary entry per check, written in the diary's own
// format through its public functions (lib/diary-model.js) and the diary's storage rules
// (lib/storage-salvage.js: bad entries alone are set aside, the value from before an update is kept).
// The pain check page loads this (with diary-model.js) only when the patient presses Save.
import {
  DIARY_READ_OPTIONS, DIARY_SCHEMA, DIARY_STORAGE_NAME, emptyDiary, emptyEntry, normalizeEntry, validateEntry,
} from './diary-model.js';

/**
 * check: { id (from painCheckEntryId), at ("YYYY-MM-DDTHH:MM" now), pain (0-10 | null), level,
 *          rev (the entry's rev this page wrote last, if any) }.
 * An entry this check made before is updated in place, one rev up. Its score changes only when the
 * entry is as this page last wrote it (or has no score): a score the patient corrected in the diary
 * stays, as does whatever they added there (a note, exercises, other scores).
 * Returns { entry, kept } (kept: the diary's own score was kept), or null.
 */
export function painCheckDiaryEntry(existing, check) {
  const entry = existing ? normalizeEntry(existing) : emptyEntry(check.id, check.at);
  const theirs = existing && entry.painDuring !== null && entry.rev !== check.rev;
  const kept = Boolean(theirs && Number.isInteger(check.pain) && check.pain !== entry.painDuring);
  if (!theirs && Number.isInteger(check.pain)) entry.painDuring = check.pain;
  entry.check = check.level;
  if (existing) entry.rev += 1;
  const problems = validateEntry(entry);
  return problems.length ? null : { entry: normalizeEntry(entry), kept };
}

/**
 * Adds or updates one entry, by id, in a store from createStorageWithSalvage() (lib/storage-salvage.js):
 * what every writer of a single entry from outside the diary page uses (the pain check's "Save to my
 * diary", the guided session's Save). `make(existing entry or null)` returns { entry, ... } (checked with
 * validateEntry and normalised) or null. Returns { ok, added, problem, made }. Nothing is written when the
 * diary cannot be read as it is (a newer version's, or one set aside whole): the diary page shows why,
 * and what the patient wrote there is never replaced by a diary of one entry. A diary with a few bad
 * entries keeps its good ones (read.problem then says so).
 */
export function diaryPutEntry(store, id, make) {
  const read = store.read(DIARY_STORAGE_NAME, DIARY_READ_OPTIONS);
  if (read.problem && read.reason !== 'salvaged') return { ok: false, added: false, problem: read.problem, made: null };
  const diary = read.data || emptyDiary();
  const index = diary.entries.findIndex((entry) => entry.id === id);
  const made = make(index >= 0 ? diary.entries[index] : null);
  // A made without an entry (e.g. { conflict }) writes nothing and is handed back for the page to explain.
  if (!made || !made.entry) return { ok: false, added: false, problem: null, made: made || null };
  const entries = diary.entries.slice();
  if (index >= 0) entries[index] = made.entry;
  else entries.push(made.entry);
  const written = store.write(DIARY_STORAGE_NAME, { ...diary, entries }, DIARY_SCHEMA, { label: 'diary', keepBeforeUpdate: true });
  if (!written.ok) return { ok: false, added: false, problem: written.problem, made: null };
  return { ok: true, added: index < 0, problem: read.problem || null, made };
}

/**
 * Adds or updates the check's entry in a store from createStorageWithSalvage() (lib/storage-salvage.js).
 * Returns { ok, added, problem, rev } (diaryPutEntry's rules).
 */
export function painCheckSaveToDiary(store, check) {
  const put = diaryPutEntry(store, check.id, (existing) => painCheckDiaryEntry(existing, check));
  if (!put.ok) return { ok: false, added: false, problem: put.problem || 'This result could not be added to your diary.' };
  const notes = [put.problem, put.made.kept ? 'The pain score you changed in your diary is kept.' : null].filter(Boolean);
  return { ok: true, added: put.added, problem: notes.length ? notes.join(' ') : null, rev: put.made.entry.rev };
}
