package com.ukeybridge.site.issuance;

import com.ukeybridge.site.ca.Signatures;
import com.ukeybridge.site.refusal.CsrInvalidException;
import com.ukeybridge.site.refusal.UnsupportedKeyException;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

import java.io.IOException;
import java.util.Arrays;

/**
 * A PKCS#10 request whose own signature verifies, for a key the site certifies. Only its key
 * is used: the subject always comes from the site's records.
 */
public final class CertificateRequest {
    private final SubjectPublicKeyInfo publicKey;
    private final String keyAlgorithm;
    private final String publicKeySha256;

    private CertificateRequest(SubjectPublicKeyInfo publicKey, String keyAlgorithm) {
        this.publicKey = publicKey;
        this.keyAlgorithm = keyAlgorithm;
        this.publicKeySha256 = PublicKeys.sha256(publicKey);
    }

    /**
     * @throws CsrInvalidException     not PKCS#10, or its signature does not verify with its key
     * @throws UnsupportedKeyException the key is not RSA-2048, EC-P256 or SM2
     */
    public static CertificateRequest parse(byte[] der) {
        PKCS10CertificationRequest request;
        try {
            request = new PKCS10CertificationRequest(der);
            if (!Arrays.equals(request.getEncoded(), der)) {
                throw new CsrInvalidException();
            }
        } catch (IOException | RuntimeException e) {
            throw new CsrInvalidException();
        }
        SubjectPublicKeyInfo key = request.getSubjectPublicKeyInfo();
        String algorithm = PublicKeys.supportedAlgorithm(key)
                .orElseThrow(() -> new UnsupportedKeyException(PublicKeys.describe(key)));
        try {
            if (!request.isSignatureValid(Signatures.verifierProvider(key))) {
                throw new CsrInvalidException();
            }
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            if (e instanceof CsrInvalidException invalid) {
                throw invalid;
            }
            throw new CsrInvalidException();
        }
        return new CertificateRequest(key, algorithm);
    }

    public SubjectPublicKeyInfo publicKey() {
        return publicKey;
    }

    /** {@code RSA-2048}, {@code EC-P256} or {@code SM2}. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    public String publicKeySha256() {
        return publicKeySha256;
    }
}
