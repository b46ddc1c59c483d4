package com.ukeybridge.certs;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files {@code certs create --dir D} writes, and how the agent reads them:
 * {@code D/root.pem} (the root, public), {@code D/agent-cert.pem} (the agent's certificate
 * followed by the root) and {@code D/agent-key.pem} (its PKCS#8 key; both readable by the
 * user alone).
 */
public final class AgentTlsFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AgentTlsFiles.class);

    public static final String ROOT = "root.pem";
    public static final String AGENT_CERTIFICATE = "agent-cert.pem";
    public static final String AGENT_KEY = "agent-key.pem";

    /** The alias of the agent's entry in {@link #loadServerKeyStore(Path)}. */
    public static final String KEY_ALIAS = ServerKeyStore.ALIAS;

    private AgentTlsFiles() {
    }

    /** Makes a fresh root, issues the agent's certificate from it, drops the root's key, writes the files. */
    public static void create(Path dir) {
        create(dir, Clock.systemUTC());
    }

    /**
     * As {@link #create(Path)}, dating the certificates by {@code clock}, and says what it wrote.
     * Replaces any files an earlier run left in {@code dir}; touches no trust store.
     *
     * @throws TlsFilesNotWrittenException when {@code dir} or a file in it cannot be written
     */
    public static CreatedTlsFiles create(Path dir, Clock clock) {
        TlsDirectory directory = TlsDirectory.open(dir);
        AgentCredentials agent = issueFromFreshRoot(clock, new SecureRandom());
        // Key and certificate first: a reader between the two renames sees a mismatch it reports,
        // and root.pem, which installers pick up, appears only once the agent's files are in place.
        Path key = directory.replace(AGENT_KEY, PemText.privateKey(agent.privateKey()), TlsDirectory.Access.OWNER_ONLY);
        Path certificate = directory.replace(AGENT_CERTIFICATE, PemText.certificates(agent.chain()),
                TlsDirectory.Access.OWNER_ONLY);
        Path root = directory.replace(ROOT, PemText.certificates(List.of(agent.root())),
                TlsDirectory.Access.PUBLIC);
        CreatedTlsFiles created = new CreatedTlsFiles(root, certificate, key, agent.root());
        LOG.info("Created local TLS files in {}: root \"{}\", SHA-256 {}", directory.path(),
                agent.root().getSubjectX500Principal().getName(), created.rootFingerprintSha256());
        return created;
    }

    /**
     * The root exists only inside this method: once it returns, nothing references the root's
     * private key (held by its signer), so it is never written and is left to the garbage collector.
     */
    private static AgentCredentials issueFromFreshRoot(Clock clock, SecureRandom random) {
        LocalRoot root = LocalRoot.generate(clock, random);
        return AgentCertificateIssuer.issue(root, clock, random);
    }

    /**
     * The root certificate in {@code D/root.pem}, as installers register it.
     *
     * @throws TlsFileMissingException when {@code root.pem} is absent
     * @throws TlsFileMalformedException when it is not exactly one PEM certificate
     */
    public static X509Certificate readRoot(Path dir) {
        Path file = dir.resolve(ROOT);
        List<X509Certificate> certificates = PemFile.read(file).certificates();
        if (certificates.size() != 1) {
            throw new TlsFileMalformedException(file, "expected one certificate, found " + certificates.size());
        }
        return certificates.get(0);
    }

    /**
     * The agent's own certificate, the first in {@code D/agent-cert.pem}; for deciding when to renew it.
     *
     * @throws TlsFileMissingException when {@code agent-cert.pem} is absent
     * @throws TlsFileMalformedException when it holds no readable certificate
     */
    public static X509Certificate readAgentCertificate(Path dir) {
        return PemFile.read(dir.resolve(AGENT_CERTIFICATE)).certificates().get(0);
    }

    /**
     * The agent's key and chain as an in-memory keystore (alias {@code agent}, empty password) for Jetty.
     *
     * @throws TlsFileMissingException when {@code agent-cert.pem} or {@code agent-key.pem} is absent
     * @throws TlsFileMalformedException when one is not the expected PEM, or the two do not belong together
     */
    public static KeyStore loadServerKeyStore(Path dir) {
        return ServerKeyStore.load(dir);
    }
}
