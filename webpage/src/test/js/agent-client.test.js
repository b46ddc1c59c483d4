// The agent client against a fake WebSocket, a manual clock and a fake permissions API.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  AgentClient, AgentError, DEFAULT_TIMEOUTS, queryLocalNetworkPermission, isLoopbackLocation,
} from '../../main/resources/public/js/agent-client.js';
import { fakeWebSocketClass, manualClock, flush, fakePermissions } from './support/fakes.js';

const URL_A = 'wss://127.0.0.1:28443/v1';
const URL_B = 'wss://localhost:28444/v1';

function setup({ behaviour, permissions = null, ...options } = {}) {
  const WS = fakeWebSocketClass(behaviour);
  const clock = manualClock();
  const client = new AgentClient({
    urls: [URL_A], WebSocket: WS, timers: clock, permissions, loopbackPage: false, ...options,
  });
  return { WS, clock, client };
}

async function connected(options) {
  const s = setup(options);
  await s.client.connect();
  return { ...s, ws: s.WS.sockets.at(-1) };
}

describe('connecting', () => {
  test('whenAgentAnswers_thenConnectResolvesWithInfoAndStateIsConnected', async () => {
    const { client, WS } = setup();
    const states = [];
    client.on('statechange', (ev) => states.push(ev.detail.state));
    const info = await client.connect();
    assert.equal(info.protocol, 1);
    assert.equal(client.state, 'connected');
    assert.equal(client.url, URL_A);
    assert.deepEqual(client.info, info);
    assert.deepEqual(states, ['connecting', 'connected']);
    assert.equal(WS.sockets[0].sent[0].method, 'getInfo');
    assert.equal(WS.sockets[0].sent[0].jsonrpc, '2.0');
    assert.deepEqual(WS.sockets[0].sent[0].params, {});
  });

  test('whenConnectIsCalledTwiceAtOnce_thenOneSocketIsOpened', async () => {
    const { client, WS } = setup();
    const [a, b] = await Promise.all([client.connect(), client.connect()]);
    assert.deepEqual(a, b);
    assert.equal(WS.sockets.length, 1);
    await client.connect();
    assert.equal(WS.sockets.length, 1);
  });

  test('whenFirstUrlIsRefused_thenTheNextUrlIsTried', async () => {
    const { client, WS } = setup({ urls: [URL_A, URL_B], behaviour: (url) => (url === URL_A ? 'refuse' : 'open') });
    await client.connect();
    assert.equal(client.url, URL_B);
    assert.deepEqual(WS.sockets.map((s) => s.url), [URL_A, URL_B]);
  });

  test('whenAUrlHangs_thenItTimesOutAndTheNextIsTried', async () => {
    const { client, clock, WS } = setup({ urls: [URL_A, URL_B], connectTimeoutMs: 5000,
      behaviour: (url) => (url === URL_A ? 'hang' : 'open') });
    const done = client.connect();
    await clock.advance(4999);
    assert.equal(WS.sockets.length, 1);
    await clock.advance(1);
    await done;
    assert.equal(client.url, URL_B);
    assert.equal(WS.sockets[0].closedWith, 1000);
  });

  test('whenEveryRoundFails_thenItRetriesWithBackoffAndRejectsAgentUnavailable', async () => {
    const { client, clock, WS } = setup({ urls: [URL_A, URL_B], retries: 2, backoffMs: 500, behaviour: () => 'refuse' });
    const result = client.connect().then(() => null, (e) => e);
    await flush();
    assert.equal(WS.sockets.length, 2, 'first round: both URLs');
    await clock.advance(499);
    assert.equal(WS.sockets.length, 2, 'waits the backoff');
    await clock.advance(1);
    assert.equal(WS.sockets.length, 4, 'second round after 500 ms');
    await clock.advance(999);
    assert.equal(WS.sockets.length, 4, 'then waits twice as long');
    await clock.advance(1);
    const err = await result;
    assert.equal(WS.sockets.length, 6);
    assert.ok(err instanceof AgentError);
    assert.equal(err.reason, 'AGENT_UNAVAILABLE');
    assert.equal(err.code, null);
    assert.deepEqual(err.data.urls, [URL_A, URL_B]);
    assert.equal(client.state, 'idle');
  });

  test('whenASecondRoundSucceeds_thenConnectResolves', async () => {
    let attempts = 0;
    const { client, clock } = setup({ backoffMs: 100, behaviour: () => (++attempts < 2 ? 'refuse' : 'open') });
    const done = client.connect();
    await clock.advance(100);
    await done;
    assert.equal(client.state, 'connected');
    assert.equal(attempts, 2);
  });

  test('whenTheAgentSpeaksAnotherProtocol_thenProtocolMismatchWithoutRetry', async () => {
    const { client, WS } = setup({ urls: [URL_A, URL_B] });
    WS.autoInfo = { agent: 'x', version: '9', protocol: 2, capabilities: [] };
    const err = await client.connect().then(() => null, (e) => e);
    assert.equal(err.reason, 'PROTOCOL_MISMATCH');
    assert.equal(err.data.protocol, 2);
    assert.equal(WS.sockets.length, 1);
    assert.equal(client.state, 'idle');
  });
});

