package com.ukeybridge.site.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ukeybridge.site.UpdateSite;
import com.ukeybridge.site.config.SiteConfig;
import com.ukeybridge.site.config.SiteConfigReader;
import com.ukeybridge.site.download.NewAuthorization;
import com.ukeybridge.site.ra.ImportResult;
import com.ukeybridge.site.ra.Pem;
import com.ukeybridge.site.ra.RegistrationAuthority;
import com.ukeybridge.site.ra.RevokeResult;
import com.ukeybridge.site.store.AuditLog;
import com.ukeybridge.site.store.AuthorizationRecord;
import com.ukeybridge.site.store.CertificateRecord;
import com.ukeybridge.site.store.Database;
import com.ukeybridge.site.store.RevocationReason;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code ra …}: the RA centre's operations on the site's records, audited under the operator's
 * OS account (the name of the process's real user id, not the {@code user.name} property a
 * command line can set) and an optional {@code --operator} label.
 */
@Command(name = "ra", mixinStandardHelpOptions = true, description = "RA operations: import, issue-code, list, revoke, audit verify.",
        subcommands = {RaCommand.ImportCert.class, RaCommand.IssueCode.class, RaCommand.Reissue.class, RaCommand.ListRecords.class,
                RaCommand.Revoke.class, RaCommand.Audit.class})
