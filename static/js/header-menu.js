// The header's Menu button (NHS.UK's header pattern). Without JavaScript the navigation is a plain list of links.
export function startMenu(header) {
  const button = header.querySelector('.app-header__menu');
  const nav = header.querySelector('.app-nav');
  function show(open) {
    button.setAttribute('aria-expanded', open);
    nav.classList.toggle('app-nav--open', open);
  }
  button.addEventListener('click', () => show(button.getAttribute('aria-expanded') !== 'true'));
  header.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || button.getAttribute('aria-expanded') !== 'true') return;
    show(false);
    button.focus();
  });
}
