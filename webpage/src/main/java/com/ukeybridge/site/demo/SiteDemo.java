package com.ukeybridge.site.demo;

import com.ukeybridge.site.ca.Pkcs12CaKey;
import com.ukeybridge.site.config.GmSettings;
import com.ukeybridge.site.issuance.GmIssuer;
import com.ukeybridge.site.kmc.EncryptionKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.ukeybridge.site.UpdateSite;
import com.ukeybridge.site.ca.CaKey;
import com.ukeybridge.site.ca.CaKeys;
import com.ukeybridge.site.ca.IssueOrder;
import com.ukeybridge.site.config.SiteConfig;
import com.ukeybridge.site.config.SiteConfigReader;
import com.ukeybridge.site.download.NewAuthorization;
import com.ukeybridge.site.ra.ImportResult;
import com.ukeybridge.token.GeneratedKeyPair;
import com.ukeybridge.token.KeyAlgorithm;
import com.ukeybridge.token.StoredCertificate;
import com.ukeybridge.token.Token;
import com.ukeybridge.token.TokenRegistry;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The site side of the demo ({@code update-site.jar demo --dir D}): a site whose CA is made on
 * first start, a clerk's login certificate from that CA on a PKCS#11 token (key generated on the
 * token) with 30 days left, a download authorization for a blank token, and the site serving.
 * Every file lives in {@code D}: {@code site.json} (what {@code serve} and {@code ra} take as
 * {@code --config}), {@code ca.pem} (the CA certificate, listed in {@code trustedIssuers} so the
 * clerk's certificate is admitted as the RA would admit one of the old CA), {@code data/}.
 * Run again, it reuses what is there: the CA, the records, a token that already holds a certificate.
 */
public final class SiteDemo implements AutoCloseable {
    /** The clerk whose certificate needs renewing, and the one a download authorization is made for. */
    public static final String CLERK_SUBJECT = "CN=张三,OU=机构编制,O=山东省示例事业单位,C=CN";
    public static final String DOWNLOAD_SUBJECT = "CN=李四,OU=机构编制,O=山东省示例事业单位,C=CN";
    /** The holder of the GM token (README, "UKey GM"), seeded with {@link #issueGmPair}. */
    public static final String GM_SUBJECT = "CN=王五,OU=机构编制,O=山东省示例事业单位,C=CN";
    /** The holder a gm-dual download authorization is made for, onto the blank GM key. */
    public static final String GM_DOWNLOAD_SUBJECT = "CN=赵六,OU=机构编制,O=山东省示例事业单位,C=CN";
    public static final int DAYS_LEFT = 30;
    static final String ACTOR = "ra demo";

    /** What the demo runs on. */
    public record Settings(Path dir, Path module, String clerkToken, String blankToken, String pin, int port, URI agentUrl) {
    }

    /** The clerk's certificate on the token; {@code madeNow} false when an earlier run put it there. */
    public record ClerkCertificate(X509Certificate certificate, boolean madeNow) {
    }

    private final UpdateSite site;
    private final Path configFile;
    private final ClerkCertificate clerk;
    private final NewAuthorization authorization;
    private final boolean blankTokenPresent;

    private SiteDemo(UpdateSite site, Path configFile, ClerkCertificate clerk, NewAuthorization authorization, boolean blankTokenPresent) {
        this.site = site;
        this.configFile = configFile;
        this.clerk = clerk;
        this.authorization = authorization;
        this.blankTokenPresent = blankTokenPresent;
    }

    /** Writes the configuration, makes the CA if needed, starts the site, seeds the token and the RA. */
    public static SiteDemo start(Settings settings, Clock clock) {
        Path configFile = writeConfig(settings);
        // The demo is the development mode: its CA keystore password is generated and kept beside the key.
        SiteConfig config = new SiteConfigReader(System.getenv(), true).read(configFile);
        try (CaKey caKey = CaKeys.open(config.caKey(), config.caSubject(), clock)) {
            writePem(config.trustedIssuers().get(0), caKey.certificate());
        }
        // The SM2 CA beside the EC one (issue 11): its certificate is trusted too, so that a GM
        // token's pair from it is admitted as the RA admits an old CA's pair (issueGmPair).
        GmSettings gm = config.gm().orElseThrow();
        try (CaKey sm2Key = Pkcs12CaKey.openOrCreateSm2(gm.caKey().file(), gm.caKey().password(), gm.caSubject(), clock)) {
            writePem(config.trustedIssuers().get(1), sm2Key.certificate());
        }
        UpdateSite site = UpdateSite.start(config, clock);
        try (TokenRegistry registry = TokenRegistry.open(List.of(settings.module()), Duration.ofSeconds(1), Duration.ofSeconds(30))) {
            ClerkCertificate clerk = putClerkCertificate(site, token(registry, settings.clerkToken(), settings.module()),
                    settings.pin(), clock);
            boolean blank = registry.tokens().stream().anyMatch(t -> t.info().label().equals(settings.blankToken()));
            NewAuthorization authorization = site.ra().issueCode(DOWNLOAD_SUBJECT, ACTOR);
            return new SiteDemo(site, configFile, clerk, authorization, blank);
        } catch (RuntimeException e) {
            site.close();
            throw e;
        }
    }

    public UpdateSite site() {
        return site;
    }

    public Path configFile() {
        return configFile;
    }

    public ClerkCertificate clerk() {
        return clerk;
    }

    public NewAuthorization authorization() {
        return authorization;
    }

    public boolean blankTokenPresent() {
        return blankTokenPresent;
    }

    /** A GM token's pair from the demo's SM2 CA, and the envelope of its encryption key for the token's container. */
    public record GmPair(X509Certificate signing, X509Certificate encryption, byte[] envelopedKey) {
    }

    /**
     * Seeds a GM token (the README's "UKey GM"): a signing certificate for {@code signingKey} (an
     * SM2 key made on the token) and an encryption certificate for a key the KMC makes and
     * envelopes to it, both SM3withSM2 from the SM2 CA, ending in {@link #DAYS_LEFT} days, admitted
     * into the records as one pair as the RA would admit an old CA's pair. The caller writes both
     * certificates and imports the envelope ({@code SKF_ImportECCKeyPair}) into the token.
     *
     * @throws IllegalArgumentException when {@code signingKey} is not an SM2 key
     */
    public GmPair issueGmPair(SubjectPublicKeyInfo signingKey, String subject, Clock clock) {
        GmIssuer gm = site.gm().orElseThrow(() -> new IllegalStateException("the demo site has no SM2 CA"));
        int validityDays = site.config().renewal().validityDays();
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(DAYS_LEFT)).minus(Duration.ofDays(validityDays));
        X500Name name = X500Name.getInstance(new X500Principal(subject).getEncoded());
        EncryptionKey key = gm.kmc().generate(signingKey);
        X509Certificate signing = gm.ca().issue(new IssueOrder(name, signingKey, notBefore, validityDays));
        X509Certificate encryption = gm.ca().issue(new IssueOrder(name, key.publicKey(), notBefore, validityDays, IssueOrder.Use.ENCRYPTION));
        site.ra().importCertificates(List.of(signing, encryption), ACTOR);
        return new GmPair(signing, encryption, key.envelopedKey());
    }

    @Override
    public void close() {
        site.close();
    }

    private static Path writeConfig(Settings settings) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("port", settings.port());
        config.put("dataDir", "data");
        config.put("agentUrl", settings.agentUrl().toString());
        config.put("trustedIssuers", List.of("ca.pem", "gm-ca.pem"));
        try {
            Files.createDirectories(settings.dir());
            Path file = settings.dir().resolve("site.json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's site.json in " + settings.dir() + ": " + e.getMessage(), e);
        }
    }

    private static Token token(TokenRegistry registry, String label, Path module) {
        return registry.tokens().stream()
                .filter(t -> t.info().label().equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no token labelled '" + label + "' in " + module
                        + " (scripts/demo.sh makes one with softhsm2-util; is SOFTHSM2_CONF set?)"));
    }

    /**
     * A key generated on the token and a certificate for it from the site's CA, 1820 days long
     * and ending in 30 days, admitted into the records as the RA would; unless the token holds
     * certificates already, which are then (re)admitted and reused.
     */
    private static ClerkCertificate putClerkCertificate(UpdateSite site, Token token, String pin, Clock clock) {
        List<StoredCertificate> stored = token.certificates();
        if (!stored.isEmpty()) {
            List<X509Certificate> ours = new ArrayList<>();
            for (StoredCertificate s : stored) {
                X509Certificate certificate = parse(s.der());
                if (certificate.getIssuerX500Principal().equals(site.ca().certificate().getSubjectX500Principal())) {
                    ours.add(certificate);
                }
            }
            if (ours.isEmpty()) {
                throw new IllegalStateException("token '" + token.info().label() + "' holds certificates this site's CA did not issue;"
                        + " start from a fresh token (scripts/demo.sh does)");
            }
            site.ra().importCertificates(ours, ACTOR);
            return new ClerkCertificate(ours.get(ours.size() - 1), false);
        }
        char[] pinChars = pin.toCharArray();
        token.login(pinChars);
        try {
            GeneratedKeyPair pair = token.generateKeyPair(KeyAlgorithm.EC_P256, "张三");
            int validityDays = site.config().renewal().validityDays();
            Instant notAfter = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(DAYS_LEFT));
            X509Certificate certificate = site.ca().issue(new IssueOrder(
                    X500Name.getInstance(new X500Principal(CLERK_SUBJECT).getEncoded()),
                    SubjectPublicKeyInfo.getInstance(pair.publicKey().getEncoded()),
                    notAfter.minus(Duration.ofDays(validityDays)), validityDays));
            token.storeCertificate(certificate, Optional.of("张三"), Optional.empty());
            List<ImportResult> imported = site.ra().importCertificates(List.of(certificate), ACTOR);
            if (imported.isEmpty()) {
                throw new IllegalStateException("the demo certificate was not admitted");
            }
            return new ClerkCertificate(certificate, true);
        } finally {
            token.logout();
            java.util.Arrays.fill(pinChars, '\0');
        }
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509", com.ukeybridge.site.ca.Signatures.PROVIDER).generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a certificate on the token does not parse: " + e.getMessage(), e);
        }
    }

    private static void writePem(Path file, X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded());
            Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
