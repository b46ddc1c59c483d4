package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.proof.ProofMessage;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.agent.skf.Sm2Keys;
import com.ukeybridge.agent.view.TokenViews;
import com.ukeybridge.token.SignatureAlgorithm;
import com.ukeybridge.token.StoredCertificate;
import com.ukeybridge.token.KeyToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code proveKey} (protocol v2): proves possession of a certificate's key by signing
 * {@link ProofMessage} for this connection's origin, never bytes of the page's choosing.
 */
final class ProveKey implements RpcMethod {
    private static final Logger log = LoggerFactory.getLogger(ProveKey.class);

    private final TokenAccess tokens;

    ProveKey(TokenAccess tokens) {
        this.tokens = tokens;
    }

    @Override
    public JsonNode call(ClientConnection connection, ObjectNode params) {
        Params checked = Params.of(params, Set.of("tokenId", "certId", "challenge"), Set.of("binding"));
        String certId = CertificateLookup.checkForm("certId", checked.text("certId", 512));
        byte[] challenge = checked.base64("challenge", ProofMessage.MAX_CHALLENGE_BYTES);
        if (challenge.length < ProofMessage.MIN_CHALLENGE_BYTES) {
            throw RpcException.invalidParams("challenge", "'challenge' must be 32 to 64 bytes once decoded");
        }
        byte[] binding = params.has("binding") ? binding(checked) : null;

        KeyToken token = tokens.findLoggedIn(connection, checked.tokenId());
        StoredCertificate certificate = CertificateLookup.find(token, certId);
        if (certificate.id().isEmpty()) {
            throw new RpcException(RpcError.OBJECT_NOT_FOUND, "certificate " + certId + " has no CKA_ID, so no key is tied to it");
        }
        SignatureAlgorithm algorithm = algorithmFor(certificate);
        byte[] signature = token.sign(certificate.id(), algorithm, ProofMessage.of(connection.origin(), challenge, binding));
        log.info("proof of key {} on token {} for {}", certificate.id(), token.id(), connection.origin());
        return JsonNodeFactory.instance.objectNode()
                .put("signature", Base64.getEncoder().encodeToString(signature))
                .put("algorithm", algorithm.protocolName());
    }

    private static byte[] binding(Params checked) {
        byte[] binding = checked.base64("binding", ProofMessage.BINDING_BYTES);
        if (binding.length != ProofMessage.BINDING_BYTES) {
            throw RpcException.invalidParams("binding", "'binding' must be exactly 32 bytes once decoded");
        }
        if (Arrays.equals(binding, new byte[ProofMessage.BINDING_BYTES])) {
            // 32 zero bytes stand for "no binding" in the message; given explicitly they would be ambiguous.
            throw RpcException.invalidParams("binding", "'binding' must not be 32 zero bytes; leave it out for no binding");
        }
        return binding;
    }

    /** The certificate's public key says what its private key is. */
    private static SignatureAlgorithm algorithmFor(StoredCertificate certificate) {
        PublicKey key;
        try {
            key = TokenViews.parse(certificate.der()).getPublicKey();
        } catch (CertificateException e) {
            throw new RpcException(RpcError.UNSUPPORTED_ALGORITHM, "the certificate cannot be read: " + e.getMessage(),
                    Map.of("supported", supported()));
        }
        if (Sm2Keys.isSm2(key)) {
            return SignatureAlgorithm.SM3_WITH_SM2;
        }
        if (key instanceof ECPublicKey) {
            return SignatureAlgorithm.SHA256_WITH_ECDSA;
        }
        if (key instanceof RSAPublicKey) {
            return SignatureAlgorithm.SHA256_WITH_RSA;
        }
        throw new RpcException(RpcError.UNSUPPORTED_ALGORITHM, "no proof for " + key.getAlgorithm() + " keys",
                Map.of("supported", supported()));
    }

    private static List<String> supported() {
        return Arrays.stream(SignatureAlgorithm.values()).map(SignatureAlgorithm::protocolName).toList();
    }
}
