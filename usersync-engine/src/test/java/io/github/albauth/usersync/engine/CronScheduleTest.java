package io.github.albauth.usersync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  private static Instant next(String cron, String after) {
    return Schedule.cron(cron, ZoneOffset.UTC).next(Instant.parse(after));
  }

  @Test
  void stepsRangesAndLists() {
    assertThat(next("*/15 * * * *", "2026-11-23T10:07:30Z")).isEqualTo("2026-11-23T10:15:00Z");
    assertThat(next("*/15 * * * *", "2026-11-23T10:45:00Z")).isEqualTo("2026-11-23T11:00:00Z");
    assertThat(next("0 2 * * 1-5", "2026-11-27T03:00:00Z")).as("Friday after 2:00 -> Monday")
        .isEqualTo("2026-11-30T02:00:00Z");
    assertThat(next("30 8,17 * * *", "2026-11-23T09:00:00Z")).isEqualTo("2026-11-23T17:30:00Z");
    assertThat(next("0 0 1 1 *", "2026-11-23T00:00:00Z")).isEqualTo("2027-01-01T00:00:00Z");
    assertThat(next("0 12 * * 7", "2026-11-23T00:00:00Z")).as("7 is Sunday").isEqualTo("2026-11-29T12:00:00Z");
  }

  @Test
  void bothDayFieldsRestrictedMeansEither() {
    // the 1st of the month or any Monday, at 06:00
    assertThat(next("0 6 1 * 1", "2026-11-24T00:00:00Z")).isEqualTo("2026-11-30T06:00:00Z");
    assertThat(next("0 6 1 * 1", "2026-11-30T07:00:00Z")).isEqualTo("2026-12-01T06:00:00Z");
  }

  @Test
  void readsTheFieldsInTheZone() {
    assertThat(Schedule.cron("0 2 * * *", ZoneId.of("Europe/Berlin")).next(Instant.parse("2026-11-23T00:00:00Z")))
        .isEqualTo("2026-11-23T01:00:00Z");
  }

  @Test
  void badExpressionsNameTheField() {
    assertThatThrownBy(() -> Schedule.cron("* * * *", ZoneOffset.UTC))
        .hasMessage("cron expression \"* * * *\" has 4 fields; use five: minute hour day-of-month month day-of-week");
    assertThatThrownBy(() -> Schedule.cron("60 * * * *", ZoneOffset.UTC))
        .hasMessage("cron expression \"60 * * * *\": minute field \"60\": 60 is outside 0-59");
    assertThatThrownBy(() -> Schedule.cron("* * * JAN *", ZoneOffset.UTC))
        .hasMessage("cron expression \"* * * JAN *\": month field \"JAN\": \"JAN\" is not a number");
    assertThatThrownBy(() -> Schedule.cron("* 5-2 * * *", ZoneOffset.UTC))
        .hasMessage("cron expression \"* 5-2 * * *\": hour field \"5-2\": range 5-2 runs backwards");
    assertThatThrownBy(() -> Schedule.cron("*/0 * * * *", ZoneOffset.UTC))
        .hasMessage("cron expression \"*/0 * * * *\": minute field \"*/0\": 0 is outside 1-59");
  }

  @Test
  void anExpressionThatNeverFiresSaysSo() {
    assertThatThrownBy(() -> next("0 0 31 2 *", "2026-01-01T00:00:00Z"))
        .hasMessage("cron expression \"0 0 31 2 *\" never fires");
  }
}
