package com.ukeybridge.agent.i18n;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesTest {
    @Test
    void whenTheOsSpeaksChinese_thenTheTextsAreChinese() {
        assertThat(Messages.forLocale(Locale.SIMPLIFIED_CHINESE).get("menu.quit")).isEqualTo("退出");
        assertThat(Messages.forLocale(Locale.TRADITIONAL_CHINESE).get("menu.update")).isEqualTo("更新证书…");
    }

    @Test
    void whenTheOsSpeaksAnythingElse_thenTheTextsAreEnglish() {
        assertThat(Messages.forLocale(Locale.GERMANY).get("menu.quit")).isEqualTo("Quit");
        assertThat(Messages.forLocale(Locale.US).get("menu.diagnostics")).isEqualTo("Diagnostics");
    }

    @Test
    void whenTheJvmDefaultIsChinese_thenEnglishIsStillEnglish() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.CHINA);
            assertThat(Messages.forLocale(Locale.US).get("menu.quit")).isEqualTo("Quit");
            assertThat(Messages.forDefaultLocale().get("menu.quit")).isEqualTo("退出");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void whenAKeyExistsInOneLanguage_thenItExistsInTheOther() throws IOException {
        Properties english = load("messages.properties");
        Properties chinese = load("messages_zh.properties");

        assertThat(chinese.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
    }

    @Test
    void whenNumbersAreFormatted_thenPortsHaveNoGroupingSeparator() {
        assertThat(Messages.forLocale(Locale.US).get("problem.portTaken", 28443)).startsWith("port 28443 ");
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }
}
