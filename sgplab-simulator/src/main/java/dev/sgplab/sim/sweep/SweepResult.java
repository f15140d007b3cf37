package dev.sgplab.sim.sweep;

import java.util.List;

/**
 * A sweep's result (or one shard's): the grid, its settings, and one {@link CellResult} per cell in
 * index order. Saved as JSON, it can be merged with the other shards or rendered as a report.
 */
public record SweepResult(String type, String scenario, long seed, int replications, List<Vary> vary, Shard shard,
        int cellsInGrid, List<CellResult> cells) {
    public static final String TYPE = "sweep";

    public SweepResult {
        vary = List.copyOf(vary);
        cells = List.copyOf(cells);
    }
}
