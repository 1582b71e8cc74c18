package com.retailintelligence.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.jfree.chart.plot.CategoryPlot;
import org.junit.jupiter.api.Test;

/**
 * The report chart PNGs: size, format, and that bars and line are drawn; the sample goes to target/report-sample.png,
 * or with {@code -Dchart.sample=docs/report-sample.png} to the docs.
 */
class ChartRendererTest {

    /** Berlin Mitte, Wed 2 Dec 2026: open 08:00 to 21:00, lunch and evening peaks. */
    static final long[] VISITORS = {0, 0, 0, 0, 0, 0, 0, 0,
            95, 160, 215, 270, 370, 345, 235, 220, 265, 360, 390, 300, 187, 0, 0, 0};
    static final long[] TRANSACTIONS = {0, 0, 0, 0, 0, 0, 0, 0,
            17, 32, 44, 58, 84, 76, 49, 45, 56, 80, 86, 63, 40, 0, 0, 0};
    static final long[] LAST_WEEK = {0, 0, 0, 0, 0, 0, 0, 0,
            90, 150, 205, 255, 350, 330, 225, 205, 250, 335, 365, 280, 176, 0, 0, 0};
    static final long REVENUE_CENTS = 1_824_050; // €18,240.50

    private final ChartRenderer renderer = new ChartRenderer();

    @Test
    void aDayOfHoursWithLastWeeksLine() throws IOException {
        BufferedImage image = decode(renderer.png(berlinMitte()));

        assertTrue(count(image, ChartRenderer.COMPARISON_GREY) > 2_000, "the comparison line is drawn");
    }

    @Test
    void theLongDayOfADaylightSavingChangeKeepsBothOfItsTwoOClockHours() throws IOException {
        List<String> hours = new ArrayList<>(hours(24));
        hours.add(3, "02:00"); // 25 October 2026 in Berlin: 02:00 CEST, then 02:00 CET
        List<Long> visitors = new ArrayList<>(list(VISITORS));
        visitors.add(3, 0L);
        List<Long> transactions = new ArrayList<>(list(TRANSACTIONS));
        transactions.add(3, 0L);
        List<Long> lastWeek = new ArrayList<>(list(LAST_WEEK));
        lastWeek.add(3, null); // last Sunday had no second 02:00
        ChartSpec spec = new ChartSpec("Berlin Mitte · Sun 25 Oct 2026", "Clocks went back at 03:00", "Local hour",
                hours, visitors, transactions, "Visitors last week", lastWeek);

        assertEquals(25, ((CategoryPlot) renderer.chart(spec).getPlot()).getDataset(0).getColumnCount());
        BufferedImage image = decode(renderer.png(spec));
        assertTrue(count(image, ChartRenderer.COMPARISON_GREY) > 2_000, "the comparison line is drawn");
    }

    @Test
    void aWeekOfDaysWithoutComparison() throws IOException {
        List<String> days = List.of("Thu 26 Nov", "Fri 27 Nov", "Sat 28 Nov", "Sun 29 Nov", "Mon 30 Nov", "Tue 1 Dec",
                "Wed 2 Dec");
        ChartSpec spec = new ChartSpec("Berlin Mitte · last 7 days", "Visitors 21,950 · Conversion 20.8 %", null, days,
                List.of(3050L, 3980L, 4620L, 0L, 2890L, 3998L, 3412L), List.of(610L, 850L, 1010L, 0L, 575L, 812L, 730L),
                null, null);

        BufferedImage image = decode(renderer.png(spec));

        assertTrue(count(image, ChartRenderer.COMPARISON_GREY) < 100, "no comparison line (only antialiased text)");
    }

    @Test
    void aDayWithoutVisitorsIsStillAChart() throws IOException {
        List<Long> zeros = Collections.nCopies(24, 0L);
        ChartSpec spec = new ChartSpec("Berlin Mitte · Thu 24 Dec 2026", "Closed", "Local hour", hours(24), zeros, zeros,
                null, null);

        byte[] png = renderer.png(spec);

        assertPng(png);
        assertEquals(ChartRenderer.WIDTH, ImageIO.read(new ByteArrayInputStream(png)).getWidth());
    }

