package com.ukeybridge.skf.testing;

import com.ukeybridge.skf.EccCipher;
import com.ukeybridge.skf.EccPublicKey;
import com.ukeybridge.skf.EccSignature;
import com.ukeybridge.skf.EnvelopedKey;
import com.ukeybridge.skf.jna.SkfConstants;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.util.BigIntegers;

import java.security.SecureRandom;

/**
 * SM2, SM3 and SM4 done independently of the token, with Bouncy Castle's lightweight API: what
 * the tests check the token against, and how the site's KMC will build an {@code ENVELOPEDKEYBLOB}.
 */
public final class Gm {
    public static final X9ECParameters CURVE = GMNamedCurves.getByName("sm2p256v1");
    public static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE);
    public static final byte[] DEFAULT_ID = "1234567812345678".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Gm() {
    }

    public static AsymmetricCipherKeyPair generateKeyPair() {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(DOMAIN, RANDOM));
        return generator.generateKeyPair();
    }

    public static EccPublicKey publicKey(AsymmetricCipherKeyPair pair) {
        return EccPublicKey.fromUncompressed(((ECPublicKeyParameters) pair.getPublic()).getQ().getEncoded(false));
    }

    public static byte[] privateKey(AsymmetricCipherKeyPair pair) {
        return BigIntegers.asUnsignedByteArray(32, ((ECPrivateKeyParameters) pair.getPrivate()).getD());
    }

    public static ECPublicKeyParameters parameters(EccPublicKey key) {
        return new ECPublicKeyParameters(CURVE.getCurve().decodePoint(key.uncompressed()), DOMAIN);
    }

    public static byte[] sm3(byte[]... parts) {
        SM3Digest digest = new SM3Digest();
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    /** Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA), GM/T 0003.2 §5.5, computed by hand. */
    public static byte[] z(EccPublicKey key, byte[] id) {
        int bits = id.length * 8;
        return sm3(new byte[] {(byte) (bits >> 8), (byte) bits}, id,
                BigIntegers.asUnsignedByteArray(32, CURVE.getCurve().getA().toBigInteger()),
                BigIntegers.asUnsignedByteArray(32, CURVE.getCurve().getB().toBigInteger()),
                BigIntegers.asUnsignedByteArray(32, CURVE.getG().getAffineXCoord().toBigInteger()),
                BigIntegers.asUnsignedByteArray(32, CURVE.getG().getAffineYCoord().toBigInteger()),
                key.x(), key.y());
    }

    /** e = SM3(Z || M) with the default ID: what SKF_ECCSignData signs. */
    public static byte[] e(EccPublicKey key, byte[] message) {
        return sm3(z(key, DEFAULT_ID), message);
    }

    /** Bouncy Castle's SM2 verification of a DER signature over the message, default ID. */
    public static boolean verify(EccPublicKey key, byte[] message, byte[] derSignature) {
        SM2Signer signer = new SM2Signer();
        signer.init(false, new ParametersWithID(parameters(key), DEFAULT_ID));
        signer.update(message, 0, message.length);
        return signer.verifySignature(derSignature);
    }

    public static byte[] sign(AsymmetricCipherKeyPair pair, byte[] message) {
        SM2Signer signer = new SM2Signer();
        signer.init(true, new ParametersWithID(new ParametersWithRandom(pair.getPrivate(), RANDOM), DEFAULT_ID));
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException(e);
        }
    }

    /** (r, s) from GM/T 0009 DER {@code SEQUENCE { INTEGER r, INTEGER s }}. */
    public static EccSignature signatureFromDer(byte[] der) {
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        return new EccSignature(
                BigIntegers.asUnsignedByteArray(32, ASN1Integer.getInstance(seq.getObjectAt(0)).getValue()),
                BigIntegers.asUnsignedByteArray(32, ASN1Integer.getInstance(seq.getObjectAt(1)).getValue()));
    }

    public static EccCipher encrypt(EccPublicKey key, byte[] plaintext) {
        SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.init(true, new ParametersWithRandom(parameters(key), RANDOM));
        try {
            return EccCipher.fromC1C3C2(engine.processBlock(plaintext, 0, plaintext.length));
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] decrypt(AsymmetricCipherKeyPair pair, EccCipher cipher) {
        SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.init(false, pair.getPrivate());
        byte[] bytes = cipher.toC1C3C2();
        try {
            return engine.processBlock(bytes, 0, bytes.length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SM4 in ECB mode without padding (len a multiple of 16). */
    public static byte[] sm4Ecb(boolean encrypt, byte[] key, byte[] data) {
        SM4Engine engine = new SM4Engine();
        engine.init(encrypt, new KeyParameter(key));
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i += 16) {
            engine.processBlock(data, i, out, i);
        }
        return out;
    }

    public static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * The envelope a KMC sends for an encryption key pair (GM/T 0016 §7.6.12): a fresh SM4 key K
     * SM2-encrypted to the container's signing key, d encrypted under K with SM4-ECB, the public key in clear.
     */
    public static EnvelopedKey envelope(AsymmetricCipherKeyPair encryptionPair, EccPublicKey signingKey) {
        byte[] k = random(16);
        return new EnvelopedKey(SkfConstants.SGD_SM4_ECB, sm4Ecb(true, k, privateKey(encryptionPair)),
                publicKey(encryptionPair), encrypt(signingKey, k));
    }
}
