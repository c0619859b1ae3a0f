// The question list's filter, loaded only on that page. It filters the titles and summaries at once,
// and the answers' words and synonyms once the small index has loaded (the service worker keeps it offline).
import { startModules } from './start-modules.js';
import { filterQuestions, prepareFaqSearch, readFaqIndex } from './lib/faq-filter.js';

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

  function show() {
    const query = input.value.trim();
    const results = filterQuestions(search, query, synonyms);
    let shown = 0;
    // Touch only what changed: with hundreds of questions, rewriting every item costs more than the matching.
    results.forEach((found, i) => {
      if (items[i].hidden !== (found === null)) items[i].hidden = found === null;
      if (found !== null) shown += 1;
      // One or two letters match nearly everything: naming them on every item would say nothing.
      const words = query.length > 2 && found && found.length ? `Matches: ${found.slice(0, 4).join(', ')}` : '';
      if (marks[i].textContent !== words) marks[i].textContent = words;
      if (marks[i].hidden !== !words) marks[i].hidden = !words;
    });
    count.textContent = query ? `${shown} of ${items.length} questions match` : '';
    none.hidden = !query || shown > 0;
  }

  input.addEventListener('input', show);
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
