package com.retailintelligence.support;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;

/** An RSA key pair in PEM files, so several service processes (or one restarted) share and keep their tokens. */
public final class JwtKeyFiles {

    private final Path directory;
    private final RSAPublicKey publicKey;

    private JwtKeyFiles(Path directory, RSAPublicKey publicKey) {
        this.directory = directory;
        this.publicKey = publicKey;
    }

    public static JwtKeyFiles create() throws IOException, GeneralSecurityException {
        Path directory = Files.createTempDirectory("retail-jwt");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(directory.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(directory.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return new JwtKeyFiles(directory, (RSAPublicKey) pair.getPublic());
    }

    /** The environment that points a service at these keys. */
    public Map<String, String> environment() {
        return Map.of("SMALLRYE_JWT_SIGN_KEY_LOCATION", directory.resolve("private.pem").toString(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", directory.resolve("public.pem").toString());
    }

    /** The environment that signs with this key under a key id and verifies against a JWK set file. */
    public Map<String, String> environment(String keyId, Path verifyJwks) {
        return Map.of("SMALLRYE_JWT_SIGN_KEY_LOCATION", directory.resolve("private.pem").toString(),
                "SMALLRYE_JWT_SIGN_KEY_ID", keyId, "MP_JWT_VERIFY_PUBLICKEY_LOCATION", verifyJwks.toString());
    }

    /** Writes a JWK set of these public keys (key id → keys), as an operator rotating keys would publish it. */
    public static Path jwks(Map<String, JwtKeyFiles> keys) throws IOException {
        StringBuilder json = new StringBuilder("{\"keys\":[");
        keys.forEach((kid, key) -> json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
                .append("{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"").append(kid)
                .append("\",\"n\":\"").append(base64Url(key.publicKey.getModulus()))
                .append("\",\"e\":\"").append(base64Url(key.publicKey.getPublicExponent())).append("\"}"));
        Path file = Files.createTempFile("retail-jwks", ".json");
        Files.writeString(file, json.append("]}"));
        return file;
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length); // unsigned, as JWK wants it
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
