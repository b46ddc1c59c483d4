package com.ukeybridge.site.renewal;

import com.ukeybridge.site.ca.Signatures;
import com.ukeybridge.site.refusal.ProofInvalidException;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/** The old key's signature over the challenge (the agent's {@code sign}): proof that the user holds it. */
public final class ProofOfPossession {
    private ProofOfPossession() {
    }

    /** The algorithm the page asks the agent for: SHA-256 with the old key's kind (ECDSA signatures DER, as the agent makes them). */
    public static String algorithmFor(PublicKey oldKey) {
        return Signatures.sha256With(oldKey.getAlgorithm());
    }

    /** @throws ProofInvalidException unless {@code proof} is the old key's signature over {@code challenge} */
    public static void verify(PublicKey oldKey, byte[] challenge, byte[] proof) {
        try {
            Signature signature = Signatures.verifier(algorithmFor(oldKey), oldKey);
            signature.update(challenge);
            if (!signature.verify(proof)) {
                throw new ProofInvalidException();
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ProofInvalidException();
        }
    }
}
