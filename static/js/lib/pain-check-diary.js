// "Save to my diary" on the pain check: one diary entry per check, written in the diary's own
// format through its public functions (lib/diary-model.js) and the shared storage module.
// The pain check page loads this (with diary-model.js) only when the patient presses Save.
import {
  DIARY_READ_OPTIONS, DIARY_SCHEMA, DIARY_STORAGE_NAME, emptyDiary, emptyEntry, normalizeEntry, validateEntry,
} from './diary-model.js';

/**
 * check: { id (from painCheckEntryId), at ("YYYY-MM-DDTHH:MM" now), pain (0-10 | null), level }.
 * An entry this check made before is updated in place: its score and result change, and whatever
 * the patient added to it in the diary (a note, exercises, other scores) stays.
 */
export function painCheckDiaryEntry(existing, check) {
  const entry = existing ? normalizeEntry(existing) : emptyEntry(check.id, check.at);
  entry.painDuring = Number.isInteger(check.pain) ? check.pain : entry.painDuring;
  entry.check = check.level;
  const problems = validateEntry(entry);
  return problems.length ? null : normalizeEntry(entry);
}

/**
 * Adds or updates the check's entry. Returns { ok, added, problem }.
 * Nothing is written when the diary cannot be read as it is: the diary page shows why, and what
 * the patient wrote there is never replaced by a diary of one entry.
 */
export function painCheckSaveToDiary(store, check) {
  const read = store.read(DIARY_STORAGE_NAME, DIARY_READ_OPTIONS);
  if (read.problem) return { ok: false, added: false, problem: read.problem };
  const diary = read.data || emptyDiary();
  const index = diary.entries.findIndex((entry) => entry.id === check.id);
  const entry = painCheckDiaryEntry(index >= 0 ? diary.entries[index] : null, check);
  if (!entry) return { ok: false, added: false, problem: 'This result could not be added to your diary.' };
  const entries = diary.entries.slice();
  if (index >= 0) entries[index] = entry;
  else entries.push(entry);
  const written = store.write(DIARY_STORAGE_NAME, { ...diary, entries }, DIARY_SCHEMA, { label: 'diary' });
  return { ok: written.ok, added: index < 0, problem: written.problem };
}
