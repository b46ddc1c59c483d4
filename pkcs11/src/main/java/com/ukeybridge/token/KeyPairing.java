package com.ukeybridge.token;

import com.ukeybridge.pkcs11.Attribute;
import com.ukeybridge.pkcs11.AttributeValues;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_CLASS;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_EC_PARAMS;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_EC_POINT;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_ID;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_KEY_TYPE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_MODULUS;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_PUBLIC_EXPONENT;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKK_EC;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKK_RSA;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKO_PRIVATE_KEY;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKO_PUBLIC_KEY;

/**
 * Finds the private key that pairs with a public key (a certificate's): through the public-key
 * objects, which carry the public values, and for RSA through the private keys' own modulus,
 * for tokens that keep no public-key object.
 */
final class KeyPairing {
    private final TokenObjects objects;

    KeyPairing(TokenObjects objects) {
        this.objects = objects;
    }

    /** The {@code CKA_ID} of a private key on the token whose public half is {@code publicKey}. */
    Optional<ObjectId> privateKeyFor(PublicKey publicKey) {
        Set<ObjectId> candidates = new LinkedHashSet<>();
        if (publicKey instanceof RSAPublicKey rsa) {
            for (long object : keys(CKO_PUBLIC_KEY, CKK_RSA)) {
                AttributeValues v = objects.session().attributes(object, CKA_MODULUS, CKA_PUBLIC_EXPONENT, CKA_ID);
                if (matches(v, CKA_MODULUS, rsa.getModulus()) && matches(v, CKA_PUBLIC_EXPONENT, rsa.getPublicExponent())) {
                    candidates.add(id(v));
                }
            }
            for (long object : keys(CKO_PRIVATE_KEY, CKK_RSA)) {
                AttributeValues v = objects.session().attributes(object, CKA_MODULUS, CKA_ID);
                if (matches(v, CKA_MODULUS, rsa.getModulus())) {
                    candidates.add(id(v));
                }
            }
        } else if (publicKey instanceof ECPublicKey ec) {
            for (long object : keys(CKO_PUBLIC_KEY, CKK_EC)) {
                AttributeValues v = objects.session().attributes(object, CKA_EC_PARAMS, CKA_EC_POINT, CKA_ID);
                if (v.has(CKA_EC_PARAMS) && v.has(CKA_EC_POINT) && sameEcKey(ec, v)) {
                    candidates.add(id(v));
                }
            }
        }
        return candidates.stream().filter(id -> !objects.find(CKO_PRIVATE_KEY, id).isEmpty()).findFirst();
    }

    private List<Long> keys(long objectClass, long keyType) {
        return objects.session().find(List.of(Attribute.of(CKA_CLASS, objectClass), Attribute.of(CKA_KEY_TYPE, keyType)));
    }

    private static boolean matches(AttributeValues v, long type, BigInteger expected) {
        return v.bytes(type).map(b -> new BigInteger(1, b).equals(expected)).orElse(false);
    }

    private static boolean sameEcKey(ECPublicKey expected, AttributeValues v) {
        try {
            ECPublicKey onToken = (ECPublicKey) TokenPublicKeys.ec(v.bytes(CKA_EC_PARAMS).get(), v.bytes(CKA_EC_POINT).get());
            return onToken.getW().equals(expected.getW())
                    && onToken.getParams().getCurve().equals(expected.getParams().getCurve());
        } catch (IllegalArgumentException e) {
            // A key on a curve we cannot read is not the one we look for.
            return false;
        }
    }

    private static ObjectId id(AttributeValues v) {
        return ObjectId.of(v.bytes(CKA_ID).orElse(new byte[0]));
    }
}