describe('calls', () => {
  test('whenAnswersComeOutOfOrder_thenEachCallGetsItsOwnAnswer', async () => {
    const { client, ws } = await connected({ });
    const WS = ws.constructor;
    WS.autoInfo = null;
    const tokens = client.listTokens();
    const login = client.verifyPin('tok-1', '123456');
    const [reqTokens, reqLogin] = ws.sent.slice(-2);
    assert.notEqual(reqTokens.id, reqLogin.id);
    ws.reply(reqLogin.id, { loggedIn: true });
    ws.reply(reqTokens.id, { tokens: [{ tokenId: 'tok-1' }] });
    assert.deepEqual(await login, { loggedIn: true });
    assert.deepEqual(await tokens, { tokens: [{ tokenId: 'tok-1' }] });
  });

  test('whenEachMethodIsCalled_thenItSendsExactlyTheProtocolParams', async () => {
    const { client, ws } = await connected();
    const expect = [
      [() => client.getInfo(), 'getInfo', {}],
      [() => client.listTokens(), 'listTokens', {}],
      [() => client.verifyPin('t', '1234'), 'verifyPin', { tokenId: 't', pin: '1234' }],
      [() => client.verifyPin('t'), 'verifyPin', { tokenId: 't' }],
      [() => client.verifyPin('t', ''), 'verifyPin', { tokenId: 't' }],
      [() => client.sign('t', 'c1', 'SHA256withECDSA', 'AAEC'), 'sign', { tokenId: 't', certId: 'c1', algorithm: 'SHA256withECDSA', data: 'AAEC' }],
      [() => client.signCsr('t', 'EC-P256', 'CN=张三,C=CN'), 'signCsr', { tokenId: 't', keyAlgorithm: 'EC-P256', subject: 'CN=张三,C=CN' }],
      [() => client.signCsr('t', 'RSA-2048', 'CN=a', { label: 'new' }), 'signCsr', { tokenId: 't', keyAlgorithm: 'RSA-2048', subject: 'CN=a', label: 'new' }],
      [() => client.writeCert('t', 'MIIB'), 'writeCert', { tokenId: 't', certificate: 'MIIB' }],
      [() => client.writeCert('t', 'MIIB', { replaces: 'c1' }), 'writeCert', { tokenId: 't', certificate: 'MIIB', replaces: 'c1' }],
      [() => client.deleteKey('t', 'k1'), 'deleteKey', { tokenId: 't', keyId: 'k1' }],
      [() => client.logout('t'), 'logout', { tokenId: 't' }],
    ];
    for (const [call, method, params] of expect) {
      const p = call();
      const req = ws.sent.at(-1);
      assert.equal(req.method, method);
      assert.deepEqual(req.params, params, method);
      ws.reply(req.id, { ok: method });
      assert.deepEqual(await p, { ok: method });
    }
  });

  test('whenTheAgentAnswersAnError_thenAgentErrorCarriesReasonCodeAndData', async () => {
    const { client, ws } = await connected();
    const p = client.verifyPin('t', '0000');
    ws.replyError(ws.sent.at(-1).id, { code: 1002, message: 'Wrong PIN', data: { reason: 'PIN_INCORRECT', retriesLeft: 2, finalTry: false } });
    const err = await p.then(() => null, (e) => e);
    assert.ok(err instanceof AgentError);
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'AgentError');
    assert.equal(err.reason, 'PIN_INCORRECT');
    assert.equal(err.code, 1002);
    assert.equal(err.message, 'Wrong PIN');
    assert.deepEqual(err.data, { reason: 'PIN_INCORRECT', retriesLeft: 2, finalTry: false });
    // The connection stays usable after an error.
    const again = client.listTokens();
    ws.reply(ws.sent.at(-1).id, { tokens: [] });
    assert.deepEqual(await again, { tokens: [] });
  });

  test('whenAnErrorHasNoReason_thenTheReasonComesFromTheCode', async () => {
    const { client, ws } = await connected();
    const cases = [[-32601, 'METHOD_NOT_FOUND'], [1013, 'PIN_INVALID'], [1009, 'TOKEN_BUSY'], [4242, 'UNKNOWN']];
    for (const [code, reason] of cases) {
      const p = client.call('x', {});
      ws.replyError(ws.sent.at(-1).id, { code, message: 'm' });
      const err = await p.then(() => null, (e) => e);
      assert.equal(err.reason, reason);
      assert.equal(err.code, code);
    }
  });

  test('whenNoAnswerComes_thenTheCallRejectsWithTimeoutAndALateAnswerIsIgnored', async () => {
    const { client, ws, clock } = await connected({ timeouts: { listTokens: 1000 } });
    const p = client.listTokens().then(() => null, (e) => e);
    await clock.advance(999);
    await clock.advance(1);
    const err = await p;
    assert.equal(err.reason, 'TIMEOUT');
    assert.equal(err.data.method, 'listTokens');
    assert.equal(err.data.timeoutMs, 1000);
    ws.reply(ws.sent.at(-1).id, { tokens: [] }); // late: nothing happens
    assert.equal(client.state, 'connected');
  });

  test('whenVerifyPinHasNoPin_thenItWaitsForTheAgentsDialogLonger', async () => {
    const { client, clock } = await connected();
    const withPin = client.verifyPin('t', '1234').then(() => 'answered', (e) => e.reason);
    const dialog = client.verifyPin('t').then(() => 'answered', (e) => e.reason);
    await clock.advance(DEFAULT_TIMEOUTS.verifyPin);
    assert.equal(await withPin, 'TIMEOUT');
    await clock.advance(DEFAULT_TIMEOUTS.verifyPinDialog - DEFAULT_TIMEOUTS.verifyPin - 1);
    let settled = false;
    dialog.then(() => { settled = true; });
    await flush();
    assert.equal(settled, false);
    await clock.advance(1);
    assert.equal(await dialog, 'TIMEOUT');
  });

  test('whenNotConnected_thenCallsRejectNotConnected', async () => {
    const { client, WS } = setup();
    const err = await client.listTokens().then(() => null, (e) => e);
    assert.equal(err.reason, 'NOT_CONNECTED');
    assert.equal(WS.sockets.length, 0);
  });

  test('whenARequestExceeds64KiB_thenItIsNotSent', async () => {
    const { client, ws } = await connected();
    const before = ws.sent.length;
    const err = await client.writeCert('t', 'A'.repeat(70 * 1024)).then(() => null, (e) => e);
    assert.equal(err.reason, 'MESSAGE_TOO_LARGE');
    assert.equal(ws.sent.length, before);
    assert.equal(client.state, 'connected');
  });

  test('whenGarbageOrUnknownIdsArrive_thenTheyAreIgnored', async () => {
    const { client, ws } = await connected();
    const p = client.listTokens();
    ws.receive('not json');
    ws.receive({ jsonrpc: '2.0', id: 9999, result: {} });
    ws.receive({ jsonrpc: '2.0', method: 'somethingElse', params: {} });
    ws.reply(ws.sent.at(-1).id, { tokens: [] });
    assert.deepEqual(await p, { tokens: [] });
  });
});

