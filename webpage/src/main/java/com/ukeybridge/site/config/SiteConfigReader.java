package com.ukeybridge.site.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads {@code serve --config FILE} (JSON) and validates every key at the edge, like the
 * agent's: an unknown key, a value of the wrong type or out of range stops the site with a
 * message naming the key. Relative paths are taken from the configuration file's folder.
 * Secrets (the CA keystore password, the HSM PIN, the TLS password) may come from environment
 * variables the file names, so that the file itself need not hold them.
 */
public final class SiteConfigReader {
    /** Read when neither {@code caKeystorePassword} nor {@code caKeystorePasswordEnv} is given. */
    public static final String DEFAULT_CA_PASSWORD_ENV = "UKEY_SITE_CA_PASSWORD";
    /** Read when {@code caPkcs11.pinEnv} is not given. */
    public static final String DEFAULT_CA_PIN_ENV = "UKEY_SITE_CA_PIN";

    private static final Set<String> KEYS = Set.of("port", "basePath", "database", "dataDir", "agentUrl",
            "caKeystore", "caKeystorePassword", "caKeystorePasswordEnv", "caPkcs11", "caSubject", "trustedIssuers",
            "caKeystorePasswordFile", "caKeystorePasswordCredential", "renewal", "download", "tls", "installerUrl",
            "siteOrigin", "publicBaseUrl", "trustedProxies", "rateLimits");
    private static final Set<String> PKCS11_KEYS = Set.of("module", "tokenLabel", "keyLabel", "keyId", "pinEnv");
    private static final Set<String> RENEWAL_KEYS = Set.of("daysBefore", "daysAfter", "validityDays", "challengeMinutes",
            "revokeSuperseded", "supersedeGraceHours");
    private static final Set<String> RATE_KEYS = Set.of("challenges", "codeChecks", "issuance");
    private static final Set<String> LIMIT_KEYS = Set.of("perClient", "global");
    /** The systemd credential read when {@code CREDENTIALS_DIRECTORY} is set (LoadCredential=ca-keystore-password:…). */
    public static final String DEFAULT_CA_PASSWORD_CREDENTIAL = "ca-keystore-password";
    private static final Set<String> DOWNLOAD_KEYS = Set.of("validityDays", "codeValidDays", "maxAttempts");
    private static final Set<String> TLS_KEYS = Set.of("keystore", "password", "passwordEnv");

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private final Map<String, String> environment;
    private final boolean dev;

    /** @param environment where {@code …Env} keys are looked up (the process environment in production) */
    public SiteConfigReader(Map<String, String> environment) {
        this(environment, false);
    }

    /**
     * @param dev the development mode ({@code --dev}, the demo): without a configured CA keystore
     *            password one is generated and kept beside the keystore; otherwise that is refused
     */
    public SiteConfigReader(Map<String, String> environment, boolean dev) {
        this.environment = Map.copyOf(environment);
        this.dev = dev;
    }

