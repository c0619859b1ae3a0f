// The guided session's one diary entry, written like every entry from outside the diary page: built with
// the diary's emptyEntry, checked with validateEntry, stored normalised. The page writes it through
// diaryPutEntry (lib/pain-check-diary.js), the pain check's "Save to my diary" path: the diary's salvage
// rules, inside the diary's lock (bundle "pain-check-diary", loaded when the patient presses Save).
import { emptyEntry, normalizeEntry, validateEntry } from './diary-model.js';
import { sessionEntryFields } from './session-flow.js';

// The entry for a session; a second Save of the same session (a double tap, Save after a failed try)
// updates the same entry one rev up, so a session is always ONE entry. Null when it cannot be valid.
export function sessionDiaryEntry(existing, session) {
  const entry = existing ? normalizeEntry(existing) : emptyEntry(session.id, session.at);
  Object.assign(entry, sessionEntryFields(session));
  if (existing) entry.rev += 1;
  return validateEntry(entry).length ? null : { entry: normalizeEntry(entry) };
}
