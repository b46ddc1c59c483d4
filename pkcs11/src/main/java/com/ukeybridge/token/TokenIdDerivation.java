package com.ukeybridge.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Derives the protocol's {@code tokenId} from what a token says of itself. Slot numbers change
 * with the USB port and the reader driver; these four fields do not.
 */
public final class TokenIdDerivation {
    private static final int ID_BYTES = 12;

    private TokenIdDerivation() {
    }

    /** Lowercase hex of the first 12 bytes of SHA-256 over the four fields, each length-prefixed so none can bleed into the next. */
    public static TokenId derive(String manufacturer, String model, String serialNumber, String label) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String field : new String[] {manufacturer, model, serialNumber, label}) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                sha256.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                sha256.update(bytes);
            }
            return new TokenId(HexFormat.of().formatHex(Arrays.copyOf(sha256.digest(), ID_BYTES)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static TokenId derive(TokenInfo info) {
        return derive(info.manufacturer(), info.model(), info.serialNumber(), info.label());
    }
}
