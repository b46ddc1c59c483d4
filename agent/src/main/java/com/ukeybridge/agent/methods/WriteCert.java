package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.keys.CreatedKeys;
import com.ukeybridge.agent.prompt.CertificateSummary;
import com.ukeybridge.agent.prompt.WriteRequest;
import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.agent.view.CertIds;
import com.ukeybridge.agent.view.TokenViews;
import com.ukeybridge.x509.SubjectNames;
import com.ukeybridge.token.CertificateUsage;
import com.ukeybridge.token.ObjectId;
import com.ukeybridge.token.StoredCertificate;
import com.ukeybridge.token.KeyToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * {@code writeCert}: stores a certificate beside its private key. With {@code replaces}, the old
 * certificate and its key pair go only after the new one is stored and read back (the token
 * layer keeps that order; see {@link Token#storeCertificate}). In protocol v2 the replaced
 * certificate must be on the token, alone on its key pair, and the new one must pass
 * {@link ReplacementIssuers}. The consent dialog shows both certificates.
 */
final class WriteCert implements RpcMethod {
    private static final Logger log = LoggerFactory.getLogger(WriteCert.class);
    static final int MAX_CERTIFICATE_BYTES = 32 * 1024;
    /** An ENVELOPEDKEYBLOB is 388 bytes; a little room for a vendor's longer one. */
    static final int MAX_ENVELOPE_BYTES = 1024;

    private final TokenAccess tokens;
    private final WriteConsent consent;
    private final CreatedKeys createdKeys;
    private final Optional<ReplacementIssuers> issuers;

    /** @param issuers protocol v2's replacement rule; empty for v1, which has none */
    WriteCert(TokenAccess tokens, WriteConsent consent, CreatedKeys createdKeys, Optional<ReplacementIssuers> issuers) {
        this.tokens = tokens;
        this.consent = consent;
        this.createdKeys = createdKeys;
        this.issuers = issuers;
    }

    @Override
    public JsonNode call(ClientConnection connection, ObjectNode params) {
        // usage, keyId and envelopedKey are protocol v2's additions for GM keys.
        Params checked = Params.of(params, Set.of("tokenId", "certificate"), issuers.isPresent()
                ? Set.of("label", "replaces", "usage", "keyId", "envelopedKey") : Set.of("label", "replaces"));
        boolean encryption = usage(checked) == CertificateUsage.ENCRYPTION;
        if (!encryption && (params.has("keyId") || params.has("envelopedKey"))) {
            throw RpcException.invalidParams(params.has("keyId") ? "keyId" : "envelopedKey",
                    "'keyId' and 'envelopedKey' go with usage \"encryption\" only");
        }
        if (encryption && params.has("label")) {
            throw RpcException.invalidParams("label", "an encryption certificate takes the label of its container: no 'label'");
        }
        X509Certificate certificate = certificate(checked.base64("certificate", MAX_CERTIFICATE_BYTES));
        Optional<String> label = checked.optionalText("label", SignCsr.MAX_LABEL);
        Optional<String> replaces = checked.optionalText("replaces", 512).map(id -> CertificateLookup.checkForm("replaces", id));
        if (encryption) {
            return writeEncryption(connection, checked, certificate, replaces);
        }

        KeyToken token = tokens.findLoggedIn(connection, checked.tokenId());
        Optional<StoredCertificate> old = replaces.flatMap(certId -> issuers.isPresent()
                ? Optional.of(checkedReplacement(connection, token, certId, certificate)) : findOld(token, certId));
        Optional<ObjectId> replacedKey = replaces.map(certId -> old.isPresent() && !old.get().id().isEmpty()
                ? old.get().id() : replacedKeyId(token, certId));
        askConsent(connection, token, certificate, replaces.isPresent(), old);
        ObjectId stored;
        try {
            stored = token.storeCertificate(certificate, label, replacedKey);
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams("replaces", "'replaces' names the certificate being written");
        }
        createdKeys.forget(token.id(), stored);
        tokens.objectsChanged();
        log.info("stored certificate {} on token {}{}", certificate.getSerialNumber().toString(16), token.id(),
                replaces.map(id -> ", replacing " + id).orElse(""));
        return JsonNodeFactory.instance.objectNode().put("certId", certId(stored, certificate));
    }

    /** The consent dialog (when writes are confirmed): the new certificate, and the one it replaces. */
    private void askConsent(ClientConnection connection, KeyToken token, X509Certificate certificate, boolean replacing,
                            Optional<StoredCertificate> old) {
        consent.require(connection, token,
                replacing ? WriteRequest.Kind.REPLACE_CERTIFICATE : WriteRequest.Kind.STORE_CERTIFICATE,
                SubjectNames.format(certificate.getSubjectX500Principal()), Optional.of(CertificateSummary.of(certificate)),
                old.flatMap(WriteCert::parsed).map(CertificateSummary::of));
    }

    /** {@code usage}: {@code signing} (the default) or {@code encryption}. */
    private static CertificateUsage usage(Params checked) {
        Optional<String> usage = checked.optionalText("usage", 16);
        if (usage.isEmpty() || usage.get().equals(CertificateUsage.SIGNING.protocolName())) {
            return CertificateUsage.SIGNING;
        }
        if (usage.get().equals(CertificateUsage.ENCRYPTION.protocolName())) {
            return CertificateUsage.ENCRYPTION;
        }
        throw RpcException.invalidParams("usage", "'usage' must be \"signing\" or \"encryption\"");
    }

    /**
     * Protocol v2, GM keys: the encryption key pair ({@code envelopedKey}, enveloped by the KMC to
     * the signing key {@code keyId}) and its certificate into the container of {@code keyId}; with
     * {@code replaces}, the old container goes once the new one is complete and read back.
     */
    private JsonNode writeEncryption(ClientConnection connection, Params checked, X509Certificate certificate,
                                     Optional<String> replaces) {
        ObjectId signingKey = checked.hexId("keyId");
        byte[] envelopedKey = checked.base64("envelopedKey", MAX_ENVELOPE_BYTES);
        KeyToken token = tokens.findLoggedIn(connection, checked.tokenId());
        Optional<StoredCertificate> old = replaces.map(certId -> checkedReplacement(connection, token, certId, certificate));
        askConsent(connection, token, certificate, replaces.isPresent(), old);
        ObjectId stored;
        try {
            stored = token.storeEncryptionPair(signingKey, certificate, envelopedKey, old.map(StoredCertificate::id));
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams("replaces", "'replaces' names the container being written");
        }
        createdKeys.forget(token.id(), signingKey);
        tokens.objectsChanged();
        log.info("stored encryption key pair and certificate {} on token {}{}", certificate.getSerialNumber().toString(16),
                token.id(), replaces.map(id -> ", replacing " + id).orElse(""));
        return JsonNodeFactory.instance.objectNode().put("certId", stored.hex());
    }

    /**
     * Protocol v2: the certificate {@code replaces} names, once it is known to be on the token,
     * alone on its key pair, and replaceable by {@code replacement}.
     */
    private StoredCertificate checkedReplacement(ClientConnection connection, KeyToken token, String certId,
                                                 X509Certificate replacement) {
        StoredCertificate old = CertificateLookup.find(token, certId);
        if (old.id().isEmpty()) {
            throw RpcException.invalidParams("replaces", "certificate " + certId + " has no CKA_ID, so no key pair is tied to it");
        }
        if (token.certificates().stream().filter(other -> other.id().equals(old.id())).count() > 1) {
            throw RpcException.invalidParams("replaces", "other certificates share the key pair of " + certId
                    + ": removing it would take theirs too");
        }
        X509Certificate oldCertificate = parsed(old).orElseThrow(() -> new RpcException(RpcError.ISSUER_MISMATCH,
                "certificate " + certId + " cannot be read, so its issuer cannot be compared"));
        issuers.orElseThrow().check(connection.origin(), oldCertificate, replacement);
        return old;
    }

    /** Protocol v1: the replaced certificate, if still there (a retry may find it gone). */
    private static Optional<StoredCertificate> findOld(KeyToken token, String certId) {
        return token.certificates().stream().filter(certificate -> CertIds.of(certificate).equals(certId)).findFirst();
    }

    private static Optional<X509Certificate> parsed(StoredCertificate stored) {
        try {
            return Optional.of(TokenViews.parse(stored.der()));
        } catch (CertificateException e) {
            return Optional.empty();
        }
    }

    /**
     * The key pair a replaced certificate shares its {@code CKA_ID} with. A hex {@code certId}
     * is that id even after the old certificate is gone, so a retry can finish deleting its keys.
     */
    private static ObjectId replacedKeyId(KeyToken token, String certId) {
        if (!certId.startsWith(CertIds.SHA1_PREFIX)) {
            return ObjectId.fromHex(certId);
        }
        StoredCertificate old = CertificateLookup.find(token, certId);
        if (old.id().isEmpty()) {
            throw RpcException.invalidParams("replaces", "certificate " + certId + " has no CKA_ID, so no key pair is tied to it");
        }
        return old.id();
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            X509Certificate certificate = TokenViews.parse(der);
            // The factory also takes PEM and ignores trailing bytes; the protocol says DER, exactly.
            if (!Arrays.equals(certificate.getEncoded(), der)) {
                throw RpcException.invalidParams("certificate", "'certificate' must be exactly one DER-encoded X.509 certificate");
            }
            return certificate;
        } catch (CertificateEncodingException e) {
            throw RpcException.invalidParams("certificate", "'certificate' cannot be re-encoded: " + e.getMessage());
        } catch (CertificateException e) {
            throw RpcException.invalidParams("certificate", "'certificate' is not an X.509 certificate");
        }
    }

    private static String certId(ObjectId stored, X509Certificate certificate) {
        if (!stored.isEmpty()) {
            return stored.hex();
        }
        try {
            return CertIds.SHA1_PREFIX + CertIds.sha1Hex(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the certificate was encoded a moment ago", e);
        }
    }
}
