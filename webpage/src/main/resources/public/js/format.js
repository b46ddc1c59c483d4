// Pure display logic: dates, subjects, certificate and key status. No DOM, testable in Node.

const pad = (n) => String(n).padStart(2, '0');

/**
 * An ISO-8601 instant as a local date, e.g. "2026-11-24"; '' when missing or malformed.
 * @param {string|null|undefined} iso
 * @returns {string}
 */
export function formatDate(iso) {
  const d = iso ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * An ISO-8601 instant as local date and time, e.g. "2026-11-24 19:56".
 * @param {string|null|undefined} iso
 * @returns {string}
 */
export function formatDateTime(iso) {
  const d = iso ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return '';
  return `${formatDate(iso)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Splits an RFC 4514 string into [type, value] pairs, in order, honouring backslash escapes.
 * @param {string} subject
 * @returns {Array<[string, string]>}
 */
export function parseSubject(subject) {
  const out = [];
  if (typeof subject !== 'string') return out;
  let part = '';
  const parts = [];
  for (let i = 0; i < subject.length; i++) {
    const c = subject[i];
    if (c === '\\' && i + 1 < subject.length) {
      part += c + subject[++i];
    } else if (c === ',' || c === '+') {
      parts.push(part);
      part = '';
    } else {
      part += c;
    }
  }
  parts.push(part);
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq <= 0) continue;
    const type = p.slice(0, eq).trim().toUpperCase();
    const value = p.slice(eq + 1).trim().replace(/\\([0-9a-fA-F]{2})|\\(.)/g, (m, hex, ch) => ch ?? String.fromCharCode(parseInt(hex, 16)));
    out.push([type, value]);
  }
  return out;
}

/**
 * The common name of a subject, or the whole subject when it has none.
 * @param {string} subject
 * @returns {string}
 */
export function commonName(subject) {
  const cn = parseSubject(subject).find(([type]) => type === 'CN');
  return cn ? cn[1] : (subject || '');
}

/**
 * How a certificate's status is shown (manual 1.1–1.3): valid (more than the warning days
 * left, no renewal needed), expiring (red, days left), expired (days since).
 * @param {{status: string, daysLeft: number}} cert
 * @returns {{kind: 'valid'|'expiring'|'expired', tone: 'ok'|'warn'|'bad', key: string, params: {days: number}}}
 */
export function certificateStatus(cert) {
  const days = Number.isFinite(cert && cert.daysLeft) ? cert.daysLeft : 0;
  switch (cert && cert.status) {
    case 'expired':
      return { kind: 'expired', tone: 'bad', key: 'status.expired', params: { days: Math.abs(days) } };
    case 'expiring':
      return { kind: 'expiring', tone: 'warn', key: days <= 0 ? 'status.expiringToday' : 'status.expiring', params: { days } };
    default:
      return { kind: 'valid', tone: 'ok', key: 'status.valid', params: { days } };
  }
}

/**
 * A token with no certificate: a formatted blank key that a download may fill.
 * @param {{certificates?: any[]}} token
 */
export function isBlankToken(token) {
  return !!token && Array.isArray(token.certificates) && token.certificates.length === 0;
}

/**
 * Notes about a token's PIN from its flags, as i18n keys.
 * @param {{pin?: {locked?: boolean, finalTry?: boolean, countLow?: boolean}}} token
 * @returns {string[]}
 */
export function pinNotes(token) {
  const pin = (token && token.pin) || {};
  if (pin.locked) return ['pin.note.locked'];
  if (pin.finalTry) return ['pin.note.finalTry'];
  if (pin.countLow) return ['pin.note.countLow'];
  return [];
}

/**
 * Whether a PIN typed on the page fits the token's limits (empty means: let the agent ask).
 * @param {string} pin
 * @param {{minLength?: number, maxLength?: number}} [limits]
 * @returns {boolean}
 */
export function pinLengthOk(pin, limits) {
  if (!pin) return true;
  const min = limits && Number.isFinite(limits.minLength) && limits.minLength > 0 ? limits.minLength : 1;
  const max = limits && Number.isFinite(limits.maxLength) && limits.maxLength > 0 ? limits.maxLength : Infinity;
  return pin.length >= min && pin.length <= max;
}

/**
 * The worst status among a list of tokens' certificates, for a one-line summary.
 * @param {Array<{certificates: Array<{status: string}>}>} tokens
 * @returns {'none'|'valid'|'expiring'|'expired'}
 */
export function worstStatus(tokens) {
  const rank = { valid: 1, expiring: 2, expired: 3 };
  let worst = 'none';
  let worstRank = 0;
  for (const token of tokens || []) {
    for (const cert of token.certificates || []) {
      const r = rank[cert.status] || 1;
      if (r > worstRank) { worstRank = r; worst = cert.status in rank ? cert.status : 'valid'; }
    }
  }
  return /** @type {any} */ (worst);
}
