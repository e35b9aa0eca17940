package io.github.albauth.usersync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.albauth.usersync.SourceUser;
import io.github.albauth.usersync.StoredUser;
import io.github.albauth.usersync.UserStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A store that pauses a sync (a thread named "sync") inside the create of one user, so a test can
 * run a login of that user meanwhile and see it wait for the user's lock.
 */
final class PausingStore extends DelegatingStore {

  /** What the paused sync and the login returned. */
  record Outcomes(SyncReport sync, UserOutcome login) {}

  private final String externalId;
  private final CountDownLatch inCreate = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  /**
   * @param delegate the store written to
   * @param externalId the user whose create pauses
   */
  PausingStore(UserStore delegate, String externalId) {
    super(delegate);
    this.externalId = externalId;
  }

  @Override
  public void create(StoredUser user) {
    if (externalId.equals(user.externalId()) && Thread.currentThread().getName().equals("sync")) {
      inCreate.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    super.create(user);
  }

  /**
   * Starts a full sync on {@code syncing}, waits until it pauses in the user's create, provisions
   * {@code user} on {@code logins} on another thread, checks that the login waits, then lets the
   * sync go on and returns both outcomes.
   */
  Outcomes loginDuringSync(SyncEngine syncing, SyncEngine logins, SourceUser user)
      throws InterruptedException {
    AtomicReference<SyncReport> report = new AtomicReference<>();
    Thread sync = new Thread(() -> report.set(syncing.fullSync("manual")), "sync");
    sync.start();
    inCreate.await();

    AtomicReference<UserOutcome> login = new AtomicReference<>();
    Thread loginThread = new Thread(() -> login.set(logins.provision(user)), "login");
    loginThread.start();
    while (loginThread.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    assertThat(login.get()).as("the login waits while the sync writes the user").isNull();
    release.countDown();
    sync.join();
    loginThread.join();
    return new Outcomes(report.get(), login.get());
  }
}
