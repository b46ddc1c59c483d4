package com.ukeybridge.site.kmc;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM2Engine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.BigIntegers;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The site's own KMC, in software with Bouncy Castle. For each signing key it makes an SM2 key
 * pair; the envelope is a fresh SM4 key K encrypted with SM2 (C1C3C2) to the signing key, d
 * under K with SM4-ECB (GM/T 0016's ENVELOPEDKEYBLOB, {@link EnvelopedKeyBlob}); the escrow is
 * the PKCS#8 private key sealed with AES-256-GCM under the master key ({@code 12-byte nonce ||
 * ciphertext || tag}), the escrow's format version in the associated data. Thread-safe.
 */
public final class SoftwareKmc implements Kmc {
    private static final X9ECParameters CURVE = GMNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1);
    private static final ECDomainParameters DOMAIN = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, CURVE);
    private static final byte[] ESCROW_V1 = "UKeyBridge KMC escrow v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey masterKey;

    public SoftwareKmc(SecretKey masterKey) {
        this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
    }

    /**
     * For the RA ({@code ra recover-key}): a KMC that reads its master key only when an escrow is
     * opened, and never makes one (not even in the development mode).
     */
    public static Kmc forRecovery(com.ukeybridge.site.config.GmSettings.KmcMasterKeySource source) {
        return new Kmc() {
            @Override
            public EncryptionKey generate(SubjectPublicKeyInfo signingKey) {
                throw new UnsupportedOperationException("the RA's KMC only recovers keys");
            }

            @Override
            public PrivateKeyInfo recover(byte[] escrow) {
                return new SoftwareKmc(KmcMasterKey.openExisting(source)).recover(escrow);
            }
        };
    }

    @Override
    public EncryptionKey generate(SubjectPublicKeyInfo signingKey) {
        ECPublicKeyParameters signing = sm2PublicKey(signingKey);
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(DOMAIN, RANDOM));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        byte[] d = BigIntegers.asUnsignedByteArray(32, ((ECPrivateKeyParameters) pair.getPrivate()).getD());
        byte[] k = new byte[16];
        RANDOM.nextBytes(k);
        try {
            byte[] envelope = EnvelopedKeyBlob.encode(sm4Ecb(k, d),
                    ((ECPublicKeyParameters) pair.getPublic()).getQ().getEncoded(false), sm2Encrypt(signing, k));
            return new EncryptionKey(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic()), envelope,
                    seal(PrivateKeyInfoFactory.createPrivateKeyInfo(pair.getPrivate()).getEncoded()));
        } catch (IOException e) {
            throw new KmcException("cannot encode the encryption key", e);
        } finally {
            Arrays.fill(d, (byte) 0);
            Arrays.fill(k, (byte) 0);
        }
    }

    @Override
    public PrivateKeyInfo recover(byte[] escrow) {
        if (escrow.length <= NONCE) {
            throw new KmcException("the escrow is too short to be one");
        }
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(128, escrow, 0, NONCE));
            gcm.updateAAD(ESCROW_V1);
            return PrivateKeyInfo.getInstance(gcm.doFinal(escrow, NONCE, escrow.length - NONCE));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KmcException("the escrow does not open with this KMC master key", e);
        }
    }

    private byte[] seal(byte[] pkcs8) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(128, nonce));
            gcm.updateAAD(ESCROW_V1);
            byte[] sealed = gcm.doFinal(pkcs8);
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new KmcException("cannot seal the escrow", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static ECPublicKeyParameters sm2PublicKey(SubjectPublicKeyInfo key) {
        if (!GMObjectIdentifiers.sm2p256v1.equals(key.getAlgorithm().getParameters())) {
            throw new IllegalArgumentException("the signing key is not an SM2 key");
        }
        try {
            return (ECPublicKeyParameters) PublicKeyFactory.createKey(key);
        } catch (IOException e) {
            throw new IllegalArgumentException("the signing key does not parse", e);
        }
    }

    private static byte[] sm2Encrypt(ECPublicKeyParameters key, byte[] plaintext) {
        SM2Engine engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.init(true, new ParametersWithRandom(key, RANDOM));
        try {
            return engine.processBlock(plaintext, 0, plaintext.length);
        } catch (InvalidCipherTextException e) {
            throw new KmcException("cannot SM2-encrypt the envelope's key", e);
        }
    }

    private static byte[] sm4Ecb(byte[] key, byte[] data) {
        SM4Engine engine = new SM4Engine();
        engine.init(true, new KeyParameter(key));
        byte[] out = new byte[data.length];
        for (int i = 0; i < data.length; i += 16) {
            engine.processBlock(data, i, out, i);
        }
        return out;
    }
}
