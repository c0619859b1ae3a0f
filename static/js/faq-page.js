// The question list's filter, loaded only on that page.
import { startModules } from './start-modules.js';
import { filterQuestions } from './lib/faq-filter.js';

function startFaqFilter(root) {
  const input = root.querySelector('input');
  const count = root.querySelector('#faq-filter-count');
  const items = Array.from(document.querySelectorAll('#faq-list > li'));
  const texts = items.map((li) => li.textContent);
  root.hidden = false;
  input.addEventListener('input', () => {
    const shown = filterQuestions(texts, input.value);
    items.forEach((li, i) => { li.hidden = !shown[i]; });
    const n = shown.filter(Boolean).length;
    count.textContent = input.value.trim() ? `${n} of ${items.length} questions match` : '';
  });
}

startModules({ 'faq-filter': startFaqFilter });
