package com.retailintelligence.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;

import com.retailintelligence.config.ConnectionUrls;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;

/**
 * The environment variables the service (or its image) reads, built from the service itself: every property of
 * every {@code @ConfigMapping} of ours (optional ones included), every property the running configuration knows
 * (application.properties and Quarkus' own settings), the connection URLs, the two JWT key locations SmallRye JWT
 * reads (no default, so no config source lists them) and what the Dockerfiles set with ENV for the base image.
 */
final class ServiceVariables {

    /** SmallRye JWT reads these when set; they have no default, so the running configuration does not list them. */
    private static final Set<String> JWT_KEY_LOCATIONS = Set.of("smallrye.jwt.sign.key.location", "mp.jwt.verify.publickey.location");

    private final Set<String> known = new TreeSet<>();

    ServiceVariables() throws IOException {
        known.addAll(Set.of(ConnectionUrls.DATABASE_URL, ConnectionUrls.DATABASE_MIGRATION_URL, ConnectionUrls.REDIS_URL));
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.retailintelligence")) {
            if (type.isAnnotatedWith(ConfigMapping.class)) {
                ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(type.reflect())).keySet()
                        .forEach(name -> known.add(environmentName(name)));
            }
        }
        ConfigProvider.getConfig().getPropertyNames().forEach(name -> known.add(environmentName(name.replaceFirst("^%[a-z]+\\.", ""))));
        JWT_KEY_LOCATIONS.forEach(name -> known.add(environmentName(name)));
        for (String dockerfile : Set.of("Dockerfile.jvm", "Dockerfile.native-micro")) {
            Matcher env = Pattern.compile("(?m)^ENV\\s+([A-Z_][A-Z0-9_]*)=").matcher(Files.readString(Path.of("src/main/docker", dockerfile)));
            while (env.find()) {
                known.add(env.group(1));
            }
        }
    }

    boolean reads(String variable) {
        return known.contains(variable);
    }

    /** The MicroProfile Config rule: upper case, every character but letters and digits as '_'. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }
}
