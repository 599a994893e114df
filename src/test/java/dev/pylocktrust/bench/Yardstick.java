package dev.pylocktrust.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A yardstick measured in the same run as a benchmark, so that figures from noisy or different machines compare as
 * ratios: the time of one raw ECDSA verification (1 KiB message) for P-256 and P-384 with BouncyCastle (whose ECDSA
 * pylock-trust uses; called directly, so that pylock-trust's memory of verified inputs plays no part) and with the
 * JDK's SunEC, and which provider a plain {@code Signature.getInstance} picks. CPU time of this thread (less
 * disturbed than wall time by other work on a shared machine), best of five 0.3 s rounds, after one warm-up round.
 */
final class Yardstick {
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

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
            double bc = millisPerVerify(keys, c[2], BOUNCY_CASTLE, message, sig);
            double sunEc = millisPerVerify(keys, c[2], Security.getProvider("SunEC"), message, sig);
            out.printf(Locale.ROOT, "yardstick: ECDSA %s verify, ms CPU: BouncyCastle %.3f, SunEC %.3f (%.1fx); "
                    + "pylock-trust verifies with %s%n", c[0], bc, sunEc, sunEc / bc, probe.getProvider().getName());
        }
    }

    private static double millisPerVerify(KeyPair keys, String algorithm, Provider provider, byte[] message,
                                          byte[] sig) throws GeneralSecurityException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            long start = threads.getCurrentThreadCpuTime();
            int n = 0;
            while (threads.getCurrentThreadCpuTime() - start < 300_000_000L) {
                Signature v = Signature.getInstance(algorithm, provider);
                v.initVerify(keys.getPublic());
                v.update(message);
                if (!v.verify(sig)) {
                    throw new IllegalStateException("yardstick signature does not verify");
                }
                n++;
            }
            if (round > 0) {
                best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / 1e6 / n);
            }
        }
        return best;
    }
}
