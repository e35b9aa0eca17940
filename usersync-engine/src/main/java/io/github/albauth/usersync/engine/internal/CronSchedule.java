package io.github.albauth.usersync.engine.internal;

import io.github.albauth.usersync.engine.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;

/**
 * A five-field cron schedule ({@code minute hour day-of-month month day-of-week}) with {@code *},
 * numbers, ranges {@code a-b}, lists {@code a,b} and steps ({@code *}{@code /n} or {@code a-b/n}); day of week
 * 0-7 with 0 and 7 both Sunday; when both day fields are restricted a day matching either runs (as
 * in Vixie cron). Immutable and thread-safe.
 */
public final class CronSchedule implements Schedule {

  private static final int MAX_DAYS = 366 * 5;

  private final String expression;
  private final ZoneId zone;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  /**
   * Parses an expression.
   *
   * @param expression five fields separated by spaces
   * @param zone the time zone the fields are read in
   * @throws IllegalArgumentException naming the bad field
   */
  public CronSchedule(String expression, ZoneId zone) {
    this.expression = expression;
    this.zone = zone;
    String[] fields = expression.trim().split("\\s+", -1);
    if (fields.length != 5) {
      throw new IllegalArgumentException("cron expression \"" + expression + "\" has "
          + fields.length + " fields; use five: minute hour day-of-month month day-of-week");
    }
    minutes = parse(fields[0], 0, 59, "minute");
    hours = parse(fields[1], 0, 23, "hour");
    daysOfMonth = parse(fields[2], 1, 31, "day-of-month");
    months = parse(fields[3], 1, 12, "month");
    daysOfWeek = parse(fields[4], 0, 7, "day-of-week");
    if (daysOfWeek.get(7)) {
      daysOfWeek.set(0);
    }
    anyDayOfMonth = fields[2].equals("*");
    anyDayOfWeek = fields[4].equals("*");
  }

  private BitSet parse(String field, int min, int max, String name) {
    BitSet bits = new BitSet(max + 1);
    for (String part : field.split(",", -1)) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(part.substring(slash + 1), 1, max, name, field);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = number(ends[0], min, max, name, field);
        to = number(ends[1], min, max, name, field);
        if (from > to) {
          throw bad(name, field, "range " + range + " runs backwards");
        }
      } else {
        from = number(range, min, max, name, field);
        to = slash >= 0 ? max : from;
      }
      for (int i = from; i <= to; i += step) {
        bits.set(i);
      }
    }
    return bits;
  }

  private int number(String text, int min, int max, String name, String field) {
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw bad(name, field, "\"" + text + "\" is not a number");
    }
    if (value < min || value > max) {
      throw bad(name, field, value + " is outside " + min + "-" + max);
    }
    return value;
  }

  private IllegalArgumentException bad(String name, String field, String why) {
    return new IllegalArgumentException(String.format(Locale.ROOT,
        "cron expression \"%s\": %s field \"%s\": %s", expression, name, field, why));
  }

  @Override
  public Instant next(Instant after) {
    LocalDateTime start = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDate day = start.toLocalDate();
    for (int d = 0; d < MAX_DAYS; d++, day = day.plusDays(1)) {
      if (!dayMatches(day)) {
        continue;
      }
      LocalTime from = d == 0 ? start.toLocalTime() : LocalTime.MIDNIGHT;
      for (int h = hours.nextSetBit(from.getHour()); h >= 0; h = hours.nextSetBit(h + 1)) {
        int firstMinute = h == from.getHour() ? from.getMinute() : 0;
        int m = minutes.nextSetBit(firstMinute);
        if (m >= 0) {
          Instant candidate = ZonedDateTime.of(day, LocalTime.of(h, m), zone).toInstant();
          if (candidate.isAfter(after)) {
            return candidate;
          }
        }
      }
    }
    throw new IllegalStateException("cron expression \"" + expression + "\" never fires");
  }

  private boolean dayMatches(LocalDate day) {
    if (!months.get(day.getMonthValue())) {
      return false;
    }
    boolean dom = daysOfMonth.get(day.getDayOfMonth());
    boolean dow = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
    if (anyDayOfMonth || anyDayOfWeek) {
      return dom && dow;
    }
    return dom || dow;
  }

  @Override
  public String toString() {
    return "cron(" + expression + ", " + zone + ")";
  }
}
