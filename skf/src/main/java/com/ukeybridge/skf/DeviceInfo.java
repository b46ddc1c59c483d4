package com.ukeybridge.skf;

/**
 * {@code DEVINFO}, decoded: strings trimmed at their NUL, versions as "major.minor", capabilities
 * as the {@code SGD_*} bits the device ORs together.
 */
public record DeviceInfo(String version, String manufacturer, String issuer, String label, String serialNumber,
                         String hardwareVersion, String firmwareVersion, int algSymCap, int algAsymCap, int algHashCap,
                         int devAuthAlgId, long totalSpace, long freeSpace, int maxEccBufferSize, int maxBufferSize) {
}
