// The next morning's question after a guided session, on the home page and the diary page (one include,
// templates/_session_morning.html). Finding the question only reads the diary; answering loads the writer
// (bundle "session-morning-save") and saves the answer on that entry through the diary's rules.
import { sessionMorningAdvises, sessionMorningDiaryKey, sessionMorningDue, sessionMorningToday } from './lib/session-morning.js';

const SESSION_MORNING_DIARY_SCHEMA = 3;

function sessionMorningRootPath() {
  const root = document.querySelector('meta[name="ptguide-root"]').content;
  return new URL(root, window.location.href).pathname;
}

// The entry to ask about, or null. A diary of another schema is left to the diary page (it migrates an
// older one; a newer one is not ours to read).
function sessionMorningFind(rootPath) {
  try {
    const raw = window.localStorage.getItem(sessionMorningDiaryKey(rootPath));
    if (!raw) return null;
    const envelope = JSON.parse(raw);
    if (!envelope || envelope.schema !== SESSION_MORNING_DIARY_SCHEMA || !envelope.data) return null;
    return sessionMorningDue(envelope.data.entries, sessionMorningToday(new Date()));
  } catch (error) {
    return null;
  }
}

function sessionMorningWriter(root) {
  if (window.ptguideSessionMorning) return Promise.resolve(window.ptguideSessionMorning);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = root.dataset.saveScript;
    script.onload = () => (window.ptguideSessionMorning ? resolve(window.ptguideSessionMorning) : reject(new Error('no writer')));
    script.onerror = () => {
      script.remove();
      reject(new Error('writer not loaded'));
    };
    document.head.append(script);
  });
}

function startSessionMorning(root) {
  const rootPath = sessionMorningRootPath();
  const entry = sessionMorningFind(rootPath);
  if (!entry) return;
  const $ = (id) => root.querySelector(`#sm-${id}`);
  const names = entry.session.items.filter((item) => !item.skipped || item.pain !== null).map((item) => item.name);
  $('what').textContent = names.length ? `Yesterday's exercises: ${names.join(', ')}.` : '';
  root.hidden = false;
  let busy = false;
  const answer = (value) => {
    if (busy) return;
    busy = true;
    const painText = $('pain').value.trim();
    const pain = /^(10|[0-9])$/.test(painText) ? Number(painText) : null;
    sessionMorningWriter(root)
      .then((writer) => writer.save(rootPath, entry.id, value, pain))
      .catch(() => ({ ok: false, problem: 'Your answer could not be saved. Please try again.' }))
      .then((result) => {
        busy = false;
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
