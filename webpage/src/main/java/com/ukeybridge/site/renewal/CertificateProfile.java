package com.ukeybridge.site.renewal;

/** What the new certificate will be, for the page to show and to ask the agent for ({@code signCsr keyAlgorithm}). */
public record CertificateProfile(String subject, int validityDays, String keyAlgorithm) {
}
