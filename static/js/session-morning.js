// The next morning's question after a guided session, on the home page and the diary page (one include,
// templates/_session_morning.html). Finding the question only reads the diary; answering loads the writer
// (bundle "session-morning-save") and saves the answer on that entry through the diary's rules.
import { createStorage, storageNamespaceFromPath, storageSchemaOfValue } from './lib/storage.js';
import { SESSION_MORNING_DIARY_SCHEMA, sessionMorningAdvises, sessionMorningAnswered, sessionMorningDue, sessionMorningToday } from './lib/session-morning.js';
import { sessionMorningBlocked, sessionMorningPain } from './lib/session-morning.js';

const sessionMorningLabels = { better: 'Better', same: 'About the same', worse: 'Worse', dismissed: 'Not now' };

function sessionMorningRootPath() {
  const root = document.querySelector('meta[name="ptguide-root"]').content;
  return new URL(root, window.location.href).pathname;
}

// The entry to ask about, or null. A diary of another schema is left to the diary page (it migrates an
// older one; a newer one is not ours to read).
function sessionMorningFind(store) {
  try {
    const raw = window.localStorage.getItem(store.keyFor('diary'));
    if (!raw) return null;
    const envelope = JSON.parse(raw);
    if (storageSchemaOfValue(envelope) !== SESSION_MORNING_DIARY_SCHEMA || !envelope.data) return null;
    return sessionMorningDue(envelope.data.entries, sessionMorningToday(new Date()));
  } catch (error) {
    return null;
  }
}

// The pain check's one-entry writer (bundle "pain-check-diary"), given this bundle's storage module.
function sessionMorningWriter(root) {
  if (window.ptguideDiaryEntry) return Promise.resolve(window.ptguideDiaryEntry);
  if (!window.ptguideStorage) window.ptguideStorage = { createStorage, storageSchemaOfValue };
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = root.dataset.saveScript;
    script.onload = () => (window.ptguideDiaryEntry ? resolve(window.ptguideDiaryEntry) : reject(new Error('no writer')));
    script.onerror = () => {
      script.remove();
      reject(new Error('writer not loaded'));
    };
    document.head.append(script);
  });
}

function startSessionMorning(root) {
  let store;
  try {
    store = createStorage(window.localStorage, storageNamespaceFromPath(sessionMorningRootPath()));
  } catch (error) {
    return;
  }
  const entry = sessionMorningFind(store);
  if (!entry) return;
  const $ = (id) => root.querySelector(`#sm-${id}`);
  const names = entry.session.items.filter((item) => !item.skipped || item.pain !== null).map((item) => item.name);
  $('what').textContent = names.length ? `Yesterday's exercises: ${names.join(', ')}.` : '';
  // The advice names them (review P10): the answer is about the whole session.
  $('ease').textContent = names.join(', ');
  root.hidden = false;
  let busy = false;
  // `change`: the patient chose to replace the answer another tab gave first.
  const answer = (value, change = false) => {
    if (busy) return;
    const typed = value === 'dismissed' ? { pain: null, problem: null } : sessionMorningPain($('pain').value);
    if (typed.problem) {
      $('status').textContent = typed.problem;
      $('pain').focus();
      return;
    }
    const pain = typed.pain;
    busy = true;
    $('change').hidden = true;
    let blocked = null;
    sessionMorningWriter(root)
      .then((writer) => writer.put(store, entry.id, (existing) => {
        // Deleted or answered in another tab meanwhile: nothing is written, and the page says so (A2).
        blocked = sessionMorningBlocked(existing);
        if (blocked && !(change && blocked.why === 'answered')) return null;
        blocked = null;
        const next = sessionMorningAnswered(writer.normalizeEntry(existing), value, pain);
        return writer.validateEntry(next).length ? null : { entry: writer.normalizeEntry(next) };
      }))
      .then((put) => (put.ok || put.problem || blocked ? put : { ok: false, problem: 'Your answer could not be saved. Please try again.' }))
      .catch((error) => ({
        ok: false,
        problem: error && error.name === 'AbortError'
          ? 'Not saved yet: another PT Guide tab or window is still using your diary. Close your other PT Guide tabs and windows, then try again.'
          : 'Your answer could not be saved. Please try again.',
      }))
      .then((result) => {
        busy = false;
        if (blocked && blocked.why === 'gone') {
          $('ask').hidden = true;
          $('status').textContent = 'This session\'s entry is no longer in your diary (it was deleted), so nothing was changed.';
          return;
        }
        if (blocked) {
          $('ask').hidden = true;
          const same = blocked.stored === value || value === 'dismissed';
          $('status').textContent = `This was already answered in another tab: "${sessionMorningLabels[blocked.stored] || blocked.stored}" is in your diary.`
            + (same ? ' Nothing was changed.' : '');
          $('change').hidden = same;
          $('change').textContent = `Change it to "${sessionMorningLabels[value]}"`;
          $('change').onclick = () => answer(value, true);
          return;
        }
        if (!result.ok) {
          $('status').textContent = result.problem;
          return;
        }
        $('ask').hidden = true;
        if (value === 'dismissed') {
          root.hidden = true;
          return;
        }
        $('status').textContent = 'Noted in your diary.';
        $('advice').hidden = !sessionMorningAdvises(value);
        if (sessionMorningAdvises(value)) $('advice-title').focus();
      });
  };
  for (const button of root.querySelectorAll('[data-answer]')) button.addEventListener('click', () => answer(button.dataset.answer));
}

document.querySelectorAll('[data-module="session-morning"]').forEach((root) => {
  if (root.dataset.moduleStarted) return;
  root.dataset.moduleStarted = 'true';
  startSessionMorning(root);
});
