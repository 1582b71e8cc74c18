package com.retailintelligence.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package structure of docs/architecture.md, enforced: no cycles between top-level packages, and every
 * package depends only on the layers below it. A new top-level package must be placed in {@link #LAYERS}.
 */
class ArchitectureTest {

    private static final String ROOT = "com.retailintelligence";

    /** Bottom to top; a package may use packages of lower layers only (peers in one layer do not use each other). */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("config", "validation", "access", "problem", "redis"),
            Set.of("db", "http"),
            Set.of("audit"),
            Set.of("store"),
            Set.of("auth"),
            Set.of("aggregate"),
            Set.of("live"),
            Set.of("ingest"),
            Set.of("traffic", "sales", "analytics"),
            Set.of("alert"),
            Set.of("report", "demo"),
            Set.of("telegram", "lifecycle"),
            Set.of("importing"),
            Set.of("nativeimage"));

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void noCyclesBetweenTopLevelPackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyPackageUsesOnlyTheLayersBelowIt() {
        for (int level = 0; level < LAYERS.size(); level++) {
            List<String> notBelow = new ArrayList<>();
            for (int other = level; other < LAYERS.size(); other++) {
                LAYERS.get(other).forEach(name -> notBelow.add(ROOT + "." + name + ".."));
            }
            for (String name : LAYERS.get(level)) {
                List<String> forbidden = notBelow.stream().filter(p -> !p.equals(ROOT + "." + name + "..")).toList();
                noClasses().that().resideInAPackage(ROOT + "." + name + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                        .because(name + " sits in layer " + level + " of docs/architecture.md")
                        .check(classes);
            }
        }
    }

    @Test
    void everyTopLevelPackageHasALayer() {
        Set<String> placed = new TreeSet<>();
        LAYERS.forEach(placed::addAll);
        Set<String> found = new TreeSet<>();
        for (JavaClass type : classes) {
            String rest = type.getPackageName().substring(Math.min(type.getPackageName().length(), ROOT.length() + 1));
            if (!rest.isEmpty()) {
                found.add(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
            }
        }
        assertEquals(placed, found, "top-level packages and the layers of ArchitectureTest.LAYERS");
    }
}
