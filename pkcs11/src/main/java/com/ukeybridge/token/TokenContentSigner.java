package com.ukeybridge.token;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A Bouncy Castle {@link ContentSigner} whose private key stays on a token: what BC writes is
 * signed with {@link KeyToken#sign}. For PKCS#10 requests made on the agent, and certificates
 * issued by a CA whose key is in an HSM. One signer makes one signature.
 */
public final class TokenContentSigner implements ContentSigner {
    private final KeyToken token;
    private final ObjectId keyId;
    private final SignatureAlgorithm algorithm;
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();

    public TokenContentSigner(KeyToken token, ObjectId keyId, SignatureAlgorithm algorithm) {
        this.token = Objects.requireNonNull(token, "token");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    }

    /** {@code sha256WithRSAEncryption} with NULL parameters (RFC 4055), or {@code ecdsa-with-SHA256} without (RFC 5758). */
    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return switch (algorithm) {
            case SHA256_WITH_RSA -> new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
            case SHA256_WITH_ECDSA -> new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            // GM/T 0006 sm2sign-with-sm3, 1.2.156.10197.1.501, without parameters (GM/T 0015).
            case SM3_WITH_SM2 -> new AlgorithmIdentifier(GMObjectIdentifiers.sm2sign_with_sm3);
        };
    }

    @Override
    public OutputStream getOutputStream() {
        return content;
    }

    /** Signs everything written so far on the token; may throw any {@link TokenException}. */
    @Override
    public byte[] getSignature() {
        return token.sign(keyId, algorithm, content.toByteArray());
    }
}
