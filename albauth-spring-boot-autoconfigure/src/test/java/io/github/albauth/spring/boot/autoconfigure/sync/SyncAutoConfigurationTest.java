package io.github.albauth.spring.boot.autoconfigure.sync;

import static io.github.albauth.spring.boot.autoconfigure.sync.StartupFailures.startupFailure;
import static io.github.albauth.spring.boot.autoconfigure.sync.TestSource.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.albauth.spring.boot.autoconfigure.AlbAuthAutoConfiguration;
import io.github.albauth.usersync.mapping.MappingResult;
import io.github.albauth.usersync.engine.SyncEngine;
import io.github.albauth.usersync.engine.SyncListener;
import io.github.albauth.usersync.engine.SyncReport;
import io.github.albauth.usersync.engine.SyncScheduler;
import io.github.albauth.usersync.store.InMemoryUserStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The directory sync beans: an engine when the application has a store and a source, configured by
 * the {@code albauth.sync.*} keys, with the application's listeners and customizers; a scheduler
 * that starts when the application is ready and stops with the context; and every way the keys
 * can be wrong, refused at startup with the key and the fix.
 */
class SyncAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AlbAuthAutoConfiguration.class,
          AlbAuthConnectorsAutoConfiguration.class, AlbAuthSyncAutoConfiguration.class));

  private final ApplicationContextRunner withStoreAndSource = runner
      .withBean(InMemoryUserStore.class)
      .withBean("hr", TestSource.class,
          () -> new TestSource("hr", List.of(user("1", "ann"), user("2", "bob"))));

  @Test
  void withoutAStoreThereIsNoEngineAndAScheduleCannotBeHad() {
    runner.withBean(TestSource.class, () -> new TestSource("hr", List.of())).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(SyncEngine.class);
    });
    runner.withBean(TestSource.class, () -> new TestSource("hr", List.of()))
        .withPropertyValues("albauth.sync.interval=PT1H")
        .run(context -> startupFailure(context).hasMessage("albauth.sync.interval schedules the"
            + " directory sync, but there is nothing to sync: it needs a UserStore bean and a"
            + " directory source (a connector's albauth.<idp>.* keys, or a DirectorySource bean),"
            + " and usersync-engine on the class path"));
    runner.withBean(InMemoryUserStore.class).withPropertyValues("albauth.sync.cron=0 2 * * *")
        .run(context -> startupFailure(context)
            .hasMessageStartingWith("albauth.sync.cron schedules the directory sync, but there"
                + " is nothing to sync"));
  }

  @Test
  void withoutTheEngineOnTheClassPathNothingIsBuiltAndAScheduleCannotBeHad() {
    runner.withClassLoader(new FilteredClassLoader(SyncEngine.class))
        .withBean(InMemoryUserStore.class)
        .withBean(TestSource.class, () -> new TestSource("hr", List.of()))
        .withPropertyValues("albauth.sync.interval=PT1H")
        .run(context -> startupFailure(context)
            .hasMessageStartingWith("albauth.sync.interval schedules the directory sync"));
  }

  @Test
  void aStoreAndASourceMakeAnEngineThatSyncsWithTheApplicationsListenersAndCustomizers() {
    List<String> events = new CopyOnWriteArrayList<>();
    withStoreAndSource
        .withBean(SyncListener.class, () -> new SyncListener() {
          @Override
          public void runFinished(SyncReport report) {
            events.add("run " + report.source() + " " + report.status());
          }
        })
        .withBean(SyncEngineCustomizer.class, () -> (purpose, builder) -> {
          events.add("customized " + purpose);
          builder.filter(sourceUser -> !sourceUser.id().equals("2"));
        })
        .withPropertyValues("albauth.sync.mapping.display-name=upper(username)")
        .run(context -> {
          assertThat(context).doesNotHaveBean(SyncScheduler.class);
          SyncReport report = context.getBean(SyncEngine.class).fullSync("manual");

          assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
          InMemoryUserStore store = context.getBean(InMemoryUserStore.class);
          assertThat(store.findByUsername("ann")).get()
              .satisfies(ann -> assertThat(ann.attributes()).containsEntry("displayName", "ANN"));
          assertThat(store.findByUsername("bob")).as("filtered out by the customizer").isEmpty();
          assertThat(events).containsExactly("customized DIRECTORY_SYNC", "run hr SUCCEEDED");
        });
  }

  @Test
  void theSafetyKeysReachTheEngine() {
    withStoreAndSource.withPropertyValues("albauth.sync.max-deprovisions=0").run(context -> {
      SyncEngine engine = context.getBean(SyncEngine.class);
      engine.fullSync("manual");
      context.getBean(TestSource.class).remove("2");

      SyncReport report = engine.fullSync("manual");
      assertThat(report.status()).isEqualTo(SyncReport.Status.DEPROVISIONING_REFUSED);
      assertThat(report.refusal()).isEqualTo(SyncReport.Refusal.MAX_DEPROVISIONS);
      assertThat(context.getBean(InMemoryUserStore.class).findByUsername("bob")).get()
          .satisfies(bob -> assertThat(bob.active()).isTrue());
    });
    runner.withBean(InMemoryUserStore.class)
        .withBean(TestSource.class, () -> new TestSource("hr",
            List.of(user("1", "ann"), user("2", "bob"), user("3", "cid"))))
        .withPropertyValues("albauth.sync.protected-users=bob", "albauth.sync.cleanup=delete")
        .run(context -> {
          SyncEngine engine = context.getBean(SyncEngine.class);
          engine.fullSync("manual");
          context.getBean(TestSource.class).remove("1");
          context.getBean(TestSource.class).remove("2");

          assertThat(engine.fullSync("manual").status()).isEqualTo(SyncReport.Status.SUCCEEDED);
          InMemoryUserStore store = context.getBean(InMemoryUserStore.class);
          assertThat(store.findByUsername("ann")).as("deleted").isEmpty();
          assertThat(store.findByUsername("bob")).as("protected").get()
              .satisfies(bob -> assertThat(bob.active()).isTrue());
        });
  }

  @Test
  void theSchedulerStartsWhenTheApplicationIsReadyAndStopsWithTheContext() throws Exception {
    SyncScheduler[] kept = new SyncScheduler[1];
    withStoreAndSource.withPropertyValues("albauth.sync.interval=1h").run(context -> {
      SyncScheduler scheduler = context.getBean(SyncScheduler.class);
      kept[0] = scheduler;
      assertThat(scheduler.nextRun()).as("not before the application is ready").isNull();

      context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
          context.getSourceApplicationContext(), Duration.ZERO));
      assertThat(scheduler.nextRun()).isBetween(Instant.now().plus(Duration.ofMinutes(59)),
          Instant.now().plus(Duration.ofMinutes(61)));

      SyncReport report = scheduler.triggerNow().get(10, TimeUnit.SECONDS);
      assertThat(report.trigger()).isEqualTo("manual");
      assertThat(report.status()).isEqualTo(SyncReport.Status.SUCCEEDED);
      assertThat(context.getBean(InMemoryUserStore.class).size()).isEqualTo(2);
    });
    assertThatThrownBy(() -> kept[0].triggerNow()).as("closed with the context")
        .isInstanceOf(IllegalStateException.class).hasMessage("scheduler is closed");
    assertThat(kept[0].nextRun()).isNull();
  }

  @Test
  void aCronScheduleIsReadInItsZone() {
    withStoreAndSource.withPropertyValues("albauth.sync.cron=30 2 * * *",
        "albauth.sync.zone=Europe/Berlin").run(context -> {
          SyncScheduler scheduler = context.getBean(SyncScheduler.class);
          context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
              context.getSourceApplicationContext(), Duration.ZERO));
          assertThat(scheduler.nextRun()).isNotNull().satisfies(next -> assertThat(
              next.atZone(java.time.ZoneId.of("Europe/Berlin")).toLocalTime())
              .isEqualTo(java.time.LocalTime.of(2, 30)));
        });
  }

  @Test
  void badScheduleKeysFailStartupNamingTheKey() {
    withStoreAndSource.withPropertyValues("albauth.sync.interval=1h", "albauth.sync.cron=0 2 * * *")
        .run(context -> startupFailure(context)
            .hasMessage("both albauth.sync.interval and albauth.sync.cron are set; give one"));
    withStoreAndSource.withPropertyValues("albauth.sync.cron=0 25 * * *")
        .run(context -> startupFailure(context).hasMessage(
            "albauth.sync.cron: cron expression \"0 25 * * *\": hour field \"25\": 25 is outside"
                + " 0-23"));
    withStoreAndSource.withPropertyValues("albauth.sync.cron=0 2 * * *", "albauth.sync.zone=Mars/Olympus")
        .run(context -> startupFailure(context)
            .hasMessage("albauth.sync.zone: \"Mars/Olympus\" is not a time zone; give a region"
                + " such as Europe/Berlin, or UTC"));
    withStoreAndSource.withPropertyValues("albauth.sync.interval=10s")
        .run(context -> startupFailure(context)
            .hasMessage("albauth.sync.interval: PT10S is out of range; give PT1M to PT168H"
                + " (property source 'test')"));
    withStoreAndSource.withPropertyValues("albauth.sync.intervall=1h")
        .run(context -> startupFailure(context)
            .hasMessageStartingWith("unknown key albauth.sync.intervall; did you mean"
                + " albauth.sync.interval?"));
  }

  @Test
  void aDeltaScheduleNeedsASourceWithDeltas() {
    withStoreAndSource.withPropertyValues("albauth.sync.interval=1h", "albauth.sync.mode=delta")
        .run(context -> startupFailure(context)
            .hasMessage("albauth.sync.mode=delta, but the directory source hr has no deltas"
                + " (DeltaSource); use full"));
  }

  @Test
  void severalSourcesNeedTheKeyThatChoosesOne() {
    ApplicationContextRunner two = withStoreAndSource
        .withBean("crm", TestSource.class, () -> new TestSource("crm", List.of(user("9", "cid"))));
    two.run(context -> startupFailure(context)
        .hasMessage("there are 2 directory sources (hr, crm); set albauth.sync.source to the id of"
            + " the one to sync"));
    two.withPropertyValues("albauth.sync.source=erp").run(context -> startupFailure(context).hasMessage("albauth.sync.source: no directory source has the"
            + " id \"erp\"; the sources are hr, crm"));
    two.withPropertyValues("albauth.sync.source=crm").run(context -> {
      assertThat(context.getBean(SyncEngine.class).sourceId()).isEqualTo("crm");
    });
  }

  @Test
  void aSourceFailureIsAFailedRunNotAnException() {
    withStoreAndSource.run(context -> {
      context.getBean(TestSource.class).failWith("directory down");
      SyncReport report = context.getBean(SyncEngine.class).fullSync("manual");
      assertThat(report.status()).isEqualTo(SyncReport.Status.FAILED);
      assertThat(report.message()).contains("directory down");
    });
  }

  @Test
  void anApplicationsOwnEngineTakesThePlaceOfTheAutoConfiguredOne() {
    withStoreAndSource
        .withBean("myEngine", SyncEngine.class, () -> SyncEngine.builder()
            .store(new InMemoryUserStore()).sourceId("mine").mapper(u -> MappingResult.skipped("not synced")).build())
        .run(context -> assertThat(context.getBean(SyncEngine.class).sourceId()).isEqualTo("mine"));
  }
}
