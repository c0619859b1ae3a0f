// Enhancements shared by every page. Each starts only where its data-module is present.
import { filterQuestions } from './lib/faq-filter.js';
import { startOfflineStatus } from './offline-status.js';
import { startInstallHelp } from './install-help.js';

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

const appModules = {
  'faq-filter': startFaqFilter,
  'offline-status': startOfflineStatus,
  'install-help': startInstallHelp,
};

document.querySelectorAll('[data-module]').forEach((root) => {
  const start = appModules[root.dataset.module];
  if (!start || root.dataset.moduleStarted) return;
  root.dataset.moduleStarted = 'true';
  start(root);
});
