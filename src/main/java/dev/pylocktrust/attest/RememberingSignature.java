package dev.pylocktrust.attest;

import java.io.ByteArrayOutputStream;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;

/**
 * An ECDSA verifier (the JCA's {@code SignatureSpi}) that asks {@link VerifiedSignatures} first and BouncyCastle
 * otherwise (with the key in BouncyCastle's form from {@link EcPublicKeys}), remembering what BouncyCastle accepted.
 * Verification only: signing is refused. One instance per {@code Signature} object, so not thread-safe (as the JCA
 * expects).
 */
final class RememberingSignature extends SignatureSpi {
    private final String algorithm;
    private final Signature delegate;
    private final VerifiedSignatures verified;
    private final EcPublicKeys keys;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private byte[] key;

    RememberingSignature(String algorithm, Signature delegate, VerifiedSignatures verified, EcPublicKeys keys) {
        this.algorithm = algorithm;
        this.delegate = delegate;
        this.verified = verified;
        this.keys = keys;
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        byte[] encoded = publicKey.getEncoded();
        if (encoded == null) {
            throw new InvalidKeyException("the public key has no encoding");
        }
        // Refuses what BouncyCastle cannot use, before anything is remembered.
        delegate.initVerify(keys.of(encoded));
        key = encoded;
        message.reset();
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        throw new InvalidKeyException(EcdsaProvider.NAME + " only verifies signatures");
    }

    @Override
    protected void engineUpdate(byte b) {
        message.write(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {
        message.write(b, off, len);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        throw new SignatureException(EcdsaProvider.NAME + " only verifies signatures");
    }

    @Override
    protected boolean engineVerify(byte[] signature) throws SignatureException {
        if (key == null) {
            throw new SignatureException("not initialized for verification");
        }
        byte[] signed = message.toByteArray();
        message.reset();
        if (verified.contains(algorithm, key, signed, signature)) {
            return true;
        }
        delegate.update(signed);
        boolean ok = delegate.verify(signature);
        if (ok) {
            verified.add(algorithm, key, signed, signature.clone());
        }
        return ok;
    }

    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
        delegate.setParameter(params);
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("no parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("no parameters");
    }
}
