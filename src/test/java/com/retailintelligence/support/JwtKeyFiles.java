package com.retailintelligence.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/** An RSA key pair in PEM files, so several service processes (or one restarted) share and keep their tokens. */
public final class JwtKeyFiles {

    private final Path directory;

    private JwtKeyFiles(Path directory) {
        this.directory = directory;
    }

    public static JwtKeyFiles create() throws IOException, GeneralSecurityException {
        Path directory = Files.createTempDirectory("retail-jwt");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(directory.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(directory.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return new JwtKeyFiles(directory);
    }

    /** The environment that points a service at these keys. */
    public Map<String, String> environment() {
        return Map.of("SMALLRYE_JWT_SIGN_KEY_LOCATION", directory.resolve("private.pem").toString(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", directory.resolve("public.pem").toString());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
