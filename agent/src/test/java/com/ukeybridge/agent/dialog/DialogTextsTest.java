package com.ukeybridge.agent.dialog;

import com.ukeybridge.agent.i18n.Messages;
import com.ukeybridge.agent.prompt.PinRequest;
import com.ukeybridge.agent.prompt.WriteRequest;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class DialogTextsTest {
    private static final String ORIGIN = "https://update.example.gov.cn";
    private final DialogTexts chinese = new DialogTexts(Messages.forLocale(Locale.SIMPLIFIED_CHINESE));
    private final DialogTexts english = new DialogTexts(Messages.forLocale(Locale.ENGLISH));

    @Test
    void whenAPinIsAsked_thenTheDialogNamesTheSiteAndTheKey() {
        DialogTexts.PinTexts texts = chinese.pin(new PinRequest(ORIGIN, "Clerk Key", false, false));

        assertThat(texts.origin()).isEqualTo("网站 https://update.example.gov.cn 请求使用您的 UKey：");
        assertThat(texts.key()).isEqualTo("UKey：Clerk Key");
        assertThat(texts.warning()).isEmpty();
        assertThat(texts.ok()).isEqualTo("确定");
    }

    @Test
    void whenFewTriesAreLeft_thenTheDialogWarns() {
        assertThat(english.pin(new PinRequest(ORIGIN, "K", true, false)).warning())
                .contains("The PIN was entered wrongly before: only a few tries are left before the key locks.");
        assertThat(chinese.pin(new PinRequest(ORIGIN, "K", true, true)).warning())
                .contains("最后一次机会：再输错一次，UKey 将被锁定。");
    }

    @Test
    void whenAWriteIsAsked_thenTheDialogSaysWhatWillHappenInPlainWords() {
        String subject = "CN=张三,O=山东省示例事业单位,C=CN";

        DialogTexts.ConsentTexts replace = chinese.consent(new WriteRequest(ORIGIN, "Clerk Key", WriteRequest.Kind.REPLACE_CERTIFICATE, subject));
        DialogTexts.ConsentTexts newKey = english.consent(new WriteRequest(ORIGIN, "Clerk Key", WriteRequest.Kind.NEW_KEY_AND_REQUEST, subject));

        assertThat(replace.origin()).isEqualTo("网站 https://update.example.gov.cn 请求修改您的 UKey“Clerk Key”。");
        assertThat(replace.action()).contains("删除旧证书及其密钥");
        assertThat(replace.subject()).isEqualTo(subject);
        assertThat(newKey.action()).startsWith("A new key pair will be made on the USB key");
    }

    @Test
    void whenACertificateReplacesAnother_thenTheDialogShowsSubjectIssuerAndValidityOfBoth() {
        var renewed = new com.ukeybridge.agent.prompt.CertificateSummary("CN=张三,C=CN", "CN=New CA",
                java.time.Instant.parse("2026-12-01T00:00:00Z"), java.time.Instant.parse("2027-12-01T00:00:00Z"));
        var replaced = new com.ukeybridge.agent.prompt.CertificateSummary("CN=张三,C=CN", "CN=Old CA",
                java.time.Instant.parse("2025-12-01T00:00:00Z"), java.time.Instant.parse("2026-12-20T08:30:00Z"));

        DialogTexts.ConsentTexts texts = english.consent(new WriteRequest(ORIGIN, "Clerk Key", WriteRequest.Kind.REPLACE_CERTIFICATE,
                renewed.subject(), java.util.Optional.of(renewed), java.util.Optional.of(replaced)));

        assertThat(texts.details()).hasSize(2);
        assertThat(texts.details().get(0)).contains("New certificate: CN=张三,C=CN", "issued by CN=New CA",
                "2026-12-01 00:00 UTC", "2027-12-01 00:00 UTC");
        assertThat(texts.details().get(1)).contains("Removed with its key: CN=张三,C=CN", "issued by CN=Old CA", "2026-12-20 08:30 UTC");
        assertThat(chinese.consent(new WriteRequest(ORIGIN, "K", WriteRequest.Kind.REPLACE_CERTIFICATE, renewed.subject(),
                java.util.Optional.of(renewed), java.util.Optional.of(replaced))).details().get(1)).contains("颁发者：CN=Old CA");
    }
}
