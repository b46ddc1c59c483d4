package com.ukeybridge.certs.trust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Real NSS databases for the tests, made and read with certutil (libnss3-tools, installed by scripts/setup.sh). */
final class Nss {
    private static final CommandRunner RUNNER = CommandRunner.system();

    private Nss() {
    }

    /** An empty database in {@code dir}, as Chrome or Firefox would have made it. */
    static Path database(Path dir) throws Exception {
        Files.createDirectories(dir);
        RUNNER.runChecked(List.of("certutil", "-N", "--empty-password", "-d", "sql:" + dir));
        return dir;
    }

    static void add(Path database, String nickname, Path pem) {
        RUNNER.runChecked(List.of("certutil", "-A", "-d", "sql:" + database, "-n", nickname, "-t", "C,,", "-i", pem.toString()));
    }

    /** {@code certutil -L}: the listing a person would look at. */
    static String listing(Path database) {
        return RUNNER.runChecked(List.of("certutil", "-L", "-d", "sql:" + database)).output();
    }

    /** The lines of the listing that name {@code nickname}. */
    static List<String> linesNaming(Path database, String nickname) {
        return listing(database).lines().filter(line -> line.startsWith(nickname + " ")).toList();
    }
}
