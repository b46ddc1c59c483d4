package com.ukeybridge.agent.dialog;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DialogAnswerTest {
    @Test
    void whenTheUserAnswers_thenTheWaitingWorkerGetsIt() {
        DialogAnswer<String> answer = new DialogAnswer<>();
        assertThat(answer.give("yes")).isTrue();

        assertThat(answer.await(Duration.ofSeconds(5), "none")).isEqualTo("yes");
    }

    @Test
    void whenTheDialogIsClosed_thenTheWorkerGetsNone() {
        DialogAnswer<String> answer = new DialogAnswer<>();
        answer.give(null);

        assertThat(answer.await(Duration.ofSeconds(5), "none")).isEqualTo("none");
    }

    @Test
    void whenNobodyAnswersInTime_thenNoneAndALateAnswerIsRefused() {
        DialogAnswer<char[]> answer = new DialogAnswer<>();

        assertThat(answer.await(Duration.ofMillis(20), null)).isNull();
        assertThat(answer.give("123456".toCharArray())).isFalse();
    }
}
