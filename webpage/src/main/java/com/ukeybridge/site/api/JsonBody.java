package com.ukeybridge.site.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.ukeybridge.site.refusal.BadRequestException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body validated at the edge (docs/site-api.md): at most 64 KiB, a JSON object with
 * exactly the expected fields, each a string of the expected form. Every failure is a
 * {@link BadRequestException} naming the field, thrown before anything changes.
 */
final class JsonBody {
    static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    static JsonBody parse(byte[] body, Set<String> fields) {
        if (body.length > MAX_BYTES) {
            throw new BadRequestException("body", "larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new BadRequestException("body", "not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException("body", "not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new BadRequestException(name, "unexpected field");
            }
        }
        for (String field : new TreeSet<>(fields)) {
            if (!root.has(field)) {
                throw new BadRequestException(field, "missing");
            }
        }
        return new JsonBody(root);
    }

    String text(String field, int maxLength) {
        JsonNode node = root.get(field);
        if (!node.isTextual() || node.textValue().isEmpty() || node.textValue().length() > maxLength) {
            throw new BadRequestException(field, "must be a non-empty string of at most " + maxLength + " characters");
        }
        return node.textValue();
    }

    String matching(String field, int maxLength, String pattern) {
        String value = text(field, maxLength);
        if (!value.matches(pattern)) {
            throw new BadRequestException(field, "malformed");
        }
        return value;
    }

    /** Standard base64 with padding, decoding to 1 to {@code maxBytes} bytes. */
    byte[] base64(String field, int maxBytes) {
        String value = text(field, MAX_BYTES);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(field, "not standard base64");
        }
        if (bytes.length == 0 || bytes.length > maxBytes) {
            throw new BadRequestException(field, "must decode to 1 to " + maxBytes + " bytes");
        }
        return bytes;
    }

    /** A single DER X.509 certificate, nothing before or after it. */
    byte[] certificateDer(String field) {
        byte[] der = base64(field, 16 * 1024);
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509", com.ukeybridge.site.ca.Signatures.PROVIDER)
                    .generateCertificate(new ByteArrayInputStream(der));
            if (der[0] != 0x30 || !Arrays.equals(certificate.getEncoded(), der)) {
                throw new BadRequestException(field, "not a DER certificate");
            }
            return der;
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof BadRequestException bad) {
                throw bad;
            }
            throw new BadRequestException(field, "not a DER certificate");
        }
    }

    /** Hex, normalised to lowercase without leading zeros, as serial numbers are written. */
    String serialNumber(String field) {
        String value = matching(field, 64, "[0-9a-fA-F]+");
        return new BigInteger(value, 16).toString(16);
    }
}
