package com.ukeybridge.agent.server;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A root and a 127.0.0.1/::1/localhost certificate made in memory, standing in for
 * AgentTlsFiles until the certs module implements it.
 */
record TestTls(KeyStore serverKeyStore, X509Certificate root) {
    static TestTls create() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair rootKey = generator.generateKeyPair();
            KeyPair agentKey = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name rootName = new X500Name("CN=Test root");
            X509Certificate root = sign(new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), rootName,
                    rootKey.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)), rootKey);
            X509Certificate agent = sign(new JcaX509v3CertificateBuilder(rootName, BigInteger.TWO,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))),
                    new X500Name("CN=127.0.0.1"), agentKey.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.iPAddress, "::1"),
                            new GeneralName(GeneralName.dNSName, "localhost")})), rootKey);
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("agent", agentKey.getPrivate(), new char[0], new X509Certificate[] {agent, root});
            return new TestTls(keyStore, root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context that trusts the root and nothing else. */
    SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("root", root);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }
}
