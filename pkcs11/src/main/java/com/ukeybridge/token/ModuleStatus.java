package com.ukeybridge.token;

import java.nio.file.Path;
import java.util.Optional;

/** Whether a configured PKCS#11 library loaded, for {@code /health}-style diagnostics. */
public record ModuleStatus(Path library, boolean loaded, String description, Optional<String> error) {
}
