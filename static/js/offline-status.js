// Registers the service worker and tells the patient, quietly, when the app works offline, is offline, or an update waits.
// A new version takes over only when the patient taps Reload, so no page reloads under their fingers.
// Everything here sits in the page's flow under the header (or in the footer): nothing covers the page or the focus.

function offlineServiceWorkerUrl() {
  const meta = document.querySelector('meta[name="ptguide-service-worker"]');
  return meta ? new URL(meta.content, document.baseURI) : null;
}

export function startOfflineStatus(root) {
  const line = root.querySelector('.app-offline');
  const show = () => {
    line.hidden = navigator.onLine;
    if (navigator.serviceWorker && navigator.serviceWorker.controller) line.textContent = 'You are offline. This guide still works, with the pain check and your diary.';
  };
  window.ononline = show;
  window.onoffline = show;
  show();
  const url = offlineServiceWorkerUrl();
  if (!url || !('serviceWorker' in navigator)) return;
  const box = root.querySelector('.app-status');
  const button = box.querySelector('.app-status__reload');
  const ready = document.querySelector('.app-footer__offline');
  box.querySelector('.app-status__close').addEventListener('click', () => { box.hidden = true; });
  const hadController = Boolean(navigator.serviceWorker.controller);
  ready.hidden = !hadController;
  let reloadAsked = false;

  function offerUpdate(worker) {
    box.hidden = false;
    button.onclick = () => {
      reloadAsked = true;
      button.disabled = true;
      worker.postMessage({ type: 'SKIP_WAITING' });
    };
  }

  function watch(worker) {
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed' && hadController) offerUpdate(worker);
      if (worker.state === 'activated' && !hadController) ready.hidden = false;
    });
  }

  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // Reload once, and only for the tap that asked for it (the guard stops a reload loop).
    if (!reloadAsked) return;
    reloadAsked = false;
    window.location.reload();
  });

  navigator.serviceWorker.register(url.href, { scope: new URL('./', url).href }).then((registration) => {
    if (registration.waiting && hadController) offerUpdate(registration.waiting);
    if (registration.installing) watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') registration.update().catch(() => {});
    });
    if (navigator.storage && navigator.storage.persist) {
      navigator.storage.persisted().then((kept) => kept || navigator.storage.persist()).catch(() => {});
    }
  }).catch(() => {
    // No offline mode (private window, http on a LAN address): every page still works online.
  });
}
