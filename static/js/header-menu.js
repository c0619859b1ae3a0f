// The header's Menu button (NHS.UK's header pattern). Without JavaScript the navigation is a plain list of links.
export function startMenu(header) {
  const button = header.querySelector('button');
  // No argument toggles; false closes.
  const show = (open) => button.setAttribute('aria-expanded', header.classList.toggle('app-header--open', open));
  button.addEventListener('click', () => show());
  // The folded state is set here, not by CSS alone, so a script that never runs never hides the links.
  header.classList.add('app-header--menu-ready');
  header.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && header.classList.contains('app-header--open')) {
      show(false);
      button.focus();
    }
  });
}
