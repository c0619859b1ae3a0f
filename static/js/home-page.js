// The install help, loaded only on the home page.
import { startModules } from './start-modules.js';
import { startInstallHelp } from './install-help.js';

startModules({ 'install-help': startInstallHelp });
