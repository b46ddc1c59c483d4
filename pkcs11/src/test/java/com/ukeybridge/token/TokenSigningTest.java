package com.ukeybridge.token;

import com.ukeybridge.token.testing.TokenFixture;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.Signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("softhsm")
class TokenSigningTest {
    private static final byte[] DATA = "challenge 挑战 1234".getBytes(StandardCharsets.UTF_8);

    private static TokenFixture fixture;
    private static Token token;
    private static GeneratedKeyPair rsa;
    private static GeneratedKeyPair ec;

    @BeforeAll
    static void open() {
        fixture = TokenFixture.open("Signer");
        token = fixture.loggedIn();
        rsa = token.generateKeyPair(KeyAlgorithm.RSA_2048, "rsa");
        ec = token.generateKeyPair(KeyAlgorithm.EC_P256, "ec");
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @Test
    void whenRsaKeySigns_thenJcaVerifiesSha256WithRsa() throws Exception {
        byte[] signature = token.sign(rsa.id(), SignatureAlgorithm.SHA256_WITH_RSA, DATA);

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(rsa.publicKey());
        verifier.update(DATA);
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(signature).hasSize(256);
    }

    @Test
    void whenEcKeySigns_thenJcaVerifiesDerSha256WithEcdsa() throws Exception {
        byte[] signature = token.sign(ec.id(), SignatureAlgorithm.SHA256_WITH_ECDSA, DATA);

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(ec.publicKey());
        verifier.update(DATA);
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(signature[0]).isEqualTo((byte) 0x30);
    }

    @Test
    void whenAlgorithmDoesNotFitKey_thenUnsupportedKeyListingWhatFits() {
        assertThatThrownBy(() -> token.sign(rsa.id(), SignatureAlgorithm.SHA256_WITH_ECDSA, DATA))
                .isInstanceOfSatisfying(UnsupportedKeyException.class,
                        e -> assertThat(e.supported()).containsExactly("SHA256withRSA"));
        assertThatThrownBy(() -> token.sign(ec.id(), SignatureAlgorithm.SHA256_WITH_RSA, DATA))
                .isInstanceOfSatisfying(UnsupportedKeyException.class,
                        e -> assertThat(e.supported()).containsExactly("SHA256withECDSA"));
    }

    @Test
    void whenKeyIdUnknown_thenObjectNotFound() {
        assertThatThrownBy(() -> token.sign(ObjectId.fromHex("0badc0de"), SignatureAlgorithm.SHA256_WITH_RSA, DATA))
                .isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void whenContentSignerBuildsPkcs10_thenRequestVerifiesWithTheTokenKey() throws Exception {
        for (GeneratedKeyPair pair : new GeneratedKeyPair[] {rsa, ec}) {
            SignatureAlgorithm algorithm = pair == rsa ? SignatureAlgorithm.SHA256_WITH_RSA : SignatureAlgorithm.SHA256_WITH_ECDSA;
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=张三,O=Test"), pair.publicKey())
                    .build(new TokenContentSigner(token, pair.id(), algorithm));

            assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(pair.publicKey()))).isTrue();
            assertThat(csr.getSignatureAlgorithm()).isEqualTo(new TokenContentSigner(token, pair.id(), algorithm).getAlgorithmIdentifier());
        }
    }

    @Test
    void whenNotLoggedIn_thenSignNeedsLogin() {
        token.logout();
        try {
            assertThatThrownBy(() -> token.sign(rsa.id(), SignatureAlgorithm.SHA256_WITH_RSA, DATA))
                    .isInstanceOf(NotLoggedInException.class);
        } finally {
            token.login(TokenFixture.PIN.toCharArray());
        }
    }
}
