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
  const text = (li, selector) => li.querySelector(selector)?.textContent || '';
  const listed = items.map((li) => [text(li, 'a'), text(li, '.app-question-list__summary')]);
  const marks = items.map((li) => {
    const mark = document.createElement('p');
    mark.className = 'app-question-list__matched';
    mark.hidden = true;
    li.append(mark);
    return mark;
  });
  let search = prepareFaqSearch(listed);
  let synonyms = [];
  let first = [];
  root.hidden = false;
  // The home page's "Search the questions" link lands here: ready to type.
  if (window.location.hash === '#faq-filter-input') input.focus();

  let showAll = false;
  const more = document.createElement('button');
  more.type = 'button';
  more.className = 'app-button app-button--secondary';
  more.hidden = true;
  list.after(more);

  function show() {
    const query = input.value.trim();
    const results = filterQuestions(search, query, synonyms, first);
    const limit = query && !showAll ? SHOWN_AT_FIRST : Infinity;
    const kept = [];
    const matching = results.length;
    results.slice(0, limit).forEach(({ index: i, words: found }) => {
      kept.push(items[i]);
      // One or two letters match nearly everything: naming them on every item would say nothing.
      const words = query.length > 2 && found.length ? `Matches: ${found.slice(0, 4).join(', ')}` : '';
      if (marks[i].textContent !== words) marks[i].textContent = words;
      if (marks[i].hidden !== !words) marks[i].hidden = !words;
    });
    // The list holds only the matching questions, best first: with hundreds of questions, taking the
    // others out is many times faster for the browser than hiding them, and a keystroke stays within a frame.
    const current = list.children;
    if (current.length !== kept.length || kept.some((li, i) => current[i] !== li)) list.replaceChildren(...kept);
    // The box shows only the end of a long query at large text sizes: the count says it whole.
    count.textContent = query ? `${matching} of ${items.length} questions match “${query}”` : '';
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
      search = prepareFaqSearch(items.map((li, i) => [...listed[i], index.words[li.dataset.slug] || '']));
      ({ synonyms } = index);
      const slugs = items.map((li) => li.dataset.slug);
      first = index.first.map(([slug, words]) => [slugs.indexOf(slug), words]).filter(([i]) => i >= 0);
      if (input.value.trim()) show();
    })
    .catch(() => {}); // without the index, titles and summaries still filter
}

startModules({ 'faq-filter': startFaqFilter });
