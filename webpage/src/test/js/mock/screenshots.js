// Screenshots of the pages at the steps a clerk sees, both languages, against mock-site.js.
// Needs Debian's chromium. Run (Node 20 needs the flag for its WebSocket client):
//   node webpage/src/test/js/mock/mock-site.js 8765 &
//   node --experimental-websocket webpage/src/test/js/mock/screenshots.js http://127.0.0.1:8765 OUTDIR [filter]
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = process.argv[2] || 'http://127.0.0.1:8765';
const out = process.argv[3] || join(tmpdir(), 'ukey-shots');
const filter = process.argv[4] || '';
const scale = Number(process.env.SCALE || 1); // e.g. SCALE=0.6 for small PNGs to keep in the repository
mkdirSync(out, { recursive: true });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const DEBUG_PORT = 9333;
const chrome = spawn('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'chr-'))}`,
  `--remote-debugging-port=${DEBUG_PORT}`, '--window-size=1280,900',
  // A public-looking name for the mock, so the page asks for the local network access permission.
  '--host-resolver-rules=MAP update.example.gov.cn 127.0.0.1',
  `--unsafely-treat-insecure-origin-as-secure=${base.replace('127.0.0.1', 'update.example.gov.cn')}`,
  'about:blank'], { stdio: 'ignore' });
const PUBLIC_HOST = base.replace('127.0.0.1', 'update.example.gov.cn');

async function connect() {
  for (let i = 0; i < 50; i++) {
    try {
      const list = await (await fetch(`http://127.0.0.1:${DEBUG_PORT}/json/list`)).json();
      const page = list.find((t) => t.type === 'page');
      if (page) return page.webSocketDebuggerUrl;
    } catch { /* not up yet */ }
    await sleep(200);
  }
  throw new Error('chromium did not start');
}

const ws = new WebSocket(await connect());
await new Promise((r) => ws.addEventListener('open', r, { once: true }));
let nextId = 1;
const waiting = new Map();
ws.addEventListener('message', (ev) => {
  const msg = JSON.parse(ev.data);
  if (msg.id && waiting.has(msg.id)) {
    const { resolve, reject } = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (msg.error) reject(new Error(JSON.stringify(msg.error))); else resolve(msg.result);
  }
});
const cdp = (method, params = {}) => new Promise((resolve, reject) => {
  const id = nextId++;
  waiting.set(id, { resolve, reject });
  ws.send(JSON.stringify({ id, method, params }));
});

