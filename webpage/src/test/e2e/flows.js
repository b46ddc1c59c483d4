// The clerk's two flows through the real pages, in one browser: renewal (更新用户证书) and
// download (下载用户证书), each to its end through protocol v2, then checked on the token with
// pkcs11-tool and on the site; and that the page cannot reach the agent unless its root is
// trusted. With `agentDialogs` the agent has a display (Xvfb) and the PIN is typed into its own
// dialog, the pages showing no PIN field; without, a headless agent with pagePin takes the PIN
// from the page and refuses it once the key reports a wrong PIN before (PIN_TRIES_LOW).
// chromium.test.js and firefox.test.js run these, one browser per process (in parallel).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  createWorld, clearScreenshots, screenshots, openPage, clickText, clickFound, byText, waitUntil, textOf, listObjects,
  readCertificate, siteApi, launchUntrustedBrowser, typePinInAgentDialog, allowInAgentDialog, pkcs11Tool, run,
  PIN, CLERK_TOKEN, BLANK_TOKEN, CLERK_SUBJECT, DOWNLOAD_SUBJECT, SOFTHSM_MODULE,
} from './harness.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const WRONG_PIN = '654321';
const SITE_CA = 'CN=UKey Bridge Update Site CA';
const IN_AGENT = '请在弹出的 UKey 助手窗口中输入口令';

/** The facts (dt → dd text) of the success panel. */
async function resultFacts(page) {
  return page.$$eval('.panel.success .fact', (rows) => Object.fromEntries(rows.map((row) =>
    [row.querySelector('dt').innerText.trim(), row.querySelector('dd').innerText.trim()])));
}

const hex = (s) => s.toLowerCase().replace(/^0+(?=.)/, '');

/** After a flow: the token holds exactly this certificate, and its key pair under the same CKA_ID. */
async function assertTokenHolds(world, tokenLabel, { serial, subject, validityDays, notSerial }) {
  const { objects, text } = await listObjects(world, tokenLabel);
  const certs = objects.filter((o) => o.kind === 'cert');
  assert.equal(certs.length, 1, `one certificate on ${tokenLabel}:\n${text}`);
  const [cert] = certs;
  assert.equal(hex(cert.serial), hex(serial), `the certificate on ${tokenLabel} is the one the page showed:\n${text}`);
  if (notSerial) assert.ok(!objects.some((o) => o.serial && hex(o.serial) === hex(notSerial)), `the old certificate is gone:\n${text}`);
  assert.ok(cert.id, `the certificate has a CKA_ID:\n${text}`);
  assert.deepEqual(objects.map((o) => `${o.kind} ${o.id}`).sort(),
    [`cert ${cert.id}`, `private ${cert.id}`, `public ${cert.id}`],
    `only the new certificate and its key pair, under one ID, are on ${tokenLabel}:\n${text}`);

  const read = await readCertificate(world, tokenLabel, cert.id);
  assert.equal(read.serial, hex(serial));
  assert.equal(read.subject, subject);
  assert.equal(read.issuer, SITE_CA);
  assert.equal(Math.round((read.notAfter - read.notBefore) / DAY_MS), validityDays);
  assert.ok(read.publicKeyMatchesToken, 'the certificate carries the public key on the token');
}

/** Whether the token's flags say "user PIN count low" (pkcs11-tool -L), without logging in. */
async function pinCountLow(world, tokenLabel) {
  const { stdout } = await run('pkcs11-tool', ['--module', SOFTHSM_MODULE, '-L'], { env: world.env });
  const slot = stdout.split(/\n(?=Slot )/).find((part) => part.includes(`token label        : ${tokenLabel}`));
  assert.ok(slot, `slot of ${tokenLabel}:\n${stdout}`);
  return /user PIN count low/.test(slot);
}

/**
 * Defines the suite for one browser.
 * @param {'chromium'|'firefox'} browserName
 * @param {{agentDialogs?: boolean}} [options] the agent asks the PIN in its own dialog (Xvfb)
 */
