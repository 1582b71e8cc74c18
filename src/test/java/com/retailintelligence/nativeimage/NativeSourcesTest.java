package com.retailintelligence.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Reads what Quarkus' native build steps produced ({@code -Dquarkus.native.sources-only=true}, which needs no GraalVM)
 * and checks the native image would hold what the service needs at run time: the JSON types of
 * {@link JsonReflection} and every type inside them, the chart's resource bundle, every migration, and run-time
 * initialisation of each class whose static initialiser makes a random generator. Runs only when pointed at the
 * output ({@code -Dnative.sources=target/native-sources}), as {@code .ci/run} does after that build.
 */
class NativeSourcesTest {

    private static final String ROOT = "com.retailintelligence";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path sources;
    private static Set<String> reflective;
    private static JsonNode resources;
    private static String arguments;

    @BeforeAll
    static void readNativeSources() throws IOException {
        String location = System.getProperty("native.sources");
        assumeTrue(location != null, "run with -Dnative.sources=target/native-sources after a native sources build");
        sources = Path.of(location);
        arguments = Files.readString(sources.resolve("native-image.args"));
        Path runner;
        try (Stream<Path> files = Files.list(sources)) {
            runner = files.filter(file -> file.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-runner.jar in " + sources));
        }
        try (ZipFile jar = new ZipFile(runner.toFile())) {
            JsonNode reflection = JSON.readTree(jar.getInputStream(jar.getEntry("META-INF/native-image/reflect-config.json")));
            reflective = new TreeSet<>();
            reflection.forEach(entry -> reflective.add(entry.get("name").asText()));
            resources = JSON.readTree(jar.getInputStream(jar.getEntry("META-INF/native-image/resource-config.json")));
        }
    }

    @Test
    void theJsonTypesAndEverythingInsideThemAreRegisteredForReflection() {
        List<Class<?>> registered = Arrays.asList(JsonReflection.class.getAnnotation(RegisterForReflection.class).targets());
        assertTrue(!registered.isEmpty(), "JsonReflection lists its types");
        Set<String> missing = new TreeSet<>();
        Deque<Class<?>> toCheck = new ArrayDeque<>(registered);
        Set<Class<?>> seen = new java.util.HashSet<>();
        while (!toCheck.isEmpty()) {
            Class<?> type = toCheck.pop();
            if (!seen.add(type)) {
                continue;
            }
            if (!reflective.contains(type.getName())) {
                missing.add(type.getName());
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    ownTypesIn(component.getGenericType(), toCheck);
                }
            }
        }
        assertEquals(Set.of(), missing, "types Jackson must reach by reflection in the native image");
    }

    @Test
    void theChartsResourceBundleAndEveryMigrationAreIncluded() throws IOException {
        Set<String> bundles = new TreeSet<>();
        resources.path("bundles").forEach(bundle -> bundles.add(bundle.get("name").asText()));
        assertTrue(bundles.contains("org.jfree.chart.plot.LocalizationBundle"), "bundles: " + bundles);

        String patterns = resources.path("resources").path("includes").toString();
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
            List<String> absent = migrations.map(file -> "db/migration/" + file.getFileName())
                    .filter(name -> !patterns.contains(name)).toList();
            assertEquals(List.of(), absent, "migrations the native image would not hold");
        }
    }

    @Test
    void classesThatMakeARandomGeneratorWhenLoadedStartAtRunTime() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        Set<String> runTime = Arrays.stream(arguments.split("\\s+"))
                .filter(argument -> argument.startsWith("--initialize-at-run-time="))
                .flatMap(argument -> Arrays.stream(argument.substring(argument.indexOf('=') + 1).split(",")))
                .collect(Collectors.toSet());
        Set<String> needed = new TreeSet<>();
        for (JavaClass type : classes) {
            type.getStaticInitializer().ifPresent(init -> {
                boolean makesRandom = init.getConstructorCallsFromSelf().stream()
                        .anyMatch(call -> call.getTargetOwner().isAssignableTo(java.util.Random.class));
                boolean salts = init.getMethodCallsFromSelf().stream()
                        .anyMatch(call -> call.getTargetOwner().getSimpleName().equals("BcryptUtil"));
                if (makesRandom || salts) {
                    needed.add(type.getName());
                }
            });
        }
        assertTrue(needed.contains("com.retailintelligence.auth.RefreshTokens"), "the scan finds the known case: " + needed);
        Set<String> atBuildTime = needed.stream().filter(name -> !runTime.contains(name)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), atBuildTime, "add them to --initialize-at-run-time in application.properties");
        assertTrue(runTime.contains("org.jfree"), "JFreeChart starts at run time, after AWT");
    }

    private static void ownTypesIn(Type type, Deque<Class<?>> into) {
        if (type instanceof Class<?> plain) {
            Class<?> element = plain.isArray() ? plain.getComponentType() : plain;
            if (element.getName().startsWith(ROOT + ".")) {
                into.push(element);
            }
        } else if (type instanceof ParameterizedType parameterized) {
            ownTypesIn(parameterized.getRawType(), into);
            Arrays.stream(parameterized.getActualTypeArguments()).forEach(argument -> ownTypesIn(argument, into));
        } else if (type instanceof GenericArrayType array) {
            ownTypesIn(array.getGenericComponentType(), into);
        }
    }
}
