// The three outcomes a page shows (connected, not installed, blocked by the browser) and live tokens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentSession, phaseForConnectError } from '../../main/resources/public/js/agent-session.js';
import { AgentClient } from '../../main/resources/public/js/agent-client.js';
import { fakeWebSocketClass, manualClock, flush, fakePermissions } from './support/fakes.js';

function session({ behaviour, permissions = null } = {}) {
  const WS = fakeWebSocketClass(behaviour);
  const clock = manualClock();
  const client = new AgentClient({ urls: ['wss://127.0.0.1:28443/v1'], WebSocket: WS, timers: clock, permissions, loopbackPage: false, retries: 0 });
  const views = [];
  const s = new AgentSession({ client, onChange: (v) => views.push(v) });
  return { s, WS, clock, views };
}

/** Answers listTokens on every socket with `tokens`. */
function answerTokens(WS, tokens) {
  for (const ws of WS.sockets) {
    const req = ws.lastRequest('listTokens');
    if (req && !req.answered) { req.answered = true; ws.reply(req.id, { tokens }); }
  }
}

test('whenConnectFails_thenThePhaseNamesTheOutcome', () => {
  assert.equal(phaseForConnectError({ reason: 'PERMISSION_PROMPT' }), 'prompt');
  assert.equal(phaseForConnectError({ reason: 'PERMISSION_DENIED' }), 'denied');
  assert.equal(phaseForConnectError({ reason: 'PROTOCOL_MISMATCH' }), 'outdated');
  assert.equal(phaseForConnectError({ reason: 'AGENT_UNAVAILABLE' }), 'missing');
  assert.equal(phaseForConnectError(new Error('x')), 'missing');
});

test('whenTheAgentAnswers_thenConnectedWithItsTokensAndLiveUpdates', async () => {
  const { s, WS, views } = session();
  const started = s.start();
  await flush();
  answerTokens(WS, [{ tokenId: 'a', certificates: [] }]);
  await started;
  assert.equal(s.view.phase, 'connected');
  assert.deepEqual(s.view.tokens.map((t) => t.tokenId), ['a']);
  WS.sockets[0].receive({ jsonrpc: '2.0', method: 'tokensChanged', params: { tokens: [] } });
  assert.deepEqual(s.view.tokens, []);
  assert.equal(views[0].phase, 'checking');
});

test('whenNoAgentAnswers_thenMissing', async () => {
  const { s } = session({ behaviour: () => 'refuse' });
  await s.start();
  assert.equal(s.view.phase, 'missing');
});

test('whenTheBrowserWillAsk_thenPromptUntilTheClickAndConnectedAfter', async () => {
  const permissions = fakePermissions({ 'loopback-network': 'prompt' });
  const { s, WS } = session({ permissions });
  await s.start();
  assert.equal(s.view.phase, 'prompt');
  assert.equal(WS.sockets.length, 0);
  const clicked = s.connect(true);
  await flush();
  answerTokens(WS, []);
  await clicked;
  assert.equal(s.view.phase, 'connected');
});

test('whenBlocked_thenDeniedAndWhenTheUserAllowsInSettings_thenItConnectsByItself', async () => {
  const permissions = fakePermissions({ 'loopback-network': 'denied' });
  const { s, WS } = session({ permissions });
  await s.start();
  assert.equal(s.view.phase, 'denied');
  permissions.set('loopback-network', 'granted');
  await flush();
  answerTokens(WS, []);
  await flush();
  assert.equal(s.view.phase, 'connected');
});

test('whenTheConnectionDrops_thenReconnectingThenConnectedWithFreshTokens', async () => {
  const { s, WS, clock } = session();
  const started = s.start();
  await flush();
  answerTokens(WS, [{ tokenId: 'a', certificates: [] }]);
  await started;
  WS.sockets[0].serverClose(1006);
  assert.equal(s.view.phase, 'reconnecting');
  await clock.advance(500);
  answerTokens(WS, [{ tokenId: 'b', certificates: [] }]);
  await flush();
  assert.equal(s.view.phase, 'connected');
  assert.deepEqual(s.view.tokens.map((t) => t.tokenId), ['b']);
});
