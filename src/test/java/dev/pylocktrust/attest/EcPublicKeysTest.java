package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class EcPublicKeysTest {

    @Test
    void oneBouncyCastleKeyPerEncodingWhoeverMadeTheKey() throws Exception {
        EcPublicKeys keys = keys(4);
        PublicKey jdk = ecKey("secp384r1", "SunEC");
        PublicKey bc = KeyFactory.getInstance("EC", new BouncyCastleProvider())
                .generatePublic(new X509EncodedKeySpec(jdk.getEncoded()));

        PublicKey first = keys.of(jdk.getEncoded());
        assertThat(first.getClass().getName()).startsWith("org.bouncycastle.");
        assertThat(first.getEncoded()).isEqualTo(jdk.getEncoded());
        assertThat(((ECPublicKey) first).getW()).isEqualTo(((ECPublicKey) jdk).getW());
        assertThat(keys.of(bc.getEncoded())).isSameAs(first);
        assertThat(keys.size()).isOne();
    }

    @Test
    void keepsOnlyTheMostRecentlyUsed() throws Exception {
        EcPublicKeys keys = keys(2);
        byte[] a = ecKey("secp256r1", "SunEC").getEncoded();
        PublicKey first = keys.of(a);
        keys.of(ecKey("secp256r1", "SunEC").getEncoded());
        keys.of(a);
        keys.of(ecKey("secp256r1", "SunEC").getEncoded());

        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.of(a)).isSameAs(first); // used more recently than the one evicted
    }

    @Test
    void refusesAPointOffItsCurveAndAnEncodingThatIsNoKey() throws Exception {
        EcPublicKeys keys = keys(4);
        byte[] encoded = ecKey("secp256r1", "SunEC").getEncoded();
        byte[] offCurve = encoded.clone();
        offCurve[offCurve.length - 1] ^= 1; // the last byte of y

        assertThatThrownBy(() -> keys.of(offCurve)).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> keys.of(Arrays.copyOf(encoded, 20))).isInstanceOf(InvalidKeyException.class);
        assertThat(keys.size()).isZero();
    }

    private static EcPublicKeys keys(int capacity) throws Exception {
        return new EcPublicKeys(KeyFactory.getInstance("EC", new BouncyCastleProvider()), capacity);
    }

    private static PublicKey ecKey(String curve, String provider) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", provider);
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair().getPublic();
    }
}
