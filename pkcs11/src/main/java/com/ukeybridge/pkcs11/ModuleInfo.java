package com.ukeybridge.pkcs11;

/** What {@code C_GetInfo} tells of a library, trimmed of blank padding. */
public record ModuleInfo(String manufacturer, String description, String libraryVersion, String cryptokiVersion) {
}
