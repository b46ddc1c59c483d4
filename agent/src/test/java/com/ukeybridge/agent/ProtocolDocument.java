package com.ukeybridge.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/protocol.md read as data for the tests that keep code and contract in step: its version
 * sections, their method headings, and their tables. Tests run in the module's folder, so the
 * repository's files are one level up.
 */
public final class ProtocolDocument {
    public static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern METHOD_HEADING = Pattern.compile("^#### (\\w+)\\b", Pattern.MULTILINE);

    private final String text;

    private ProtocolDocument(String text) {
        this.text = text;
    }

    public static ProtocolDocument read() {
        try {
            return new ProtocolDocument(Files.readString(REPOSITORY.resolve("docs/protocol.md")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of "## Agent protocol, version N", up to the next heading of that level. */
    public String version(int version) {
        return section(text, "## Agent protocol, version " + version);
    }

    /** The text under {@code heading} (a whole heading line), up to the next heading of the same or a higher level. */
    public static String section(String text, String heading) {
        int start = text.indexOf("\n" + heading + "\n");
        if (start < 0) {
            throw new AssertionError("docs/protocol.md has no heading '" + heading + "'");
        }
        int level = heading.indexOf(' ');
        Matcher next = Pattern.compile("^#{1," + level + "} ", Pattern.MULTILINE).matcher(text);
        int end = next.find(start + heading.length() + 2) ? next.start() : text.length();
        return text.substring(start + heading.length() + 2, end);
    }

    /** The names of the methods a version's "### Methods" section has a heading for, in order. */
    public List<String> methods(int version) {
        Matcher heading = METHOD_HEADING.matcher(section(version(version), "### Methods"));
        List<String> names = new ArrayList<>();
        while (heading.find()) {
            names.add(heading.group(1));
        }
        return names;
    }

    /** The rows of the first table in {@code section}, each a list of cells without surrounding blanks or backticks. */
    public static List<List<String>> table(String section) {
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : section.split("\n")) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            if (!inTable) {
                inTable = true; // the header row
                continue;
            }
            if (line.startsWith("|---")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
                cells.add(cell.strip().replaceAll("^`|`$", ""));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** A version's error table: code → reason. */
    public Map<Integer, String> errors(int version) {
        Map<Integer, String> errors = new LinkedHashMap<>();
        for (List<String> row : table(section(version(version), "### Errors"))) {
            errors.put(Integer.parseInt(row.get(0)), row.get(1));
        }
        return errors;
    }
}
