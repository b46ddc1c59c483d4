/**
 * The update site (issue 3): staff renew the login certificate on their UKey, or download one
 * onto a blank key, in any browser, through the local agent.
 *
 * <p>Packages by concern: {@code config} (the validated JSON configuration), {@code store}
 * (records: Flyway schema on H2 or PostgreSQL, one repository per table, transactions),
 * {@code ca} (the issuing CA, its key in PKCS#12 or on a PKCS#11 token), {@code issuance}
 * (requests, one certificate per public key), {@code renewal} and {@code download} (the two
 * flows and their rules), {@code refusal} (one exception per refusal reason, with its Chinese
 * and English message), {@code api} (the thin HTTP layer of docs/site-api.md), {@code ra}
 * (the RA centre's operations), {@code demo} (the site side of the demo) and {@code cli} (the command line). {@link com.ukeybridge.site.UpdateSite}
 * puts them together.
 */
package com.ukeybridge.site;
