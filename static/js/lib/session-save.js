// The guided session's one diary entry, written like every entry from outside the diary page: built with
// the diary's emptyEntry, checked with validateEntry, stored normalised. The page writes it through
// diaryPutEntry (lib/pain-check-diary.js), the pain check's "Save to my diary" path: the diary's salvage
// rules, inside the diary's lock (bundle "pain-check-diary", loaded when the patient presses Save).
import { emptyEntry, normalizeEntry, validateEntry } from './diary-model.js';
import { sessionCleanDraft, sessionEntryFields } from './session-flow.js';

// The entry for a session; a second Save of the same session updates the same entry one rev up, so a
// session is always ONE entry. Null when it cannot be valid. `savedRev` is the rev this page wrote last
// (null when it wrote none): an entry with another rev was edited or saved elsewhere (the diary, another
// tab), so it is never overwritten: { conflict: true } lets the page ask the patient (attacker A1).
export function sessionDiaryEntry(existing, session, savedRev = null) {
  if (existing && existing.rev !== savedRev) return { conflict: true, entry: null };
  const entry = existing ? normalizeEntry(existing) : emptyEntry(session.id, session.at);
  Object.assign(entry, sessionEntryFields(session));
  if (existing) entry.rev += 1;
  return validateEntry(entry).length ? null : { entry: normalizeEntry(entry) };
}

// A stored draft as a session only when the diary would take it: a draft that loads can always be saved
// (attacker A5). Anything else is ignored like any junk under the draft key.
export function sessionCleanSavableDraft(value, now) {
  const draft = sessionCleanDraft(value, now);
  return draft && sessionDiaryEntry(null, draft) ? draft : null;
}
