package dev.sgplab.report;

import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;

import j2html.tags.DomContent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with left-aligned first column and right-aligned others. */
public final class Table {
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = headers;
    }

    public Table row(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("expected " + headers.length + " cells, got " + cells.length);
        }
        rows.add(cells);
        return this;
    }

    public String render() {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        String[] rule = new String[headers.length];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = "-".repeat(widths[i]);
        }
        line(out, rule, widths);
        for (String[] row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    /** Rows whose first is the headers, as text (a terminal's table). */
    static String text(List<String[]> rows) {
        Table table = new Table(rows.get(0));
        rows.subList(1, rows.size()).forEach(table::row);
        return table.render();
    }

    /** The same rows as an HTML table, as wide as the page allows. */
    static DomContent html(List<String[]> rows) {
        return div(j2html.TagCreator.table(thead(tr(each(Arrays.asList(rows.get(0)), h -> th(h)))),
                tbody(each(rows.subList(1, rows.size()), r -> tr(each(Arrays.asList(r), c -> td(c)))))))
                .withClass("wide");
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append("  ");
            }
            String pad = " ".repeat(widths[i] - cells[i].length());
            out.append(i == 0 ? cells[i] + pad : pad + cells[i]);
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append(System.lineSeparator());
    }
}