    @Test
    void specsWithListsThatDoNotMatchAreRejected() {
        List<String> hours = hours(24);
        List<Long> visitors = list(VISITORS);
        List<Long> transactions = list(TRANSACTIONS);
        assertThrows(IllegalArgumentException.class, () -> new ChartSpec("t", null, null, hours, visitors.subList(0, 23),
                transactions, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ChartSpec("t", null, null, hours, visitors,
                transactions.subList(1, 24), null, null));
        assertThrows(IllegalArgumentException.class, () -> new ChartSpec("t", null, null, hours, visitors, transactions,
                "Last week", list(LAST_WEEK).subList(0, 12)));
        assertThrows(IllegalArgumentException.class, () -> new ChartSpec("t", null, null, null, visitors, transactions,
                null, null));
        assertThrows(IllegalArgumentException.class, () -> new ChartSpec("t", null, null, hours, null, transactions,
                null, null));
        assertThrows(IllegalArgumentException.class, () -> new ChartSpec("t", null, null, hours, visitors, null,
                null, null));
        List<Long> withNull = new ArrayList<>(visitors);
        withNull.set(5, null);
        assertThrows(IllegalArgumentException.class, () -> new ChartSpec("t", null, null, hours, withNull, transactions,
                null, null));
        List<Long> negative = new ArrayList<>(visitors);
        negative.set(5, -1L);
        assertThrows(IllegalArgumentException.class, () -> new ChartSpec("t", null, null, hours, negative, transactions,
                null, null));
        assertThrows(IllegalArgumentException.class, () -> new ChartSpec("t", null, null, hours, visitors, transactions,
                null, list(LAST_WEEK)), "a line without a label");
        assertThrows(IllegalArgumentException.class, () -> new ChartSpec("t", null, null, hours, visitors, transactions,
                "Last week", null), "a label without a line");
        assertThrows(IllegalArgumentException.class, () -> new ChartSpec(" ", null, null, hours, visitors, transactions,
                null, null), "no title");
    }

    @Test
    void aSpecKeepsItsOwnCopyOfTheLists() {
        List<Long> visitors = new ArrayList<>(list(VISITORS));
        ChartSpec spec = new ChartSpec("t", null, null, hours(24), visitors, list(TRANSACTIONS), null, null);

        visitors.set(10, 9_999L);

        assertEquals(215L, spec.visitors().get(10));
        assertThrows(UnsupportedOperationException.class, () -> spec.visitors().set(10, 1L));
    }

    /** No java.awt.headless setting is needed on Linux when DISPLAY is unset (servers, containers, CI): Java is headless. */
    @Test
    void javaIsHeadlessWithoutConfigurationOnLinuxWithoutDisplay() {
        assumeTrue("Linux".equals(System.getProperty("os.name")), "the rule is Linux's");
        String display = System.getenv("DISPLAY");
        assumeTrue(display == null || display.isBlank(), "DISPLAY is set");
        assumeTrue(System.getProperty("java.awt.headless") == null, "java.awt.headless is set");

        assertTrue(GraphicsEnvironment.isHeadless());
    }

    /** Writes the sample to target/ (to look at), or where {@code -Dchart.sample} says (docs/report-sample.png to refresh it). */
    @Test
    void writesTheSample() throws IOException {
        byte[] png = renderer.png(berlinMitte());
        decode(png);
        Path path = Path.of(System.getProperty("chart.sample", "target/report-sample.png"));
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Files.write(path, png);
    }

    /** The Berlin Mitte day, its subtitle computed from its numbers. */
    static ChartSpec berlinMitte() {
        long visitors = Arrays.stream(VISITORS).sum();
        long lastWeek = Arrays.stream(LAST_WEEK).sum();
        long transactions = Arrays.stream(TRANSACTIONS).sum();
        String subtitle = String.format(Locale.ENGLISH,
                "Visitors %,d (%+.1f %% vs last week) · Conversion %.1f %% · Revenue €%,.2f · ATV €%,.2f", visitors,
                100.0 * (visitors - lastWeek) / lastWeek, 100.0 * transactions / visitors, REVENUE_CENTS / 100.0,
                REVENUE_CENTS / 100.0 / transactions);
        return new ChartSpec("Berlin Mitte · Wed 2 Dec 2026", subtitle, "Local hour", hours(24), list(VISITORS),
                list(TRANSACTIONS), "Visitors last week", list(LAST_WEEK));
    }

    /** Decodes a chart PNG and checks what every chart has: size, format, bars of both series. */
    private static BufferedImage decode(byte[] png) throws IOException {
        assertPng(png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(ChartRenderer.WIDTH, image.getWidth());
        assertEquals(ChartRenderer.HEIGHT, image.getHeight());
        assertTrue(count(image, ChartRenderer.VISITORS_BLUE) > 5_000, "visitor bars are drawn");
        assertTrue(count(image, ChartRenderer.TRANSACTIONS_ORANGE) > 1_000, "transaction bars are drawn");
        long notWhite = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                notWhite += (image.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF ? 0 : 1;
            }
        }
        assertTrue(notWhite > image.getWidth() * image.getHeight() / 20, "at least 5 % of the pixels are drawn: " + notWhite);
        return image;
    }

    private static void assertPng(byte[] png) {
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, Arrays.copyOf(png, 8));
        assertTrue(png.length > 10 * 1024 && png.length < 500 * 1024, "PNG of " + png.length + " bytes");
    }

    /** Pixels of exactly this RGB colour. */
    private static long count(BufferedImage image, int rgb) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return count;
    }

    private static List<String> hours(int count) {
        List<String> hours = new ArrayList<>();
        for (int hour = 0; hour < count; hour++) {
            hours.add(String.format(Locale.ROOT, "%02d:00", hour));
        }
        return hours;
    }

    private static List<Long> list(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
