package dev.sourced.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import dev.sourced.spi.AggregateDefinition;
import dev.sourced.spi.EventDefinition;
import dev.sourced.spi.GeneratedApplication;
import dev.sourced.spi.ProcessManagerDefinition;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.QueryDefinition;
import dev.sourced.spi.SourcedApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated registry makes a definition when it is first asked for: a function that looks up its aggregate loads
 * that aggregate's classes, not the application's. Runs the registry compiled from the library fixture, each test in a
 * class loader of its own that records which of the compilation's classes it defined.
 */
class LazyRegistryTest {
  private static Map<String, byte[]> classes;

  @BeforeAll
  static void compile() {
    Compilation compilation = Compile.compile(GeneratedCodeTest.fixture(), new MemoryOutput());
    assertThat(compilation).succeeded();
    classes = CompiledRegistry.classes(compilation);
  }

  @Test
  void aFunctionsLookups_makeItsDefinitions_andLoadNoneOfTheRestsClasses() throws Exception {
    Loader loader = new Loader();
    SourcedApplication app = loader.registry();
    assertThat(app).isInstanceOf(GeneratedApplication.class);
    assertThat(loader.defined).doesNotContain("fixture.library.Book");

    // what a command function of Book asks for: its aggregate, the events it stores, who handles them
    Class<?> book = loader.loadClass("fixture.library.Book");
    AggregateDefinition<?> aggregate = app.aggregate(book).orElseThrow();
    assertThat(aggregate.name()).isEqualTo("book");
    EventDefinition registered = app.event(loader.loadClass("fixture.library.BookRegistered")).orElseThrow();
    assertThat(registered.name()).isEqualTo("BookRegistered");
    assertThat(app.projectionsHandling("BookRegistered").stream().map(ProjectionDefinition::name).toList())
        .containsExactly("catalog");

    assertThat(loader.defined).containsAtLeast("fixture.library.SourcedApp$Aggregates0", "fixture.library.LendBook",
        "fixture.library.SourcedApp$Events0", "fixture.library.SourcedApp$Projections0", "fixture.library.CatalogProjection");
    // nothing of the projections it does not feed, of queries, process managers, or events it was not asked about
    assertThat(loader.defined).containsNoneOf("fixture.library.LoansProjection", "fixture.library.Loans",
        "fixture.library.Notifications", "fixture.library.SourcedApp$Queries0", "fixture.library.CatalogQueries",
        "fixture.library.SourcedApp$ProcessManagers0", "fixture.library.RepairProcess", "fixture.library.BookLent",
        "fixture.library.BookReturnedV1", "fixture.library.FineCharged");

    // asked again, the same definitions
    assertThat(app.aggregate(book).orElseThrow()).isSameInstanceAs(aggregate);
    assertThat(app.event("BookRegistered", 1).orElseThrow()).isSameInstanceAs(registered);
    assertThat(app.aggregates()).containsExactly(aggregate);
  }

  @Test
  void everyLookup_agreesWithTheLists_andGivesTheirInstances() throws Exception {
    SourcedApplication app = new Loader().registry();
    CompiledRegistry.assertLookupsAgreeWithLists(app);
    assertThat(app.events()).hasSize(6);
    assertThat(app.processManagersHandling("BookReturned").stream().map(ProcessManagerDefinition::name).toList())
        .containsExactly("repairs");
    // asked on every command for every event it stores: kept, not made again
    assertThat(app.projectionsHandling("BookReturned")).isSameInstanceAs(app.projectionsHandling("BookReturned"));
    assertThat(app.queries("catalog").stream().map(QueryDefinition::name).toList()).containsExactly("list-catalog", "find-book")
        .inOrder();
    // a handler class's queries share one dispatcher, as they did when the registry made everything up front
    List<QueryDefinition> catalog = app.queries("catalog");
    assertThat(catalog.get(0).invoker()).isSameInstanceAs(catalog.get(1).invoker());
    assertThat(app.queries("member-loans").get(0).invoker()).isNotSameInstanceAs(catalog.get(0).invoker());
    assertThat(app.queries(null)).isEmpty();
    SourcedApplication another = (SourcedApplication) app.getClass().getConstructor().newInstance();
    assertThat(another.queries("catalog").get(0).invoker()).isNotSameInstanceAs(catalog.get(0).invoker());
    // the lists keep the order they always had: by name; events by name, then revision
    assertThat(app.events().stream().map(e -> e.name() + "@" + e.revision()).toList()).containsExactly("BookRegistered@1",
        "BookReturned@1", "BookReturned@2", "BookSentToRepair@1", "FineCharged@1", "library.BookLent@1").inOrder();
    assertThat(app.projections().stream().map(ProjectionDefinition::name).toList())
        .containsExactly("catalog", "member-loans", "notifications").inOrder();
  }

