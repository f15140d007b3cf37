package dev.sgplab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts for reports, rendered in memory (headless). */
final class Charts {
    static final int WIDTH = 860;
    static final int HEIGHT = 460;
    static final int PANEL_HEIGHT = 300;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    static XYChart chart(String title, String xTitle, String yTitle) {
        return chart(title, xTitle, yTitle, HEIGHT);
    }

    static XYChart chart(String title, String xTitle, String yTitle, int height) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendBorderColor(Color.LIGHT_GRAY);
        chart.getStyler().setPlotGridLinesColor(new Color(230, 230, 230));
        return chart;
    }

    static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        return series;
    }

    static XYSeries dashed(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        series.setLineColor(color);
        return series;
    }

    /** A vertical line at {@code x} from 0 to {@code top}, for marking windows. */
    static void vertical(XYChart chart, String name, double x, double top, Color color) {
        dashed(chart, name, new double[] {x, x}, new double[] {0, top}, color);
    }

    static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw ReportException.internal("cannot render chart " + chart.getTitle(), e);
        }
    }

    /**
     * Charts one above the other in one PNG: panels that share the x axis but not the unit. Their y
     * tick labels differ in width, which would shift each plot; so each panel is measured first and
     * then drawn narrower and further right by the difference, and all plots span the same pixels.
     */
    static byte[] stackedPng(List<XYChart> panels) {
        double[] left = new double[panels.size()];
        BufferedImage scratch = new BufferedImage(WIDTH, PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D measure = scratch.createGraphics();
        try {
            for (int i = 0; i < left.length; i++) {
                panels.get(i).paint(measure, WIDTH, PANEL_HEIGHT);
                left[i] = panels.get(i).getYAxisLeftWidth();
            }
        } finally {
            measure.dispose();
        }
        double widest = java.util.Arrays.stream(left).max().orElse(0);
        BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, PANEL_HEIGHT * panels.size());
            for (int i = 0; i < left.length; i++) {
                int shift = (int) Math.round(widest - left[i]);
                Graphics2D panel = (Graphics2D) g.create(shift, i * PANEL_HEIGHT, WIDTH - shift, PANEL_HEIGHT);
                try {
                    panels.get(i).paint(panel, WIDTH - shift, PANEL_HEIGHT);
                } finally {
                    panel.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw ReportException.internal("cannot render charts", e);
        }
        return png.toByteArray();
    }

    /** A shaded band between two curves over the same x values (a closed polygon, drawn behind lines). */
    static XYSeries band(XYChart chart, String name, double[] x, double[] low, double[] high, Color color) {
        int n = x.length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = high[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = low[i];
        }
        XYSeries series = chart.addSeries(name, px, py);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
        series.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
        return series;
    }

    /** Points without a line, for marked values. */
    static XYSeries points(XYChart chart, String name, double[] x, double[] y, Color color,
            org.knowm.xchart.style.markers.Marker marker) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(marker);
        series.setMarkerColor(color);
        return series;
    }

    static Color color(int index) {
        return PALETTE[index % PALETTE.length];
    }

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194)};

    static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