describe('notifications', () => {
  test('whenTokensChange_thenListenersGetTheTokens', async () => {
    const { client, ws } = await connected();
    const seen = [];
    const off = client.on('tokensChanged', (ev) => seen.push(ev.detail.tokens));
    const viaEventTarget = [];
    client.addEventListener('tokensChanged', (ev) => viaEventTarget.push(ev.detail.tokens.length));
    ws.receive({ jsonrpc: '2.0', method: 'tokensChanged', params: { tokens: [{ tokenId: 'a' }] } });
    off();
    ws.receive({ jsonrpc: '2.0', method: 'tokensChanged', params: { tokens: [] } });
    assert.deepEqual(seen, [[{ tokenId: 'a' }]]);
    assert.deepEqual(viaEventTarget, [1, 0]);
  });
});

describe('losing the connection', () => {
  test('whenTheAgentCloses_thenWaitingCallsRejectDisconnectedAndItReconnects', async () => {
    const { client, ws, clock, WS } = await connected({ backoffMs: 200 });
    const states = [];
    client.on('statechange', (ev) => states.push(ev.detail.state));
    const p = client.listTokens().then(() => null, (e) => e);
    ws.serverClose(1001);
    const err = await p;
    assert.equal(err.reason, 'DISCONNECTED');
    assert.equal(err.data.closeCode, 1001);
    assert.equal(client.state, 'reconnecting');
    assert.equal((await client.listTokens().catch((e) => e)).reason, 'NOT_CONNECTED');
    await clock.advance(200);
    assert.equal(client.state, 'connected');
    assert.equal(WS.sockets.length, 2);
    assert.deepEqual(states, ['reconnecting', 'connected']);
  });

  test('whenReconnectingFails_thenItBacksOffUpToTheCap', async () => {
    let up = true;
    const { client, ws, clock, WS } = await connected({ backoffMs: 100, maxReconnectDelayMs: 400, behaviour: () => (up ? 'open' : 'refuse') });
    up = false;
    ws.serverClose(1006);
    const at = [];
    const count = () => WS.sockets.length;
    for (const step of [100, 200, 400, 400]) {
      await clock.advance(step - 1);
      const before = count();
      await clock.advance(1);
      at.push(count() - before);
    }
    assert.deepEqual(at, [1, 1, 1, 1]);
    up = true;
    await clock.advance(400);
    assert.equal(client.state, 'connected');
  });

  test('whenThePageCloses_thenNoReconnect', async () => {
    const { client, ws, clock, WS } = await connected();
    client.close();
    assert.equal(client.state, 'closed');
    assert.equal(ws.closedWith, 1000);
    await clock.advance(60_000);
    assert.equal(WS.sockets.length, 1);
  });
});