    public SiteConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toAbsolutePath().getParent());
    }

    /** @param baseDir the folder relative paths are taken from; {@code dataDir} defaults to {@code baseDir/data} */
    public SiteConfig parse(String text, Path baseDir) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException("configuration is not valid JSON: " + e.getOriginalMessage());
        }
        ConfigFields fields = ConfigFields.of(root, "", baseDir, KEYS);
        Path dataDir = fields.path("dataDir").orElse(baseDir.resolve("data"));
        SiteConfig defaults = SiteConfig.defaults(dataDir);
        Optional<URI> publicBaseUrl = fields.uri("publicBaseUrl", Set.of("http", "https")).map(SiteConfigReader::publicBaseUrl);
        Optional<SiteOrigin> siteOrigin = fields.text("siteOrigin").map(SiteOrigin::parse);
        // Two origins for one site would bind proofs to one and admit API requests from the other.
        if (siteOrigin.isPresent() && publicBaseUrl.isPresent() && !siteOrigin.get().equals(SiteOrigin.of(publicBaseUrl.get()))) {
            throw new ConfigException("'siteOrigin' (" + siteOrigin.get() + ") must be the origin of 'publicBaseUrl' ("
                    + publicBaseUrl.get() + "); leave one out to take it from the other");
        }
        return new SiteConfig(
                fields.integer("port", 0, 65535).orElse(SiteConfig.DEFAULT_PORT),
                fields.text("basePath").map(SiteConfigReader::basePath).orElse("/"),
                fields.text("database").map(SiteConfigReader::jdbcUrl).orElse(defaults.database()),
                dataDir,
                fields.uri("agentUrl", Set.of("wss")),
                caKey(fields, dataDir),
                fields.text("caSubject").map(SiteConfigReader::distinguishedName).orElse(SiteConfig.DEFAULT_CA_SUBJECT),
                fields.paths("trustedIssuers"),
                renewal(fields),
                download(fields),
                fields.object("tls", TLS_KEYS).map(this::tls),
                fields.uri("installerUrl", Set.of("http", "https")),
                siteOrigin,
                publicBaseUrl,
                rateLimits(fields));
    }

    private CaKeySource caKey(ConfigFields fields, Path dataDir) {
        Optional<ConfigFields> pkcs11 = fields.object("caPkcs11", PKCS11_KEYS);
        if (pkcs11.isPresent()) {
            for (String key : new String[]{"caKeystore", "caKeystorePassword", "caKeystorePasswordEnv"}) {
                if (fields.object().has(key)) {
                    throw new ConfigException("'" + key + "' and 'caPkcs11' exclude each other: the CA key is in one place");
                }
            }
            ConfigFields p = pkcs11.get();
            Optional<String> keyId = p.text("keyId");
            keyId.ifPresent(id -> {
                if (!id.matches("([0-9a-f]{2})+")) {
                    throw new ConfigException("'caPkcs11.keyId' must be lowercase hex, got '" + id + "'");
                }
            });
            Optional<String> keyLabel = p.text("keyLabel");
            if (keyLabel.isEmpty() && keyId.isEmpty()) {
                throw new ConfigException("'caPkcs11' needs 'keyLabel' or 'keyId'");
            }
            String pinEnv = p.text("pinEnv").orElse(DEFAULT_CA_PIN_ENV);
            String pin = environment.get(pinEnv);
            if (pin == null || pin.isEmpty()) {
                throw new ConfigException("'caPkcs11.pinEnv': the environment variable " + pinEnv + " holding the token's PIN is not set");
            }
            return new CaKeySource.Pkcs11(p.path("module").orElseThrow(() -> new ConfigException("'caPkcs11.module' is required")),
                    p.requiredText("tokenLabel"), keyLabel, keyId, pin);
        }
        Path file = fields.path("caKeystore").orElse(dataDir.resolve("ca.p12"));
        return new CaKeySource.Pkcs12(file, caPassword(fields, dataDir, file));
    }

    /**
     * The CA keystore's password, from one place the configuration names, never from a file in
     * {@code dataDir}: {@code caKeystorePassword}, {@code caKeystorePasswordEnv},
     * {@code caKeystorePasswordFile}, {@code caKeystorePasswordCredential} (systemd), else the
     * environment variable {@value #DEFAULT_CA_PASSWORD_ENV}, else the systemd credential
     * {@value #DEFAULT_CA_PASSWORD_CREDENTIAL}; empty (generated beside the keystore) only in {@code dev}.
     */
    private Optional<String> caPassword(ConfigFields fields, Path dataDir, Path keystore) {
        List<String> given = Stream.of("caKeystorePassword", "caKeystorePasswordEnv", "caKeystorePasswordFile", "caKeystorePasswordCredential")
                .filter(fields.object()::has).toList();
        if (given.size() > 1) {
            throw new ConfigException("'" + given.get(0) + "' and '" + given.get(1) + "' exclude each other: the CA keystore password comes from one place");
        }
        Optional<String> literal = fields.text("caKeystorePassword");
        if (literal.isPresent()) {
            return literal;
        }
        Optional<String> env = fields.text("caKeystorePasswordEnv");
        if (env.isPresent()) {
            String value = environment.get(env.get());
            if (value == null || value.isEmpty()) {
                throw new ConfigException("'caKeystorePasswordEnv': the environment variable " + env.get() + " is not set");
            }
            return Optional.of(value);
        }
        Optional<Path> file = fields.path("caKeystorePasswordFile");
        if (file.isPresent()) {
            Path absolute = file.get().toAbsolutePath().normalize();
            if (absolute.startsWith(dataDir.toAbsolutePath().normalize()) || absolute.getParent().equals(keystore.toAbsolutePath().normalize().getParent())) {
                throw new ConfigException("'caKeystorePasswordFile': " + absolute + " lies beside the CA key (in dataDir or the keystore's folder);"
                        + " keep the password elsewhere");
            }
            return Optional.of(readSecret("caKeystorePasswordFile", absolute));
        }
        Optional<String> credential = fields.text("caKeystorePasswordCredential");
        String credentials = environment.get("CREDENTIALS_DIRECTORY");
        if (credential.isPresent()) {
            if (credentials == null || credentials.isEmpty()) {
                throw new ConfigException("'caKeystorePasswordCredential': CREDENTIALS_DIRECTORY is not set (is the site run by systemd with LoadCredential=?)");
            }
            return Optional.of(readSecret("caKeystorePasswordCredential", Path.of(credentials, credential.get())));
        }
        Optional<String> fromEnv = Optional.ofNullable(environment.get(DEFAULT_CA_PASSWORD_ENV)).filter(v -> !v.isEmpty());
        if (fromEnv.isPresent()) {
            return fromEnv;
        }
        if (credentials != null && !credentials.isEmpty() && Files.isRegularFile(Path.of(credentials, DEFAULT_CA_PASSWORD_CREDENTIAL))) {
            return Optional.of(readSecret("CREDENTIALS_DIRECTORY", Path.of(credentials, DEFAULT_CA_PASSWORD_CREDENTIAL)));
        }
        if (dev) {
            return Optional.empty();
        }
        throw new ConfigException("no password for the CA keystore " + keystore + ": set " + DEFAULT_CA_PASSWORD_ENV
                + ", 'caKeystorePasswordEnv', 'caKeystorePasswordFile' (outside dataDir) or a systemd credential '"
                + DEFAULT_CA_PASSWORD_CREDENTIAL + "'; only --dev (the demo) keeps a generated one beside the key"
                + (Files.exists(keystore.resolveSibling(keystore.getFileName() + ".password"))
                ? " (move the existing " + keystore.getFileName() + ".password out of that folder and name it in 'caKeystorePasswordFile')" : ""));
    }

    private static String readSecret(String key, Path file) {
        try {
            String value = Files.readString(file).strip();
            if (value.isEmpty()) {
                throw new ConfigException("'" + key + "': " + file + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new ConfigException("'" + key + "': cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static RenewalSettings renewal(ConfigFields fields) {
        RenewalSettings d = RenewalSettings.DEFAULTS;
        return fields.object("renewal", RENEWAL_KEYS).map(r -> new RenewalSettings(
                r.integer("daysBefore", 0, 3650).orElse(d.daysBefore()),
                r.integer("daysAfter", 0, 3650).orElse(d.daysAfter()),
                r.integer("validityDays", 1, 3650).orElse(d.validityDays()),
                r.integer("challengeMinutes", 1, 60).map(m -> Duration.ofMinutes(m)).orElse(d.challengeLifetime()),
                r.bool("revokeSuperseded").orElse(d.revokeSuperseded()),
                r.integer("supersedeGraceHours", 0, 24 * 365).map(h -> Duration.ofHours(h)).orElse(d.supersedeGrace())))
                .orElse(d);
    }

    private static RateLimitSettings rateLimits(ConfigFields fields) {
        RateLimitSettings d = RateLimitSettings.DEFAULTS;
        List<AddressRange> proxies = fields.texts("trustedProxies").stream().map(v -> AddressRange.parse("trustedProxies", v)).toList();
        return fields.object("rateLimits", RATE_KEYS).map(r -> new RateLimitSettings(
                        limit(r, "challenges", d.challenges()), limit(r, "codeChecks", d.codeChecks()), limit(r, "issuance", d.issuance()), proxies))
                .orElse(d.withTrustedProxies(proxies));
    }

    private static RateLimitSettings.Limit limit(ConfigFields r, String key, RateLimitSettings.Limit d) {
        return r.object(key, LIMIT_KEYS).map(l -> new RateLimitSettings.Limit(
                l.integer("perClient", 1, 100_000).orElse(d.perClient()), l.integer("global", 1, 10_000_000).orElse(d.global()))).orElse(d);
    }

    private static URI publicBaseUrl(URI value) {
        if (!value.getPath().endsWith("/") || value.getQuery() != null || value.getFragment() != null) {
            throw new ConfigException("'publicBaseUrl' must end in / with no query or fragment, e.g. https://update.example.gov.cn/CaUpdate/, got '" + value + "'");
        }
        return value;
    }

    private static DownloadSettings download(ConfigFields fields) {
        DownloadSettings d = DownloadSettings.DEFAULTS;
        return fields.object("download", DOWNLOAD_KEYS).map(o -> new DownloadSettings(
                o.integer("validityDays", 1, 3650).orElse(d.validityDays()),
                o.integer("codeValidDays", 1, 365).orElse(d.codeValidDays()),
                o.integer("maxAttempts", 1, 100).orElse(d.maxAttempts())))
                .orElse(d);
    }

    private TlsSettings tls(ConfigFields t) {
        Path keystore = t.path("keystore").orElseThrow(() -> new ConfigException("'tls.keystore' is required"));
        Optional<String> literal = t.text("password");
        Optional<String> env = t.text("passwordEnv");
        if (literal.isPresent() == env.isPresent()) {
            throw new ConfigException("'tls' needs exactly one of 'password' and 'passwordEnv'");
        }
        String password = literal.orElseGet(() -> Optional.ofNullable(environment.get(env.get()))
                .orElseThrow(() -> new ConfigException("'tls.passwordEnv': the environment variable " + env.get() + " is not set")));
        return new TlsSettings(keystore, password);
    }

    private static String basePath(String value) {
        if (!value.matches("/([A-Za-z0-9._~-]+/?)*")) {
            throw new ConfigException("'basePath' must be a path like /CaUpdate/, got '" + value + "'");
        }
        return value;
    }

    private static String jdbcUrl(String value) {
        if (!value.startsWith("jdbc:h2:") && !value.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("'database' must be a jdbc:h2: or jdbc:postgresql: URL, got '" + value + "'");
        }
        return value;
    }

    private static String distinguishedName(String value) {
        try {
            new javax.security.auth.x500.X500Principal(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("'caSubject' is not a distinguished name: " + e.getMessage());
        }
    }
}
