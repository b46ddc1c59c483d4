// Every refusal says why and what to do: agent errors in our words by reason, site refusals in
// the site's words (in the user's language) plus what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainAgentError, explainSiteError } from '../../main/resources/public/js/explain.js';
import { AgentError, AGENT_REASONS, CLIENT_REASONS } from '../../main/resources/public/js/agent-client.js';
import { readFileSync } from 'node:fs';
import { SiteError } from '../../main/resources/public/js/site-api.js';
import { messages } from '../../main/resources/public/js/i18n.js';

const agent = (reason, data = {}) => new AgentError(reason, 'english detail', { code: 1, data });

test('whenThePinIsWrong_thenTheTriesLeftAreShown', () => {
  assert.equal(explainAgentError(agent('PIN_INCORRECT', { retriesLeft: 3, finalTry: false }), 'zh').text, '口令不正确，还可以再试 3 次。');
  assert.equal(explainAgentError(agent('PIN_INCORRECT', { retriesLeft: 3 }), 'en').text, 'Wrong PIN. 3 attempts left.');
  assert.equal(explainAgentError(agent('PIN_INCORRECT', { retriesLeft: null, finalTry: false }), 'zh').text, '口令不正确，请重新输入。');
  assert.equal(explainAgentError(agent('PIN_INCORRECT', { retriesLeft: 2 }), 'zh').tone, 'warn');
});

test('whenItIsTheFinalTry_thenTheUserIsWarnedTheKeyWillLock', () => {
  const e = explainAgentError(agent('PIN_INCORRECT', { retriesLeft: 1, finalTry: true }), 'zh');
  assert.match(e.text, /最后一次/);
  assert.match(e.text, /锁定/);
  assert.match(explainAgentError(agent('PIN_INCORRECT', { retriesLeft: null, finalTry: true }), 'en').text, /one more wrong PIN locks/);
});

test('whenThePinIsLockedOrHasTheWrongLength_thenTheUserLearnsWhatToDo', () => {
  assert.match(explainAgentError(agent('PIN_LOCKED'), 'zh').text, /锁定.*联系证书服务人员/);
  assert.equal(explainAgentError(agent('PIN_INVALID', { minLength: 6, maxLength: 16 }), 'zh').text,
    '口令长度应为 6–16 位，请检查后重新输入（本次不计入错误次数）。');
  assert.match(explainAgentError(agent('PIN_INVALID', { minLength: 4, maxLength: 8 }), 'en').text, /4–8 characters/);
});

test('whenTheKeyIsRemovedBusyOrCancelled_thenOurOwnWordsSaySo', () => {
  assert.match(explainAgentError(agent('TOKEN_NOT_FOUND'), 'zh').text, /拔出/);
  assert.match(explainAgentError(agent('TOKEN_NOT_FOUND'), 'en').text, /removed/);
  assert.match(explainAgentError(agent('TOKEN_BUSY'), 'en').text, /Another program/);
  assert.equal(explainAgentError(agent('CANCELLED_BY_USER'), 'zh').tone, 'warn');
  assert.match(explainAgentError(agent('TOKEN_ERROR', { ckr: 'CKR_DEVICE_REMOVED' }), 'en').text, /\(CKR_DEVICE_REMOVED\)/);
  assert.match(explainAgentError(agent('INVALID_PARAMS', { field: 'pin' }), 'zh').text, /口令框/);
});

test('whenAnyProtocolOrClientReasonComes_thenItHasItsOwnWordsInBothLanguages', () => {
  const generic = new Set(['PARSE_ERROR', 'INVALID_REQUEST', 'METHOD_NOT_FOUND', 'INVALID_PARAMS', 'INTERNAL_ERROR',
    'KEY_HAS_CERTIFICATE', 'MESSAGE_TOO_LARGE']);
  const reasons = [...Object.values(AGENT_REASONS), ...CLIENT_REASONS];
  for (const reason of reasons.filter((r) => !generic.has(r))) {
    for (const lang of ['zh', 'en']) {
      const text = explainAgentError(agent(reason, { minLength: 4, maxLength: 8 }), lang).text;
      assert.ok(!text.includes(reason), `${reason} (${lang}) falls back to the generic text`);
      assert.ok(!/\{\w+\}/.test(text), `${reason} (${lang}) has an unfilled parameter: ${text}`);
    }
  }
  // The rest still say what to do, and name the reason for the service staff.
  assert.match(explainAgentError(agent('KEY_HAS_CERTIFICATE'), 'zh').text, /KEY_HAS_CERTIFICATE.*联系证书服务人员/);
  assert.match(explainAgentError({}, 'en').text, /UNKNOWN/);
});

test('whenTheKeysTriesAreLow_thenThePageSaysThePinWasNotTried', () => {
  const low = explainAgentError(agent('PIN_TRIES_LOW', { finalTry: false, countLow: true }), 'zh');
  assert.match(low.text, /剩余次数不多.*没有提交.*错误次数没有变化/);
  assert.equal(low.tone, 'bad');
  assert.match(explainAgentError(agent('PIN_TRIES_LOW', { finalTry: true, countLow: true }), 'zh').text, /最后一次机会.*没有提交/);
  assert.match(explainAgentError(agent('PIN_TRIES_LOW', { finalTry: true }), 'en').text, /Only one PIN attempt.*was not tried/);
});

