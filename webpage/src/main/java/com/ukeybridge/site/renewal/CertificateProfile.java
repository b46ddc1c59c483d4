package com.ukeybridge.site.renewal;

/**
 * What the new certificate will be, for the page to show and to ask the agent for ({@code signCsr keyAlgorithm}).
 *
 * @param dual a GM dual-certificate issue: a signing certificate for the request's key and an
 *             encryption certificate with its key enveloped to it (issue 11)
 */
public record CertificateProfile(String subject, int validityDays, String keyAlgorithm, boolean dual) {
}
