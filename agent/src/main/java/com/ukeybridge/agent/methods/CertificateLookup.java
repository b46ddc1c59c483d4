package com.ukeybridge.agent.methods;

import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.agent.view.CertIds;
import com.ukeybridge.token.StoredCertificate;
import com.ukeybridge.token.KeyToken;

import java.util.regex.Pattern;

/** Finds a certificate on a token by the protocol's {@code certId}. */
final class CertificateLookup {
    private static final Pattern CERT_ID = Pattern.compile("([0-9a-f]{2})+|" + CertIds.SHA1_PREFIX + "[0-9a-f]{40}");

    private CertificateLookup() {
    }

    /** Checks the form of a {@code certId} parameter before any token is asked. */
    static String checkForm(String field, String certId) {
        if (!CERT_ID.matcher(certId).matches()) {
            throw RpcException.invalidParams(field, "'" + field + "' must be lowercase hex, or sha1- and 40 hex digits");
        }
        return certId;
    }

    static StoredCertificate find(KeyToken token, String certId) {
        return token.certificates().stream()
                .filter(certificate -> CertIds.of(certificate).equals(certId))
                .findFirst()
                .orElseThrow(() -> new RpcException(RpcError.OBJECT_NOT_FOUND, "no certificate " + certId + " on token " + token.id()));
    }
}
