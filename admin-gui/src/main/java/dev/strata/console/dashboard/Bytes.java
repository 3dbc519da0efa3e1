package dev.strata.console.dashboard;

/** Byte counts for people: 1.5 MiB, not 1572864. */
final class Bytes {

    private Bytes() {
    }

    static String format(long bytes) {
        if (bytes < 0) {
            return "–";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format("%.1f %s", value, units[unit]);
    }
}
