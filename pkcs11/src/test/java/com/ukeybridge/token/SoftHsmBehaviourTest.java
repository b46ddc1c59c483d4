package com.ukeybridge.token;

import com.ukeybridge.token.testing.SoftHsm;
import com.ukeybridge.token.testing.TokenFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins down what SoftHSM 2.6 notices while initialised, which decides how the other tests
 * simulate hot-plug: a token deleted from the store disappears at the next poll, but one
 * created by {@code softhsm2-util} is seen only after {@code C_Finalize} + {@code C_Initialize}.
 */
@Tag("softhsm")
class SoftHsmBehaviourTest {

    @Test
    void whenTokenCreatedAfterInitialize_thenNotSeenUntilLibraryIsReinitialised() {
        try (TokenFixture fixture = TokenFixture.open("A")) {
            fixture.hsm().initToken("B", TokenFixture.PIN);
            fixture.registry().refresh();
            assertThat(fixture.registry().tokens()).extracting(t -> t.info().label()).containsExactly("A");

            fixture.reopen();
            assertThat(fixture.registry().tokens()).extracting(t -> t.info().label()).containsExactlyInAnyOrder("A", "B");
        }
    }

    @Test
    void whenTokenDeletedAfterInitialize_thenItDisappearsAtTheNextPoll() {
        try (TokenFixture fixture = TokenFixture.open("A", "B")) {
            fixture.hsm().deleteToken("A");
            fixture.registry().refresh();
            assertThat(fixture.registry().tokens()).extracting(t -> t.info().label()).containsExactly("B");
        }
    }

    @Test
    void whenOneTokenInitialised_thenSoftHsmAlsoOffersAnUninitialisedSlotWhichIsNotListed() {
        try (TokenFixture fixture = TokenFixture.open("A")) {
            String slots = fixture.hsm().pkcs11Tool("--list-slots");
            assertThat(slots).contains("token state:   uninitialized");
            assertThat(fixture.registry().tokens()).hasSize(1);
        }
    }

    @Test
    void whenFixtureCreated_thenChildProcessesSeeItsTokensThroughTheEnvironment() {
        try (SoftHsm hsm = SoftHsm.create()) {
            hsm.initToken("Child", "654321");
            assertThat(hsm.environment()).containsEntry("SOFTHSM2_CONF", hsm.confPath().toAbsolutePath().toString());
            assertThat(hsm.pkcs11Tool("--list-token-slots")).contains("Child");
        }
    }
}
