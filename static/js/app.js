// What every page needs: the header's menu, the service worker and its quiet status lines. Page-only parts have their own bundles.
import { startModules } from './start-modules.js';
import { startMenu } from './header-menu.js';
import { startOfflineStatus } from './offline-status.js';

// Every printout carries the app's name and the day it was printed (print.css shows them).
function datePrintouts() {
  document.querySelector('.app-header__name').dataset.printed = new Date().toLocaleDateString(document.documentElement.lang, { dateStyle: 'long' });
}
datePrintouts();
window.addEventListener('beforeprint', datePrintouts);
startModules({ menu: startMenu, 'offline-status': startOfflineStatus });
