package io.github.albauth.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fetch budget's rules, one by one, on a clock the test moves. */
class FetchBudgetTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));

  private static String kid(int n) {
    return String.format("%08d-0000-4000-8000-000000000000", n);
  }

  private int grantOneOffs(FetchBudget budget, int from, int count) {
    int granted = 0;
    for (int i = from; i < from + count; i++) {
      if (budget.tryAcquire(kid(i)).granted) {
        granted++;
      }
    }
    return granted;
  }

  @Test
  void aFifthOfTheSlotsIsKeptForKidsAskedForAgain() {
    assertThat(new FetchBudget(1, 16, clock).reserve()).isZero();
    assertThat(new FetchBudget(2, 16, clock).reserve()).isEqualTo(1);
    assertThat(new FetchBudget(9, 16, clock).reserve()).isEqualTo(1);
    assertThat(new FetchBudget(10, 16, clock).reserve()).isEqualTo(2);
    assertThat(new FetchBudget(100, 16, clock).reserve()).isEqualTo(20);

    FetchBudget budget = new FetchBudget(10, 1024, clock);
    assertThat(grantOneOffs(budget, 0, 100)).isEqualTo(8);
    FetchBudget.Decision again = budget.tryAcquire(kid(50)); // refused once already
    assertThat(again.granted).isTrue();
    assertThat(budget.tryAcquire(kid(60)).granted).isTrue();
    assertThat(budget.tryAcquire(kid(70)).granted).as("the cap holds").isFalse();
  }

  @Test
  void slotsGoToTheKidsMoreRefusedRequestsWaitFor() {
    FetchBudget budget = new FetchBudget(10, 1024, clock);
    assertThat(grantOneOffs(budget, 0, 10)).isEqualTo(8);
    assertThat(grantOneOffs(budget, 8, 2)).as("asked for again: the kept slots").isEqualTo(2);
    for (int i = 0; i < 5; i++) {
      assertThat(budget.tryAcquire("wanted").granted).isFalse(); // 10 slots used in this second
    }
    assertThat(budget.tryAcquire("less-wanted").granted).isFalse();
    assertThat(budget.tryAcquire("less-wanted").demand).isEqualTo(2);

    clock.advance(Duration.ofSeconds(1));
    // one-offs get 10 - 2 kept - 2 waiting with a higher demand = 6 slots
    assertThat(grantOneOffs(budget, 100, 100)).isEqualTo(6);
    FetchBudget.Decision junk = budget.tryAcquire(kid(999));
    assertThat(junk.granted).isFalse();
    assertThat(junk.ahead).isEqualTo(2);
    assertThat(budget.tryAcquire("wanted").granted).isTrue();
    assertThat(budget.tryAcquire("less-wanted").granted).isTrue();
    // the two kept slots: for kids asked for again, not for new ones
    assertThat(budget.tryAcquire(kid(998)).granted).isFalse();
    assertThat(budget.tryAcquire(kid(999)).granted).isTrue();
    assertThat(budget.tryAcquire(kid(998)).granted).isTrue();
    assertThat(budget.tryAcquire(kid(997)).granted).isFalse();
    assertThat(budget.tryAcquire(kid(997)).granted).as("the cap holds").isFalse();
  }

  @Test
  void aKidNobodyAsksForAnyMoreStopsHoldingSlotsBack() {
    FetchBudget budget = new FetchBudget(10, 1024, clock);
    grantOneOffs(budget, 0, 10);
    for (int i = 0; i < 50; i++) {
      budget.tryAcquire("abandoned");
    }
    clock.advance(Duration.ofSeconds(2)); // not asked for in this or the previous second
    assertThat(grantOneOffs(budget, 100, 100)).isEqualTo(8);
  }

  @Test
  void oneOffJunkEvictsOtherJunkNotAKidManyRequestsWaitFor() {
    FetchBudget budget = new FetchBudget(1, 4, clock);
    assertThat(budget.tryAcquire(kid(0)).granted).isTrue(); // the second's only slot
    budget.tryAcquire("wanted");
    budget.tryAcquire("wanted");
    for (int i = 1; i <= 50; i++) {
      budget.tryAcquire(kid(i));
    }
    assertThat(budget.waitingCount()).isEqualTo(4);
    assertThat(budget.tryAcquire("wanted").demand).as("still remembered").isEqualTo(3);
    clock.advance(Duration.ofSeconds(1));
    assertThat(budget.tryAcquire(kid(1000)).granted).as("one-off behind the wanted kid").isFalse();
    assertThat(budget.tryAcquire("wanted").granted).isTrue();
  }

  @Test
  void demandIsForgottenAMinuteAfterTheLastRequest() {
    FetchBudget budget = new FetchBudget(1, 16, clock);
    budget.tryAcquire(kid(0));
    budget.tryAcquire("late");
    assertThat(budget.waitingCount()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(61));
    budget.tryAcquire(kid(1));
    assertThat(budget.waitingCount()).isZero();
  }
}