test('whenAV2AgentRefusesAPagePinOrHasTooManyWindows_thenTheUserIsToldWhereToLook', () => {
  const inAgent = explainAgentError(agent('PIN_ENTRY_IN_AGENT'), 'zh');
  assert.match(inAgent.text, /在弹出的 UKey 助手窗口中输入口令/);
  assert.equal(inAgent.tone, 'warn');
  assert.match(explainAgentError(agent('PIN_ENTRY_IN_AGENT'), 'en').text, /UKey Bridge window that opens/);
  assert.match(explainAgentError(agent('TOO_MANY_DIALOGS'), 'zh').text, /多个窗口/);
  assert.match(explainAgentError(agent('ISSUER_MISMATCH'), 'zh').text, /原证书没有改变/);
  assert.match(explainAgentError(agent('KEY_NOT_CREATED_HERE'), 'en').text, /nothing on the UKey changed/);
});

test('whenDocsAgentClientMdWordsTheV2Reasons_thenItQuotesThePagesExactly', () => {
  const doc = readFileSync(new URL('../../../../docs/agent-client.md', import.meta.url), 'utf8');
  for (const reason of ['PIN_ENTRY_IN_AGENT', 'ISSUER_MISMATCH', 'KEY_NOT_CREATED_HERE', 'TOO_MANY_DIALOGS']) {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${reason}\` |`));
    assert.ok(row, `docs/agent-client.md has a row for ${reason}`);
    const [, zh, en] = row.replace(/ \|$/, '').split(' | ');
    assert.equal(zh, messages.zh[`err.agent.${reason}`], `${reason} zh`);
    assert.equal(en, messages.en[`err.agent.${reason}`], `${reason} en`);
  }
  assert.ok(doc.includes(messages.zh['pin.inAgent']) && doc.includes(messages.en['pin.inAgent']));
});

test('whenTheSiteRefuses_thenItsMessageIsShownInTheUsersLanguage', () => {
  const err = new SiteError('CERTIFICATE_REVOKED', { zh: '证书已吊销。', en: 'The certificate is revoked.' }, {}, 409);
  assert.equal(explainSiteError(err, 'zh').text, '证书已吊销。');
  assert.equal(explainSiteError(err, 'en').text, 'The certificate is revoked.');
  assert.deepEqual(explainSiteError(err, 'en').hints, [messages.en['hint.contactService']]);
});

test('whenTheSiteGivesNoMessage_thenOurOwnWordsAreUsed', () => {
  assert.equal(explainSiteError(new SiteError('NETWORK', null), 'zh').text, messages.zh['err.site.NETWORK']);
  assert.equal(explainSiteError(new SiteError('HTTP_502', null), 'en').text,
    'The site refused the request (HTTP_502). Please reload the page and try again.');
  assert.equal(explainSiteError(new SiteError('OUTSIDE_RENEWAL_WINDOW', null), 'zh', { renewal: { daysBefore: 60, daysAfter: 200 } }).text,
    '这张证书现在不能更新：只能在到期前 60 天至到期后 200 天内更新。');
});

test('whenOutsideTheRenewalWindow_thenTheWindowsDatesAreShown', () => {
  const details = { notAfter: '2027-12-30T12:00:00Z', windowStart: '2027-10-01T12:00:00Z', windowEnd: '2028-10-25T12:00:00Z' };
  const e = explainSiteError(new SiteError('OUTSIDE_RENEWAL_WINDOW', null, details, 409), 'zh');
  assert.equal(e.hints[0], '更新期：2027-10-01 至 2028-10-25（证书失效时间 2027-12-30）。');
  assert.equal(e.hints[1], messages.zh['hint.chooseAnother']);
  // The site's own message states the dates already: they are not repeated below it.
  const fromSite = explainSiteError(new SiteError('OUTSIDE_RENEWAL_WINDOW',
    { zh: '所选证书不在更新期内……即2027-10-01至2028-10-25。', en: 'Not now.' }, details, 409), 'zh');
  assert.equal(fromSite.text, '所选证书不在更新期内……即2027-10-01至2028-10-25。');
  assert.deepEqual(fromSite.hints, [messages.zh['hint.chooseAnother']]);
});

test('whenTheCodeIsWrong_thenTheAttemptsLeftAreShown', () => {
  const e = explainSiteError(new SiteError('CODE_INVALID', null, { attemptsLeft: 2 }, 403), 'zh');
  assert.deepEqual(e.hints, ['还可以再试 2 次。']);
  // The site's own message says how many tries are left: not said twice.
  const fromSite = explainSiteError(new SiteError('CODE_INVALID', { zh: '业务参考号或授权码不正确，还可以再试2次。', en: '…' },
    { attemptsLeft: 2 }, 403), 'zh');
  assert.deepEqual([fromSite.text, fromSite.hints], ['业务参考号或授权码不正确，还可以再试2次。', []]);
  const en = explainSiteError(new SiteError('CODE_INVALID', null, { attemptsLeft: 1 }, 403), 'en');
  assert.deepEqual([en.text, en.hints], ['The reference number or authorization code is wrong.', ['1 attempt left.']]);
});

test('whenTheCodeIsLockedExpiredOrUsed_thenTheUserIsSentToTheRaCentre', () => {
  for (const reason of ['CODE_LOCKED', 'CODE_EXPIRED', 'CODE_USED']) {
    const e = explainSiteError(new SiteError(reason, null, {}, 409), 'zh');
    assert.equal(e.text, messages.zh[`err.site.${reason}`]);
    assert.deepEqual(e.hints, [messages.zh['hint.contactRa']]);
  }
});
