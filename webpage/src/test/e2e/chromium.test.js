// The clerk's flows in Debian's Chromium, headless, with the agent on an Xvfb display: the PIN is
// typed into the agent's own dialog (xdotool), the pages show no PIN field. See flows.js.
import { defineFlows } from './flows.js';

defineFlows('chromium', { agentDialogs: true });
