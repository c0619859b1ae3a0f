// NHS.UK frontend's pattern: a component starts from its root element, found by data-module, once.
export function startModules(starters) {
  document.querySelectorAll('[data-module]').forEach((root) => {
    const start = starters[root.dataset.module];
    if (!start || root.dataset.moduleStarted) return;
    root.dataset.moduleStarted = 'true';
    start(root);
  });
}
