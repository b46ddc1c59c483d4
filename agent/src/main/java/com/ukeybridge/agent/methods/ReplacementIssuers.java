package com.ukeybridge.agent.methods;

import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.x509.SubjectNames;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * Protocol v2's rule for {@code writeCert} with {@code replaces}: the new certificate must come
 * from the old one's issuer, or from an issuer the configuration trusts for the page's origin
 * ({@code replaceIssuers}, checked by the new certificate's signature), so that a page cannot
 * swap a user's certificate for one of its own making.
 */
final class ReplacementIssuers {
    private final Map<String, List<X509Certificate>> trusted;

    ReplacementIssuers(Map<String, List<X509Certificate>> trusted) {
        this.trusted = Map.copyOf(trusted);
    }

    /** @throws RpcException {@code ISSUER_MISMATCH} when neither rule admits {@code replacement} */
    void check(String origin, X509Certificate old, X509Certificate replacement) {
        if (old.getIssuerX500Principal().equals(replacement.getIssuerX500Principal())) {
            return;
        }
        for (X509Certificate issuer : trusted.getOrDefault(origin, List.of())) {
            if (issuer.getSubjectX500Principal().equals(replacement.getIssuerX500Principal()) && signedBy(replacement, issuer)) {
                return;
            }
        }
        throw new RpcException(RpcError.ISSUER_MISMATCH, "the new certificate's issuer "
                + SubjectNames.format(replacement.getIssuerX500Principal()) + " is neither the replaced certificate's issuer "
                + SubjectNames.format(old.getIssuerX500Principal()) + " nor one trusted for " + origin);
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
