// The question list's filter, loaded only on that page. It filters the titles and summaries at once,
// and the answers' words and synonyms once the small index has loaded (the service worker keeps it offline).
import { startModules } from './start-modules.js';
import { filterQuestions, readFaqIndex } from './lib/faq-filter.js';

function startFaqFilter(root) {
  const input = root.querySelector('input');
  const count = root.querySelector('#faq-filter-count');
  const none = document.getElementById('faq-no-match');
  const items = Array.from(document.querySelectorAll('#faq-list > li'));
  const listed = items.map((li) => li.textContent);
  const marks = items.map((li) => {
    const mark = document.createElement('p');
    mark.className = 'app-question-list__matched';
    mark.hidden = true;
    li.append(mark);
    return mark;
  });
  let texts = listed;
  let synonyms = [];
  root.hidden = false;

  function show() {
    const query = input.value.trim();
    const results = filterQuestions(texts, query, synonyms);
    let shown = 0;
    results.forEach((found, i) => {
      items[i].hidden = found === null;
      if (found !== null) shown += 1;
      marks[i].hidden = !query || !found || !found.length;
      marks[i].textContent = found && found.length ? `Matches: ${found.slice(0, 4).join(', ')}` : '';
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
      texts = items.map((li, i) => `${listed[i]} ${index.words[li.dataset.slug] || ''}`);
      ({ synonyms } = index);
      if (input.value.trim()) show();
    })
    .catch(() => {}); // without the index, titles and summaries still filter
}

startModules({ 'faq-filter': startFaqFilter });
