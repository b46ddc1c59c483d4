// A GM key's two certificates as one pair, and the dual write (issue 11).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairCertificates, writeIssued, isEncryption } from '../../main/resources/public/js/gm-pair.js';

const signing = { certId: 's1', keyId: 'c1', subject: 'CN=李四', usage: 'signing', notBefore: '2024-01-01T00:00:00Z', notAfter: '2027-01-01T00:00:00Z' };
const encryption = { certId: 'e1', keyId: 'c1', subject: 'CN=李四', usage: 'encryption', notBefore: '2024-01-01T00:00:00Z', notAfter: '2027-01-01T00:00:00Z' };
const ec = { certId: 'p1', subject: 'CN=张三' };

test('whenATokenHoldsAGmPair_thenItIsOneEntryWithBothCertificates', () => {
  assert.deepEqual(pairCertificates([encryption, ec, signing]), [
    { signing: ec, encryption: null },
    { signing, encryption },
  ]);
});

test('whenTheAgentNamesNoKeyId_thenThePairIsFoundBySubject', () => {
  const s = { ...signing, keyId: undefined };
  const e = { ...encryption, keyId: undefined };
  const other = { ...encryption, certId: 'e2', subject: 'CN=王五', keyId: undefined };
  assert.deepEqual(pairCertificates([s, other, e]), [{ signing: s, encryption: e }, { signing: other, encryption: null }]);
});

test('whenTwoContainersHaveTheSameSubject_thenEachEncryptionCertificateJoinsItsOwnContainer', () => {
  const s2 = { ...signing, certId: 's2', keyId: 'c2' };
  const e2 = { ...encryption, certId: 'e2', keyId: 'c2' };
  assert.deepEqual(pairCertificates([signing, s2, e2, encryption]), [{ signing, encryption }, { signing: s2, encryption: e2 }]);
});

test('whenAnEncryptionCertificateHasNoSigningOne_thenItIsStillShown', () => {
  assert.deepEqual(pairCertificates([encryption]), [{ signing: encryption, encryption: null }]);
  assert.equal(isEncryption(encryption), true);
  assert.equal(isEncryption(ec), false);
});

function recordingClient(failOn) {
  const calls = [];
  return {
    calls,
    async writeCert(tokenId, certificate, options) {
      calls.push([tokenId, certificate, options]);
      if (calls.length === failOn) throw new Error('WRITE_FAILED');
      return { certId: `new${calls.length}` };
    },
  };
}

test('whenADualIssueIsWritten_thenTheSigningCertificateReplacesTheOldOneAndTheEncryptionOneComesWithItsEnvelope', async () => {
  const client = recordingClient(0);
  await writeIssued(client, 'tok', { certificate: 'U0lH', encryptionCertificate: { certificate: 'RU5D' }, envelopedKey: 'RU5W' },
    { replaces: 's1' });
  assert.deepEqual(client.calls, [
    ['tok', 'U0lH', { replaces: 's1' }],
    ['tok', 'RU5D', { usage: 'encryption', keyId: 'new1', envelopedKey: 'RU5W', replaces: 's1' }],
  ]);
});

test('whenASingleCertificateIsDownloaded_thenOneWriteWithoutReplaces', async () => {
  const client = recordingClient(0);
  await writeIssued(client, 'tok', { certificate: 'U0lH' });
  assert.deepEqual(client.calls, [['tok', 'U0lH', {}]]);
});

test('whenTheSigningWriteFails_thenTheEncryptionKeyIsNotSent', async () => {
  const client = recordingClient(1);
  await assert.rejects(writeIssued(client, 'tok', { certificate: 'U0lH', encryptionCertificate: { certificate: 'RU5D' }, envelopedKey: 'RU5W' }),
    /WRITE_FAILED/);
  assert.equal(client.calls.length, 1);
});
