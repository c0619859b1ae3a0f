// Loaded by session-morning.js only when the patient answers the next morning's question: writes the
// answer on that session's entry with the diary's rules (salvage read, validateEntry, normalizeEntry, one
// rev up) inside the diary's lock, like the pain check's "Save to my diary".
import { createStorageWithSalvage } from './lib/storage-salvage.js';
import { storageNamespaceFromPath } from './lib/storage.js';
import { storageChange, storageLocks } from './lib/storage-lock.js';
import { DIARY_STORAGE_NAME, normalizeEntry, validateEntry } from './lib/diary-model.js';
import { diaryPutEntry } from './lib/pain-check-diary.js';
import { sessionMorningAnswered } from './lib/session-morning.js';

function sessionMorningSaveBackend() {
  try {
    return window.localStorage;
  } catch (error) {
    return null;
  }
}

window.ptguideSessionMorning = {
  save(rootPath, entryId, answer, pain) {
    const store = createStorageWithSalvage(sessionMorningSaveBackend(), storageNamespaceFromPath(rootPath));
    const key = store.keyFor(DIARY_STORAGE_NAME);
    const raw = () => {
      try {
        return sessionMorningSaveBackend().getItem(key);
      } catch (error) {
        return null;
      }
    };
    return storageChange(key, raw, () => {
      const put = diaryPutEntry(store, entryId, (existing) => {
        // The entry was deleted or answered in another tab meanwhile: nothing to write.
        if (!existing || !existing.session || existing.session.nextMorning !== null) return null;
        const next = sessionMorningAnswered(normalizeEntry(existing), answer, pain);
        return validateEntry(next).length ? null : { entry: normalizeEntry(next) };
      });
      return put.ok || put.problem ? put : { ok: true, problem: null };
    }, storageLocks()).catch(() => ({
      ok: false,
      problem: 'Not saved yet: another PT Guide tab or window is still using your diary. Close your other PT Guide tabs and windows, then try again.',
    }));
  },
};
