package com.ukeybridge.agent.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.agent.rpc.ClientConnection;
import com.ukeybridge.agent.rpc.RpcError;
import com.ukeybridge.agent.rpc.RpcException;
import com.ukeybridge.token.SignatureAlgorithm;
import com.ukeybridge.token.StoredCertificate;
import com.ukeybridge.token.KeyToken;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code sign}: signs data with the private key that pairs with a certificate (proof of possession). */
final class Sign implements RpcMethod {
    static final int MAX_DATA_BYTES = 16 * 1024;
    /** Protocol v1's algorithms: SM3withSM2 came with v2 (for GM keys), which signs proofs only. */
    private static final List<SignatureAlgorithm> ALGORITHMS = Arrays.stream(SignatureAlgorithm.values())
            .filter(a -> a != SignatureAlgorithm.SM3_WITH_SM2).toList();

    private final TokenAccess tokens;

    Sign(TokenAccess tokens) {
        this.tokens = tokens;
    }

    @Override
    public JsonNode call(ClientConnection connection, ObjectNode params) {
        Params checked = Params.of(params, Set.of("tokenId", "certId", "algorithm", "data"), Set.of());
        String certId = CertificateLookup.checkForm("certId", checked.text("certId", 512));
        SignatureAlgorithm algorithm = algorithm(checked.text("algorithm", 64));
        byte[] data = checked.base64("data", MAX_DATA_BYTES);

        KeyToken token = tokens.findLoggedIn(connection, checked.tokenId());
        StoredCertificate certificate = CertificateLookup.find(token, certId);
        if (certificate.id().isEmpty()) {
            throw new RpcException(RpcError.OBJECT_NOT_FOUND, "certificate " + certId + " has no CKA_ID, so no key is tied to it");
        }
        byte[] signature = token.sign(certificate.id(), algorithm, data);
        return JsonNodeFactory.instance.objectNode().put("signature", Base64.getEncoder().encodeToString(signature));
    }

    private static SignatureAlgorithm algorithm(String name) {
        return SignatureAlgorithm.fromProtocolName(name).filter(ALGORITHMS::contains).orElseThrow(() -> new RpcException(
                RpcError.UNSUPPORTED_ALGORITHM, "unsupported signature algorithm '" + name + "'",
                Map.of("supported", ALGORITHMS.stream().map(SignatureAlgorithm::protocolName).toList())));
    }
}
