// The page's view of the agent: one of a few clear outcomes, and the live token list.
import { AgentClient } from './agent-client.js';

/**
 * @typedef {'checking'|'connecting'|'connected'|'reconnecting'|'prompt'|'denied'|'missing'|'outdated'} AgentPhase
 * @typedef {{phase: AgentPhase, tokens: import('./agent-client.js').Token[], info: any}} AgentView
 */

/**
 * Maps a failed connect() to what the page shows.
 * @param {{reason?: string}} err
 * @returns {AgentPhase}
 */
export function phaseForConnectError(err) {
  switch (err && err.reason) {
    case 'PERMISSION_PROMPT': return 'prompt';
    case 'PERMISSION_DENIED': return 'denied';
    case 'PROTOCOL_MISMATCH': return 'outdated';
    default: return 'missing';
  }
}

/**
 * Owns one AgentClient for the page. `onChange(view)` runs after every change.
 */
export class AgentSession {
  /**
   * @param {{urls?: string[], onChange: function(AgentView): void, client?: AgentClient}} options
   */
  constructor({ urls, onChange, client }) {
    this.client = client || new AgentClient({ urls });
    this.onChange = onChange;
    /** @type {AgentView} */
    this.view = { phase: 'checking', tokens: [], info: null };
    this.client.on('tokensChanged', (ev) => this.#set({ tokens: ev.detail.tokens }));
    this.client.on('statechange', (ev) => {
      const state = ev.detail.state;
      if (state === 'reconnecting') this.#set({ phase: 'reconnecting' });
      else if (state === 'connected' && this.view.phase === 'reconnecting') this.#afterConnect();
    });
    this.client.on('permissionchange', (ev) => {
      // The user answered the browser's prompt, or changed the site setting.
      if (ev.detail.state === 'granted' && ['prompt', 'denied', 'missing'].includes(this.view.phase)) this.connect(true);
      else if (ev.detail.state === 'denied' && this.view.phase !== 'connected') this.#set({ phase: 'denied' });
    });
  }

  /** Connects now if the browser needs no question; else shows the prompt panel. */
  start() { return this.connect(false); }

  /**
   * @param {boolean} userActivated true from a click (the browser may ask the user)
   */
  async connect(userActivated) {
    this.#set({ phase: this.view.phase === 'checking' ? 'checking' : 'connecting' });
    try {
      await this.client.connect({ userActivated });
      await this.#afterConnect();
    } catch (e) {
      this.#set({ phase: phaseForConnectError(e), tokens: [] });
    }
  }

  /** Reads the token list again (after an operation changed it). */
  async refresh() {
    try {
      const { tokens } = await this.client.listTokens();
      this.#set({ tokens });
    } catch {
      // The connection handler reports a lost connection.
    }
  }

  async #afterConnect() {
    const info = this.client.info;
    try {
      const { tokens } = await this.client.listTokens();
      this.#set({ phase: 'connected', info, tokens });
    } catch {
      this.#set({ phase: 'connected', info });
    }
  }

  #set(patch) {
    this.view = { ...this.view, ...patch };
    this.onChange(this.view);
  }
}