async function evaluate(expression) {
  const r = await cdp('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (r.exceptionDetails) throw new Error(`${expression}: ${JSON.stringify(r.exceptionDetails)}`);
  return r.result.value;
}

async function waitFor(expression, ms = 8000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await evaluate(`!!(${expression})`)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${expression}`);
}

const textIs = (sel, text) => `[...document.querySelectorAll(${JSON.stringify(sel)})].find((e) => e.textContent.trim() === ${JSON.stringify(text)})`;
const click = async (text, sel = 'button, a.btn') => {
  await waitFor(`${textIs(sel, text)} && !${textIs(sel, text)}.disabled`);
  await evaluate(`${textIs(sel, text)}.click()`);
  await sleep(150);
};
const type = async (name, value) => {
  await waitFor(`document.querySelector('[name=${name}]')`);
  await evaluate(`(() => { const i = document.querySelector('[name=${name}]'); i.value = ${JSON.stringify(value)}; i.dispatchEvent(new Event('input', {bubbles: true})); })()`);
};
const pick = async (valuePrefix) => {
  await waitFor(`document.querySelector('input[type=radio][value^="${valuePrefix}"]')`);
  await evaluate(`(() => { const r = document.querySelector('input[type=radio][value^="${valuePrefix}"]'); r.click(); })()`);
  await sleep(100);
};

async function open(path, { scenario = 'default', lang = 'zh', host = base } = {}) {
  await fetch(`${base}/__mock/reset?scenario=${scenario}`);
  await cdp('Page.navigate', { url: `${host}/renew.html?prime` });
  await sleep(300);
  await evaluate(`localStorage.setItem('ukey-bridge.lang', '${lang}')`);
  await cdp('Page.navigate', { url: `${host}/${path}` });
  await waitFor(`document.querySelector('.masthead')`);
  await sleep(400);
}

async function shot(name) {
  await sleep(250);
  const { contentSize } = await cdp('Page.getLayoutMetrics');
  const height = Math.min(Math.max(900, Math.ceil(contentSize.height)), 2400);
  const { data } = await cdp('Page.captureScreenshot', {
    format: 'png', captureBeyondViewport: true, clip: { x: 0, y: 0, width: 1280, height, scale },
  });
  writeFileSync(join(out, `${name}.png`), Buffer.from(data, 'base64'));
  console.log(`${name}.png`);
}

const T = {
  zh: { renew: '更新用户证书', download: '下载用户证书', next: '下一步', choose: '选择证书', ok: '确定', doRenew: '更新', doDownload: '下载', finish: '完成写入' },
  en: { renew: 'Renew user certificate', download: 'Download user certificate', next: 'Next', choose: 'Choose certificate', ok: 'OK', doRenew: 'Renew', doDownload: 'Download', finish: 'Finish writing' },
};

const scenes = [];
const scene = (name, fn) => scenes.push({ name, fn });

for (const lang of ['zh', 'en']) {
  const L = T[lang];
  scene(`${lang}-home`, async () => { await open('', { lang }); await waitFor(`document.querySelector('.tokens')`); });
  scene(`${lang}-home-noagent`, async () => { await open('', { lang, scenario: 'noagent' }); await waitFor(`document.querySelector('.alert-panel')`, 20000); });
  scene(`${lang}-home-permission-prompt`, async () => {
    await open('', { lang, host: PUBLIC_HOST }); await waitFor(`document.querySelector('.panel.notice')`);
  });
  scene(`${lang}-home-permission-click`, async () => {
    await open('', { lang, host: PUBLIC_HOST }); await waitFor(`document.querySelector('.panel.notice')`);
    await click(lang === 'zh' ? '连接 UKey 助手' : 'Connect to the UKey helper');
    await waitFor(`document.querySelector('.tokens, .alert-panel')`, 20000);
  });
  scene(`${lang}-home-permission-denied`, async () => {
    for (const name of ['loopback-network', 'local-network-access']) {
      await cdp('Browser.setPermission', { permission: { name }, setting: 'denied', origin: PUBLIC_HOST }).catch(() => {});
    }
    await open('', { lang, host: PUBLIC_HOST }); await waitFor(`document.querySelector('.alert-panel')`);
    await cdp('Browser.resetPermissions');
  });
  scene(`${lang}-renew-1-intro`, async () => { await open('renew.html', { lang }); });
  scene(`${lang}-renew-2-choose`, async () => { await open('renew.html', { lang }); await click(L.next); await waitFor(`document.querySelector('.tokens')`); });
  scene(`${lang}-renew-2-dialog`, async () => {
    await open('renew.html', { lang }); await click(L.next); await click(L.choose); await pick('t-demo/');
  });
  scene(`${lang}-renew-2-outside-window`, async () => {
    await open('renew.html', { lang, scenario: 'valid' }); await click(L.next); await click(L.choose); await pick('t-demo/'); await click(L.ok);
    await waitFor(`document.querySelector('.alert')`);
  });
  scene(`${lang}-renew-3-confirm`, async () => {
    await open('renew.html', { lang }); await click(L.next); await click(L.choose); await pick('t-demo/'); await click(L.ok);
    await waitFor(`document.querySelector('.compare')`);
  });
  scene(`${lang}-renew-3-wrong-pin`, async () => {
    await open('renew.html', { lang, scenario: 'wrongpin' }); await click(L.next); await click(L.choose); await pick('t-demo/'); await click(L.ok);
    await type('pin', '111111'); await click(L.doRenew); await waitFor(`document.querySelector('.alert')`);
  });
  scene(`${lang}-renew-3-working`, async () => {
    await open('renew.html', { lang }); await click(L.next); await click(L.choose); await pick('t-demo/'); await click(L.ok);
    await type('pin', '123456'); await click(L.doRenew); await waitFor(`document.querySelector('.progress li.current:nth-child(3)')`);
  });
  scene(`${lang}-renew-3-pin-in-agent`, async () => {
    await open('renew.html', { lang, scenario: 'agentpin' }); await click(L.next); await click(L.choose); await pick('t-demo/'); await click(L.ok);
    await click(L.doRenew); await waitFor(`document.querySelector('.pin-in-agent')`);
  });
  scene(`${lang}-renew-4-done`, async () => {
    await open('renew.html', { lang }); await click(L.next); await click(L.choose); await pick('t-demo/'); await click(L.ok);
    await type('pin', '123456'); await click(L.doRenew); await waitFor(`document.querySelector('.panel.success')`, 15000);
  });
  scene(`${lang}-renew-3-pending`, async () => {
    await open('renew.html', { lang, scenario: 'pending' }); await click(L.next); await click(L.choose); await pick('t-demo/'); await click(L.ok);
    await waitFor(`document.querySelector('.compare')`);
  });
  scene(`${lang}-renew-3-refused-key-removed`, async () => {
    await open('renew.html', { lang, scenario: 'refuseissue' }); await click(L.next); await click(L.choose); await pick('t-demo/'); await click(L.ok);
    await type('pin', '123456'); await click(L.doRenew); await waitFor(`document.querySelector('.alert')`, 15000);
    const state = await (await fetch(`${base}/__mock/state`)).json();
    if (state.deletedKeys.length !== 1) throw new Error('the refused key was not deleted');
  });
  scene(`${lang}-renew-3-write-failed-then-finished`, async () => {
    await open('renew.html', { lang, scenario: 'writefail' }); await click(L.next); await click(L.choose); await pick('t-demo/'); await click(L.ok);
    await type('pin', '123456'); await click(L.doRenew); await waitFor(`document.querySelector('.alert')`, 15000);
    await shot(`${lang}-renew-3-write-failed`);
    await type('pin', '123456'); await click(L.finish); await waitFor(`document.querySelector('.panel.success')`, 15000);
  });
  scene(`${lang}-download-1-code`, async () => { await open('download.html', { lang }); });
  scene(`${lang}-download-1-wrong-code`, async () => {
    await open('download.html', { lang }); await type('referenceNumber', 'RA-2025-000123'); await type('authorizationCode', 'WRONG');
    await click(L.next); await waitFor(`document.querySelector('.alert')`);
  });
  scene(`${lang}-download-1-locked`, async () => {
    await open('download.html', { lang, scenario: 'lockedcode' }); await type('referenceNumber', 'RA-2025-000123'); await type('authorizationCode', 'ABCD-1234');
    await click(L.next); await waitFor(`document.querySelector('.alert')`);
  });
  scene(`${lang}-download-2-confirm`, async () => {
    await open('download.html', { lang }); await type('referenceNumber', 'RA-2025-000123'); await type('authorizationCode', 'ABCD-1234');
    await click(L.next); await waitFor(`document.querySelector('.card')`);
  });
  scene(`${lang}-download-3-key`, async () => {
    await open('download.html', { lang }); await type('referenceNumber', 'RA-2025-000123'); await type('authorizationCode', 'ABCD-1234');
    await click(L.next); await click(L.next); await waitFor(`document.querySelector('.tokens')`);
  });
  scene(`${lang}-download-4-done`, async () => {
    await open('download.html', { lang }); await type('referenceNumber', 'RA-2025-000123'); await type('authorizationCode', 'ABCD-1234');
    await click(L.next); await click(L.next); await type('pin', '123456'); await click(L.doDownload);
    await waitFor(`document.querySelector('.panel.success')`, 15000);
  });
}

await cdp('Page.enable');
await cdp('Runtime.enable');
await cdp('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
let failed = 0;
for (const { name, fn } of scenes) {
  if (filter && !name.includes(filter)) continue;
  try {
    await fn();
    await shot(name);
  } catch (e) {
    failed++;
    console.error(`${name}: ${e.message}`);
    await shot(`${name}-FAILED`).catch(() => {});
  }
}
ws.close();
chrome.kill();
process.exit(failed ? 1 : 0);
