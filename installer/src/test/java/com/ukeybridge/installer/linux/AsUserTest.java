package com.ukeybridge.installer.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The drop from root to a user that every per-home step of the maintainer scripts goes through
 * ({@code src/linux/as-user.bash}), run for real: only root can drop, so it runs as root (CI does).
 */
class AsUserTest {
    private static final Path FUNCTIONS = Path.of("src/linux/as-user.bash").toAbsolutePath();
    /** Debian's nobody:nogroup. */
    private static final int NOBODY = 65534;

    @BeforeEach
    void onlyAsRoot() {
        assumeTrue("0".equals(Command.run(List.of("id", "-u")).output().trim()), "only root can drop to another user");
    }

    private static Command asNobody(String script) {
        // fd 7 open and a variable set, as a maintainer script might have them: neither may reach the user's process.
        return Command.run(List.of("bash", "-c", ". \"$0\"; exec 7</etc/hostname; ukey_bridge_as_user " + NOBODY + " " + NOBODY
                + " /bin/sh -c \"$1\"", FUNCTIONS.toString(), script), Map.of("UKEY_SECRET", "root's"));
    }

    @Test
    void whenRootRunsAStepAsAUser_thenItHasThatUsersUidGidAndGroupsOnly() {
        Command ids = asNobody("id -u; id -g; id -G");

        assertThat(ids.succeeded()).as("%s", ids).isTrue();
        assertThat(ids.output().lines().toList()).containsExactly("65534", "65534", "65534");
    }

    @Test
    void whenRootRunsAStepAsAUser_thenTheEnvironmentIsTheUsersOwnAndNothingOfRoots() {
        Command env = asNobody("env");

        assertThat(env.output()).doesNotContain("UKEY_SECRET").contains("USER=nobody").contains("HOME=/nonexistent");
    }

    @Test
    void whenRootRunsAStepAsAUser_thenItGetsNoTerminalNoInputAndNoOtherFileOfRoots() {
        Command fds = asNobody("ls /proc/$$/fd; readlink /proc/$$/fd/0; cat /proc/$$/stat | cut -d' ' -f7");

        List<String> lines = fds.output().lines().toList();
        assertThat(lines).as("%s", fds).startsWith("0", "1", "2").doesNotContain("7");
        assertThat(lines).contains("/dev/null");
        assertThat(lines.get(lines.size() - 1)).as("tty_nr: no controlling terminal").isEqualTo("0");
    }

    @Test
    void whenTheUsersStepPrintsControlCharacters_thenTheyNeverReachRootsTerminal() {
        Command output = asNobody("printf 'ok\\033]0;owned\\007\\n'");

        assertThat(output.output()).isEqualTo("ok]0;owned\n");
    }

    @Test
    void whenTheUsersStepFails_thenItsExitCodeComesBack() {
        assertThat(asNobody("exit 3").exitCode()).isEqualTo(3);
    }
}
