// UKey Bridge agent client: one dependency-free ES module for any page that talks to the
// local agent over wss://127.0.0.1 (JSON-RPC 2.0, protocol version 2, or 1 on request; see
// docs/protocol.md). Documented in docs/agent-client.md.

/** The protocol version this client speaks unless told `{protocol: 1}`. */
export const PROTOCOL_VERSION = 2;

/** What the agent calls itself in getInfo: an answer from anything else is not our agent. */
export const AGENT_NAME = 'UKey Bridge';

/**
 * Where the agent listens unless the site says otherwise (GET /api/site → agentUrls): each user
 * of a machine has an agent on the first free port of these, tried in order. Another user's
 * agent fails at TLS (this browser does not trust its root), so the client moves on.
 */
export const DEFAULT_AGENT_URLS = Object.freeze([28443, 28444, 28445, 28446].map((port) => `wss://127.0.0.1:${port}/v2`));

/** Protocol 1's address, for `{protocol: 1}` only. */
export const V1_AGENT_URLS = Object.freeze(['wss://127.0.0.1:28443/v1']);

/** Reasons by JSON-RPC error code, for answers whose `data.reason` is missing. */
const REASON_BY_CODE = Object.freeze({
  [-32700]: 'PARSE_ERROR',
  [-32600]: 'INVALID_REQUEST',
  [-32601]: 'METHOD_NOT_FOUND',
  [-32602]: 'INVALID_PARAMS',
  [-32603]: 'INTERNAL_ERROR',
  1001: 'TOKEN_NOT_FOUND',
  1002: 'PIN_INCORRECT',
  1003: 'PIN_LOCKED',
  1004: 'LOGIN_REQUIRED',
  1005: 'CANCELLED_BY_USER',
  1006: 'OBJECT_NOT_FOUND',
  1007: 'CERT_KEY_MISMATCH',
  1008: 'TOKEN_ERROR',
  1009: 'TOKEN_BUSY',
  1010: 'UNSUPPORTED_ALGORITHM',
  1011: 'TOKEN_FULL',
  1012: 'KEY_HAS_CERTIFICATE',
  1013: 'PIN_INVALID',
  // Protocol 2:
  1014: 'PIN_ENTRY_IN_AGENT',
  1015: 'PIN_TRIES_LOW',
  1016: 'ISSUER_MISMATCH',
  1017: 'KEY_NOT_CREATED_HERE',
  1018: 'TOO_MANY_DIALOGS',
});

/** The agent's reasons by code (docs/protocol.md), for checks and tooling. */
export const AGENT_REASONS = REASON_BY_CODE;

/**
 * Reasons this client makes itself (their `code` is null):
 * - AGENT_UNAVAILABLE: no URL answered (agent not installed or not running);
 * - PERMISSION_PROMPT: the browser will ask the user first; call connect({userActivated: true}) from a click;
 * - PERMISSION_DENIED: the browser's local network access permission is blocked for this site;
 * - PROTOCOL_MISMATCH: the agent speaks another protocol version (`data.protocol`);
 * - NOT_CONNECTED: a call before connect() succeeded, or while reconnecting;
 * - DISCONNECTED: the connection closed while the call was waiting (`data.closeCode`);
 * - TIMEOUT: no answer within the call's time limit (`data.method`, `data.timeoutMs`);
 * - MESSAGE_TOO_LARGE: the request would exceed the agent's 64 KiB frame limit;
 * - NOT_IN_PROTOCOL: the method is not part of the protocol this client speaks (`sign` in v2,
 *   `proveKey` in v1), nothing sent (`data.method`, `data.protocol`).
 * A page PIN given to an agent that asks in its own window is refused here, before it is sent,
 * with the agent's own reason PIN_ENTRY_IN_AGENT (code 1014).
 */
export const CLIENT_REASONS = Object.freeze([
  'AGENT_UNAVAILABLE', 'PERMISSION_PROMPT', 'PERMISSION_DENIED', 'PROTOCOL_MISMATCH',
  'NOT_CONNECTED', 'DISCONNECTED', 'TIMEOUT', 'MESSAGE_TOO_LARGE', 'NOT_IN_PROTOCOL',
]);

