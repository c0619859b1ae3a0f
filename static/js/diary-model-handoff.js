// First file of the share bundle: the diary model as the diary page's own bundle handed it over
// (window.ptguideDiaryModel, set by diary.js), so the share bundle carries no second copy of
// lib/diary-model.js. The share bundle is only ever loaded by the diary page, after its script ran.
// Node's tests import lib/diary-share.js directly, where the import of diary-model.js is real.
const {
  DIARY_SCHEMA, DIARY_MIGRATIONS, DIARY_ENTRIES_MAX, diaryIsPlainObject, validateDiary, validateEntry, normalizeDiary,
  normalizeEntry, diarySortOldestFirst, diaryAtFromDate, diaryParseAt, diaryShortDate, newId, diaryLastAt, DIARY_FUTURE_PROBLEM,
  diaryCutText, diaryParseDate, diaryDayToDate, // for lib/programme-model.js (the programme in the export file)
  storageChange, storageLocks, // the programme's own lock, when an import replaces it
} = window.ptguideDiaryModel;
