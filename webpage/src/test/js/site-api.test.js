// The site API client: paths relative to the page, exact bodies, refusals as SiteError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSiteApi, SiteError } from '../../main/resources/public/js/site-api.js';

function fakeFetch(answer) {
  const calls = [];
  const fn = async (url, init) => {
    calls.push({ url, method: init.method, body: init.body === undefined ? undefined : JSON.parse(init.body) });
    const { status = 200, json, throws } = typeof answer === 'function' ? answer(url) : answer;
    if (throws) throw new TypeError('Failed to fetch');
    return { ok: status >= 200 && status < 300, status, json: async () => { if (json === undefined) throw new SyntaxError('no'); return json; } };
  };
  fn.calls = calls;
  return fn;
}

test('whenThePagesLiveUnderABasePath_thenTheApiIsCalledRelativeToThem', async () => {
  const fetch = fakeFetch({ json: { completed: true } });
  const api = createSiteApi({ fetch, base: 'https://update.example.gov.cn/ca/renew.html' });
  await api.completeRenewal('r-1/x', 'ab12');
  assert.deepEqual(fetch.calls[0], { url: 'https://update.example.gov.cn/ca/api/renewals/r-1%2Fx/completion', method: 'POST', body: { serialNumber: 'ab12' } });
});

test('whenEachCallIsMade_thenItSendsExactlyTheDocumentedFields', async () => {
  const fetch = fakeFetch({ json: {} });
  const api = createSiteApi({ fetch, base: 'http://localhost/' });
  await api.site();
  await api.createRenewal('MIIB');
  await api.issueRenewal('r-1', 'sig', 'csr');
  await api.checkDownload('RA-1', 'CODE');
  await api.issueDownload('RA-1', 'CODE', 'csr');
  await api.completeDownload('RA-1', 'ab');
  assert.deepEqual(fetch.calls.map((c) => [c.method, c.url.replace('http://localhost', ''), c.body]), [
    ['GET', '/api/site', undefined],
    ['POST', '/api/renewals', { certificate: 'MIIB' }],
    ['POST', '/api/renewals/r-1/certificate', { proof: 'sig', csr: 'csr' }],
    ['POST', '/api/downloads', { referenceNumber: 'RA-1', authorizationCode: 'CODE' }],
    ['POST', '/api/downloads/certificate', { referenceNumber: 'RA-1', authorizationCode: 'CODE', csr: 'csr' }],
    ['POST', '/api/downloads/completion', { referenceNumber: 'RA-1', serialNumber: 'ab' }],
  ]);
});

test('whenTheSiteRefuses_thenSiteErrorCarriesReasonMessageAndDetails', async () => {
  const api = createSiteApi({ base: 'http://localhost/', fetch: fakeFetch({ status: 403, json: {
    reason: 'CODE_INVALID', message: { zh: '授权码不正确', en: 'Wrong code' }, details: { attemptsLeft: 3 } } }) });
  const err = await api.checkDownload('a', 'b').catch((e) => e);
  assert.ok(err instanceof SiteError);
  assert.deepEqual([err.reason, err.localized.zh, err.details.attemptsLeft, err.status], ['CODE_INVALID', '授权码不正确', 3, 403]);
});

test('whenTheSiteCannotBeReachedOrAnswersNoRefusal_thenTheReasonSaysSo', async () => {
  const down = createSiteApi({ base: 'http://localhost/', fetch: fakeFetch({ throws: true }) });
  assert.equal((await down.site().catch((e) => e)).reason, 'NETWORK');
  const proxy = createSiteApi({ base: 'http://localhost/', fetch: fakeFetch({ status: 502 }) });
  const err = await proxy.site().catch((e) => e);
  assert.deepEqual([err.reason, err.status, err.localized], ['HTTP_502', 502, null]);
});
