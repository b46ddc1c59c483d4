// The clerk's flows in Debian's Chromium, headless: see flows.js.
import { defineFlows } from './flows.js';

defineFlows('chromium');