/** Per-method time limits (ms). Token operations may wait up to 30 s for a busy token. */
export const DEFAULT_TIMEOUTS = Object.freeze({
  getInfo: 10_000,
  listTokens: 15_000,
  verifyPin: 60_000,
  verifyPinDialog: 300_000, // the agent's own PIN dialog waits for a person
  sign: 60_000,
  proveKey: 60_000,
  signCsr: 180_000, // key generation on a slow key, maybe a confirmation dialog
  writeCert: 180_000,
  deleteKey: 60_000,
  logout: 15_000,
});

const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * A failure of an agent call or of the connection. `reason` is stable (the protocol's
 * `data.reason`, or one of CLIENT_REASONS); `code` is the JSON-RPC error code (null for
 * client-made errors); `data` the error's extra fields (e.g. `retriesLeft`, `finalTry`).
 */
export class AgentError extends Error {
  /**
   * @param {string} reason
   * @param {string} [message]
   * @param {{code?: number|null, data?: Object<string, any>}} [extra]
   */
  constructor(reason, message, { code = null, data = {} } = {}) {
    super(message || reason);
    this.name = 'AgentError';
    /** @type {string} */ this.reason = reason;
    /** @type {number|null} */ this.code = code;
    /** @type {Object<string, any>} */ this.data = { ...data };
  }
}

/**
 * @typedef {'granted'|'prompt'|'denied'|'not-applicable'} PermissionState
 *   'not-applicable': the browser knows no local network access permission, or the page itself
 *   is on a loopback origin (a loopback page reaching 127.0.0.1 is not a local network request).
 * @typedef {'idle'|'connecting'|'connected'|'reconnecting'|'closed'} ConnectionState
 * @typedef {{agent: string, version: string, protocol: number, capabilities: string[],
 *   pinEntry?: 'agent'|'page'|'none'}} AgentInfo
 *   pinEntry (v2): 'agent' — the agent asks the PIN in its own window and refuses one from the
 *   page; 'page' — a headless agent configured to take the PIN from the page (`pagePin`);
 *   'none' — a headless agent without pagePin: no PIN can be given, nothing that needs login works.
 * @typedef {{minLength: number, maxLength: number, countLow: boolean, finalTry: boolean, locked: boolean}} PinInfo
 * @typedef {{certId: string, label: string, subject: string, issuer: string, serialNumber: string,
 *   notBefore: string, notAfter: string, keyAlgorithm: string, status: 'valid'|'expiring'|'expired',
 *   daysLeft: number, hasPrivateKey: boolean|null, der: string}} Certificate
 * @typedef {{tokenId: string, label: string, manufacturer: string, model: string, serialNumber: string,
 *   loggedIn: boolean, pin: PinInfo, certificates: Certificate[]}} Token
 * @typedef {{setTimeout: Function, clearTimeout: Function}} Timers
 * @typedef {{query: function({name: string}): Promise<{state: string,
 *   addEventListener?: Function}>}} PermissionsLike
 *
 * @typedef {Object} AgentClientOptions
 * @property {1|2} [protocol] the protocol to speak (default 2). 1 only for an agent not yet moved
 *   to v2: it sends page PINs and offers `sign` (raw signatures, no origin binding).
 * @property {string[]} [urls] URLs to try in order (default DEFAULT_AGENT_URLS, with protocol 1 V1_AGENT_URLS).
 * @property {number} [retries] extra rounds over all URLs after the first (default 2).
 * @property {number} [backoffMs] wait before the 2nd round, doubled each round (default 500).
 * @property {number} [connectTimeoutMs] per URL attempt (default 5000).
 * @property {number} [promptTimeoutMs] per URL attempt while the browser asks the user (default 120000).
 * @property {boolean} [reconnect] reconnect in the background after the connection drops (default true).
 * @property {number} [maxReconnectDelayMs] cap of the background reconnect backoff (default 30000).
 * @property {Partial<typeof DEFAULT_TIMEOUTS>} [timeouts] per-method time limits.
 * @property {typeof WebSocket} [WebSocket] the WebSocket constructor (tests inject a fake).
 * @property {PermissionsLike|null} [permissions] default `navigator.permissions`.
 * @property {Timers} [timers] default the global setTimeout/clearTimeout.
 * @property {boolean} [loopbackPage] the page is served from localhost/127.0.0.1/[::1], so the
 *   browser's local network access permission does not apply (default: from `location`).
 */

