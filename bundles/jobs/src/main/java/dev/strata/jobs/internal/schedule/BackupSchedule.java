package dev.strata.jobs.internal.schedule;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.strata.api.InvalidArgumentException;

/**
 * When scheduled backups run: {@code every <n><s|m|h|d>} (an interval counted from the end of the previous run, the
 * first one an interval after the schedule starts) or {@code daily@HH:MM} (each day at that local time).
 *
 * @param interval the interval, or {@code null} for a daily time
 * @param daily    the daily time, or {@code null} for an interval
 */
public record BackupSchedule(Duration interval, LocalTime daily) {

    private static final Pattern EVERY = Pattern.compile("every\\s*(\\d+)\\s*([smhd])");
    private static final Pattern DAILY = Pattern.compile("daily@(\\d{1,2}:\\d{2})");

    public static BackupSchedule parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher every = EVERY.matcher(s);
        if (every.matches()) {
            long n = Long.parseLong(every.group(1));
            Duration d = switch (every.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            if (d.isZero()) {
                throw new InvalidArgumentException("backup schedule '" + text + "': the interval must be positive");
            }
            return new BackupSchedule(d, null);
        }
        Matcher daily = DAILY.matcher(s);
        if (daily.matches()) {
            try {
                String time = daily.group(1).length() == 4 ? "0" + daily.group(1) : daily.group(1);
                return new BackupSchedule(null, LocalTime.parse(time));
            } catch (DateTimeParseException e) {
                throw new InvalidArgumentException("backup schedule '" + text + "': not a time of day");
            }
        }
        throw new InvalidArgumentException("backup schedule '" + text + "' is not understood: use 'every 6h' (s, m, "
                + "h or d) or 'daily@02:00'");
    }

    /** How long to wait, from {@code now}, before the next run. */
    public Duration delayFrom(ZonedDateTime now) {
        if (interval != null) {
            return interval;
        }
        ZonedDateTime next = ZonedDateTime.of(LocalDate.from(now), daily, now.getZone());
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        return Duration.between(now, next);
    }

    public Duration delayFromNow() {
        return delayFrom(ZonedDateTime.now(ZoneId.systemDefault()));
    }

    @Override
    public String toString() {
        return interval != null ? "every " + interval.toString().substring(2).toLowerCase(Locale.ROOT)
                : "daily@" + daily;
    }
}
