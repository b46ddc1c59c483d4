// The agent client against a fake WebSocket, a manual clock and a fake permissions API.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  AgentClient, AgentError, AGENT_REASONS, DEFAULT_AGENT_URLS, DEFAULT_TIMEOUTS, V1_AGENT_URLS, queryLocalNetworkPermission,
  isLoopbackLocation, spkiSha256,
} from '../../main/resources/public/js/agent-client.js';
import { fakeWebSocketClass, manualClock, flush, fakePermissions } from './support/fakes.js';

const URL_A = 'wss://127.0.0.1:28443/v2';
const URL_B = 'wss://127.0.0.1:28444/v2';
/** A headless agent configured with pagePin: true. */
const PAGE_PIN_INFO = { agent: 'UKey Bridge', version: '2.0.0', protocol: 2, pinEntry: 'page', capabilities: [] };

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
    assert.equal(info.protocol, 2);
    assert.equal(client.protocol, 2);
    assert.equal(client.pinEntry, 'agent');
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

  test('whenTheAgentSpeaksAnotherProtocol_thenTheOtherPortsAreTriedThenProtocolMismatchWithoutRetry', async () => {
    const { client, WS } = setup({ urls: [URL_A, URL_B] });
    WS.autoInfo = { agent: 'UKey Bridge', version: '1.4', protocol: 1, capabilities: [] };
    const err = await client.connect().then(() => null, (e) => e);
    assert.equal(err.reason, 'PROTOCOL_MISMATCH');
    assert.equal(err.data.protocol, 1);
    assert.deepEqual(WS.sockets.map((s) => s.url), [URL_A, URL_B], 'one round, no retry');
    assert.equal(client.state, 'idle');
  });

  test('whenNoUrlsAreGiven_thenTheFourV2PortsAreTriedInOrder', async () => {
    assert.deepEqual([...DEFAULT_AGENT_URLS], ['wss://127.0.0.1:28443/v2', 'wss://127.0.0.1:28444/v2',
      'wss://127.0.0.1:28445/v2', 'wss://127.0.0.1:28446/v2']);
    // Another user's agents hold the first two ports: this browser refuses their TLS certificate.
    const { client, WS } = setup({ urls: undefined, behaviour: (url) => (/:2844[34]\//.test(url) ? 'refuse' : 'open') });
    assert.deepEqual([...client.urls], [...DEFAULT_AGENT_URLS]);
    await client.connect();
    assert.equal(client.url, 'wss://127.0.0.1:28445/v2');
    assert.deepEqual(WS.sockets.map((s) => s.url), DEFAULT_AGENT_URLS.slice(0, 3));
  });

  test('whenAPortAnswersButIsNotOurAgent_thenTheNextPortIsTried', async () => {
    const { client, WS } = setup({ urls: [URL_A, URL_B], behaviour: () => 'open' });
    WS.autoInfo = null;
    const done = client.connect();
    await flush();
    WS.sockets[0].reply(WS.sockets[0].lastRequest('getInfo').id, { agent: 'Something else', protocol: 2 });
    await flush();
    WS.sockets[1].reply(WS.sockets[1].lastRequest('getInfo').id, PAGE_PIN_INFO);
    await done;
    assert.equal(client.url, URL_B);
    assert.equal(WS.sockets[0].closedWith, 1000);
    assert.equal(client.pinEntry, 'page');
  });
});

describe('calls', () => {
  test('whenAnswersComeOutOfOrder_thenEachCallGetsItsOwnAnswer', async () => {
    const { client, ws } = await connected({ });
    const WS = ws.constructor;
    WS.autoInfo = null;
    const tokens = client.listTokens();
    const login = client.verifyPin('tok-1');
    const [reqTokens, reqLogin] = ws.sent.slice(-2);
    assert.notEqual(reqTokens.id, reqLogin.id);
    ws.reply(reqLogin.id, { loggedIn: true });
    ws.reply(reqTokens.id, { tokens: [{ tokenId: 'tok-1' }] });
    assert.deepEqual(await login, { loggedIn: true });
    assert.deepEqual(await tokens, { tokens: [{ tokenId: 'tok-1' }] });
  });

  test('whenEachMethodIsCalled_thenItSendsExactlyTheProtocolParams', async () => {
    const { client, ws } = await connected();
    ws.constructor.autoInfo = PAGE_PIN_INFO;
    const expect = [
      [() => client.getInfo(), 'getInfo', {}],
      [() => client.listTokens(), 'listTokens', {}],
      [() => client.verifyPin('t'), 'verifyPin', { tokenId: 't' }],
      [() => client.verifyPin('t', ''), 'verifyPin', { tokenId: 't' }],
      [() => client.proveKey('t', 'c1', 'AAEC'), 'proveKey', { tokenId: 't', certId: 'c1', challenge: 'AAEC' }],
      [() => client.proveKey('t', 'c1', 'AAEC', { binding: 'Bw==' }), 'proveKey', { tokenId: 't', certId: 'c1', challenge: 'AAEC', binding: 'Bw==' }],
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

  test('whenTheAgentAsksThePinItself_thenAPagePinIsRefusedBeforeItIsSent', async () => {
    const { client, ws } = await connected();
    assert.equal(client.pinEntry, 'agent');
    const before = ws.sent.length;
    const err = await client.verifyPin('t', '123456').then(() => null, (e) => e);
    assert.equal(err.reason, 'PIN_ENTRY_IN_AGENT');
    assert.equal(err.code, 1014);
    assert.equal(ws.sent.length, before, 'nothing sent');
    assert.ok(!JSON.stringify(ws.sent).includes('123456'));
  });

  test('whenAHeadlessAgentTakesThePagePin_thenItIsSent', async () => {
    const s = setup();
    s.WS.autoInfo = PAGE_PIN_INFO;
    await s.client.connect();
    const ws = s.WS.sockets.at(-1);
    const p = s.client.verifyPin('t', '1234');
    assert.deepEqual(ws.sent.at(-1).params, { tokenId: 't', pin: '1234' });
    ws.reply(ws.sent.at(-1).id, { loggedIn: true });
    assert.deepEqual(await p, { loggedIn: true });
  });

  test('whenAHeadlessAgentHasNoPagePin_thenPinEntryIsNoneAndAPagePinIsNotSent', async () => {
    const s = setup();
    s.WS.autoInfo = { ...PAGE_PIN_INFO, pinEntry: 'none' };
    await s.client.connect();
    assert.equal(s.client.pinEntry, 'none');
    const err = await s.client.verifyPin('t', '1234').then(() => null, (e) => e);
    assert.equal(err.reason, 'PIN_ENTRY_IN_AGENT');
    assert.ok(!JSON.stringify(s.WS.sockets.at(-1).sent).includes('1234'));
  });

  test('whenV2_thenSignIsNotInTheProtocolAndNothingIsSent', async () => {
    const { client, ws } = await connected();
    const before = ws.sent.length;
    const err = await client.sign('t', 'c1', 'SHA256withECDSA', 'AAEC').then(() => null, (e) => e);
    assert.equal(err.reason, 'NOT_IN_PROTOCOL');
    assert.deepEqual(err.data, { method: 'sign', protocol: 2 });
    assert.equal(ws.sent.length, before);
  });

  test('whenProtocol1IsAskedFor_thenV1UrlPagePinAndSignButNoProveKey', async () => {
    const s = setup({ urls: undefined, protocol: 1 });
    assert.deepEqual([...s.client.urls], [...V1_AGENT_URLS]);
    s.WS.autoInfo = { agent: 'UKey Bridge', version: '1.0.0', protocol: 1, capabilities: [] };
    await s.client.connect();
    const ws = s.WS.sockets.at(-1);
    assert.equal(ws.url, 'wss://127.0.0.1:28443/v1');
    assert.equal(s.client.pinEntry, 'page');
    for (const [call, method, params] of [
      [() => s.client.verifyPin('t', '1234'), 'verifyPin', { tokenId: 't', pin: '1234' }],
      [() => s.client.sign('t', 'c1', 'SHA256withECDSA', 'AAEC'), 'sign', { tokenId: 't', certId: 'c1', algorithm: 'SHA256withECDSA', data: 'AAEC' }],
    ]) {
      const p = call();
      assert.equal(ws.sent.at(-1).method, method);
      assert.deepEqual(ws.sent.at(-1).params, params);
      ws.reply(ws.sent.at(-1).id, {});
      await p;
    }
    assert.equal((await s.client.proveKey('t', 'c1', 'AAEC').catch((e) => e)).reason, 'NOT_IN_PROTOCOL');
    assert.throws(() => new AgentClient({ protocol: 3 }), /protocol must be 1 or 2/);
  });

  test('whenV2ReasonsComeByCodeOnly_thenTheTableNamesThem', async () => {
    assert.deepEqual([1014, 1015, 1016, 1017, 1018].map((code) => AGENT_REASONS[code]),
      ['PIN_ENTRY_IN_AGENT', 'PIN_TRIES_LOW', 'ISSUER_MISMATCH', 'KEY_NOT_CREATED_HERE', 'TOO_MANY_DIALOGS']);
    const { client, ws } = await connected();
    const p = client.verifyPin('t');
    ws.replyError(ws.sent.at(-1).id, { code: 1015, message: 'few tries', data: { reason: 'PIN_TRIES_LOW', finalTry: true, countLow: false } });
    const err = await p.then(() => null, (e) => e);
    assert.equal(err.reason, 'PIN_TRIES_LOW');
    assert.equal(err.data.finalTry, true);
  });

  test('whenTheAgentAnswersAnError_thenAgentErrorCarriesReasonCodeAndData', async () => {
    const s = setup();
    s.WS.autoInfo = PAGE_PIN_INFO;
    const client = s.client;
    await client.connect();
    const ws = s.WS.sockets.at(-1);
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
    const s = setup();
    s.WS.autoInfo = PAGE_PIN_INFO;
    const { client, clock } = s;
    await client.connect();
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

describe('the renewal binding', () => {
  // Requests made by openssl; the expected values are openssl's SHA-256 of the request's public key (DER).
  const EC_CSR = 'MIHtMIGUAgEAMDIxDzANBgNVBAMMBuW8oOS4iTESMBAGA1UECgwJ5p+Q5Y2V5L2NMQswCQYDVQQGEwJDTjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABBt44VkbgXqpWt/wlLm9zaTbcnkMzLC8df1wLhjmHvS8VSl0U+8hUk2FznDIAPRvFAeakhVMURD2xqO9n7FW0rSgADAKBggqhkjOPQQDAgNIADBFAiA3YJYMAihq7+Z/pK4qG3W+Fhwm/hcBxocA+/ql/RGsqQIhAKNyFCTdE5RLhMy8lY8Hz+z7u5MRNCVFwmZHA4mSo11d';
  const RSA_CSR = 'MIICUTCCATkCAQAwDDEKMAgGA1UEAwwBeDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAL1PwHMgXGsFAc60TpvGXO/qBIV7OmSxSj7/f17bLcvKu8dGkihNXVvA7xYVzBA30AOjY9Io0Lg7R/2f1P26qj/ipTeFsuFsOVldl+zfGid+AIkEfHNcRQIYBa9685+HvndxAjlKpkSSk4TSuA7mgXUzgWSJjOvYGh1WelgkUc/AkdpkixiL8F6vTLhbpxovOhJKipQYz7MD/A7YKjIcSPv57ydeKg8qVt825ps/ZzwSVutUMkDe4YPd5Fn4Ya9qvt/ljSPylXe864gBFmWffBwI51lh2qNqeMg2mBPVRoFRltFJoP1R6asVtYpOwN/HcmLiMZ+h5au83s+ufsaw/CMCAwEAAaAAMA0GCSqGSIb3DQEBCwUAA4IBAQCmFRGLh3ho30nlwE1RzrN/hlYDRhl03e3tQimLIB8q2AJROX2irG63bhq0Rg6LJ3ogoBiv0MwDixhp94v7wbzbv/U6WpxEswnIVg8pXxH7vsqtpoza7f7cavzH7xxomiNQ1wbvwIZqUCwgZy9UM0gMaC3UWqcZmdmJVRwAId1RCnSGNI1u0pelrNd+NFWMj/U8vYO0NvhT41s7Zo+Stpn3sNgDTt+iR1chIA4GRSxOZ5jyIV46U6l5qLpnov3yZAqpyIO2zO42t5dshoJ+MFwuzX0b4frDPriy5sLGcxdYsPvHe7vf5ZJ0gHC1TvCTv5bzudqFQT+AXcTfDBoJ6zT8';

  test('whenARequestIsGiven_thenTheBindingIsSha256OfItsSubjectPublicKeyInfo', async () => {
    assert.equal(await spkiSha256(EC_CSR), 'ToyNeZj7vsx5uy/ZcDafFy7vRjPsh+vtGB5WJZc5MEc=');
    assert.equal(await spkiSha256(RSA_CSR), 'SC6vhXggKANOFng+FK43LbQx5C5tEjKgGhPCzulDPWk=');
  });

  test('whenTheInputIsNotARequest_thenTypeError', async () => {
    for (const bad of ['', 'not base64!', 'MAA=', btoa('\x30\x05\x02\x01'), EC_CSR.slice(0, 40)]) {
      await assert.rejects(spkiSha256(bad), TypeError, JSON.stringify(bad));
    }
  });
});
