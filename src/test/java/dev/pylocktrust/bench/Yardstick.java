package dev.pylocktrust.bench;

import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

/**
 * A yardstick measured in the same run as a benchmark, so that figures from noisy or different machines compare as
 * ratios: the time of one raw ECDSA verification (1 KiB message) for P-256 and P-384, with the provider a plain
 * {@code Signature.getInstance} picks (the one pylock-trust uses, once a trust root has been built) and with the
 * JDK's SunEC. Best of five 0.3 s rounds, after one warm-up round.
 */
final class Yardstick {
    private Yardstick() {}

    /** Prints one line per curve. */
    static void print(PrintStream out) throws GeneralSecurityException {
        for (String[] c : new String[][] {{"P-256", "secp256r1", "SHA256withECDSA"},
                {"P-384", "secp384r1", "SHA384withECDSA"}}) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
            g.initialize(new ECGenParameterSpec(c[1]));
            KeyPair keys = g.generateKeyPair();
            byte[] message = new byte[1024];
            Signature signer = Signature.getInstance(c[2], "SunEC");
            signer.initSign(keys.getPrivate());
            signer.update(message);
            byte[] sig = signer.sign();
            Signature probe = Signature.getInstance(c[2]);
            probe.initVerify(keys.getPublic());
            String chosen = probe.getProvider().getName();
            double ours = millisPerVerify(keys, c[2], null, message, sig);
            double sunEc = millisPerVerify(keys, c[2], "SunEC", message, sig);
            out.printf(Locale.ROOT, "yardstick: ECDSA %s verify: %.3f ms with %s (used), %.3f ms with SunEC (%.1fx)%n",
                    c[0], ours, chosen, sunEc, sunEc / ours);
        }
    }

    private static double millisPerVerify(KeyPair keys, String algorithm, String provider, byte[] message,
                                          byte[] sig) throws GeneralSecurityException {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            long start = System.nanoTime();
            int n = 0;
            while (System.nanoTime() - start < 300_000_000L) {
                Signature v = provider == null ? Signature.getInstance(algorithm)
                        : Signature.getInstance(algorithm, provider);
                v.initVerify(keys.getPublic());
                v.update(message);
                if (!v.verify(sig)) {
                    throw new IllegalStateException("yardstick signature does not verify");
                }
                n++;
            }
            if (round > 0) {
                best = Math.min(best, (System.nanoTime() - start) / 1e6 / n);
            }
        }
        return best;
    }
}
