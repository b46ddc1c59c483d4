package com.ukeybridge.certs.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirefoxProfilesTest {
    @TempDir
    Path home;

    private Path profileWithDatabase(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cert9.db"), "");
        return dir;
    }

    @Test
    void whenProfilesIniListsRelativeAndAbsoluteProfiles_thenEachWithADatabaseIsFound() throws Exception {
        Path base = home.resolve(".mozilla/firefox");
        Path relative = profileWithDatabase(base.resolve("abcd1234.default-release"));
        Path absolute = profileWithDatabase(home.resolve("elsewhere/work profile"));
        Files.createDirectories(base.resolve("never.started"));
        Files.writeString(base.resolve("profiles.ini"), """
                [Install4F96D1932A9F858E]
                Default=abcd1234.default-release
                Locked=1

                [Profile1]
                Name=work
                IsRelative=0
                Path=%s

                [Profile0]
                Name=default-release
                IsRelative=1
                Path=abcd1234.default-release
                Default=1

                [Profile2]
                Name=never
                IsRelative=1
                Path=never.started

                [General]
                StartWithLastProfile=1
                Version=2
                """.formatted(absolute));

        assertThat(FirefoxProfiles.in(HomeBoundary.of(home, false))).containsExactly(relative, absolute);
    }

    @Test
    void whenFirefoxIsTheSnap_thenItsProfilesAreFoundToo() throws Exception {
        Path base = home.resolve("snap/firefox/common/.mozilla/firefox");
        Path profile = profileWithDatabase(base.resolve("x1.default"));
        Files.writeString(base.resolve("profiles.ini"), "[Profile0]\nName=default\nIsRelative=1\nPath=x1.default\n");

        assertThat(FirefoxProfiles.in(HomeBoundary.of(home, false))).containsExactly(profile);
    }

    @Test
    void whenThereIsNoFirefox_thenNoProfiles() {
        assertThat(FirefoxProfiles.in(HomeBoundary.of(home, false))).isEmpty();
    }
}
