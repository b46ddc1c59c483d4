package com.ukeybridge.token;

import com.ukeybridge.pkcs11.Attribute;
import com.ukeybridge.pkcs11.AttributeValues;
import com.ukeybridge.pkcs11.Pkcs11Session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_CLASS;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_ID;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_LABEL;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_PRIVATE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_VALUE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKO_CERTIFICATE;

/** Finding and reading the objects of one token through its session. */
final class TokenObjects {
    private static final Comparator<StoredCertificate> STABLE_ORDER = Comparator
            .comparing((StoredCertificate c) -> c.id().hex())
            .thenComparing(StoredCertificate::der, Arrays::compareUnsigned);

    private final Pkcs11Session session;

    TokenObjects(Pkcs11Session session) {
        this.session = session;
    }

    Pkcs11Session session() {
        return session;
    }

    List<Long> find(long objectClass) {
        return session.find(List.of(Attribute.of(CKA_CLASS, objectClass)));
    }

    List<Long> find(long objectClass, ObjectId id) {
        return session.find(List.of(Attribute.of(CKA_CLASS, objectClass), Attribute.of(CKA_ID, id.bytes())));
    }

    /** Objects of any class with {@code id}. */
    List<Long> findAny(ObjectId id) {
        return session.find(List.of(Attribute.of(CKA_ID, id.bytes())));
    }

    ObjectId id(long object) {
        return ObjectId.of(session.attributes(object, CKA_ID).bytes(CKA_ID).orElse(new byte[0]));
    }

    String label(long object) {
        return session.attributes(object, CKA_LABEL).string(CKA_LABEL).orElse("");
    }

    /** Public certificate objects, sorted by id then DER so the order does not depend on the token's. */
    List<StoredCertificate> certificates() {
        List<StoredCertificate> certificates = new ArrayList<>();
        for (long object : find(CKO_CERTIFICATE)) {
            AttributeValues v = session.attributes(object, CKA_ID, CKA_LABEL, CKA_VALUE, CKA_PRIVATE);
            if (v.bool(CKA_PRIVATE).orElse(false) || v.bytes(CKA_VALUE).isEmpty()) {
                continue;
            }
            certificates.add(new StoredCertificate(ObjectId.of(v.bytes(CKA_ID).orElse(new byte[0])),
                    v.string(CKA_LABEL).orElse(""), v.bytes(CKA_VALUE).get()));
        }
        certificates.sort(STABLE_ORDER);
        return List.copyOf(certificates);
    }
}
