// A GM key's two certificates as one pair (issue 11): the signing certificate (签名证书) of a key
// made on the UKey and the encryption certificate (加密证书) of a key the site's KMC delivered
// enveloped to it, in one SKF container. The pages show, renew and write them as one.

/** @param {{usage?: string}} cert a certificate from the agent's listTokens */
export function isEncryption(cert) {
  return cert.usage === 'encryption';
}

/**
 * A token's certificates as the pages show them: each encryption certificate joined to the
 * signing certificate of its container (same keyId) or, when the agent names no keyId, of the
 * same subject; every other certificate alone. An encryption certificate without a signing one
 * is shown alone too, so that nothing on the key is hidden.
 * @param {Array<object>} certificates
 * @returns {Array<{signing: object, encryption: object|null}>} in the agent's order of the signing certificates
 */
export function pairCertificates(certificates) {
  const encryption = certificates.filter(isEncryption);
  const taken = new Set();
  const entries = certificates.filter((c) => !isEncryption(c)).map((signing) => {
    const partner = signing.usage === 'signing'
      ? encryption.find((e) => !taken.has(e) && sameContainer(signing, e)) : undefined;
    if (partner) taken.add(partner);
    return { signing, encryption: partner || null };
  });
  return entries.concat(encryption.filter((e) => !taken.has(e)).map((e) => ({ signing: e, encryption: null })));
}

function sameContainer(signing, encryption) {
  if (signing.keyId && encryption.keyId) return signing.keyId === encryption.keyId;
  return signing.subject === encryption.subject;
}

/**
 * Writes what the site issued onto the key: the signing certificate (replacing the old one when
 * renewing), then, for a dual-certificate issue, the encryption certificate with its envelope
 * (docs/protocol.md, writeCert usage "encryption"). A failure of either is thrown: the site keeps
 * the same pair and envelope, so the page's next try writes them again.
 * @param {{writeCert: Function}} client the agent client
 * @param {string} tokenId
 * @param {{certificate: string, encryptionCertificate?: {certificate: string}, envelopedKey?: string}} issued the site's answer
 * @param {{replaces?: string}} [options]
 */
export async function writeIssued(client, tokenId, issued, { replaces } = {}) {
  const { certId } = await client.writeCert(tokenId, issued.certificate, replaces ? { replaces } : {});
  if (issued.encryptionCertificate) {
    // The signing certificate's certId is its container's signing key (keyId), also when an
    // interrupted renewal is finished and signCsr's answer is gone; `replaces` (the old signing
    // certificate) lets the agent delete the old container once the new one is complete.
    await client.writeCert(tokenId, issued.encryptionCertificate.certificate,
      { usage: 'encryption', keyId: certId, envelopedKey: issued.envelopedKey, ...(replaces ? { replaces } : {}) });
  }
}