describe('local network access permission', () => {
  test('whenPermissionIsDenied_thenConnectRejectsWithoutTouchingTheNetwork', async () => {
    const { client, WS } = setup({ permissions: fakePermissions({ 'loopback-network': 'denied' }) });
    const err = await client.connect({ userActivated: true }).then(() => null, (e) => e);
    assert.equal(err.reason, 'PERMISSION_DENIED');
    assert.equal(WS.sockets.length, 0);
  });

  test('whenPermissionIsPrompt_thenConnectWaitsForAClick', async () => {
    const permissions = fakePermissions({ 'loopback-network': 'prompt' });
    const { client, WS } = setup({ permissions });
    const err = await client.connect().then(() => null, (e) => e);
    assert.equal(err.reason, 'PERMISSION_PROMPT');
    assert.equal(WS.sockets.length, 0);
    await client.connect({ userActivated: true });
    assert.equal(client.state, 'connected');
  });

  test('whilePermissionIsPrompt_thenASocketMayWaitForTheUsersAnswer', async () => {
    const { client, clock, WS } = setup({ permissions: fakePermissions({ 'loopback-network': 'prompt' }),
      connectTimeoutMs: 5000, promptTimeoutMs: 60_000, behaviour: () => 'hang' });
    const p = client.connect({ userActivated: true }).then(() => null, (e) => e);
    await clock.advance(30_000);
    assert.equal(WS.sockets.length, 1, 'still waiting on the first socket');
    WS.sockets[0].serverOpen();
    assert.equal(await p, null);
    assert.equal(client.state, 'connected');
  });

  test('whenTheUserBlocksInThePrompt_thenConnectRejectsPermissionDenied', async () => {
    const permissions = fakePermissions({ 'loopback-network': 'prompt' });
    const { client } = setup({ permissions, retries: 0, behaviour: () => {
      permissions.set('loopback-network', 'denied');
      return 'refuse';
    } });
    const err = await client.connect({ userActivated: true }).then(() => null, (e) => e);
    assert.equal(err.reason, 'PERMISSION_DENIED');
  });

  test('whenGranted_thenItConnectsWithoutAClick', async () => {
    const { client } = setup({ permissions: fakePermissions({ 'loopback-network': 'granted' }) });
    await client.connect();
    assert.equal(client.state, 'connected');
  });

  test('whenTheBrowserKnowsOnlyTheOlderName_thenItIsUsed', async () => {
    const permissions = fakePermissions({ 'local-network-access': 'denied' });
    assert.deepEqual((await queryLocalNetworkPermission(permissions)).state, 'denied');
    assert.deepEqual(permissions.queried, ['loopback-network', 'local-network-access']);
  });

  test('whenTheBrowserKnowsNeitherName_thenNotApplicableAndItConnects', async () => {
    const permissions = fakePermissions({});
    assert.equal((await queryLocalNetworkPermission(permissions)).state, 'not-applicable');
    assert.equal((await queryLocalNetworkPermission(undefined)).state, 'not-applicable');
    assert.equal((await queryLocalNetworkPermission({})).state, 'not-applicable');
    const { client } = setup({ permissions });
    await client.connect();
    assert.equal(client.state, 'connected');
  });

  test('whenThePageIsOnLoopback_thenThePermissionIsNotAsked', async () => {
    const permissions = fakePermissions({ 'loopback-network': 'prompt' });
    const { client } = setup({ permissions, loopbackPage: true });
    assert.equal(await client.permissionState(), 'not-applicable');
    await client.connect();
    assert.equal(permissions.queried.length, 0);
    for (const hostname of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', 'app.localhost']) {
      assert.equal(isLoopbackLocation({ hostname }), true, hostname);
    }
    for (const hostname of ['update.example.gov.cn', '10.0.0.1', '192.168.1.5', '']) {
      assert.equal(isLoopbackLocation({ hostname }), false, hostname);
    }
    assert.equal(isLoopbackLocation(undefined), false);
  });

  test('whenTheUserChangesThePermission_thenPermissionchangeFires', async () => {
    const permissions = fakePermissions({ 'loopback-network': 'prompt' });
    const { client } = setup({ permissions });
    const seen = [];
    client.on('permissionchange', (ev) => seen.push(ev.detail.state));
    assert.equal(await client.permissionState(), 'prompt');
    await client.permissionState(); // a second query does not add a second listener
    permissions.set('loopback-network', 'granted');
    assert.deepEqual(seen, ['granted']);
  });
});
