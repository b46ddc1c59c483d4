// The site's HTTP API (docs/site-api.md). Paths are relative to the page, so the pages work
// under any basePath as long as they are served at its root.

/**
 * A refusal of the site (`reason`, `message` {zh, en}, `details`) or a failure to reach it
 * (reason NETWORK, or HTTP_<status> when the answer is not a refusal object).
 */
export class SiteError extends Error {
  /**
   * @param {string} reason
   * @param {{zh?: string, en?: string}|null} message
   * @param {Object<string, any>} [details]
   * @param {number} [status]
   */
  constructor(reason, message, details = {}, status = 0) {
    super((message && (message.en || message.zh)) || reason);
    this.name = 'SiteError';
    this.reason = reason;
    this.localized = message || null;
    this.details = details || {};
    this.status = status;
  }
}

/**
 * @typedef {{certificate: string, serialNumber: string, subject: string, notBefore: string,
 *   notAfter: string, validityDays: number}} IssuedCertificate
 * @typedef {{renewalId: string, challenge: string, expiresAt: string, proofAlgorithm: string,
 *   profile: {subject: string, validityDays: number, keyAlgorithm: string},
 *   window: {start: string, end: string}, pending: IssuedCertificate|null}} Renewal
 * @typedef {{subject: string, validityDays: number, keyAlgorithm: string, expiresAt: string}} DownloadAuthorization
 * @typedef {{agentUrls: string[], installerUrl: string,
 *   renewal: {daysBefore: number, daysAfter: number, validityDays: number},
 *   download: {validityDays: number}}} SiteInfo
 */

/**
 * @param {{fetch?: typeof fetch, base?: string}} [options] base: the URL the paths are relative to
 */
export function createSiteApi({ fetch: fetchFn = (...a) => globalThis.fetch(...a), base } = {}) {
  const baseUrl = base || (typeof document !== 'undefined' ? document.baseURI : 'http://localhost/');

  async function request(method, path, body) {
    let response;
    try {
      response = await fetchFn(new URL(path, baseUrl).href, {
        method,
        headers: body === undefined ? { Accept: 'application/json' }
          : { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'same-origin',
      });
    } catch (e) {
      throw new SiteError('NETWORK', null, { cause: String(e && e.message) });
    }
    let json = null;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    if (response.ok && json !== null) return json;
    if (json && typeof json.reason === 'string') {
      throw new SiteError(json.reason, json.message || null, json.details || {}, response.status);
    }
    throw new SiteError(response.ok ? 'BAD_ANSWER' : `HTTP_${response.status}`, null, {}, response.status);
  }

  return {
    /** @returns {Promise<SiteInfo>} */
    site: () => request('GET', 'api/site'),
    /** @param {string} certificate base64 DER @returns {Promise<Renewal>} */
    createRenewal: (certificate) => request('POST', 'api/renewals', { certificate }),
    /** @returns {Promise<IssuedCertificate>} */
    issueRenewal: (renewalId, proof, csr) =>
      request('POST', `api/renewals/${encodeURIComponent(renewalId)}/certificate`, { proof, csr }),
    /** @returns {Promise<{completed: true}>} */
    completeRenewal: (renewalId, serialNumber) =>
      request('POST', `api/renewals/${encodeURIComponent(renewalId)}/completion`, { serialNumber }),
    /** @returns {Promise<DownloadAuthorization>} */
    checkDownload: (referenceNumber, authorizationCode) =>
      request('POST', 'api/downloads', { referenceNumber, authorizationCode }),
    /** @returns {Promise<IssuedCertificate>} */
    issueDownload: (referenceNumber, authorizationCode, csr) =>
      request('POST', 'api/downloads/certificate', { referenceNumber, authorizationCode, csr }),
    /** @returns {Promise<{completed: true}>} */
    completeDownload: (referenceNumber, serialNumber) =>
      request('POST', 'api/downloads/completion', { referenceNumber, serialNumber }),
  };
}
