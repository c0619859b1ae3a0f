// Loaded by pain-check.js only when the patient presses "Save to my diary" (bundle "pain-check-diary"),
// so the pain check page does not carry the diary's code. Its own scope hands over one function.
// The diary is written with the diary's recovery rules (docs/storage.md), not the pain check's plain store.
import { createStorageWithSalvage } from './lib/storage-salvage.js';
import { painCheckSaveToDiary } from './lib/pain-check-diary.js';

function painCheckDiaryBackend() {
  try {
    return window.localStorage;
  } catch (error) {
    return null;
  }
}

window.ptguidePainCheckDiary = {
  save: (store, check) => painCheckSaveToDiary(createStorageWithSalvage(painCheckDiaryBackend(), store.namespace), check),
};
