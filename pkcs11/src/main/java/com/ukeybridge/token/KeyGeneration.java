package com.ukeybridge.token;

import com.ukeybridge.pkcs11.Attribute;
import com.ukeybridge.pkcs11.AttributeValues;
import com.ukeybridge.pkcs11.KeyPairHandles;
import com.ukeybridge.pkcs11.Pkcs11Session;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_EC_PARAMS;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_EC_POINT;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_EXTRACTABLE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_ID;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_LABEL;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_MODULUS;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_MODULUS_BITS;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_PRIVATE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_PUBLIC_EXPONENT;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_SENSITIVE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_SIGN;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_TOKEN;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_VERIFY;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKM_EC_KEY_PAIR_GEN;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKM_RSA_PKCS_KEY_PAIR_GEN;

/** Generates a signing key pair on a token, both halves under one fresh random {@code CKA_ID}. */
final class KeyGeneration {
    private static final Logger LOG = LoggerFactory.getLogger(KeyGeneration.class);
    private static final int ID_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pkcs11Session session;

    KeyGeneration(Pkcs11Session session) {
        this.session = session;
    }

    /** What {@link #mechanism} answers for an algorithm PKCS#11 has no standard mechanism for. */
    static final long NO_MECHANISM = -1L;

    /** The mechanism that generates {@code algorithm}'s keys. */
    static long mechanism(KeyAlgorithm algorithm) {
        return switch (algorithm) {
            case RSA_2048 -> CKM_RSA_PKCS_KEY_PAIR_GEN;
            case EC_P256 -> CKM_EC_KEY_PAIR_GEN;
            case SM2 -> NO_MECHANISM;
        };
    }

    GeneratedKeyPair generate(KeyAlgorithm algorithm, String label) {
        byte[] idBytes = new byte[ID_BYTES];
        RANDOM.nextBytes(idBytes);
        ObjectId id = ObjectId.of(idBytes);

        // The id goes into both templates: setting it afterwards would leave a window with a nameless pair.
        List<Attribute> publicTemplate = new ArrayList<>(List.of(
                Attribute.of(CKA_TOKEN, true),
                Attribute.of(CKA_PRIVATE, false),
                Attribute.of(CKA_VERIFY, true),
                Attribute.of(CKA_ID, idBytes),
                Attribute.of(CKA_LABEL, label)));
        List<Attribute> privateTemplate = List.of(
                Attribute.of(CKA_TOKEN, true),
                Attribute.of(CKA_PRIVATE, true),
                Attribute.of(CKA_SENSITIVE, true),
                Attribute.of(CKA_EXTRACTABLE, false),
                Attribute.of(CKA_SIGN, true),
                Attribute.of(CKA_ID, idBytes),
                Attribute.of(CKA_LABEL, label));
        switch (algorithm) {
            case RSA_2048 -> {
                publicTemplate.add(Attribute.of(CKA_MODULUS_BITS, 2048L));
                publicTemplate.add(Attribute.unsigned(CKA_PUBLIC_EXPONENT, BigInteger.valueOf(65537)));
            }
            case EC_P256 -> publicTemplate.add(Attribute.of(CKA_EC_PARAMS, prime256v1()));
            case SM2 -> throw new IllegalArgumentException("SM2 keys are made on SKF tokens, not through PKCS#11");
        }
        KeyPairHandles handles = session.generateKeyPair(mechanism(algorithm), publicTemplate, privateTemplate);
        try {
            PublicKey publicKey = readPublicKey(algorithm, handles.publicKey());
            LOG.info("generated {} key pair {}", algorithm.protocolName(), id);
            return new GeneratedKeyPair(id, algorithm, publicKey);
        } catch (RuntimeException e) {
            // A pair whose public half we cannot read is of no use to anyone: do not leave it behind.
            destroyQuietly(handles.privateKey());
            destroyQuietly(handles.publicKey());
            throw e;
        }
    }

    private PublicKey readPublicKey(KeyAlgorithm algorithm, long publicKey) {
        return switch (algorithm) {
            case RSA_2048 -> {
                AttributeValues v = session.attributes(publicKey, CKA_MODULUS, CKA_PUBLIC_EXPONENT);
                yield TokenPublicKeys.rsa(v.bytes(CKA_MODULUS).orElseThrow(), v.bytes(CKA_PUBLIC_EXPONENT).orElseThrow());
            }
            case EC_P256 -> {
                AttributeValues v = session.attributes(publicKey, CKA_EC_PARAMS, CKA_EC_POINT);
                yield TokenPublicKeys.ec(v.bytes(CKA_EC_PARAMS).orElseThrow(), v.bytes(CKA_EC_POINT).orElseThrow());
            }
            case SM2 -> throw new IllegalArgumentException("SM2 keys are made on SKF tokens, not through PKCS#11");
        };
    }

    private void destroyQuietly(long object) {
        try {
            session.destroy(object);
        } catch (RuntimeException e) {
            LOG.warn("could not destroy half-made key object: {}", e.getMessage());
        }
    }

    private static byte[] prime256v1() {
        try {
            return X9ObjectIdentifiers.prime256v1.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
