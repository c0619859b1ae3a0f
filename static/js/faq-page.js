// The question list's filter, loaded only on that page. It filters the titles and summaries at once,
// and the answers' words and synonyms once the small index has loaded (the service worker keeps it offline).
import { startModules } from './start-modules.js';
import { filterQuestions, prepareFaqSearch, readFaqIndex } from './lib/faq-filter.js';

// A long list shows its first matches until asked for all: laying out hundreds of questions on one keystroke
// would take longer than a frame. The real guide has far fewer, so this only matters for big sites.
const SHOWN_AT_FIRST = 50;

function startFaqFilter(root) {
  const input = root.querySelector('input');
  const count = root.querySelector('#faq-filter-count');
  const none = document.getElementById('faq-no-match');
  const list = document.getElementById('faq-list');
  const items = Array.from(list.children);
  const listed = items.map((li) => li.textContent);
  const marks = items.map((li) => {
    const mark = document.createElement('p');
    mark.className = 'app-question-list__matched';
    mark.hidden = true;
    li.append(mark);
    return mark;
  });
  let search = prepareFaqSearch(listed);
  let synonyms = [];
  root.hidden = false;

  let showAll = false;
  const more = document.createElement('button');
  more.type = 'button';
  more.className = 'app-button app-button--secondary';
  more.hidden = true;
  list.after(more);

  function show() {
    const query = input.value.trim();
    const results = filterQuestions(search, query, synonyms);
    const limit = query && !showAll ? SHOWN_AT_FIRST : Infinity;
    const kept = [];
    let matching = 0;
    results.forEach((found, i) => {
      if (found === null) return;
      matching += 1;
      if (kept.length >= limit) return;
      kept.push(items[i]);
      // One or two letters match nearly everything: naming them on every item would say nothing.
      const words = query.length > 2 && found.length ? `Matches: ${found.slice(0, 4).join(', ')}` : '';
      if (marks[i].textContent !== words) marks[i].textContent = words;
      if (marks[i].hidden !== !words) marks[i].hidden = !words;
    });
    // The list holds only the matching questions, in their order: with hundreds of questions, taking the
    // others out is many times faster for the browser than hiding them, and a keystroke stays within a frame.
    const current = list.children;
    if (current.length !== kept.length || kept.some((li, i) => current[i] !== li)) list.replaceChildren(...kept);
    count.textContent = query ? `${matching} of ${items.length} questions match` : '';
    more.textContent = `Show all ${matching} questions that match`;
    more.hidden = kept.length === matching;
    none.hidden = !query || matching > 0;
  }

  more.addEventListener('click', () => { showAll = true; show(); });
  input.addEventListener('input', () => { showAll = false; show(); });
  fetch(root.dataset.index)
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => {
      const index = readFaqIndex(data);
      if (!index) return;
      search = prepareFaqSearch(items.map((li, i) => `${listed[i]} ${index.words[li.dataset.slug] || ''}`));
      ({ synonyms } = index);
      if (input.value.trim()) show();
    })
    .catch(() => {}); // without the index, titles and summaries still filter
}

startModules({ 'faq-filter': startFaqFilter });
