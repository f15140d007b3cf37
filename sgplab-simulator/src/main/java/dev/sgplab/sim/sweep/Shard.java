package dev.sgplab.sim.sweep;

/** {@code --shard I/N}: the cells whose index is I modulo N. */
public record Shard(int index, int count) {
    public Shard {
        if (count <= 0 || index < 0 || index >= count) {
            throw new IllegalArgumentException("--shard must be I/N with 0 <= I < N, got " + index + "/" + count);
        }
    }

    public static Shard parse(String text) {
        String[] parts = text.split("/", 2);
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && !(e instanceof NumberFormatException)) {
                throw e;
            }
            throw new IllegalArgumentException("--shard must be I/N, e.g. 0/4, got '" + text + "'");
        }
    }

    public boolean includes(int cell) {
        return cell % count == index;
    }
}
