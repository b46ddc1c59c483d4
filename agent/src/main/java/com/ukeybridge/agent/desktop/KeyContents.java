package com.ukeybridge.agent.desktop;

import java.util.List;

/** One inserted key and the certificates read from it. */
public record KeyContents(String label, String manufacturer, String model, String serialNumber,
                          List<KeyCertificate> certificates) {
    public KeyContents {
        certificates = List.copyOf(certificates);
    }
}
