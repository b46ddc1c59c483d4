package com.ukeybridge.certs.trust;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Prints store reports for people (one line per store) or as JSON, and says whether all succeeded. */
final class ReportPrinter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportPrinter() {
    }

    static void print(PrintWriter out, String command, LocalRootFile root, List<StoreReport> reports,
                      boolean json, List<String> notes) {
        if (json) {
            out.println(json(command, root, reports, notes));
        } else {
            out.print(text(root, reports, notes));
        }
        out.flush();
    }

    static String text(LocalRootFile root, List<StoreReport> reports, List<String> notes) {
        StringBuilder text = new StringBuilder();
        if (root != null) {
            text.append("Root: ").append(root.certificate().getSubjectX500Principal().getName()).append('\n');
            text.append("Root SHA-256 fingerprint: ").append(root.sha256()).append('\n');
        }
        for (StoreReport report : reports) {
            String outcome = report.failed() ? "FAILED" : report.outcome().text();
            text.append(String.format("  %-17s %s %s", outcome, report.store().kind().label(), report.store().location()));
            if (!report.name().isEmpty() && !report.name().equals(report.store().location())) {
                text.append(" [").append(report.name()).append(']');
            }
            if (!report.detail().isEmpty()) {
                text.append(": ").append(report.detail());
            }
            text.append('\n');
        }
        notes.forEach(note -> text.append(note).append('\n'));
        long failed = reports.stream().filter(StoreReport::failed).count();
        text.append(failed == 0 ? "All stores succeeded.\n"
                : failed + (failed == 1 ? " store" : " stores") + " failed; see above.\n");
        return text.toString();
    }

    static String json(String command, LocalRootFile root, List<StoreReport> reports, List<String> notes) {
        return toJson(document(command, root, reports, notes));
    }

    static String toJson(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot print the report as JSON", e);
        }
    }

    static Map<String, Object> document(String command, LocalRootFile root, List<StoreReport> reports, List<String> notes) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("command", command);
        if (root != null) {
            Map<String, Object> rootJson = new LinkedHashMap<>();
            rootJson.put("file", root.file().toString());
            rootJson.put("subject", root.certificate().getSubjectX500Principal().getName());
            rootJson.put("sha256", root.sha256());
            document.put("root", rootJson);
        }
        document.put("stores", reports.stream().map(report -> {
            Map<String, Object> store = new LinkedHashMap<>();
            store.put("store", report.store().kind().key());
            store.put("label", report.store().kind().label());
            store.put("location", report.store().location());
            store.put("state", report.outcome().key());
            store.put("name", report.name());
            store.put("detail", report.detail());
            return store;
        }).toList());
        document.put("notes", notes);
        document.put("ok", reports.stream().noneMatch(StoreReport::failed));
        return document;
    }
}
