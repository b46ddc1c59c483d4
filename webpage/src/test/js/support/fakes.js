// Test doubles for the agent client: a scripted WebSocket, a manual clock, a permissions API.
// Nothing here touches the network or sleeps.

/**
 * A WebSocket class whose instances the test drives. `behaviour(url)` decides what a new
 * socket does: 'open' (opens on the next tick), 'refuse' (errors and closes), 'hang' (nothing).
 */
export function fakeWebSocketClass(behaviour = () => 'open') {
  const sockets = [];
  class FakeWebSocket {
    static sockets = sockets;
    constructor(url) {
      this.url = url;
      this.sent = [];
      this.readyState = 0;
      this.closedWith = null;
      sockets.push(this);
      const what = behaviour(url);
      queueMicrotask(() => {
        if (what === 'open') this.serverOpen();
        else if (what === 'refuse') { this.onerror && this.onerror({}); this.serverClose(1006); }
      });
    }
    send(text) {
      if (this.readyState !== 1) throw new Error('not open');
      const msg = JSON.parse(text);
      this.sent.push(msg);
      // Answer getInfo by itself unless the test takes over.
      if (msg.method === 'getInfo' && FakeWebSocket.autoInfo) {
        queueMicrotask(() => this.reply(msg.id, FakeWebSocket.autoInfo));
      }
    }
    close(code = 1000) {
      if (this.readyState === 3) return;
      this.readyState = 3;
      this.closedWith = code;
    }
    // ---- the test's side ----
    serverOpen() { this.readyState = 1; this.onopen && this.onopen({}); }
    serverClose(code = 1006) {
      const wasClosed = this.readyState === 3;
      this.readyState = 3;
      if (!wasClosed || code) this.onclose && this.onclose({ code });
    }
    receive(obj) { this.onmessage && this.onmessage({ data: typeof obj === 'string' ? obj : JSON.stringify(obj) }); }
    reply(id, result) { this.receive({ jsonrpc: '2.0', id, result }); }
    replyError(id, error) { this.receive({ jsonrpc: '2.0', id, error }); }
    lastRequest(method) { return [...this.sent].reverse().find((m) => m.method === method); }
  }
  FakeWebSocket.autoInfo = { agent: 'UKey Bridge', version: '2.0.0', protocol: 2, pinEntry: 'agent', capabilities: ['listTokens'] };
  return FakeWebSocket;
}

/** A clock whose timers run only when the test advances it. */
export function manualClock() {
  let now = 0;
  let seq = 0;
  const timers = new Map();
  return {
    setTimeout(fn, ms) { const id = ++seq; timers.set(id, { at: now + Math.max(0, ms || 0), fn }); return id; },
    clearTimeout(id) { timers.delete(id); },
    pending() { return timers.size; },
    /** Advances time, running due timers in order and letting promises settle between them. */
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        await flush();
        let next = null;
        for (const [id, t] of timers) if (t.at <= end && (!next || t.at < next[1].at)) next = [id, t];
        if (!next) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
      await flush();
    },
  };
}

/** Lets queued microtasks and promise chains run. */
export async function flush() {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

/**
 * A `navigator.permissions` stand-in. `states` maps a permission name to its state; a name not
 * in it throws like a browser that does not know it.
 */
export function fakePermissions(states) {
  const statuses = new Map();
  return {
    queried: [],
    query({ name }) {
      this.queried.push(name);
      if (!(name in states)) return Promise.reject(new TypeError(`'${name}' is not a valid permission name`));
      if (!statuses.has(name)) {
        const target = new EventTarget();
        target.state = states[name];
        statuses.set(name, target);
      }
      return Promise.resolve(statuses.get(name));
    },
    /** Changes a state as the browser would after the user answers, firing 'change'. */
    set(name, state) {
      states[name] = state;
      const status = statuses.get(name);
      if (status) { status.state = state; status.dispatchEvent(new Event('change')); }
    },
  };
}
