package com.retailintelligence.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws a {@link ChartSpec} as a PNG for store managers who read it at a glance on a phone (JFreeChart, headless Java2D).
 */
@ApplicationScoped
public class ChartRenderer {

    /** Width of every chart, pixels. */
    public static final int WIDTH = 1200;
    /** Height of every chart, pixels. */
    public static final int HEIGHT = 800;
    /** Above this many categories their labels are drawn at 45°, so 24 or 25 hours stay legible. */
    static final int MAX_UPRIGHT_CATEGORIES = 14;

    /** Series colours, RGB. Colours and fonts are no static fields: a native image initialises AWT at run time only. */
    static final int VISITORS_BLUE = 0x1F5FBF;
    static final int TRANSACTIONS_ORANGE = 0xF28E2B;
    static final int COMPARISON_GREY = 0x424242;

    private static final String VISITORS = "Visitors";
    private static final String TRANSACTIONS = "Transactions";

    private final Color text = new Color(0x212121);
    private final Color secondaryText = new Color(0x555555);
    private final Color gridline = new Color(0xE3E3E3);
    private final String fontFamily = fontFamily();

    /**
     * The chart as PNG bytes, {@link #WIDTH} × {@link #HEIGHT}. Blocking CPU work: callers run it
     * on a worker thread, never on an event loop. Thread-safe.
     */
    public byte[] png(ChartSpec spec) {
        BufferedImage image = chart(spec).createBufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB, null);
        try {
            return ChartUtils.encodeAsPNG(image);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e); // in memory: does not happen
        }
    }

    /** The chart of a spec, not yet drawn. */
    JFreeChart chart(ChartSpec spec) {
        List<Slot> slots = new ArrayList<>(spec.categories().size());
        for (int i = 0; i < spec.categories().size(); i++) {
            slots.add(new Slot(i, spec.categories().get(i)));
        }

        DefaultCategoryDataset bars = new DefaultCategoryDataset();
        for (Slot slot : slots) {
            bars.addValue(spec.visitors().get(slot.index()), VISITORS, slot);
            bars.addValue(spec.transactions().get(slot.index()), TRANSACTIONS, slot);
        }

        CategoryAxis categoryAxis = new CategoryAxis(spec.categoryAxisLabel());
        categoryAxis.setLabelFont(font(Font.PLAIN, 19));
        categoryAxis.setLabelPaint(secondaryText);
        categoryAxis.setTickLabelFont(font(Font.PLAIN, 19));
        categoryAxis.setTickLabelPaint(text);
        categoryAxis.setCategoryMargin(0.2);
        categoryAxis.setLowerMargin(0.01);
        categoryAxis.setUpperMargin(0.01);
        categoryAxis.setAxisLinePaint(secondaryText);
        categoryAxis.setTickMarksVisible(false);
        categoryAxis.setMaximumCategoryLabelLines(2);
        if (slots.size() > MAX_UPRIGHT_CATEGORIES) {
            categoryAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }

        NumberAxis valueAxis = new NumberAxis("Visitors / transactions");
        valueAxis.setLabelFont(font(Font.PLAIN, 19));
        valueAxis.setLabelPaint(secondaryText);
        valueAxis.setTickLabelFont(font(Font.PLAIN, 19));
        valueAxis.setTickLabelPaint(text);
        TickUnitSource integers = NumberAxis.createIntegerTickUnits(Locale.ENGLISH); // "1,200" whatever the JVM locale
        valueAxis.setStandardTickUnits(integers);
        // At most 8 gridlines, and one above the highest bar or point; a day of zeros still gets an axis 0 to 5.
        long largest = largest(spec);
        NumberTickUnit unit = (NumberTickUnit) integers.getCeilingTickUnit(largest / 8.0);
        valueAxis.setTickUnit(unit);
        valueAxis.setRange(0, Math.max(5, unit.getSize() * Math.ceil(largest * 1.04 / unit.getSize())));
        valueAxis.setAxisLineVisible(false);
        valueAxis.setTickMarksVisible(false);

        BarRenderer barRenderer = new BarRenderer();
        barRenderer.setBarPainter(new StandardBarPainter());
        barRenderer.setShadowVisible(false);
        barRenderer.setDrawBarOutline(false);
        barRenderer.setItemMargin(0.04);
        barRenderer.setSeriesPaint(0, new Color(VISITORS_BLUE));
        barRenderer.setSeriesPaint(1, new Color(TRANSACTIONS_ORANGE));
        barRenderer.setDefaultLegendShape(new Rectangle2D.Double(-8, -8, 16, 16));

        CategoryPlot plot = new CategoryPlot(bars, categoryAxis, valueAxis, barRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(true);
        plot.setRangeGridlinePaint(gridline);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setInsets(new RectangleInsets(22, 4, 4, 8)); // room for the top tick label under the titles
        plot.setNoDataMessage("No data");
        plot.setNoDataMessageFont(font(Font.PLAIN, 22));
        plot.setNoDataMessagePaint(secondaryText);

        if (spec.comparisonVisitors() != null) {
            DefaultCategoryDataset line = new DefaultCategoryDataset();
            for (Slot slot : slots) {
                line.addValue(spec.comparisonVisitors().get(slot.index()), spec.comparisonLabel(), slot);
            }
            LineAndShapeRenderer lineRenderer = new LineAndShapeRenderer(true, true);
            lineRenderer.setSeriesPaint(0, new Color(COMPARISON_GREY));
            lineRenderer.setSeriesStroke(0, new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            lineRenderer.setSeriesShape(0, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
            lineRenderer.setUseOutlinePaint(false);
            plot.setDataset(1, line);
            plot.setRenderer(1, lineRenderer);
            plot.mapDatasetToRangeAxis(1, 0); // the same axis as the bars, so they compare
            plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD); // the line over the bars
        }

        JFreeChart chart = new JFreeChart(spec.title(), font(Font.BOLD, 32), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        chart.setPadding(new RectangleInsets(20, 20, 16, 28));
        TextTitle title = chart.getTitle();
        title.setPaint(text);
        title.setHorizontalAlignment(HorizontalAlignment.LEFT);
        if (spec.subtitle() != null && !spec.subtitle().isBlank()) {
            TextTitle subtitle = new TextTitle(spec.subtitle(), font(Font.PLAIN, 21));
            subtitle.setPaint(secondaryText);
            subtitle.setHorizontalAlignment(HorizontalAlignment.LEFT);
            subtitle.setTextAlignment(HorizontalAlignment.LEFT); // a long one wraps, its lines left-aligned too
            subtitle.setPadding(new RectangleInsets(6, 0, 8, 0));
            chart.addSubtitle(0, subtitle);
        }
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(BlockBorder.NONE);
        legend.setItemFont(font(Font.PLAIN, 20));
        legend.setItemPaint(text);
        legend.setBackgroundPaint(Color.WHITE);
        legend.setItemLabelPadding(new RectangleInsets(2, 6, 2, 22));
        legend.setMargin(new RectangleInsets(14, 0, 0, 0));
        return chart;
    }

    /** The largest count the chart shows. */
    private static long largest(ChartSpec spec) {
        long largest = 1;
        for (List<Long> counts : Arrays.asList(spec.visitors(), spec.transactions(), spec.comparisonVisitors())) {
            if (counts != null) {
                for (Long count : counts) {
                    largest = count == null ? largest : Math.max(largest, count);
                }
            }
        }
        return largest;
    }

    private Font font(int style, int pixels) {
        return new Font(fontFamily, style, pixels); // at 1:1 scale a point is a pixel
    }

    /** "DejaVu Sans" when installed (fonts-dejavu-core), otherwise the logical SansSerif font. */
    private static String fontFamily() {
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT);
        return Arrays.asList(families).contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
    }

    /** A category of the chart: by position, so that two equal labels (the repeated hour of a DST day) stay two. */
    private record Slot(int index, String label) implements Comparable<Slot> {

        @Override
        public int compareTo(Slot other) {
            return Integer.compare(index, other.index);
        }

        @Override
        public String toString() {
            return label; // what the category axis draws
        }
    }
}
