package com.ukeybridge.site.renewal;

import com.ukeybridge.site.store.CertificateRecord;
import com.ukeybridge.site.testing.ApiClient.Answer;
import com.ukeybridge.site.testing.SiteFixture;
import com.ukeybridge.site.testing.SiteFixture.OldCertificate;
import com.ukeybridge.site.testing.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.ukeybridge.site.testing.Race.race;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One renewal per certificate through the HTTP API of two site instances sharing one database:
 * racing starts give one renewal, racing issues for different keys one certificate; and the
 * old certificate stays valid when {@code renewal.revokeSuperseded} is off.
 */
abstract class RenewalOnceContract {
    private String url;
    private SiteFixture first;
    private SiteFixture second;

    abstract String freshDatabase();

    void dropDatabase(String url) {
    }

    @BeforeEach
    void startTwoInstances() {
        url = freshDatabase();
        first = new SiteFixture(url);
        second = new SiteFixture(url);
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        dropDatabase(url);
    }

    @Test
    void whenStartsRaceOnTwoInstances_thenOneRenewalAndRacingKeysGetOneCertificate() throws Exception {
        OldCertificate old = first.importedCertificate(SiteFixture.START.plus(Duration.ofDays(30)));

        List<Answer> starts = race(8, i -> (i % 2 == 0 ? first : second).startRenewal(old));
        Answer offer = first.startRenewal(old);
        List<Answer> issues = race(6, i -> (i % 2 == 0 ? first : second).issueRenewal(offer, old, TestKeys.ec()));

        assertThat(starts).extracting(Answer::status).containsOnly(200);
        assertThat(starts).extracting(a -> a.body().get("renewalId").asText()).containsOnly(offer.body().get("renewalId").asText());
        assertThat(first.count("SELECT COUNT(*) FROM renewals")).isEqualTo(1);
        assertThat(issues).filteredOn(a -> a.status() == 200).hasSize(1);
        assertThat(issues).filteredOn(a -> a.status() != 200).extracting(Answer::reason).containsOnly("RENEWAL_BOUND_TO_KEY");
        assertThat(first.count("SELECT COUNT(*) FROM certificates WHERE origin = 'ISSUED'")).isEqualTo(1);
    }

    @Test
    void whenRevokeSupersededIsOff_thenTheOldCertificateStaysValidAfterCompletionAndTheGrace() {
        second.close();
        second = new SiteFixture(url, c -> c.withRenewal(c.renewal().withRevokeSuperseded(false)));
        OldCertificate old = second.importedCertificate(SiteFixture.START.plus(Duration.ofDays(30)));
        Answer offer = second.startRenewal(old);
        Answer issued = second.issueRenewal(offer, old, TestKeys.ec());

        second.api.post("api/renewals/" + offer.body().get("renewalId").asText() + "/completion",
                Map.of("serialNumber", issued.body().get("serialNumber").asText()));
        second.clock.advance(Duration.ofDays(30));

        assertThat(second.site.crl().current()).isNotEmpty();
        assertThat(second.site.ra().certificates()).filteredOn(c -> c.origin() == CertificateRecord.Origin.IMPORTED)
                .isNotEmpty().allMatch(c -> !c.revoked());
    }
}