/**
 * Asks the browser for the local network access permission (Chrome 142+: pages on a public
 * origin need it to reach 127.0.0.1). Tries 'loopback-network', then 'local-network-access';
 * a browser that knows neither name answers 'not-applicable'.
 * @param {PermissionsLike|null|undefined} permissions
 * @returns {Promise<{state: PermissionState, status: any}>}
 */
export async function queryLocalNetworkPermission(permissions) {
  if (!permissions || typeof permissions.query !== 'function') return { state: 'not-applicable', status: null };
  for (const name of ['loopback-network', 'local-network-access']) {
    try {
      const status = await permissions.query({ name });
      if (status && ['granted', 'prompt', 'denied'].includes(status.state)) {
        return { state: /** @type {PermissionState} */ (status.state), status };
      }
    } catch {
      // This browser does not know the name: try the next one.
    }
  }
  return { state: 'not-applicable', status: null };
}

/**
 * Whether a page location is a loopback origin (its requests to 127.0.0.1 need no permission).
 * @param {{hostname?: string}|undefined|null} location
 * @returns {boolean}
 */
export function isLoopbackLocation(location) {
  const host = location && typeof location.hostname === 'string' ? location.hostname.toLowerCase() : '';
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host === '::1'
    || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * A connection to the local agent. Events (EventTarget, or on/off):
 * - 'tokensChanged': detail `{tokens: Token[]}` (the agent's notification);
 * - 'statechange': detail `{state: ConnectionState}`;
 * - 'permissionchange': detail `{state: PermissionState}` (the user answered the browser's prompt,
 *   or changed the site setting).
 */
export class AgentClient extends EventTarget {
  #opts;
  #WebSocket;
  #permissions;
  #timers;
  /** @type {any} */ #ws = null;
  /** @type {Map<number, {resolve: Function, reject: Function, timer: any, method: string}>} */
  #pending = new Map();
  #nextId = 1;
  /** @type {ConnectionState} */ #state = 'idle';
  /** @type {Promise<AgentInfo>|null} */ #connecting = null;
  /** @type {AgentInfo|null} */ #info = null;
  /** @type {string|null} */ #url = null;
  #reconnectTimer = null;
  #reconnectAttempt = 0;
  #permissionWatched = null;
  #loopbackPage;

  /** @param {AgentClientOptions} [options] */
  constructor(options = {}) {
    super();
    const protocol = options.protocol ?? PROTOCOL_VERSION;
    if (protocol !== 1 && protocol !== 2) throw new TypeError(`protocol must be 1 or 2, got ${protocol}`);
    const urls = options.urls && options.urls.length ? [...options.urls]
      : [...(protocol === 1 ? V1_AGENT_URLS : DEFAULT_AGENT_URLS)];
    this.#opts = Object.freeze({
      protocol,
      urls: Object.freeze(urls),
      retries: options.retries ?? 2,
      backoffMs: options.backoffMs ?? 500,
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      promptTimeoutMs: options.promptTimeoutMs ?? 120_000,
      reconnect: options.reconnect ?? true,
      maxReconnectDelayMs: options.maxReconnectDelayMs ?? 30_000,
      timeouts: Object.freeze({ ...DEFAULT_TIMEOUTS, ...(options.timeouts || {}) }),
    });
    this.#WebSocket = options.WebSocket || globalThis.WebSocket;
    this.#permissions = options.permissions !== undefined
      ? options.permissions
      : (globalThis.navigator && globalThis.navigator.permissions) || null;
    this.#loopbackPage = options.loopbackPage ?? isLoopbackLocation(globalThis.location);
    this.#timers = options.timers || {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (t) => globalThis.clearTimeout(t),
    };
  }

  /** @returns {ConnectionState} */
  get state() { return this.#state; }

  /** @returns {AgentInfo|null} the agent's getInfo answer once connected */
  get info() { return this.#info; }

  /** @returns {string|null} the URL of the current connection */
  get url() { return this.#url; }

  /** @returns {readonly string[]} the URLs this client tries, in order */
  get urls() { return this.#opts.urls; }

  /** @returns {1|2} the protocol this client speaks */
  get protocol() { return this.#opts.protocol; }

  /**
   * Where the PIN is entered, once connected: 'agent' (its own window; the page shows no PIN
   * field), 'page' (a headless agent that takes it from the page; v1 always) or 'none' (a
   * headless agent without pagePin: nobody can enter one). Null before connecting.
   * @returns {'agent'|'page'|'none'|null}
   */
  get pinEntry() {
    if (!this.#info) return null;
    if (this.#opts.protocol === 1) return 'page';
    return ['page', 'none'].includes(this.#info.pinEntry) ? this.#info.pinEntry : 'agent';
  }

  /**
   * The browser's local network access permission for this page; also starts reporting its
   * changes as 'permissionchange' events.
   * @returns {Promise<PermissionState>}
   */
  async permissionState() {
    if (this.#loopbackPage) return 'not-applicable';
    const { state, status } = await queryLocalNetworkPermission(this.#permissions);
    if (status && status !== this.#permissionWatched && typeof status.addEventListener === 'function') {
      this.#permissionWatched = status;
      status.addEventListener('change', () => {
        this.#emit('permissionchange', { state: status.state });
      });
    }
    return state;
  }

  /**
   * Connects to the first URL that answers, in rounds with backoff, and checks the protocol
   * version. While the browser's permission is 'prompt', call it from a click with
   * `{userActivated: true}` (after telling the user what to allow); otherwise it rejects with
   * PERMISSION_PROMPT without touching the network. Rejects with PERMISSION_DENIED,
   * AGENT_UNAVAILABLE or PROTOCOL_MISMATCH.
   * @param {{userActivated?: boolean}} [options]
   * @returns {Promise<AgentInfo>}
   */
  connect({ userActivated = false } = {}) {
    if (this.#state === 'connected' && this.#info) return Promise.resolve(this.#info);
    if (this.#connecting) return this.#connecting;
    this.#cancelReconnect();
    this.#connecting = this.#connectRounds(userActivated)
      .finally(() => { this.#connecting = null; });
    return this.#connecting;
  }

  /** Closes the connection and stops reconnecting. Waiting calls reject with DISCONNECTED. */
  close() {
    this.#cancelReconnect();
    const ws = this.#ws;
    this.#ws = null;
    this.#info = null;
    this.#url = null;
    if (ws) {
      ws.onclose = ws.onerror = ws.onmessage = ws.onopen = null;
      try { ws.close(1000); } catch { /* already closed */ }
    }
    this.#failAll(new AgentError('DISCONNECTED', 'The client closed the connection', { data: { closeCode: 1000 } }));
    this.#setState('closed');
  }

  /**
   * Adds a listener; returns a function that removes it.
   * @param {'tokensChanged'|'statechange'|'permissionchange'} type
   * @param {function(CustomEvent): void} listener
   * @returns {function(): void}
   */
  on(type, listener) {
    this.addEventListener(type, /** @type {any} */ (listener));
    return () => this.off(type, listener);
  }

  /**
   * @param {'tokensChanged'|'statechange'|'permissionchange'} type
   * @param {function(CustomEvent): void} listener
   */
  off(type, listener) { this.removeEventListener(type, /** @type {any} */ (listener)); }

  // ---- protocol methods -------------------------------------------------------------

  /** @returns {Promise<AgentInfo>} */
  getInfo() { return this.call('getInfo', {}); }

  /** @returns {Promise<{tokens: Token[]}>} */
  listTokens() { return this.call('listTokens', {}); }

  /**
   * Logs this connection in to the token. Without `pin` (undefined, null or ''), the agent asks
   * in its own window (CANCELLED_BY_USER if closed; a headless agent answers INVALID_PARAMS with
   * `data.field` 'pin'). A `pin` is sent only when `pinEntry` is 'page': otherwise it is refused
   * here with PIN_ENTRY_IN_AGENT and never leaves the page. The agent refuses a page PIN while
   * the token's tries are low (PIN_TRIES_LOW, `data.finalTry`, `data.countLow`), token untouched.
   * @param {string} tokenId
   * @param {string} [pin]
   * @returns {Promise<{loggedIn: true}>}
   */
  verifyPin(tokenId, pin) {
    const withPin = typeof pin === 'string' && pin.length > 0;
    if (withPin && this.#state === 'connected' && this.pinEntry !== 'page') {
      return Promise.reject(new AgentError('PIN_ENTRY_IN_AGENT', 'The agent asks for the PIN in its own window',
        { code: 1014, data: { reason: 'PIN_ENTRY_IN_AGENT' } }));
    }
    return this.call('verifyPin', withPin ? { tokenId, pin } : { tokenId },
      this.#opts.timeouts[withPin ? 'verifyPin' : 'verifyPinDialog']);
  }

  /**
   * Protocol 2: the key of `certId` signs the agent's proof message
   * `"UKeyBridge proof v2\0" ‖ SHA-256(this page's origin) ‖ SHA-256(challenge) ‖ binding`
   * (docs/protocol.md), never bytes of the page's choosing. Needs login.
   * @param {string} tokenId
   * @param {string} certId
   * @param {string} challenge base64 of the server's 32 to 64 random bytes
   * @param {{binding?: string}} [options] base64 of 32 bytes, e.g. `await spkiSha256(csr)`
   * @returns {Promise<{signature: string, algorithm: string}>} base64 (ECDSA: DER); 'SHA256withECDSA' | 'SHA256withRSA'
   */
  proveKey(tokenId, certId, challenge, { binding } = {}) {
    if (this.#opts.protocol !== 2) return notInProtocol('proveKey', this.#opts.protocol);
    const params = { tokenId, certId, challenge };
    if (binding !== undefined && binding !== null) params.binding = binding;
    return this.call('proveKey', params);
  }

  /**
   * Protocol 1 only (`{protocol: 1}`): signs `data`, bytes of the page's choosing, with the key
   * of `certId`. Needs login.
   * @param {string} tokenId
   * @param {string} certId
   * @param {string} algorithm 'SHA256withRSA' | 'SHA256withECDSA' | …
   * @param {string} data base64, at most 16 KiB decoded
   * @returns {Promise<{signature: string}>} base64 (ECDSA: DER)
   */
  sign(tokenId, certId, algorithm, data) {
    if (this.#opts.protocol !== 1) return notInProtocol('sign', this.#opts.protocol);
    return this.call('sign', { tokenId, certId, algorithm, data });
  }

  /**
   * Generates a key pair on the token and returns a PKCS#10 request for `subject`. Needs login.
   * @param {string} tokenId
   * @param {string} keyAlgorithm 'RSA-2048' | 'EC-P256' | …
   * @param {string} subject RFC 4514
   * @param {{label?: string}} [options]
   * @returns {Promise<{keyId: string, csr: string}>} csr: base64 DER
   */
  signCsr(tokenId, keyAlgorithm, subject, { label } = {}) {
    const params = { tokenId, keyAlgorithm, subject };
    if (label !== undefined) params.label = label;
    return this.call('signCsr', params);
  }

  /**
   * Stores a certificate beside its private key; with `replaces`, deletes the old certificate
   * and its key pair after the new one is stored and read back. Needs login. In v2 the new
   * certificate's issuer must be the old one's, or one the agent trusts for this origin
   * (else ISSUER_MISMATCH).
   * @param {string} tokenId
   * @param {string} certificate base64 DER
   * @param {{label?: string, replaces?: string, usage?: string, keyId?: string, envelopedKey?: string}} [options]
   *   replaces: the old certId; usage "encryption" with keyId and envelopedKey (base64 ENVELOPEDKEYBLOB, GM):
   *   a GM pair's encryption certificate and its key pair, into the container of the signing key keyId
   * @returns {Promise<{certId: string}>}
   */
  writeCert(tokenId, certificate, { label, replaces, usage, keyId, envelopedKey } = {}) {
    const params = { tokenId, certificate };
    if (label !== undefined) params.label = label;
    if (replaces !== undefined && replaces !== null) params.replaces = replaces;
    if (usage !== undefined) params.usage = usage;
    if (keyId !== undefined) params.keyId = keyId;
    if (envelopedKey !== undefined) params.envelopedKey = envelopedKey;
    return this.call('writeCert', params);
  }

  /**
   * Deletes a key pair that has no certificate (from a signCsr whose request was refused). Needs
   * login. In v2 only a key pair this agent made with signCsr (else KEY_NOT_CREATED_HERE).
   * @param {string} tokenId
   * @param {string} keyId
   * @returns {Promise<{deleted: true}>}
   */
  deleteKey(tokenId, keyId) { return this.call('deleteKey', { tokenId, keyId }); }

  /**
   * @param {string} tokenId
   * @returns {Promise<{loggedIn: false}>}
   */
  logout(tokenId) { return this.call('logout', { tokenId }); }

  /**
   * Sends one request and waits for its answer (answers may come in any order).
   * @param {string} method
   * @param {Object<string, any>} params
   * @param {number} [timeoutMs] default: the method's entry in `timeouts`, else 60 s
   * @returns {Promise<any>}
   */
  call(method, params, timeoutMs) {
    const ws = this.#ws;
    if (!ws || this.#state !== 'connected') {
      return Promise.reject(new AgentError('NOT_CONNECTED', 'Not connected to the agent'));
    }
    return this.#send(ws, method, params, timeoutMs ?? this.#opts.timeouts[method] ?? 60_000);
  }

  // ---- internals -----------------------------------------------------------------------

  async #connectRounds(userActivated) {
    let permission = await this.permissionState();
    if (permission === 'denied') throw permissionDenied();
    if (permission === 'prompt' && !userActivated) {
      throw new AgentError('PERMISSION_PROMPT', 'The browser asks the user before this page may reach the agent');
    }
    this.#setState('connecting');
    const { urls, retries, backoffMs } = this.#opts;
    let lastFailure = null;
    let mismatch = null;
    try {
      for (let round = 0; round <= retries; round++) {
        if (round > 0) {
          await this.#sleep(backoffMs * 2 ** (round - 1));
          permission = await this.permissionState();
          if (permission === 'denied') throw permissionDenied();
        }
        for (const url of urls) {
          const timeout = permission === 'prompt' ? this.#opts.promptTimeoutMs : this.#opts.connectTimeoutMs;
          try {
            const info = await this.#open(url, timeout);
            this.#reconnectAttempt = 0;
            return info;
          } catch (e) {
            // Another protocol or not our agent at this port: the next port may hold ours.
            if (e instanceof AgentError && e.reason === 'PROTOCOL_MISMATCH') mismatch = e;
            lastFailure = e;
          }
        }
        // An agent answered, only in another protocol: waiting will not change that.
        if (mismatch) throw mismatch;
      }
      // A socket refused by the browser looks like a closed port; the permission tells them apart.
      if ((await this.permissionState()) === 'denied') throw permissionDenied();
      throw new AgentError('AGENT_UNAVAILABLE', 'The agent did not answer at any of its addresses',
        { data: { urls: [...urls], cause: lastFailure ? String(lastFailure.message || lastFailure) : null } });
    } catch (e) {
      if (this.#state === 'connecting') this.#setState('idle');
      throw e;
    }
  }

  /** Opens one socket, waits for it to open, then checks getInfo. */
  #open(url, timeoutMs) {
    return new Promise((resolve, reject) => {
      let ws;
      try {
        ws = new this.#WebSocket(url);
      } catch (e) {
        reject(e);
        return;
      }
      let settled = false;
      const fail = (err) => {
        if (settled) return;
        settled = true;
        this.#timers.clearTimeout(timer);
        ws.onopen = ws.onerror = ws.onclose = ws.onmessage = null;
        try { ws.close(); } catch { /* never opened */ }
        if (this.#ws === ws) {
          this.#ws = null;
          this.#failAll(new AgentError('DISCONNECTED', 'The connection closed during the handshake'));
        }
        reject(err);
      };
      const timer = this.#timers.setTimeout(
        () => fail(new AgentError('TIMEOUT', `No answer from ${url}`, { data: { url, timeoutMs } })), timeoutMs);
      ws.onerror = () => fail(new Error(`Cannot reach ${url}`));
      ws.onclose = (ev) => fail(new Error(`Closed by ${url} (${ev && ev.code})`));
      ws.onopen = () => {
        this.#ws = ws;
        ws.onmessage = (ev) => this.#onMessage(ws, ev);
        // The socket is open; the handshake timer keeps running until getInfo answers.
        this.#send(ws, 'getInfo', {}, this.#opts.timeouts.getInfo).then((info) => {
          if (settled) return;
          if (!info || info.agent !== AGENT_NAME) {
            fail(new Error(`${url} is not ${AGENT_NAME} (${info && info.agent})`));
            return;
          }
          if (info.protocol !== this.#opts.protocol) {
            fail(new AgentError('PROTOCOL_MISMATCH',
              `The agent speaks protocol ${info.protocol}, this page ${this.#opts.protocol}`,
              { data: { protocol: info.protocol, version: info.version ?? null } }));
            return;
          }
          settled = true;
          this.#timers.clearTimeout(timer);
          ws.onerror = () => {};
          ws.onclose = (ev) => this.#onClose(ws, ev);
          this.#info = info;
          this.#url = url;
          this.#setState('connected');
          resolve(info);
        }, fail);
      };
    });
  }

  #send(ws, method, params, timeoutMs) {
    const id = this.#nextId++;
    const text = JSON.stringify({ jsonrpc: '2.0', id, method, params });
    if (byteLength(text) > MAX_MESSAGE_BYTES) {
      return Promise.reject(new AgentError('MESSAGE_TOO_LARGE', `The ${method} request exceeds 64 KiB`,
        { data: { method } }));
    }
    return new Promise((resolve, reject) => {
      const timer = this.#timers.setTimeout(() => {
        if (this.#pending.delete(id)) {
          reject(new AgentError('TIMEOUT', `No answer to ${method} within ${timeoutMs} ms`,
            { data: { method, timeoutMs } }));
        }
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer, method });
      try {
        ws.send(text);
      } catch (e) {
        this.#pending.delete(id);
        this.#timers.clearTimeout(timer);
        reject(new AgentError('DISCONNECTED', `Cannot send ${method}: ${e && e.message}`, { data: { method } }));
      }
    });
  }

  #onMessage(ws, ev) {
    if (ws !== this.#ws) return;
    let msg;
    try {
      msg = JSON.parse(typeof ev.data === 'string' ? ev.data : String(ev.data));
    } catch {
      return; // Not JSON: nothing to match it to.
    }
    if (!msg || typeof msg !== 'object') return;
    if (msg.id !== undefined && msg.id !== null) {
      const entry = this.#pending.get(msg.id);
      if (!entry) return; // Late answer to a call that timed out.
      this.#pending.delete(msg.id);
      this.#timers.clearTimeout(entry.timer);
      if (msg.error) entry.reject(toAgentError(msg.error));
      else entry.resolve(msg.result);
      return;
    }
    if (msg.method === 'tokensChanged') {
      const tokens = msg.params && Array.isArray(msg.params.tokens) ? msg.params.tokens : [];
      this.#emit('tokensChanged', { tokens });
    }
  }

  #onClose(ws, ev) {
    if (ws !== this.#ws) return;
    this.#ws = null;
    this.#info = null;
    this.#url = null;
    const closeCode = ev && typeof ev.code === 'number' ? ev.code : null;
    this.#failAll(new AgentError('DISCONNECTED', `The agent closed the connection (${closeCode})`,
      { data: { closeCode } }));
    if (this.#opts.reconnect) {
      this.#setState('reconnecting');
      this.#scheduleReconnect();
    } else {
      this.#setState('closed');
    }
  }

  #scheduleReconnect() {
    const delay = Math.min(this.#opts.backoffMs * 2 ** this.#reconnectAttempt, this.#opts.maxReconnectDelayMs);
    this.#reconnectAttempt++;
    this.#reconnectTimer = this.#timers.setTimeout(async () => {
      this.#reconnectTimer = null;
      if (this.#state !== 'reconnecting') return;
      for (const url of this.#opts.urls) {
        try {
          await this.#open(url, this.#opts.connectTimeoutMs);
          this.#reconnectAttempt = 0;
          return;
        } catch (e) {
          if (this.#state !== 'reconnecting') return;
        }
      }
      if (this.#state === 'reconnecting') this.#scheduleReconnect();
    }, delay);
  }

  #cancelReconnect() {
    if (this.#reconnectTimer !== null) {
      this.#timers.clearTimeout(this.#reconnectTimer);
      this.#reconnectTimer = null;
    }
  }

  #failAll(err) {
    const entries = [...this.#pending.values()];
    this.#pending.clear();
    for (const entry of entries) {
      this.#timers.clearTimeout(entry.timer);
      entry.reject(new AgentError(err.reason, err.message, { code: err.code, data: { ...err.data, method: entry.method } }));
    }
  }

  #setState(state) {
    if (this.#state === state) return;
    this.#state = state;
    this.#emit('statechange', { state });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #sleep(ms) {
    return new Promise((resolve) => this.#timers.setTimeout(resolve, ms));
  }
}

function notInProtocol(method, protocol) {
  return Promise.reject(new AgentError('NOT_IN_PROTOCOL', `${method} is not part of protocol ${protocol}`,
    { data: { method, protocol } }));
}

/**
 * SHA-256 of the SubjectPublicKeyInfo of a PKCS#10 request: the `binding` of the renewal's
 * proveKey (the site computes the same from the request it certifies).
 * @param {string} csr base64 DER, as signCsr returns it
 * @returns {Promise<string>} base64 of the 32 bytes
 * @throws {TypeError} when `csr` is not a DER CertificationRequest
 */
export async function spkiSha256(csr) {
  const der = base64ToBytes(csr);
  const [request] = derChildren(der, { start: 0, end: der.length });
  if (!request || request.tag !== 0x30) throw new TypeError('not a PKCS#10 request');
  const [info] = derChildren(der, request);
  if (!info || info.tag !== 0x30) throw new TypeError('not a PKCS#10 request');
  // CertificationRequestInfo ::= SEQUENCE { version INTEGER, subject Name, subjectPKInfo SEQUENCE, attributes [0] }
  const [version, subject, spki] = derChildren(der, info);
  if (!version || version.tag !== 0x02 || !subject || subject.tag !== 0x30 || !spki || spki.tag !== 0x30) {
    throw new TypeError('not a PKCS#10 request');
  }
  const digest = await globalThis.crypto.subtle.digest('SHA-256', der.slice(spki.offset, spki.end));
  return bytesToBase64(new Uint8Array(digest));
}

/** The DER elements inside `parent`'s content: [{tag, offset, start, end}], offset = the tag's byte. */
function derChildren(der, parent) {
  const out = [];
  for (let at = parent.start; at < parent.end;) {
    const element = derElementAt(der, at, parent.end);
    out.push(element);
    at = element.end;
  }
  return out;
}

function derElementAt(der, offset, limit) {
  if (offset + 2 > limit) throw new TypeError('truncated DER');
  const tag = der[offset];
  let length = der[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n < 1 || n > 3 || start + n > limit) throw new TypeError('bad DER length');
    length = 0;
    for (let i = 0; i < n; i++) length = (length << 8) | der[start + i];
    start += n;
  }
  const end = start + length;
  if (end > limit) throw new TypeError('truncated DER');
  return { tag, offset, start, end };
}

function base64ToBytes(text) {
  let binary;
  try {
    binary = globalThis.atob(text);
  } catch {
    throw new TypeError('not base64');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return globalThis.btoa(binary);
}

function permissionDenied() {
  return new AgentError('PERMISSION_DENIED', 'The browser blocks this page from reaching the agent (local network access)');
}

/** @param {{code: number, message?: string, data?: any}} error */
function toAgentError(error) {
  const data = error && typeof error.data === 'object' && error.data !== null ? error.data : {};
  const code = typeof error.code === 'number' ? error.code : null;
  const reason = typeof data.reason === 'string' ? data.reason
    : (code !== null && REASON_BY_CODE[code]) || 'UNKNOWN';
  return new AgentError(reason, error.message, { code, data });
}

function byteLength(text) {
  return typeof TextEncoder !== 'undefined' ? new TextEncoder().encode(text).length : text.length * 3;
}