  @Test
  void whatTheApplicationDoesNotDeclare_isNotFound() throws Exception {
    Loader loader = new Loader();
    SourcedApplication app = loader.registry();
    assertThat(app.aggregate(String.class)).isEmpty();
    assertThat(app.aggregateHandling(String.class)).isEmpty();
    assertThat(app.event(String.class)).isEmpty();
    assertThat(app.event("BookRegistered", 2)).isEmpty();
    assertThat(app.event("BookRegistered\t1", 1)).isEmpty();
    assertThat(app.event("", 1)).isEmpty();
    assertThat(app.projection("nope")).isEmpty();
    assertThat(app.projection("catalog\tfixture.library.CatalogProjection")).isEmpty();
    assertThat(app.processManager("nope")).isEmpty();
    assertThat(app.projectionsHandling("nope")).isEmpty();
    assertThat(app.projectionsHandling("")).isEmpty();
    assertThat(app.queries("nope")).isEmpty();
    // a class of the same name from another class loader is not this application's
    Class<?> otherBook = new Loader().loadClass("fixture.library.Book");
    assertThat(app.aggregate(otherBook)).isEmpty();
    assertThat(app.aggregate(loader.loadClass("fixture.library.Book"))).isPresent();
  }

  @Test
  void threadsAskingAtOnce_allGetTheSameDefinition() throws Exception {
    for (int round = 0; round < 20; round++) {
      Loader loader = new Loader();
      SourcedApplication app = loader.registry();
      Class<?> book = loader.loadClass("fixture.library.Book");
      ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<? extends AggregateDefinition<?>>>> found = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          found.add(threads.submit(() -> {
            start.await();
            return app.aggregate(book);
          }));
        }
        start.countDown();
        AggregateDefinition<?> first = found.get(0).get().orElseThrow();
        for (Future<Optional<? extends AggregateDefinition<?>>> f : found) {
          assertThat(f.get().orElseThrow()).isSameInstanceAs(first);
        }
        assertThat(app.aggregates()).containsExactly(first);
      } finally {
        threads.shutdownNow();
      }
    }
  }

  record Happened(String id) {}

  @Test
  void keysInSeveralClasses_leadEachDefinitionToItsChunkAndPlace() {
    List<String> made = new ArrayList<>();
    GeneratedApplication app = new MinimalApplication("groups") {
      @Override
      protected String[][] eventKeys() {
        // two classes of keys: the first with chunks 0 and 1, the second with chunk 2
        return keys(new String[][] {{"a\t1\tx.A", "b\t1\tx.B"}, {"c\t1\tx.C", "c\t2\tx.C2"}},
            new String[][] {{"d\t1\tx.D"}});
      }

      @Override
      protected EventDefinition event(int chunk, int index) {
        made.add(chunk + "/" + index);
        return new EventDefinition(chunk + "/" + index, 1, Happened.class, null, List.of(), null);
      }
    };
    assertThat(app.event("c", 2).orElseThrow().name()).isEqualTo("1/1");
    assertThat(app.event("d", 1).orElseThrow().name()).isEqualTo("2/0");
    assertThat(app.event("d", 2)).isEmpty();
    assertThat(app.events().stream().map(EventDefinition::name).toList())
        .containsExactly("0/0", "0/1", "1/0", "1/1", "2/0").inOrder();
    // each made once
    assertThat(made).containsExactly("1/1", "2/0", "0/0", "0/1", "1/0").inOrder();
  }

  @Test
  void aRegistryMakingADefinitionThatFails_saysWhich_andTheNextAskTriesAgain() {
    int[] asked = {0};
    GeneratedApplication broken = new MinimalApplication("broken") {
      @Override
      protected String[][] eventKeys() {
        return keys(new String[][] {{"a\t1\tx.A"}});
      }

      @Override
      protected EventDefinition event(int chunk, int index) {
        asked[0]++;
        throw new IllegalArgumentException("no definition number " + index);
      }
    };
    assertThat(broken.name()).isEqualTo("broken");
    assertThat(broken.processManagers()).isEmpty();
    assertThat(broken.aggregates()).isEmpty();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, broken::events);
    assertThat(e).hasMessageThat().isEqualTo("no definition number 0");
    assertThrows(IllegalArgumentException.class, () -> broken.event("a", 1));
    assertThat(asked[0]).isEqualTo(2);
  }

  /** A registry declaring nothing, for the tests above to give events of their own. */
  private static class MinimalApplication extends GeneratedApplication {
    MinimalApplication(String name) {
      super(name);
    }

    @Override
    protected String[][] aggregateKeys() {
      return keys();
    }

    @Override
    protected AggregateDefinition<?> aggregate(int chunk, int index) {
      throw new AssertionError();
    }

    @Override
    protected String[][] eventKeys() {
      return keys();
    }

    @Override
    protected EventDefinition event(int chunk, int index) {
      throw new AssertionError();
    }

    @Override
    protected String[][] projectionKeys() {
      return keys();
    }

    @Override
    protected ProjectionDefinition<?> projection(int chunk, int index) {
      throw new AssertionError();
    }

    @Override
    protected String[][] queryKeys() {
      return keys();
    }

    @Override
    protected QueryDefinition query(int chunk, int index) {
      throw new AssertionError();
    }
  }

  /** Defines the compilation's classes itself, recording each; everything else comes from the test's loader. */
  private static final class Loader extends ClassLoader {
    final Set<String> defined = ConcurrentHashMap.newKeySet();

    Loader() {
      super(LazyRegistryTest.class.getClassLoader());
    }

    SourcedApplication registry() throws ReflectiveOperationException {
      return (SourcedApplication) loadClass("fixture.library.SourcedApp").getField("INSTANCE").get(null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!classes.containsKey(name)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> known = findLoadedClass(name);
        if (known == null) {
          byte[] bytes = classes.get(name);
          known = defineClass(name, bytes, 0, bytes.length);
          defined.add(name);
        }
        return known;
      }
    }
  }

}
