// What every page needs: the service worker and its quiet status bar. Page-only parts have their own bundles.
import { startModules } from './start-modules.js';
import { startOfflineStatus } from './offline-status.js';

startModules({ 'offline-status': startOfflineStatus });
