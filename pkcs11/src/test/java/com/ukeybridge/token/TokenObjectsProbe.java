package com.ukeybridge.token;

import com.ukeybridge.pkcs11.Attribute;
import com.ukeybridge.pkcs11.AttributeValues;
import com.ukeybridge.pkcs11.Pkcs11Session;

import java.util.ArrayList;
import java.util.List;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_CLASS;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_ID;

/** Looks at a token's objects through a second session, beside the token's own, to check what operations left. */
final class TokenObjectsProbe {
    private TokenObjectsProbe() {
    }

    /** The attributes {@code types} of every object of {@code objectClass} with {@code id}. */
    static List<AttributeValues> objects(Token token, long objectClass, ObjectId id, long... types) {
        try (Pkcs11Session session = token.module().pkcs11().openSession(token.slot())) {
            List<AttributeValues> found = new ArrayList<>();
            for (long object : session.find(List.of(Attribute.of(CKA_CLASS, objectClass), Attribute.of(CKA_ID, id.bytes())))) {
                found.add(session.attributes(object, types));
            }
            return found;
        }
    }

    static int count(Token token, long objectClass, ObjectId id) {
        return objects(token, objectClass, id, CKA_ID).size();
    }

    static int count(Token token, long objectClass) {
        try (Pkcs11Session session = token.module().pkcs11().openSession(token.slot())) {
            return session.find(List.of(Attribute.of(CKA_CLASS, objectClass))).size();
        }
    }

    /** Destroys every object of {@code objectClass} with {@code id}, behind the token's back. */
    static void destroy(Token token, long objectClass, ObjectId id) {
        try (Pkcs11Session session = token.module().pkcs11().openSession(token.slot())) {
            for (long object : session.find(List.of(Attribute.of(CKA_CLASS, objectClass), Attribute.of(CKA_ID, id.bytes())))) {
                session.destroy(object);
            }
        }
    }
}
