package com.ukeybridge.site.kmc;

import com.ukeybridge.site.config.ConfigException;
import com.ukeybridge.site.config.GmSettings;
import com.ukeybridge.site.config.SiteConfig;
import com.ukeybridge.site.config.SiteConfigReader;
import com.ukeybridge.site.testing.GmKeys;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.spec.SecretKeySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The software KMC's envelope, escrow and master key, and where the configuration lets the master key be. */
class SoftwareKmcTest {
    @TempDir
    Path dir;

    private static SubjectPublicKeyInfo sm2Key() {
        return SubjectPublicKeyInfo.getInstance(GmKeys.sm2().getPublic().getEncoded());
    }

    @Test
    void whenAKeyIsGenerated_thenTheEnvelopeOpensWithTheSigningKeyToTheCertifiedKey() {
        SoftwareKmc kmc = new SoftwareKmc(new SecretKeySpec(new byte[32], "AES"));
        var signing = GmKeys.sm2();

        EncryptionKey key = kmc.generate(SubjectPublicKeyInfo.getInstance(signing.getPublic().getEncoded()));

        assertThat(key.envelopedKey()).hasSize(EnvelopedKeyBlob.LENGTH);
        byte[] d = GmKeys.openEnvelope(key.envelopedKey(), signing.getPrivate());
        assertThat(GmKeys.publicPoint(d)).isEqualTo(key.publicKey().getPublicKeyData().getBytes())
                .isEqualTo(GmKeys.envelopePublicPoint(key.envelopedKey()));
    }

    @Test
    void whenTheEscrowIsOpenedWithAnotherMasterKey_thenItIsRefused() {
        byte[] escrow = new SoftwareKmc(new SecretKeySpec(new byte[32], "AES")).generate(sm2Key()).escrow();
        byte[] other = new byte[32];
        other[0] = 1;

        assertThatThrownBy(() -> new SoftwareKmc(new SecretKeySpec(other, "AES")).recover(escrow))
                .isInstanceOf(KmcException.class).hasMessageContaining("does not open");
    }

    @Test
    void whenTheSigningKeyIsNotSm2_thenNothingIsGenerated() {
        SoftwareKmc kmc = new SoftwareKmc(new SecretKeySpec(new byte[32], "AES"));
        assertThatThrownBy(() -> kmc.generate(SubjectPublicKeyInfo.getInstance(com.ukeybridge.site.testing.TestKeys.ec().getPublic().getEncoded())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an SM2 key");
    }

    @Test
    void whenTheMasterKeyIsNot32Bytes_thenItIsRefusedPlainly() {
        assertThatThrownBy(() -> KmcMasterKey.decode(Base64.getEncoder().encodeToString(new byte[16]), "X"))
                .isInstanceOf(KmcException.class).hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> KmcMasterKey.decode("not base64!", "X")).isInstanceOf(KmcException.class).hasMessageContaining("not base64");
    }

    @Test
    void whenTheDevelopmentModeMakesTheMasterKey_thenItIsAnOwnerOnlyFileBesideTheDataAndStaysTheSame() throws Exception {
        Path file = dir.resolve("kmc-master.key");
        var first = KmcMasterKey.open(new GmSettings.KmcMasterKeySource.Generated(file));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(KmcMasterKey.open(new GmSettings.KmcMasterKeySource.Generated(file)).getEncoded()).isEqualTo(first.getEncoded());
        assertThatThrownBy(() -> KmcMasterKey.openExisting(new GmSettings.KmcMasterKeySource.Generated(dir.resolve("missing.key"))))
                .isInstanceOf(KmcException.class);
        assertThat(dir.resolve("missing.key")).doesNotExist();
    }

    @Test
    void whenGmIsConfiguredWithoutAMasterKeyOutsideTheDatabase_thenTheConfigurationIsRefused() throws Exception {
        Path data = dir.resolve("data");
        assertThatThrownBy(() -> read(Map.of(), "{\"dataDir\": \"" + data + "\", \"caKeystorePasswordEnv\": \"PW\", "
                + "\"gm\": {\"caKeystorePasswordEnv\": \"PW\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("KMC master key");
        assertThatThrownBy(() -> read(Map.of(), "{\"dataDir\": \"" + data + "\", \"caKeystorePasswordEnv\": \"PW\", "
                + "\"gm\": {\"caKeystorePasswordEnv\": \"PW\", \"kmcMasterKeyFile\": \"" + data.resolve("kmc.key") + "\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lies in dataDir");
        SiteConfig fromEnv = read(Map.of("KMC", "x"), "{\"dataDir\": \"" + data + "\", \"caKeystorePasswordEnv\": \"PW\", "
                + "\"gm\": {\"caKeystorePasswordEnv\": \"PW\", \"kmcMasterKeyEnv\": \"KMC\"}}");
        assertThat(fromEnv.gm().orElseThrow().kmcMasterKey()).isInstanceOf(GmSettings.KmcMasterKeySource.Environment.class);
        assertThat(fromEnv.gm().orElseThrow().kmcMasterKey().toString()).doesNotContain("x]");
        assertThat(read(Map.of(), "{\"dataDir\": \"" + data + "\", \"caKeystorePasswordEnv\": \"PW\"}").gm()).isEmpty();
    }

    private SiteConfig read(Map<String, String> extra, String json) throws Exception {
        Path file = dir.resolve("site.json");
        Files.writeString(file, json);
        var env = new java.util.HashMap<>(extra);
        env.put("PW", "secret-password");
        return new SiteConfigReader(env, false).read(file);
    }
}
