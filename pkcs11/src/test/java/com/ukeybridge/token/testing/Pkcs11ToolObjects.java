package com.ukeybridge.token.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What OpenSC's {@code pkcs11-tool --list-objects} prints, parsed: another PKCS#11 application's
 * view of a token, to cross-check what our code wrote.
 */
public final class Pkcs11ToolObjects {
    private static final Pattern HEADER = Pattern.compile("^(.+?) Object;\\s*(.*)");

    private Pkcs11ToolObjects() {
    }

    /**
     * One object as pkcs11-tool shows it.
     *
     * @param kind   "Private Key", "Public Key", "Certificate", "Data", …
     * @param detail the rest of the first line: the key type ("EC", "RSA 2048 bits", …) or certificate type
     * @param id     the {@code ID:} line, lowercase hex; empty when the object has none
     * @param access the {@code Access:} flags, e.g. "sensitive", "never extractable"
     * @param text   the whole block, for anything else
     */
    public record Listed(String kind, String detail, String id, String label, List<String> access, String text) {
        public boolean isPrivateKey() {
            return kind.startsWith("Private Key");
        }

        public boolean isPublicKey() {
            return kind.startsWith("Public Key");
        }

        public boolean isCertificate() {
            return kind.startsWith("Certificate");
        }
    }

    /** Every object on the token labelled {@code tokenLabel}, private ones too (logs in with {@code pin}). */
    public static List<Listed> list(SoftHsm hsm, String tokenLabel, String pin) {
        return parse(hsm.pkcs11Tool("--token-label", tokenLabel, "--login", "--pin", pin, "--list-objects"));
    }

    /** pkcs11-tool prints one block per object, each starting at column 0 with "… Object;". */
    public static List<Listed> parse(String listing) {
        return Arrays.stream(listing.split("\n(?=\\S)"))
                .filter(block -> HEADER.matcher(block).find())
                .map(Pkcs11ToolObjects::object)
                .toList();
    }

    private static Listed object(String block) {
        Matcher header = HEADER.matcher(block);
        header.find();
        String access = field(block, "Access").orElse("");
        return new Listed(header.group(1).trim(), header.group(2).trim(), field(block, "ID").orElse("").toLowerCase(java.util.Locale.ROOT),
                field(block, "label").orElse(""), access.isEmpty() ? List.of() : List.of(access.split(",\\s*")), block);
    }

    private static Optional<String> field(String block, String name) {
        Matcher m = Pattern.compile("^\\s+" + Pattern.quote(name) + ":\\s+(.*?)\\s*$", Pattern.MULTILINE).matcher(block);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
