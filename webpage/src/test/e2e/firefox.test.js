// The clerk's flows in Debian's Firefox ESR, headless: see flows.js.
import { defineFlows } from './flows.js';

defineFlows('firefox');
