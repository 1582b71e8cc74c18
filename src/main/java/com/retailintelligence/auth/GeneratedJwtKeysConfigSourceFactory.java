package com.retailintelligence.auth;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import com.retailintelligence.config.RuntimeOnly;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Fallback for a service started without JWT keys: generates an RSA key pair for this process only.
 * Tokens then neither survive a restart nor work across replicas; {@link JwtKeyWarning} says so at start.
 */
public class GeneratedJwtKeysConfigSourceFactory implements ConfigSourceFactory {

    static final String GENERATED_MARKER = "retail.auth.generated-keys";

    private static final List<String> KEY_PROPERTIES = List.of(
            "smallrye.jwt.sign.key", "smallrye.jwt.sign.key.location",
            "mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!RuntimeOnly.isRuntime()) {
            return List.of();
        }
        for (String property : KEY_PROPERTIES) {
            ConfigValue value = context.getValue(property);
            if (value != null && value.getValue() != null && !value.getValue().isBlank()) {
                return List.of();
            }
        }
        KeyPair pair = generate();
        Map<String, String> keys = Map.of(
                "smallrye.jwt.sign.key", pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                "mp.jwt.verify.publickey", pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                GENERATED_MARKER, "true");
        // Lowest priority: any key configured anywhere else takes over.
        return List.of(new PropertiesConfigSource(keys, "generated-jwt-keys", 1));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----";
    }
}
