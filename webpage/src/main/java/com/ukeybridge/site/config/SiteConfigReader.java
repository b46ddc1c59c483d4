package com.ukeybridge.site.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
            "renewal", "download", "tls", "installerUrl", "siteOrigin");
    private static final Set<String> PKCS11_KEYS = Set.of("module", "tokenLabel", "keyLabel", "keyId", "pinEnv");
    private static final Set<String> RENEWAL_KEYS = Set.of("daysBefore", "daysAfter", "validityDays", "challengeMinutes");
    private static final Set<String> DOWNLOAD_KEYS = Set.of("validityDays", "codeValidDays", "maxAttempts");
    private static final Set<String> TLS_KEYS = Set.of("keystore", "password", "passwordEnv");

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private final Map<String, String> environment;

    /** @param environment where {@code …Env} keys are looked up (the process environment in production) */
    public SiteConfigReader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static SiteConfigReader withProcessEnvironment() {
        return new SiteConfigReader(System.getenv());
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
                fields.text("siteOrigin").map(SiteOrigin::parse));
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
        Optional<String> literal = fields.text("caKeystorePassword");
        Optional<String> env = fields.text("caKeystorePasswordEnv");
        if (literal.isPresent() && env.isPresent()) {
            throw new ConfigException("'caKeystorePassword' and 'caKeystorePasswordEnv' exclude each other");
        }
        if (env.isPresent()) {
            String value = environment.get(env.get());
            if (value == null || value.isEmpty()) {
                throw new ConfigException("'caKeystorePasswordEnv': the environment variable " + env.get() + " is not set");
            }
            return new CaKeySource.Pkcs12(file, Optional.of(value));
        }
        return new CaKeySource.Pkcs12(file, literal.or(() -> Optional.ofNullable(environment.get(DEFAULT_CA_PASSWORD_ENV))
                .filter(v -> !v.isEmpty())));
    }

    private static RenewalSettings renewal(ConfigFields fields) {
        RenewalSettings d = RenewalSettings.DEFAULTS;
        return fields.object("renewal", RENEWAL_KEYS).map(r -> new RenewalSettings(
                r.integer("daysBefore", 0, 3650).orElse(d.daysBefore()),
                r.integer("daysAfter", 0, 3650).orElse(d.daysAfter()),
                r.integer("validityDays", 1, 3650).orElse(d.validityDays()),
                r.integer("challengeMinutes", 1, 60).map(m -> Duration.ofMinutes(m)).orElse(d.challengeLifetime())))
                .orElse(d);
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
