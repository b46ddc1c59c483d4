package com.ukeybridge.site.cli;

import com.ukeybridge.site.UpdateSite;
import com.ukeybridge.site.config.SiteConfig;
import com.ukeybridge.site.config.SiteConfigReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code serve --config FILE}: runs the site until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the update site.")
final class ServeCommand implements Runnable {
    private final Map<String, String> environment;

    @Option(names = "--config", required = true, description = "the site's JSON configuration")
    Path config;

    @Option(names = "--dev", description = "development mode: without a configured CA keystore password, generate one and keep it beside the key")
    boolean dev;

    ServeCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        SiteConfig siteConfig = new SiteConfigReader(environment, dev).read(config);
        UpdateSite site = UpdateSite.start(siteConfig, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            site.close();
            stopped.countDown();
        }, "site-shutdown"));
        System.out.println("Update site: " + site.baseUri());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
