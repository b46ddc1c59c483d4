package com.ukeybridge.agent.x11;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs one window scenario under a private Xvfb and checks that it passed. */
public final class XvfbRun {
    /** Where the screenshots go: kept by the build as test artifacts. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    private XvfbRun() {
    }

    public static String scenario(Class<?> main, String... args) throws Exception {
        if (Xvfb.binary().isEmpty()) {
            // CI installs it with scripts/setup.sh: there, a missing Xvfb is a failure, not a skip.
            assertThat(System.getenv("CI")).as("Xvfb is missing on CI: scripts/setup.sh must install xvfb").isNotEqualTo("true");
            assumeTrue(false, "Xvfb is not installed (scripts/setup.sh installs it)");
        }
        try (Xvfb xvfb = Xvfb.start()) {
            ChildJvm.Result result = ChildJvm.run(xvfb.display(), main, SCREENSHOTS.resolve(main.getSimpleName() + ".log"), args);
            assertThat(result.output()).as("the scenario's output").contains("SCENARIO PASSED");
            assertThat(result.exitCode()).isZero();
            return result.output();
        }
    }
}
