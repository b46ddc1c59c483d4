package com.ukeybridge.skf;

import com.ukeybridge.skf.jna.SkfConstants;
import com.ukeybridge.skf.testing.Gm;
import com.ukeybridge.skf.testing.SoftSkf;
import com.ukeybridge.skf.testing.SoftSkfExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** libsoftskf serialises calls with one mutex: threads sharing a device neither crash nor lose writes. */
@Tag("softskf")
class ConcurrencyTest {
    @RegisterExtension
    static final SoftSkfExtension SOFTSKF = new SoftSkfExtension();
    private static final SkfLibrary skf = SoftSkf.library();

    @Test
    void whenThreadsSignAndMakeContainersAtOnce_thenEverySignatureVerifiesAndEveryContainerIsThere() throws Exception {
        SoftSkfExtension.Session session = SOFTSKF.loggedIn("Threads");
        Handles.Application app = session.app();
        Handles.Container container = skf.createContainer(app, "shared");
        EccPublicKey key = skf.generateSigningKeyPair(container, SkfConstants.SGD_SM2_1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = IntStream.range(0, 8).<Callable<Boolean>>mapToObj(i -> () -> {
                byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
                skf.createContainer(app, "c" + i);
                return Gm.verify(key, message, skf.signDigest(container, Gm.e(key, message)).toDer());
            }).toList();
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(skf.enumContainers(app)).hasSize(9);
        session.close();
    }
}
