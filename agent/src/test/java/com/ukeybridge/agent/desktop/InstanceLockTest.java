package com.ukeybridge.agent.desktop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceLockTest {
    @TempDir
    Path dataDir;

    @Test
    void whenAnAgentHoldsTheLock_thenASecondCannotTakeIt() {
        try (InstanceLock first = InstanceLock.tryAcquire(dataDir).orElseThrow()) {
            assertThat(InstanceLock.tryAcquire(dataDir)).isEmpty();
        }
    }

    @Test
    void whenTheFirstAgentStops_thenTheNextOneStarts() {
        InstanceLock.tryAcquire(dataDir).orElseThrow().close();

        Optional<InstanceLock> next = InstanceLock.tryAcquire(dataDir);

        assertThat(next).isPresent();
        next.get().close();
    }

    @Test
    void whenAnotherUsersAgentHoldsTheLockInASharedFolder_thenThisUsersAgentStillStarts() {
        try (InstanceLock theirs = InstanceLock.tryAcquire(dataDir, "alice").orElseThrow();
             InstanceLock mine = InstanceLock.tryAcquire(dataDir, "bob").orElseThrow()) {
            assertThat(InstanceLock.tryAcquire(dataDir, "bob")).isEmpty();
        }
    }

    @Test
    void whenTheUserNameHoldsPathCharacters_thenTheLockStaysInTheFolder() {
        assertThat(InstanceLock.fileName("../../etc/x")).isEqualTo("agent-.._.._etc_x.lock");
    }

    @Test
    void whenNothingAnswersOnThePort_thenItIsNotAnAgent() {
        assertThat(AgentProbe.agentAnswers(1, dataDir)).isFalse();
    }
}