export function defineFlows(browserName, { agentDialogs = false } = {}) {
  let world;

  before(async () => {
    clearScreenshots(browserName);
    world = await createWorld(browserName, { agentDialogs });
  }, { timeout: 600_000 });

  /** Clicks the page's button, then answers the agent's PIN dialog while the page says where to type. */
  async function clickAndTypePinInAgent(page, button, pin, shot, name) {
    await clickText(page, 'button', button);
    await waitUntil(page, 'the page to point at the agent\'s PIN window',
      (text) => document.querySelector('.pin-in-agent')?.innerText.includes(text), IN_AGENT);
    if (shot) await shot(page, name);
    await typePinInAgentDialog(world, pin);
  }

  after(async () => {
    if (world) await world.close();
  }, { timeout: 180_000 });

  /** Marks the world failed (logs and temp folder kept) when the test body throws. */
  const step = (fn) => async (t) => {
    try {
      await fn(t);
    } catch (e) {
      world.failed = true;
      throw e;
    }
  };

  if (!agentDialogs) {
    test(`${browserName}: a site configured for another origin refuses the agent's proof, and the new key is taken off again`, { timeout: 600_000 }, step(async () => {
      const page = await openPage(world);
      const shot = screenshots(world, 'other-origin');
      const before = await listObjects(world, CLERK_TOKEN);

      await page.goto(`${world.otherOrigin}/renew.html`, { waitUntil: 'load' });
      await clickText(page, 'button', '下一步');
      await waitUntil(page, 'the keys to be listed',
        (key) => document.querySelector('.tokens')?.innerText.includes(key), CLERK_TOKEN);
      await clickText(page, 'button', '选择证书');
      await clickFound(page, 'the clerk\'s certificate', () => document.querySelector('.chooser input[type=radio]'), []);
      await clickText(page, '.chooser button', '确定');
      await waitUntil(page, 'the PIN field', () => document.querySelector('#pin') && document.querySelector('.card.new'));
      await page.type('#pin', PIN);
      await clickText(page, 'button', '更新');
      // The agent bound the proof to this page's origin; the site rebuilds it with its siteOrigin.
      await waitUntil(page, 'the site to refuse the proof', () => document.querySelector('.alert[role=alert]'), undefined, 120_000);
      const refusal = await textOf(page, '.alert[role=alert]');
      await shot(page, 'refused');
      assert.match(refusal, /无法证明UKey中持有所选证书的私钥/, refusal);
      assert.match(refusal, /已在 UKey 中删除本次生成的新密钥/, refusal);

      const after = await listObjects(world, CLERK_TOKEN);
      assert.deepEqual(after.objects.map((o) => `${o.kind} ${o.id}`).sort(), before.objects.map((o) => `${o.kind} ${o.id}`).sort(),
        `the key holds what it held before:\n${after.text}`);
      const issued = await fetch(`${world.otherOrigin}/api/renewals`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ certificate: world.oldCertificateDer.toString('base64') }),
      }).then((r) => r.json());
      assert.equal(issued.pending, null, 'nothing was issued');
      await page.close();
    }));
  }

  test(`${browserName}: renewal through the pages puts a new certificate on the clerk's key`, { timeout: 600_000 }, step(async () => {
    const page = await openPage(world);
    const shot = screenshots(world, 'renew');

    await page.goto(world.siteUrl, { waitUntil: 'load' });
    await waitUntil(page, 'the start page to show the agent connected and the clerk\'s key',
      (key) => document.querySelector('.agent-line.ok') && document.querySelector('main').innerText.includes(key), CLERK_TOKEN);
    const home = await textOf(page, 'main');
    assert.match(home, /已连接 UKey 助手/);
    assert.match(home, /即将到期，剩余 (29|30) 天/, 'the old certificate shows as expiring');
    await shot(page, 'start');

    await clickText(page, 'main a.btn', '更新用户证书', { navigates: true });
    await byText(page, 'button', '下一步');
    assert.match(await textOf(page, 'main'), /1820 天/);
    await shot(page, 'intro');

    await clickText(page, 'button', '下一步');
    await waitUntil(page, 'the keys to be listed',
      (key) => document.querySelector('.agent-line.ok') && document.querySelector('.tokens')?.innerText.includes(key), CLERK_TOKEN);
    await shot(page, 'keys');

    await clickText(page, 'button', '选择证书');
    await clickFound(page, 'the clerk\'s certificate in the chooser', () => document.querySelector('.chooser input[type=radio]'), []);
    assert.equal(await page.$$eval('.chooser input[type=radio]', (r) => r.length), 1, 'only the clerk\'s certificate is offered');
    assert.ok(await page.$eval('.chooser input[type=radio]', (r) => r.checked));
    await shot(page, 'choose-certificate');

    await clickText(page, '.chooser button', '确定');
    await waitUntil(page, 'the site\'s answer (the new certificate\'s profile) and where the PIN goes',
      (dialogs) => document.querySelector(dialogs ? '.pin-in-agent-note' : '#pin') && document.querySelector('.card.new'), agentDialogs);
    const confirm = await textOf(page, 'main');
    assert.ok(confirm.includes(CLERK_SUBJECT), 'the subject of the new certificate');
    assert.ok(confirm.includes(world.oldSerial), 'the current certificate\'s serial');
    assert.match(confirm, /1820 天/);
    await shot(page, 'confirm');

    if (agentDialogs) {
      assert.equal(await page.$('#pin'), null, 'no PIN field: the agent asks in its own window');
      // A wrong PIN first, typed into the agent's dialog: the key refuses it, the page says so.
      await clickAndTypePinInAgent(page, '更新', WRONG_PIN, shot, 'pin-in-agent');
      await waitUntil(page, 'the wrong PIN to be refused', () => document.querySelector('.alert[role=alert]'));
      assert.match(await textOf(page, '.alert[role=alert]'), /口令不正确/);
      await shot(page, 'wrong-pin');
      // Then the right one; the agent asks consent for the new key and for replacing the certificate.
      await clickAndTypePinInAgent(page, '更新', PIN);
      await allowInAgentDialog(world);
      await allowInAgentDialog(world);
    } else {
      // A wrong PIN first: the key itself refuses it, the page says so and nothing changes.
      await page.type('#pin', WRONG_PIN);
      await clickText(page, 'button', '更新');
      await waitUntil(page, 'the wrong PIN to be refused', () => document.querySelector('.alert[role=alert]'));
      assert.match(await textOf(page, '.alert[role=alert]'), /口令不正确/);
      assert.equal(await page.$eval('#pin', (i) => i.value), '', 'the PIN field is cleared');
      await shot(page, 'wrong-pin');
      assert.ok(await pinCountLow(world, CLERK_TOKEN), 'the key reports a wrong PIN before');

      // Now the key's tries are low: the agent does not try a PIN from the page, even the right one.
      await page.type('#pin', PIN);
      await clickText(page, 'button', '更新');
      await waitUntil(page, 'the page PIN to be refused untried',
        () => /没有提交/.test(document.querySelector('.alert[role=alert]')?.innerText || ''));
      await shot(page, 'pin-tries-low');
      assert.ok(await pinCountLow(world, CLERK_TOKEN), 'the key\'s counter was not touched');

      // The RA centre logs in with the right PIN (which clears the flag); the page PIN works again.
      await pkcs11Tool(world, CLERK_TOKEN, ['--login', '--pin', PIN, '--list-objects']);
      assert.equal(await pinCountLow(world, CLERK_TOKEN), false);
      await page.type('#pin', PIN);
      await shot(page, 'pin');
      await clickText(page, 'button', '更新');
    }
    await waitUntil(page, 'the renewal to finish', () => document.querySelector('.panel.success'), undefined, 120_000);
    const facts = await resultFacts(page);
    await shot(page, 'done');
    assert.match(await textOf(page, '.panel.success h2'), /证书更新成功/);
    assert.ok(facts['证书名称（主题）'].includes(CLERK_SUBJECT), JSON.stringify(facts));
    assert.equal(facts['有效期'], '1820 天');
    const serial = facts['证书序列号'];
    assert.match(serial, /^[0-9a-f]+$/);
    assert.notEqual(hex(serial), hex(world.oldSerial));

    await assertTokenHolds(world, CLERK_TOKEN, { serial, subject: CLERK_SUBJECT, validityDays: 1820, notSerial: world.oldSerial });

    // The site recorded the completion: the old certificate is done with.
    const again = await siteApi(world, '/api/renewals', { certificate: world.oldCertificateDer.toString('base64') });
    assert.equal(again.status, 409);
    assert.equal(again.body.reason, 'CERTIFICATE_ALREADY_RENEWED');
    assert.equal(hex(again.body.details.serialNumber), hex(serial));

    await clickText(page, 'a.btn', '返回首页', { navigates: true });
    await waitUntil(page, 'the start page to list the new certificate',
      (s) => document.querySelector('.agent-line.ok') && document.querySelector('.tokens')?.innerText.includes(s)
        && !document.querySelector('.tokens').innerText.includes('即将到期'), CLERK_SUBJECT);
    assert.match(await textOf(page, '.tokens'), /有效，剩余 18(19|20) 天/);
    await shot(page, 'start-after');
    await page.close();
  }));

  test(`${browserName}: download through the pages puts the authorized certificate on a blank key`, { timeout: 600_000 }, step(async () => {
    const page = await openPage(world);
    const shot = screenshots(world, 'download');
    const { referenceNumber, authorizationCode } = world.authorization;

    await page.goto(world.siteUrl, { waitUntil: 'load' });
    await waitUntil(page, 'the start page to show the blank key',
      (key) => document.querySelector('.agent-line.ok') && document.querySelector('main').innerText.includes(key), BLANK_TOKEN);
    await shot(page, 'start');

    await clickText(page, 'main a.btn', '下载用户证书', { navigates: true });
    await waitUntil(page, 'the form', () => document.querySelector('#ref') && document.querySelector('#code'));
    await shot(page, 'code');

    // A mistyped code first: the site counts the try and says how many are left.
    await page.type('#ref', referenceNumber);
    await page.type('#code', 'AAAA-BBBB-CCCC-DDDD');
    await clickText(page, 'button', '下一步');
    await waitUntil(page, 'the wrong code to be refused', () => document.querySelector('.alert[role=alert]'));
    const refusal = await textOf(page, '.alert[role=alert]');
    assert.match(refusal, /参考号或授权码不正确/);
    assert.equal(refusal.match(/还可以再试\s*4\s*次/g)?.length, 1, `the tries left, said once:\n${refusal}`);
    await shot(page, 'wrong-code');

    await page.$eval('#code', (input) => { input.value = ''; });
    await page.type('#code', authorizationCode);
    await shot(page, 'code-entered');

    await clickText(page, 'button', '下一步');
    await waitUntil(page, 'the authorized subject', () => document.querySelector('.card.new'));
    const confirm = await textOf(page, 'main');
    assert.ok(confirm.includes(DOWNLOAD_SUBJECT), confirm);
    assert.match(confirm, /1822 天/);
    await shot(page, 'confirm');

    await clickText(page, 'button', '下一步');
    await waitUntil(page, 'the keys to pick from',
      (dialogs) => document.querySelectorAll('.tokens input[type=radio]').length >= 2
        && document.querySelector(dialogs ? '.pin-in-agent-note' : '#pin'), agentDialogs);
    const keyRadio = (key) => [...document.querySelectorAll('.tokens li.token')]
      .find((li) => li.querySelector('.token-name').textContent === key)?.querySelector('input[type=radio]');
    await clickFound(page, 'the blank key', keyRadio, [BLANK_TOKEN]);
    const picks = await page.$$eval('.tokens li.token', (items) => Object.fromEntries(items.map((li) => {
      const radio = li.querySelector('input[type=radio]');
      return [li.querySelector('.token-name').textContent, { checked: radio.checked, disabled: radio.disabled }];
    })));
    assert.deepEqual(picks, {
      [BLANK_TOKEN]: { checked: true, disabled: false },
      [CLERK_TOKEN]: { checked: false, disabled: true }, // it holds a certificate: not for a download
    });
    await shot(page, 'choose-key');

    if (agentDialogs) {
      assert.equal(await page.$('#pin'), null, 'no PIN field: the agent asks in its own window');
      await clickAndTypePinInAgent(page, '下载', PIN, shot, 'pin-in-agent');
      await allowInAgentDialog(world);
      await allowInAgentDialog(world);
    } else {
      await page.type('#pin', PIN);
      await shot(page, 'pin');
      await clickText(page, 'button', '下载');
    }
    await waitUntil(page, 'the download to finish', () => document.querySelector('.panel.success'), undefined, 120_000);
    const facts = await resultFacts(page);
    await shot(page, 'done');
    assert.match(await textOf(page, '.panel.success h2'), /证书下载成功/);
    assert.ok(facts['证书名称（主题）'].includes(DOWNLOAD_SUBJECT), JSON.stringify(facts));
    assert.equal(facts['有效期'], '1822 天');
    const serial = facts['证书序列号'];
    assert.match(serial, /^[0-9a-f]+$/);

    await assertTokenHolds(world, BLANK_TOKEN, { serial, subject: DOWNLOAD_SUBJECT, validityDays: 1822 });

    // The site recorded the completion: the code is spent.
    const again = await siteApi(world, '/api/downloads', { referenceNumber, authorizationCode });
    assert.equal(again.status, 409);
    assert.equal(again.body.reason, 'CODE_USED');

    await clickText(page, 'a.btn', '返回首页', { navigates: true });
    await waitUntil(page, 'the start page to list the downloaded certificate',
      (s) => document.querySelector('.agent-line.ok') && document.querySelector('main').innerText.includes(s), DOWNLOAD_SUBJECT);
    await shot(page, 'start-after');
    await page.close();
  }));

  test(`${browserName}: without the agent's root in its store the browser cannot reach the agent`, { timeout: 300_000 }, step(async () => {
    const browser = await launchUntrustedBrowser(world);
    try {
      const page = await openPage({ browser });
      const shot = screenshots(world, 'untrusted');
      await page.goto(world.siteUrl, { waitUntil: 'load' });
      await waitUntil(page, 'the page to give up on the agent', () => document.querySelector('.alert-panel'), undefined, 60_000);
      assert.match(await textOf(page, 'main'), /未检测到 UKey 助手/);
      await shot(page, 'start');
    } finally {
      await browser.close();
    }
  }));
}
