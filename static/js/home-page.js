// The install help, loaded only on the home page; "Today's exercises" is fetched only where a programme is kept.
import { startModules } from './start-modules.js';
import { startInstallHelp } from './install-help.js';

// Any app's programme on this origin is enough to fetch the block's code, which checks this app's own key: the
// namespace rules stay in lib/storage.js, and a phone with no programme downloads nothing more.
function startToday(root) {
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key.startsWith('ptguide:') && key.endsWith(':programme')) {
        const script = document.createElement('script');
        script.src = root.dataset.script;
        document.head.append(script);
        return;
      }
    }
  } catch (error) {
    // No storage (some private windows): no programme to show.
  }
}

startModules({ 'install-help': startInstallHelp, 'today-check': startToday });
