package com.ukeybridge.site.cli;

import com.ukeybridge.site.config.SiteConfig;
import com.ukeybridge.site.demo.SiteDemo;
import com.ukeybridge.x509.SubjectNames;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * {@code demo --dir D}: the site side of the demo (README, "Demo"). {@code scripts/demo.sh}
 * makes the SoftHSM2 tokens, the agent's TLS files and trust, starts the agent, then this.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the update site for a demo: its CA (made on first start), a login certificate from it that expires in "
                + SiteDemo.DAYS_LEFT + " days on a PKCS#11 token (key made on the token), a download authorization for a blank token.",
                "The tokens must exist (scripts/demo.sh makes them with softhsm2-util); Ctrl-C stops the site."})
final class DemoCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", required = true, description = "where the demo site keeps site.json, ca.pem and data/")
    Path dir;

    @Option(names = "--module", defaultValue = "/usr/lib/softhsm/libsofthsm2.so", description = "the PKCS#11 module (default: ${DEFAULT-VALUE})")
    Path module;

    @Option(names = "--token", defaultValue = "UKey Demo", description = "the clerk's token, by label (default: ${DEFAULT-VALUE})")
    String token;

    @Option(names = "--blank-token", defaultValue = "UKey Blank", description = "the blank token for the download flow (default: ${DEFAULT-VALUE})")
    String blankToken;

    @Option(names = "--pin", defaultValue = "123456", description = "the tokens' user PIN (default: ${DEFAULT-VALUE})")
    String pin;

    @Option(names = "--port", defaultValue = "" + SiteConfig.DEFAULT_PORT, description = "the site's port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--agent-url", defaultValue = "wss://127.0.0.1:28443/v2", description = "where pages find the agent (default: ${DEFAULT-VALUE})")
    URI agentUrl;

    @Override
    public void run() {
        Clock clock = Clock.systemUTC();
        SiteDemo demo = SiteDemo.start(new SiteDemo.Settings(dir.toAbsolutePath(), module, token, blankToken, pin, port, agentUrl), clock);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "demo-shutdown"));
        print(demo, clock.instant());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void print(SiteDemo demo, Instant now) {
        PrintWriter out = spec.commandLine().getOut();
        X509Certificate clerk = demo.clerk().certificate();
        long daysLeft = Duration.between(now, clerk.getNotAfter().toInstant()).toDays();
        String config = demo.configFile().toString();
        out.printf("Update site:     %s   (agent expected at %s)%n", demo.site().baseUri(), agentUrl);
        out.printf("Token \"%s\":  %s, serial %s, expires %s (%d days left)%s%n", token,
                SubjectNames.format(clerk.getSubjectX500Principal()), clerk.getSerialNumber().toString(16),
                clerk.getNotAfter().toInstant(), daysLeft, demo.clerk().madeNow() ? "" : " [from an earlier run]");
        out.printf("Token \"%s\": %s%n", blankToken, demo.blankTokenPresent() ? "blank, for 下载用户证书 (download)"
                : "not found: the download flow needs a blank token labelled so");
        out.printf("User PIN of both tokens:     %s%n", pin);
        out.printf("Download authorization for %s:%n", demo.authorization().subject());
        out.printf("  Reference number (业务参考号): %s%n", demo.authorization().referenceNumber());
        out.printf("  Authorization code (授权码):   %s%n", demo.authorization().authorizationCode());
        out.printf("Site CA certificate: %s   records: %s%n", demo.site().config().trustedIssuers().get(0), demo.site().config().dataDir());
        out.printf("RA commands:     java -jar update-site.jar ra list --config %s   (also issue-code, revoke)%n", config);
        out.flush();
    }
}
