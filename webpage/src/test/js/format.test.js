// Certificate and key status as the old system showed it (manual 1.1–1.3), subjects and dates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  certificateStatus, commonName, parseSubject, formatDate, formatDateTime, isBlankToken, pinNotes, pinLengthOk, worstStatus,
} from '../../main/resources/public/js/format.js';
import { t } from '../../main/resources/public/js/i18n.js';

const show = (cert, lang) => { const s = certificateStatus(cert); return [s.tone, t(s.key, s.params, lang)]; };

test('whenACertificateIsValid_thenGreenWithDaysLeft', () => {
  assert.deepEqual(show({ status: 'valid', daysLeft: 400 }, 'zh'), ['ok', '有效，剩余 400 天']);
});

test('whenACertificateIsExpiring_thenRedWithDaysLeft', () => {
  assert.deepEqual(show({ status: 'expiring', daysLeft: 30 }, 'zh'), ['warn', '即将到期，剩余 30 天']);
  assert.deepEqual(show({ status: 'expiring', daysLeft: 30 }, 'en'), ['warn', 'Expires soon: 30 days left']);
  assert.deepEqual(show({ status: 'expiring', daysLeft: 0 }, 'zh'), ['warn', '今天到期']);
});

test('whenACertificateIsExpired_thenDaysSinceArePositive', () => {
  assert.deepEqual(show({ status: 'expired', daysLeft: -40 }, 'zh'), ['bad', '已过期 40 天']);
  assert.deepEqual(show({ status: 'expired', daysLeft: -1 }, 'en'), ['bad', 'Expired 1 day ago']);
});

test('whenTheStatusIsUnknown_thenItIsShownAsValidNotAsAnError', () => {
  assert.equal(certificateStatus({ status: 'odd', daysLeft: 5 }).kind, 'valid');
  assert.equal(certificateStatus({}).kind, 'valid');
});

test('whenASubjectHasEscapesAndChinese_thenTheCommonNameIsRight', () => {
  assert.equal(commonName('CN=张三,OU=财务科,O=山东省某某中心,C=CN'), '张三');
  assert.equal(commonName('O=Acme\\, Inc.,CN=Zhang\\2C San'), 'Zhang, San');
  assert.deepEqual(parseSubject('CN=a+SERIALNUMBER=1, O = b '), [['CN', 'a'], ['SERIALNUMBER', '1'], ['O', 'b']]);
  assert.equal(commonName('O=No CN'), 'O=No CN');
  assert.equal(commonName(undefined), '');
});

test('whenDatesAreMalformed_thenNothingIsShown', () => {
  assert.equal(formatDate('nope'), '');
  assert.equal(formatDate(null), '');
  assert.match(formatDate('2026-11-24T19:56:49Z'), /^2026-11-2[45]$/);
  assert.match(formatDateTime('2026-11-24T19:56:49Z'), /^2026-11-2[45] \d\d:56$/);
});

test('whenATokenHasNoCertificate_thenItIsBlank', () => {
  assert.equal(isBlankToken({ certificates: [] }), true);
  assert.equal(isBlankToken({ certificates: [{}] }), false);
  assert.equal(isBlankToken(null), false);
});

test('whenThePinFlagsWarn_thenTheWorstNoteIsShown', () => {
  assert.deepEqual(pinNotes({ pin: { locked: true, finalTry: true } }), ['pin.note.locked']);
  assert.deepEqual(pinNotes({ pin: { finalTry: true, countLow: true } }), ['pin.note.finalTry']);
  assert.deepEqual(pinNotes({ pin: { countLow: true } }), ['pin.note.countLow']);
  assert.deepEqual(pinNotes({ pin: {} }), []);
});

test('whenAPinIsTyped_thenItsLengthIsCheckedAgainstTheTokenLimits', () => {
  const limits = { minLength: 6, maxLength: 8 };
  assert.equal(pinLengthOk('', limits), true, 'empty: the agent asks');
  assert.equal(pinLengthOk('12345', limits), false);
  assert.equal(pinLengthOk('123456', limits), true);
  assert.equal(pinLengthOk('123456789', limits), false);
  assert.equal(pinLengthOk('1', {}), true);
});

test('whenKeysHoldSeveralCertificates_thenTheWorstStatusSummarises', () => {
  const tok = (...statuses) => ({ certificates: statuses.map((status) => ({ status })) });
  assert.equal(worstStatus([]), 'none');
  assert.equal(worstStatus([tok()]), 'none');
  assert.equal(worstStatus([tok('valid')]), 'valid');
  assert.equal(worstStatus([tok('valid', 'expiring'), tok('valid')]), 'expiring');
  assert.equal(worstStatus([tok('expiring'), tok('expired')]), 'expired');
});
