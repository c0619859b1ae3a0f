// Loaded by pain-check.js only when the patient presses "Save to my diary" (bundle "pain-check-diary"),
// so the pain check page does not carry the diary's code. Its own scope hands over one function.
// The diary is written with the diary's recovery rules (docs/storage.md), not the pain check's plain store.
import { createStorageWithSalvage } from './lib/storage-salvage.js';
import { diaryPutEntry, painCheckSaveToDiary } from './lib/pain-check-diary.js';
import { storageChange, storageLocks } from './lib/storage-lock.js';
import { DIARY_STORAGE_NAME, normalizeEntry, validateEntry } from './lib/diary-model.js';

function painCheckDiaryBackend() {
  try {
    return window.localStorage;
  } catch (error) {
    return null;
  }
}

function painCheckDiaryRaw(store) {
  try {
    return painCheckDiaryBackend().getItem(store.keyFor(DIARY_STORAGE_NAME));
  } catch (error) {
    return null;
  }
}

// The pain check's two "Save to my diary" buttons: marked busy while a save waits its turn.
const painCheckSaveButtons = () => ['pc-save', 'pc-save-quiet'].map((id) => document.getElementById(id)).filter(Boolean);
let painCheckSaving = null;

// In turn with the diary's own saves in other tabs (lib/storage-lock.js): the diary is read again inside.
// Resolves to painCheckSaveToDiary()'s answer. While one save waits (another tab may hold the diary's
// lock), the buttons are aria-disabled and another tap gets the same save, not one more (attacker review L2).
window.ptguidePainCheckDiary = {
  save(store, check) {
    if (painCheckSaving) return painCheckSaving;
    for (const button of painCheckSaveButtons()) button.setAttribute('aria-disabled', 'true');
    painCheckSaving = storageChange(store.keyFor(DIARY_STORAGE_NAME), () => painCheckDiaryRaw(store),
      () => painCheckSaveToDiary(createStorageWithSalvage(painCheckDiaryBackend(), store.namespace), check), storageLocks())
      // A tab that kept the diary's lock past the time limit (hung): nothing was written, and the answers stay.
      .catch((error) => ({
        ok: false,
        added: false,
        problem: error.name === 'AbortError'
          ? 'Not added to your diary yet: another PT Guide tab or window is still using your diary. Your answers are kept. '
            + 'Close your other PT Guide tabs and windows, then press Save to my diary again.'
          : 'This result could not be added to your diary. Please try again.',
      }))
      .finally(() => {
        painCheckSaving = null;
        for (const button of painCheckSaveButtons()) button.removeAttribute('aria-disabled');
      });
    return painCheckSaving;
  },
};

// The same one-entry writer for another page: the next morning's answer after a guided session
// (session-morning.js) writes its entry with these rules, in turn with every other diary change.
window.ptguideDiaryEntry = {
  normalizeEntry,
  validateEntry,
  put(store, id, make) {
    return storageChange(store.keyFor(DIARY_STORAGE_NAME), () => painCheckDiaryRaw(store),
      () => diaryPutEntry(createStorageWithSalvage(painCheckDiaryBackend(), store.namespace), id, make), storageLocks());
  },
};
