package com.ukeybridge.site.cli;

import com.ukeybridge.site.config.SiteConfig;
import com.ukeybridge.site.demo.GmDemoToken;
import com.ukeybridge.site.demo.SiteDemo;
import com.ukeybridge.site.download.NewAuthorization;
import com.ukeybridge.site.store.DownloadProfile;
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
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code demo --dir D}: the site side of the demo (README, "Demo"). {@code scripts/demo.sh}
 * makes the SoftHSM2 tokens, the agent's TLS files and trust, starts the agent, then this.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the update site for a demo: its CA (made on first start), a login certificate from it that expires in "
                + SiteDemo.DAYS_LEFT + " days on a PKCS#11 token (key made on the token), a download authorization for a blank token;"
                + " with --skf-library also a GM key filled with an SM2 signing + encryption pair from the SM2 CA and a gm-dual authorization.",
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

    @Option(names = "--skf-library", description = "an SKF library (softskf's libsoftskf.so) holding the GM keys; without it the demo has none")
    Path skfLibrary;

    @Option(names = "--gm-token", defaultValue = "UKey GM", description = "the GM key to fill with a signing + encryption pair, by label (default: ${DEFAULT-VALUE})")
    String gmToken;

    @Option(names = "--gm-blank-token", defaultValue = "UKey GM Blank", description = "the blank GM key for a gm-dual download, by label (default: ${DEFAULT-VALUE})")
    String gmBlankToken;

    @Override
    public void run() {
        Clock clock = Clock.systemUTC();
        SiteDemo demo = SiteDemo.start(new SiteDemo.Settings(dir.toAbsolutePath(), module, token, blankToken, pin, port, agentUrl), clock);
        Optional<GmDemo> gm;
        try {
            gm = Optional.ofNullable(skfLibrary).map(library -> seedGm(demo, GmDemoToken.load(library), clock));
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "demo-shutdown"));
        print(demo, gm, clock.instant());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the demo's GM keys hold: the pair on the filled one, whether the blank one is there, its authorization. */
    private record GmDemo(SiteDemo.GmPair pair, boolean blankPresent, NewAuthorization authorization) {
    }

    private GmDemo seedGm(SiteDemo demo, GmDemoToken skf, Clock clock) {
        SiteDemo.GmPair pair = skf.seed(demo, gmToken, pin, clock);
        NewAuthorization authorization = demo.site().ra().issueCode(SiteDemo.GM_DOWNLOAD_SUBJECT, DownloadProfile.GM_DUAL, "ra demo");
        return new GmDemo(pair, skf.present(gmBlankToken), authorization);
    }

    private void print(SiteDemo demo, Optional<GmDemo> gm, Instant now) {
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
        gm.ifPresent(g -> {
            X509Certificate signing = g.pair().signing();
            out.printf("GM key \"%s\":  %s, SM2 pair: signing serial %s, encryption serial %s, expire %s (%d days left)%n", gmToken,
                    SubjectNames.format(signing.getSubjectX500Principal()), signing.getSerialNumber().toString(16),
                    g.pair().encryption().getSerialNumber().toString(16), signing.getNotAfter().toInstant(),
                    Duration.between(now, signing.getNotAfter().toInstant()).toDays());
            out.printf("GM key \"%s\": %s%n", gmBlankToken, g.blankPresent() ? "blank, for a gm-dual download"
                    : "not found: the gm-dual download needs a blank GM key labelled so");
        });
        out.printf("User PIN of every token:     %s%n", pin);
        printAuthorization(out, demo.authorization(), "");
        gm.ifPresent(g -> printAuthorization(out, g.authorization(), " (gm-dual: a signing + encryption pair for a GM key)"));
        out.printf("Site CA certificate: %s   records: %s%n", demo.site().config().trustedIssuers().get(0), demo.site().config().dataDir());
        out.printf("RA commands:     java -jar update-site.jar ra list --config %s   (also issue-code, revoke)%n", config);
        out.flush();
    }

    private static void printAuthorization(PrintWriter out, NewAuthorization authorization, String what) {
        out.printf("Download authorization for %s%s:%n", authorization.subject(), what);
        out.printf("  Reference number (业务参考号): %s%n", authorization.referenceNumber());
        out.printf("  Authorization code (授权码):   %s%n", authorization.authorizationCode());
    }
}
