// The clerk's flows in Debian's Firefox ESR, headless, with a headless agent that takes the PIN
// from the page (pagePin: true). See flows.js.
import { defineFlows } from './flows.js';

defineFlows('firefox');
