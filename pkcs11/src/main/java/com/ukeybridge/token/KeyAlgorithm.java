package com.ukeybridge.token;

import java.util.Arrays;
import java.util.Optional;

/** Key pairs the agent can generate on a token, with the protocol's names. */
public enum KeyAlgorithm {
    RSA_2048("RSA-2048"),
    EC_P256("EC-P256"),
    /** An SM2 key (GM/T 0003) on an SKF token: the signing key of a GM key's container. */
    SM2("SM2");

    private final String protocolName;

    KeyAlgorithm(String protocolName) {
        this.protocolName = protocolName;
    }

    public String protocolName() {
        return protocolName;
    }

    public static Optional<KeyAlgorithm> fromProtocolName(String name) {
        return Arrays.stream(values()).filter(a -> a.protocolName.equals(name)).findFirst();
    }
}
