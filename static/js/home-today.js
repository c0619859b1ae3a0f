// The home page's "Today's exercises", in the programme's bundle, which home-page.js fetches only when this origin keeps
// a programme, so the home page stays as light as before for everyone else (on My programme there is no #home-today). It reads the programme through the shared
// storage module (a bad one is set aside, as everywhere) and today's session entries from the diary, without
// checking or writing the diary: the diary page does that.
import { storageNamespaceFromPath, createStorage } from './lib/storage.js';
import { diaryIsPlainObject } from './lib/diary-model.js';
import { PROGRAMME_STORAGE_NAME, PROGRAMME_READ_OPTIONS, programmeLeftToday, programmeLeftWords, programmeIsEmpty, programmeLibraryIndex } from './lib/programme-model.js';

function homeTodayEntries(backend, key) {
  try {
    const envelope = JSON.parse(backend.getItem(key));
    return diaryIsPlainObject(envelope) && diaryIsPlainObject(envelope.data) && Array.isArray(envelope.data.entries) ? envelope.data.entries : [];
  } catch (error) {
    return [];
  }
}

function homeTodayShow(root, store, backend, library) {
  const { data: programme, problem, reason } = store.read(PROGRAMME_STORAGE_NAME, PROGRAMME_READ_OPTIONS);
  const body = root.querySelector('#home-today-body');
  const say = (...lines) => body.replaceChildren(...lines.map((line) => {
    const p = document.createElement('p');
    p.textContent = line;
    return p;
  }));
  if (reason === 'newer-schema') {
    say(problem);
    root.hidden = false;
    return;
  }
  if (programmeIsEmpty(programme) || !programme.items.length) {
    root.hidden = true;
    return;
  }
  const left = programmeLeftToday(programme, homeTodayEntries(backend, store.keyFor('diary')), new Date(), library);
  const start = root.querySelector('#home-today-start');
  if (start) start.hidden = left.length === 0;
  if (!left.length) {
    say('Nothing is left for today in your programme.');
  } else {
    const list = document.createElement('ul');
    list.className = 'app-link-list app-today__list';
    for (const each of left) {
      const li = document.createElement('li');
      li.textContent = programmeLeftWords(each);
      list.append(li);
    }
    say(`Left for today: ${left.length} ${left.length === 1 ? 'exercise' : 'exercises'}.`);
    body.append(list);
  }
  root.hidden = false;
}

document.querySelectorAll('#home-today').forEach((root) => {
  let backend = null;
  try {
    backend = window.localStorage;
  } catch (error) {
    return;
  }
  const store = createStorage(backend, storageNamespaceFromPath(new URL(root.dataset.root, window.location.href).pathname));
  if (backend.getItem(store.keyFor(PROGRAMME_STORAGE_NAME)) === null) return;
  homeTodayShow(root, store, backend, null);
  // The library's usual times a day, named as such where the programme gives none; the service worker has it offline.
  fetch(root.dataset.library).then((response) => (response.ok ? response.json() : null)).then((data) => {
    if (data) homeTodayShow(root, store, backend, programmeLibraryIndex(data));
  }, () => {});
  window.addEventListener('storage', (event) => {
    if (event.key === null || store.isOwnKey(event.key)) homeTodayShow(root, store, backend, null);
  });
});
