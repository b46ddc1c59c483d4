package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.keys.CreatedKeys;
import com.ukeybridge.agent.prompt.WriteRequest;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.agent.x509.CertificationRequests;
import com.ukeybridge.x509.SubjectNames;
import com.ukeybridge.token.GeneratedKeyPair;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.SignatureAlgorithm;
import com.ukeybridge.token.KeyToken;
import com.ukeybridge.token.TokenContentSigner;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.security.auth.x500.X500Principal;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code signCsr}: a new key pair on the token and a PKCS#10 request for {@code subject}
 * signed by it there. If the request cannot be made, the new key pair is removed again.
 */
final class SignCsr implements RpcMethod {
    private static final Logger log = LoggerFactory.getLogger(SignCsr.class);
    static final int MAX_LABEL = 128;
    static final String DEFAULT_LABEL = "UKey Bridge key";

    private final TokenAccess tokens;
    private final WriteConsent consent;
    private final CreatedKeys createdKeys;
    private final List<KeyAlgorithm> algorithms;

    /** @param gmKeys whether {@code SM2} is offered: protocol v2's addition for GM keys, unknown to v1 */
    SignCsr(TokenAccess tokens, WriteConsent consent, CreatedKeys createdKeys, boolean gmKeys) {
        this.tokens = tokens;
        this.consent = consent;
        this.createdKeys = createdKeys;
        this.algorithms = Arrays.stream(KeyAlgorithm.values()).filter(a -> gmKeys || a != KeyAlgorithm.SM2).toList();
    }

    @Override
    public JsonNode call(ClientConnection connection, ObjectNode params) {
        Params checked = Params.of(params, Set.of("tokenId", "keyAlgorithm", "subject"), Set.of("label"));
        KeyAlgorithm algorithm = keyAlgorithm(checked.text("keyAlgorithm", 64));
        String subjectText = checked.text("subject", 2048);
        X500Principal subject = subject(subjectText);
        String label = checked.optionalText("label", MAX_LABEL).orElseGet(() -> defaultLabel(subject));

        KeyToken token = tokens.findLoggedIn(connection, checked.tokenId());
        consent.require(connection, token, WriteRequest.Kind.NEW_KEY_AND_REQUEST, SubjectNames.format(subject));
        GeneratedKeyPair pair = token.generateKeyPair(algorithm, label);
        byte[] csr;
        try {
            csr = CertificationRequests.build(subject, pair.publicKey(),
                    new TokenContentSigner(token, pair.id(), signatureAlgorithm(algorithm)));
        } catch (RuntimeException e) {
            // No half-made objects: a key without its request is of no use to anybody.
            log.warn("removing key {} on token {}: its request could not be made", pair.id(), token.id());
            token.deleteKeyPair(pair.id());
            throw e;
        }
        // Recorded for protocol v2's deleteKey, which removes only keys made here that got no certificate.
        createdKeys.created(token.id(), pair.id());
        log.info("new {} key {} and request on token {}", algorithm.protocolName(), pair.id(), token.id());
        return JsonNodeFactory.instance.objectNode()
                .put("keyId", pair.id().hex())
                .put("csr", Base64.getEncoder().encodeToString(csr));
    }

    private KeyAlgorithm keyAlgorithm(String name) {
        return KeyAlgorithm.fromProtocolName(name).filter(algorithms::contains).orElseThrow(() -> new RpcException(
                RpcError.UNSUPPORTED_ALGORITHM, "unsupported key algorithm '" + name + "'",
                Map.of("supported", algorithms.stream().map(KeyAlgorithm::protocolName).toList())));
    }

    private static SignatureAlgorithm signatureAlgorithm(KeyAlgorithm algorithm) {
        return switch (algorithm) {
            case RSA_2048 -> SignatureAlgorithm.SHA256_WITH_RSA;
            case EC_P256 -> SignatureAlgorithm.SHA256_WITH_ECDSA;
            case SM2 -> SignatureAlgorithm.SM3_WITH_SM2;
        };
    }

    private static X500Principal subject(String text) {
        try {
            return SubjectNames.parse(text);
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams("subject", "'subject' must be a non-empty RFC 4514 distinguished name: " + e.getMessage());
        }
    }

    private static String defaultLabel(X500Principal subject) {
        RDN[] commonNames = X500Name.getInstance(subject.getEncoded()).getRDNs(BCStyle.CN);
        if (commonNames.length == 0) {
            return DEFAULT_LABEL;
        }
        if (!(commonNames[0].getFirst().getValue() instanceof ASN1String value)) {
            return DEFAULT_LABEL;
        }
        String commonName = value.getString();
        return commonName.length() <= MAX_LABEL ? commonName : commonName.substring(0, MAX_LABEL);
    }
}