final class RaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every RA command shares: the configuration, the records, the operator. */
    abstract static class RaOperation implements Runnable {
        private final Map<String, String> environment;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--config", required = true, description = "the site's JSON configuration")
        Path config;

        @Option(names = "--operator", description = "who at the RA centre does this, recorded beside the OS account, e.g. \"王五 (窗口2)\"")
        String operator;

        RaOperation(Map<String, String> environment) {
            this.environment = environment;
        }

        <T> T withRa(Function<RegistrationAuthority, T> work) {
            // The RA never opens the CA key, so it needs no keystore password.
            SiteConfig siteConfig = new SiteConfigReader(environment, true).read(config);
            try (Database database = UpdateSite.openRecords(siteConfig)) {
                return work.apply(UpdateSite.registrationAuthority(siteConfig, database, Clock.systemUTC()));
            }
        }

        /**
         * The OS account, what sudo says about who called it (an operator typically runs
         * {@code sudo -u <site account> update-site ra …}), and the operator's own label.
         */
        String actor() {
            String sudo = environment.getOrDefault("SUDO_USER", "");
            return "ra " + OsAccount.name() + (sudo.isBlank() ? "" : " via sudo from " + sudo)
                    + (operator == null || operator.isBlank() ? "" : " (" + operator.strip() + ")");
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** A new authorization, shown once: the code is kept only as a hash. */
        void print(NewAuthorization authorization, boolean json) {
            if (json) {
                ObjectNode node = JsonMapper.builder().build().createObjectNode();
                node.put("referenceNumber", authorization.referenceNumber());
                node.put("authorizationCode", authorization.authorizationCode());
                out().println(node);
            } else {
                out().println("Reference number (业务参考号):   " + authorization.referenceNumber());
                out().println("Authorization code (授权码):      " + authorization.authorizationCode());
                out().println("Subject:                         " + authorization.subject());
                out().println("Valid until:                     " + authorization.expiresAt());
            }
        }

        @Override
        public void run() {
            execute();
            out().flush();
        }

        abstract void execute();
    }

    @Command(name = "import-cert", mixinStandardHelpOptions = true,
            description = "Admit certificates of the old CA (issuer in trustedIssuers, signature verified) so that they can be renewed.")
    static final class ImportCert extends RaOperation {
        @Parameters(arity = "1..*", paramLabel = "CERT.pem", description = "PEM (or DER) files, each with one or more certificates")
        List<Path> files;

        ImportCert(Map<String, String> environment) {
            super(environment);
        }

        @Override
        void execute() {
            List<X509Certificate> certificates = files.stream().flatMap(f -> Pem.readCertificates(f).stream()).toList();
            for (ImportResult result : withRa(ra -> ra.importCertificates(certificates, actor()))) {
                out().println((result.imported() ? "imported       " : "already known  ") + result.serialNumber() + "  " + result.subject());
            }
        }
    }

    @Command(name = "issue-code", mixinStandardHelpOptions = true,
            description = "Make a download authorization: prints the reference number and the authorization code.")
    static final class IssueCode extends RaOperation {
        @Option(names = "--subject", required = true, description = "the certificate's subject, RFC 4514, e.g. \"CN=张三,O=某单位,C=CN\"")
        String subject;

        @Option(names = "--json", description = "print {\"referenceNumber\":…,\"authorizationCode\":…}")
        boolean json;

        IssueCode(Map<String, String> environment) {
            super(environment);
        }

        @Override
        void execute() {
            print(withRa(ra -> ra.issueCode(subject, actor())), json);
        }
    }

    @Command(name = "reissue", mixinStandardHelpOptions = true,
            description = "A new download authorization for the subject of an old one (locked by wrong codes, expired, lost); the old one stays locked.")
    static final class Reissue extends RaOperation {
        @Parameters(index = "0", paramLabel = "REFERENCE", description = "the old authorization's reference number")
        String referenceNumber;

        @Option(names = "--json", description = "print {\"referenceNumber\":…,\"authorizationCode\":…}")
        boolean json;

        Reissue(Map<String, String> environment) {
            super(environment);
        }

        @Override
        void execute() {
            print(withRa(ra -> ra.reissue(referenceNumber.replaceAll("[\\s-]", ""), actor())), json);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List known certificates and download authorizations.")
    static final class ListRecords extends RaOperation {
        ListRecords(Map<String, String> environment) {
            super(environment);
        }

        @Override
        void execute() {
            withRa(ra -> {
                out().println("Certificates:");
                for (CertificateRecord c : ra.certificates()) {
                    out().printf("  %-34s %-8s %-9s %s  %s%n", c.serialNumber(), c.origin(), c.revoked() ? "REVOKED" : "valid",
                            c.notAfter(), c.subject());
                }
                out().println("Download authorizations:");
                for (AuthorizationRecord a : ra.authorizations()) {
                    String state = a.completedAt().isPresent() ? "completed" : a.issuedCertificateId().isPresent() ? "issued"
                            : "open, " + a.failedAttempts() + " wrong tries";
                    out().printf("  %-14s expires %s  %-22s %s%n", a.referenceNumber(), a.expiresAt(), state, a.subject());
                }
                return null;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a certificate: it can no longer be renewed, and the site's CRL and OCSP answers list it.")
    static final class Revoke extends RaOperation {
        @Parameters(index = "0", paramLabel = "SERIAL", description = "the serial number, hex")
        String serial;

        @Option(names = "--reason", defaultValue = "unspecified",
                description = "RFC 5280 reason: unspecified, keyCompromise, affiliationChanged, superseded, cessationOfOperation (default: ${DEFAULT-VALUE})")
        String reason;

        Revoke(Map<String, String> environment) {
            super(environment);
        }

        @Override
        void execute() {
            String normalized = new java.math.BigInteger(serial.replace(":", ""), 16).toString(16);
            RevocationReason why = RevocationReason.byName(reason)
                    .orElseThrow(() -> new IllegalArgumentException("--reason: unknown revocation reason '" + reason + "'"));
            List<RevokeResult> results = withRa(ra -> ra.revoke(normalized, why, actor()));
            if (results.isEmpty()) {
                throw new IllegalArgumentException("no certificate with serial number " + normalized);
            }
            for (RevokeResult r : results) {
                out().println((r.revokedNow() ? "revoked          " : "already revoked  ") + r.serialNumber() + "  " + r.subject());
            }
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log.", subcommands = Audit.Verify.class)
    static final class Audit implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "verify", mixinStandardHelpOptions = true,
                description = "Check the audit log's hash chain: exit 0 when intact, 1 naming the first broken row.")
        static final class Verify extends RaOperation {
            Verify(Map<String, String> environment) {
                super(environment);
            }

            @Override
            void execute() {
                AuditLog.Verification result = withRa(RegistrationAuthority::verifyAudit);
                if (!result.intact()) {
                    throw new IllegalStateException("audit log broken after " + result.rowsChecked() + " rows: " + result.broken().orElseThrow());
                }
                out().println("audit log intact: " + result.rowsChecked() + " rows chained");
            }
        }
    }
}
