package com.ukeybridge.skf.testing;

import com.ukeybridge.skf.EccCipher;
import com.ukeybridge.skf.EccPublicKey;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.util.BigIntegers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code openssl} command line (OpenSSL 3: SM2, SM3, SM4) as an independent check of the token. */
public final class OpenSsl {
    private OpenSsl() {
    }

    /** The key as OpenSSL reads it: SPKI {@code id-ecPublicKey} with parameters {@code sm2p256v1}, PEM. */
    public static String publicKeyPem(EccPublicKey key) {
        try {
            byte[] der = new SubjectPublicKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, GMObjectIdentifiers.sm2p256v1),
                    key.uncompressed()).getEncoded();
            return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678}: true when it verifies. */
    public static boolean verify(EccPublicKey key, byte[] message, byte[] derSignature) {
        Path dir = tempDir();
        try {
            Files.writeString(dir.resolve("pub.pem"), publicKeyPem(key));
            Files.write(dir.resolve("message"), message);
            Files.write(dir.resolve("signature"), derSignature);
            Run run = run(dir, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-in", "message", "-rawin",
                    "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-sigfile", "signature");
            return run.exitCode() == 0 && run.output().contains("Signature Verified Successfully");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(dir);
        }
    }

    /** {@code openssl pkeyutl -encrypt} to the key: GM/T 0009 DER (C1C3C2), split into the SKF fields. */
    public static EccCipher encrypt(EccPublicKey key, byte[] plaintext) {
        Path dir = tempDir();
        try {
            Files.writeString(dir.resolve("pub.pem"), publicKeyPem(key));
            Files.write(dir.resolve("plain"), plaintext);
            Run run = run(dir, "pkeyutl", "-encrypt", "-pubin", "-inkey", "pub.pem", "-in", "plain", "-out", "cipher");
            if (run.exitCode() != 0) {
                throw new IllegalStateException("openssl pkeyutl -encrypt failed: " + run.output());
            }
            ASN1Sequence seq = ASN1Sequence.getInstance(Files.readAllBytes(dir.resolve("cipher")));
            return new EccCipher(
                    BigIntegers.asUnsignedByteArray(32, ASN1Integer.getInstance(seq.getObjectAt(0)).getValue()),
                    BigIntegers.asUnsignedByteArray(32, ASN1Integer.getInstance(seq.getObjectAt(1)).getValue()),
                    ASN1OctetString.getInstance(seq.getObjectAt(2)).getOctets(),
                    ASN1OctetString.getInstance(seq.getObjectAt(3)).getOctets());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(dir);
        }
    }

    /** {@code openssl x509 -noout -fingerprint -sm3} of a DER certificate: proves OpenSSL parses it. */
    public static String certificateSubject(byte[] der) {
        Path dir = tempDir();
        try {
            Files.write(dir.resolve("cert.der"), der);
            Run run = run(dir, "x509", "-inform", "DER", "-in", "cert.der", "-noout", "-subject");
            if (run.exitCode() != 0) {
                throw new IllegalStateException("openssl x509 failed: " + run.output());
            }
            return run.output().strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(dir);
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl did not finish");
            }
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("openssl-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
