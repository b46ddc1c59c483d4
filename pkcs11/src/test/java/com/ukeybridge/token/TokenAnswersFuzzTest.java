package com.ukeybridge.token;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.jna.NativeLong;
import com.ukeybridge.pkcs11.AttributeValues;
import com.ukeybridge.pkcs11.Pkcs11Exception;
import com.ukeybridge.pkcs11.Pkcs11Module;
import com.ukeybridge.pkcs11.Pkcs11Session;
import com.ukeybridge.pkcs11.jna.CkAttribute;
import com.ukeybridge.pkcs11.jna.CkTokenInfo;
import com.ukeybridge.pkcs11.jna.Cryptoki;

import java.lang.reflect.Proxy;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_EC_PARAMS;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_EC_POINT;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_ID;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_KEY_TYPE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_LABEL;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_MODULUS;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_PRIVATE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_PUBLIC_EXPONENT;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_VALUE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_ATTRIBUTE_SENSITIVE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_ATTRIBUTE_TYPE_INVALID;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_BUFFER_TOO_SMALL;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_GENERAL_ERROR;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKR_OK;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CK_UNAVAILABLE_INFORMATION;

/**
 * What a token answers, any bytes: {@code CK_TOKEN_INFO} from {@code C_GetTokenInfo} and the
 * lengths and values of {@code C_GetAttributeValue}, from a module that is only the fuzzer, as
 * our binding decodes them into Java values (the token info, ids, labels, flags, key types,
 * public keys). A value the binding cannot use is a {@link Pkcs11Exception} (which the token
 * layer turns into {@code TOKEN_ERROR}) or, for a public key, the documented
 * {@link IllegalArgumentException}; never another exception, an allocation of what a token
 * claims without bounds, or a read past a buffer.
 */
class TokenAnswersFuzzTest {
    private static final long[] RETURN_CODES = {CKR_OK, CKR_OK, CKR_OK, CKR_ATTRIBUTE_SENSITIVE, CKR_ATTRIBUTE_TYPE_INVALID,
            CKR_BUFFER_TOO_SMALL, CKR_GENERAL_ERROR};
    private static final long[] ATTRIBUTES = {CKA_ID, CKA_LABEL, CKA_VALUE, CKA_PRIVATE, CKA_KEY_TYPE,
            CKA_EC_PARAMS, CKA_EC_POINT, CKA_MODULUS, CKA_PUBLIC_EXPONENT};

    @FuzzTest
    void whenATokenAnswersAnything_thenValuesOrAPkcs11Exception(FuzzedDataProvider data) {
        Pkcs11Module module = new Pkcs11Module(fuzzedModule(data), "fuzz");
        try {
            TokenInfos.of(module.tokenInfo(0));
            try (Pkcs11Session session = module.openSession(0)) {
                AttributeValues values = session.attributes(1, ATTRIBUTES);
                values.bytes(CKA_ID).map(ObjectId::of);
                values.string(CKA_LABEL);
                values.bool(CKA_PRIVATE);
                values.ulong(CKA_KEY_TYPE);
                publicKeys(values);
            }
        } catch (Pkcs11Exception expected) {
            // the module's answer was an error, or one the binding cannot use
        }
    }

    private static void publicKeys(AttributeValues values) {
        try {
            if (values.has(CKA_EC_PARAMS) && values.has(CKA_EC_POINT)) {
                TokenPublicKeys.ec(values.bytes(CKA_EC_PARAMS).get(), values.bytes(CKA_EC_POINT).get());
            }
            if (values.has(CKA_MODULUS) && values.has(CKA_PUBLIC_EXPONENT)) {
                TokenPublicKeys.rsa(values.bytes(CKA_MODULUS).get(), values.bytes(CKA_PUBLIC_EXPONENT).get());
            }
        } catch (IllegalArgumentException expected) {
            // "not an EC/RSA public key": documented, and handled where keys are paired
        }
    }

    /** A module whose answers are the fuzzer's: it fills what the C function would, then returns a code. */
    private static Cryptoki fuzzedModule(FuzzedDataProvider data) {
        return (Cryptoki) Proxy.newProxyInstance(Cryptoki.class.getClassLoader(), new Class<?>[] {Cryptoki.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "C_GetTokenInfo" -> {
                        CkTokenInfo info = (CkTokenInfo) args[1];
                        byte[] bytes = data.consumeBytes(data.consumeInt(0, info.size()));
                        info.getPointer().write(0, bytes, 0, bytes.length);
                        info.read();
                        yield new NativeLong(CKR_OK);
                    }
                    case "C_GetAttributeValue" -> answerAttributes(data, (CkAttribute[]) args[2]);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "fuzzed module";
                    default -> new NativeLong(CKR_OK);
                });
    }

    private static NativeLong answerAttributes(FuzzedDataProvider data, CkAttribute[] template) {
        for (CkAttribute attribute : template) {
            if (attribute.pValue == null) {
                attribute.ulValueLen = new NativeLong(length(data));
            } else {
                // A module writes at most the buffer it was given; what it then claims is up to it.
                long buffer = attribute.ulValueLen.longValue();
                byte[] value = data.consumeBytes((int) Math.min(buffer, 4096));
                attribute.pValue.write(0, value, 0, value.length);
                attribute.ulValueLen = new NativeLong(data.consumeBoolean() ? value.length : length(data));
            }
        }
        return new NativeLong(data.pickValue(RETURN_CODES));
    }

    private static long length(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> CK_UNAVAILABLE_INFORMATION;
            case 1 -> data.consumeLong();
            default -> data.consumeInt(0, 512);
        };
    }
}
