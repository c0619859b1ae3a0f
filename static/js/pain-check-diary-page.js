// Loaded by pain-check.js only when the patient presses "Save to my diary" (bundle "pain-check-diary"),
// so the pain check page does not carry the diary's code. Its own scope hands over one function.
// The diary is written with the diary's recovery rules (docs/storage.md), not the pain check's plain store.
import { createStorageWithSalvage } from './lib/storage-salvage.js';
import { painCheckSaveToDiary } from './lib/pain-check-diary.js';
import { storageChange, storageLocks } from './lib/storage-lock.js';
import { DIARY_STORAGE_NAME } from './lib/diary-model.js';

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

// In turn with the diary's own saves in other tabs (lib/storage-lock.js): the diary is read again inside.
// Resolves to painCheckSaveToDiary()'s answer.
window.ptguidePainCheckDiary = {
  save: (store, check) => storageChange(store.keyFor(DIARY_STORAGE_NAME), () => painCheckDiaryRaw(store),
    () => painCheckSaveToDiary(createStorageWithSalvage(painCheckDiaryBackend(), store.namespace), check), storageLocks())
    .catch(() => ({ ok: false, added: false, problem: 'This result could not be added to your diary. Please try again.' })),
};
