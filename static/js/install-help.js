// Install help: Chrome and Android offer a prompt we can trigger; iPhone and iPad need the Share menu steps.

function installIsStandalone() {
  return window.matchMedia('(display-mode: standalone)').matches || window.navigator.standalone === true;
}

function installIsIos() {
  const ua = navigator.userAgent;
  return /iPhone|iPad|iPod/.test(ua) || (ua.includes('Macintosh') && navigator.maxTouchPoints > 1);
}

export function startInstallHelp(root) {
  if (installIsStandalone()) return;
  const button = root.querySelector('[data-install-button]');
  const iosSteps = root.querySelector('[data-install-ios]');
  let deferred = null;

  if (installIsIos()) {
    iosSteps.hidden = false;
    root.hidden = false;
  }
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    deferred = event;
    button.hidden = false;
    root.hidden = false;
  });
  button.addEventListener('click', async () => {
    if (!deferred) return;
    deferred.prompt();
    await deferred.userChoice;
    deferred = null;
    root.hidden = true;
  });
  window.addEventListener('appinstalled', () => { root.hidden = true; });
}
