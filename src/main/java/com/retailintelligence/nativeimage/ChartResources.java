package com.retailintelligence.nativeimage;

import io.quarkus.runtime.annotations.RegisterResourceBundle;

/**
 * Includes in a native image the resource bundle JFreeChart's category plot loads when a report chart is drawn (its
 * class initialiser reads it); without it a PNG report fails only in the native executable (docs/native.md).
 */
@RegisterResourceBundle(bundleName = "org.jfree.chart.plot.LocalizationBundle")
public final class ChartResources {

    private ChartResources() {
    }
}
