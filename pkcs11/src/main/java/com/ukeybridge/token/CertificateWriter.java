package com.ukeybridge.token;

import com.ukeybridge.pkcs11.Attribute;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_CERTIFICATE_TYPE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_CLASS;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_ID;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_ISSUER;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_LABEL;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_PRIVATE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_SERIAL_NUMBER;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_SUBJECT;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_TOKEN;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKA_VALUE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKC_X_509;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKO_CERTIFICATE;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKO_PRIVATE_KEY;
import static com.ukeybridge.pkcs11.jna.Pkcs11Constants.CKO_PUBLIC_KEY;

/**
 * The "never lose a certificate" sequence: find the key, write the certificate (unless it is
 * already there), read it back, and only then destroy what it replaces. Every step can fail;
 * whatever the step, the token keeps a usable certificate with its key, and running the whole
 * sequence again finishes the job.
 */
final class CertificateWriter {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateWriter.class);

    private final TokenObjects objects;

    CertificateWriter(TokenObjects objects) {
        this.objects = objects;
    }

    ObjectId store(X509Certificate certificate, Optional<String> label, Optional<ObjectId> replaces) {
        byte[] der = encoded(certificate);
        ObjectId keyId = new KeyPairing(objects).privateKeyFor(certificate.getPublicKey())
                .orElseThrow(() -> new CertificateKeyMismatchException("no private key on the token pairs with the certificate"));
        if (replaces.isPresent() && replaces.get().isEmpty()) {
            throw new IllegalArgumentException("replaces must name a certificate by a non-empty CKA_ID");
        }
        if (replaces.isPresent() && replaces.get().equals(keyId)) {
            throw new IllegalArgumentException("a certificate cannot replace its own key pair " + keyId);
        }
        Optional<Long> alreadyStored = objects.session()
                .find(List.of(Attribute.of(CKA_CLASS, CKO_CERTIFICATE), Attribute.of(CKA_VALUE, der)))
                .stream().findFirst();
        if (replaces.isPresent() && objects.findAny(replaces.get()).isEmpty() && alreadyStored.isEmpty()) {
            throw new ObjectNotFoundException("nothing on the token has id " + replaces.get());
        }

        long stored;
        ObjectId storedId;
        if (alreadyStored.isPresent()) {
            stored = alreadyStored.get();
            storedId = objects.id(stored);
            LOG.info("certificate already stored under id {}", storedId);
        } else {
            stored = objects.session().create(template(certificate, der, keyId, label));
            storedId = keyId;
            LOG.info("certificate written under id {}", storedId);
        }
        verify(stored, der, alreadyStored.isEmpty());

        replaces.ifPresent(old -> destroyReplaced(old, stored));
        return storedId;
    }

    private List<Attribute> template(X509Certificate certificate, byte[] der, ObjectId keyId, Optional<String> label) {
        return List.of(
                Attribute.of(CKA_CLASS, CKO_CERTIFICATE),
                Attribute.of(CKA_CERTIFICATE_TYPE, CKC_X_509),
                Attribute.of(CKA_TOKEN, true),
                Attribute.of(CKA_PRIVATE, false),
                Attribute.of(CKA_ID, keyId.bytes()),
                Attribute.of(CKA_SUBJECT, certificate.getSubjectX500Principal().getEncoded()),
                Attribute.of(CKA_ISSUER, certificate.getIssuerX500Principal().getEncoded()),
                Attribute.of(CKA_SERIAL_NUMBER, derInteger(certificate)),
                Attribute.of(CKA_VALUE, der),
                Attribute.of(CKA_LABEL, label.filter(l -> !l.isEmpty()).orElseGet(() -> defaultLabel(certificate, keyId))));
    }

    /** The key's label, so that certificate and key read alike in other tools; else the subject's CN. */
    private String defaultLabel(X509Certificate certificate, ObjectId keyId) {
        Optional<String> keyLabel = objects.find(CKO_PRIVATE_KEY, keyId).stream().findFirst()
                .map(objects::label).filter(l -> !l.isBlank());
        return keyLabel.orElseGet(() -> commonName(certificate));
    }

    private static String commonName(X509Certificate certificate) {
        RDN[] cn = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return cn.length == 0 ? "" : IETFUtils.valueToString(cn[0].getFirst().getValue());
    }

    /** A token may accept a write and store something else (truncated, re-encoded): only a read-back proves it. */
    private void verify(long stored, byte[] der, boolean writtenNow) {
        byte[] readBack = objects.session().attributes(stored, CKA_VALUE).bytes(CKA_VALUE).orElse(new byte[0]);
        if (!Arrays.equals(readBack, der)) {
            if (writtenNow) {
                objects.session().destroy(stored);
            }
            throw new TokenFailureException("the certificate read back differs from the one written", "CKR_GENERAL_ERROR");
        }
    }

    /** Certificate first, so that a failure half-way never leaves a certificate without its key. */
    private void destroyReplaced(ObjectId old, long keep) {
        for (long objectClass : new long[] {CKO_CERTIFICATE, CKO_PRIVATE_KEY, CKO_PUBLIC_KEY}) {
            for (long object : objects.find(objectClass, old)) {
                if (object != keep) {
                    objects.session().destroy(object);
                }
            }
        }
        LOG.info("replaced certificate and key pair {} destroyed", old);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    private static byte[] derInteger(X509Certificate certificate) {
        try {
            return new ASN1Integer(certificate.getSerialNumber()).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
