package com.ukeybridge.certs.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Firefox profiles in a home directory, as each Firefox's {@code profiles.ini} lists them.
 * Only profiles that already have a certificate database count: a profile Firefox has not
 * started yet gets the root from the enterprise policy instead.
 */
final class FirefoxProfiles {
    private static final Logger LOG = LoggerFactory.getLogger(FirefoxProfiles.class);

    /** Where Firefox keeps profiles.ini: the classic place, the Snap, the Flatpak, and the XDG place of newer releases. */
    static final List<String> PROFILE_ROOTS = List.of(
            ".mozilla/firefox",
            "snap/firefox/common/.mozilla/firefox",
            ".var/app/org.mozilla.firefox/.mozilla/firefox",
            ".config/mozilla/firefox");

    private FirefoxProfiles() {
    }

    /**
     * The profile directories a {@code profiles.ini} in the home lists that hold a {@code cert9.db},
     * in discovery order; a {@code profiles.ini} the boundary refuses (a symbolic link out of the
     * home, or another user's file when root asks) is not read. The profiles themselves are for
     * the caller to check: one out of the home is refused, not silently dropped.
     */
    static List<Path> in(HomeBoundary boundary) {
        Set<Path> profiles = new LinkedHashSet<>();
        for (String root : PROFILE_ROOTS) {
            Path base = boundary.home().resolve(root);
            Path ini = base.resolve("profiles.ini");
            if (!boundary.allows(base, List.of("profiles.ini"))) {
                LOG.warn("Not reading {}: it leads out of the home or is not ours to read", ini);
                continue;
            }
            if (Files.isRegularFile(ini)) {
                for (Path profile : listedIn(ini)) {
                    if (Files.isRegularFile(profile.resolve(NssDatabaseStore.DATABASE_FILE))) {
                        profiles.add(profile);
                    } else {
                        LOG.debug("Firefox profile {} has no certificate database yet", profile);
                    }
                }
            }
        }
        return List.copyOf(profiles);
    }

    /**
     * The profile paths in a profiles.ini: {@code Path=} of each {@code [Profile…]} section,
     * relative to the file's directory unless {@code IsRelative=0}, plus the {@code Default=}
     * of each {@code [Install…]} section (always relative).
     */
    static List<Path> listedIn(Path ini) {
        List<String> lines;
        try {
            lines = Files.readAllLines(ini, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Cannot read {}: {}", ini, e.getMessage());
            return List.of();
        }
        Path base = ini.toAbsolutePath().normalize().getParent();
        List<Path> profiles = new ArrayList<>();
        String section = "";
        String path = null;
        Boolean relative = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                addProfile(profiles, base, section, path, relative);
                section = line.substring(1, line.length() - 1);
                path = null;
                relative = null;
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0 || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            String sectionLower = section.toLowerCase(Locale.ROOT);
            if (sectionLower.startsWith("profile") && key.equals("Path")) {
                path = value;
            } else if (sectionLower.startsWith("profile") && key.equals("IsRelative")) {
                relative = !value.equals("0");
            } else if (sectionLower.startsWith("install") && key.equals("Default")) {
                path = value;
                relative = true;
            }
        }
        addProfile(profiles, base, section, path, relative);
        return profiles.stream().distinct().toList();
    }

    private static void addProfile(List<Path> profiles, Path base, String section, String path, Boolean relative) {
        if (path == null || path.isEmpty()) {
            return;
        }
        Path given = Path.of(path);
        boolean isRelative = relative == null ? !given.isAbsolute() : relative;
        profiles.add((isRelative ? base.resolve(given) : given).toAbsolutePath().normalize());
    }
}
