package com.ukeybridge.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.ukeybridge.agent.cli.LogFiles;
import com.ukeybridge.token.testing.TestCa;
import com.ukeybridge.token.testing.TokenFixture;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * protocol.md: "The PIN is never logged, echoed, stored or kept past the call." Every method that
 * touches a PIN or a login runs with the agent's real log file attached and the agent's and
 * Jetty's loggers at DEBUG; neither the file, nor any log event, nor the console shows the PIN.
 */
@Tag("softhsm")
class PinSecrecyTest {
    private static final String LABEL = "Secret Key";
    /** Distinctive enough that finding it anywhere in the logs is no coincidence. */
    private static final String PIN = "735194";
    private static final String WRONG_PIN = "862407";
    private static final String SUBJECT = "CN=张三,OU=机构编制,O=山东省示例事业单位,C=CN";
    private static final List<String> VERBOSE_LOGGERS = List.of("com.ukeybridge", "org.eclipse.jetty", "io.javalin");

    @TempDir
    Path dir;

    private final Map<String, Level> savedLevels = new LinkedHashMap<>();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;
    private Path logFile;

    private TokenFixture tokens;
    private RunningAgent agent;
    private AgentClient page;
    private String tokenId;

    @BeforeEach
    void start() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : VERBOSE_LOGGERS) {
            Logger logger = context.getLogger(name);
            savedLevels.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        events.setContext(context);
        events.start();
        root().addAppender(events);
        logFile = LogFiles.attach(dir.resolve("logs"));
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(new Tee(savedOut, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(savedErr, console), true, StandardCharsets.UTF_8));

        tokens = TokenFixture.openWithPin(PIN, Duration.ofSeconds(5), LABEL);
        tokenId = tokens.token(LABEL).id().value();
        agent = RunningAgent.start(tokens, dir, new ScriptedPrompts().answeringPin(PIN), false);
        page = agent.connect();
    }

    @AfterEach
    void stop() {
        try {
            if (page != null) {
                page.close();
            }
            if (agent != null) {
                agent.close();
            }
            if (tokens != null) {
                tokens.close();
            }
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
            Appender<ILoggingEvent> file = root().getAppender("FILE");
            if (file != null) {
                root().detachAppender(file);
                file.stop();
            }
            root().detachAppender(events);
            events.stop();
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            savedLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
        }
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void whenEveryPinAndLoginMethodRunsWithDebugLogging_thenThePinAppearsInNoLogAndNoConsoleOutput() throws Exception {
        JsonNode wrong = page.error("verifyPin", Map.of("tokenId", tokenId, "pin", WRONG_PIN));
        assertThat(wrong.get("data").get("reason").asText()).isEqualTo("PIN_INCORRECT");
        assertThat(wrong.toString()).doesNotContain(WRONG_PIN);
        JsonNode right = page.result("verifyPin", Map.of("tokenId", tokenId, "pin", PIN));
        assertThat(right.get("loggedIn").asBoolean()).isTrue();
        assertThat(right.toString()).doesNotContain(PIN);
        assertThat(page.result("verifyPin", Map.of("tokenId", tokenId)).get("loggedIn").asBoolean()).isTrue();

        JsonNode request = page.result("signCsr", Map.of("tokenId", tokenId, "keyAlgorithm", "EC-P256", "subject", SUBJECT));
        JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(Base64.getDecoder().decode(request.get("csr").asText()));
        String certId = page.result("writeCert", Map.of("tokenId", tokenId, "certificate", Base64.getEncoder().encodeToString(
                TestCa.create().issue(csr.getPublicKey(), SUBJECT, Instant.now().plus(Duration.ofDays(365))).getEncoded())))
                .get("certId").asText();
        page.result("sign", Map.of("tokenId", tokenId, "certId", certId, "algorithm", "SHA256withECDSA",
                "data", Base64.getEncoder().encodeToString("challenge".getBytes(StandardCharsets.UTF_8))));
        assertThat(page.result("logout", Map.of("tokenId", tokenId)).get("loggedIn").asBoolean()).isFalse();
        page.close();
        page = null;
        agent.close();
        agent = null;

        String file = Files.readString(logFile, StandardCharsets.UTF_8);
        String logged = renderedEvents();
        String printed = console.toString(StandardCharsets.UTF_8);
        // The capture works: the method calls and logins were logged, at DEBUG and above, Jetty's too.
        for (String capture : List.of(file, logged, printed)) {
            assertThat(capture).contains("verifyPin", "signCsr", "writeCert", "logout", "logged in to token");
        }
        assertThat(events.list).anySatisfy(e -> assertThat(e.getLoggerName()).startsWith("org.eclipse.jetty"));
        assertThat(events.list).anySatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG));

        for (String secret : forms(PIN)) {
            assertThat(file).as("log file, %s", secret).doesNotContain(secret);
            assertThat(logged).as("log events, %s", secret).doesNotContain(secret);
            assertThat(printed).as("console, %s", secret).doesNotContain(secret);
        }
        for (String secret : forms(WRONG_PIN)) {
            assertThat(file).as("log file, %s", secret).doesNotContain(secret);
            assertThat(logged).as("log events, %s", secret).doesNotContain(secret);
            assertThat(printed).as("console, %s", secret).doesNotContain(secret);
        }
    }

    /** The PIN as text, UTF-8 hex, base64, and a char[] or byte[] printed with Arrays.toString. */
    private static List<String> forms(String pin) {
        byte[] utf8 = pin.getBytes(StandardCharsets.UTF_8);
        List<String> forms = new ArrayList<>(List.of(
                pin,
                HexFormat.of().formatHex(utf8),
                HexFormat.of().withUpperCase().formatHex(utf8),
                HexFormat.ofDelimiter(" ").formatHex(utf8),
                HexFormat.ofDelimiter(":").formatHex(utf8),
                Base64.getEncoder().encodeToString(utf8),
                Arrays.toString(pin.toCharArray()),
                Arrays.toString(utf8)));
        // Inside longer base64 text the PIN starts at one of three bit offsets; each has its own characters.
        for (int offset = 1; offset <= 2; offset++) {
            byte[] shifted = new byte[offset + utf8.length];
            System.arraycopy(utf8, 0, shifted, offset, utf8.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int first = (8 * offset + 5) / 6;
            int last = (8 * shifted.length - 6) / 6;
            forms.add(encoded.substring(first, last + 1));
        }
        return forms;
    }

    /** Each event as fully as an appender could write it: message, arguments, MDC and stack trace. */
    private String renderedEvents() {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent event : events.list) {
            all.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
            if (event.getArgumentArray() != null) {
                all.append(' ').append(Arrays.deepToString(event.getArgumentArray()));
            }
            all.append(' ').append(event.getMDCPropertyMap());
            if (event.getThrowableProxy() != null) {
                all.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            all.append('\n');
        }
        return all.toString();
    }

    /** Writes to the real stream and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
        }
    }
}
