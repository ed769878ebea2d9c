package dev.sourced.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The base of every generated {@code SourcedApp}: a registry that makes a definition when it is first asked for, so
 * that a function builds, and loads the classes of, only what it uses. Every function of an application starts
 * from the same registry; making all of it (every definition, and through their class literals every command,
 * event and view class) cost a fresh JVM 0.9 s at 1,000 aggregates + 1,000 projections.
 *
 * <p>The generated subclass gives, for each kind of definition, its chunks' keys and a way to make definition
 * {@code index} of chunk {@code chunk}. A key is one line per definition, its fields separated by tabs, a field
 * listing several values separating them by commas (neither can occur in a name, a class name or an event name):
 *
 * <ul>
 *   <li>aggregate: name, binary class name, its commands' binary class names;
 *   <li>event: name, revision, binary class name;
 *   <li>projection and process manager: name, binary class name, the names of the events it handles;
 *   <li>query: its projection's name, binary class name of the query record.
 * </ul>
 *
 * <p>The lists ({@link #aggregates()} …) are made on first use, for tools that walk the whole application (the
 * local cloud, the CDK stack, the console); the lookups ({@link #aggregate(Class)}, {@link #event(String, int)} …)
 * read the keys, which name classes as strings and so load none. Thread-safe: a definition made twice by racing
 * threads is made alike, and the first one stored is the one every caller gets.
 */
public abstract class GeneratedApplication implements SourcedApplication {
  private static final int NAME = 0;
  private static final int CLASS = 1;
  private static final int MEMBERS = 2;
  private static final int EVENT_REVISION = 1;
  private static final int EVENT_CLASS = 2;
  private static final int[] NONE = new int[0];
  private static final int AGGREGATES = 0;
  private static final int EVENTS = 1;
  private static final int PROJECTIONS = 2;
  private static final int QUERIES = 3;
  private static final int PROCESS_MANAGERS = 4;

  private final String name;
  // tables of a kind each, calling back by kind (see keysOf and make) rather than through method references: a lambda
  // is spun when it is created, which every function does when it starts
  private final Table<AggregateDefinition<?>> aggregates = new Table<>(this, AGGREGATES);
  private final Table<EventDefinition> events = new Table<>(this, EVENTS);
  private final Table<ProjectionDefinition<?>> projections = new Table<>(this, PROJECTIONS);
  private final Table<QueryDefinition> queries = new Table<>(this, QUERIES);
  private final Table<ProcessManagerDefinition<?>> processManagers = new Table<>(this, PROCESS_MANAGERS);
  private final Map<Integer, QueryDefinition.Invoker> queryDispatchers = new ConcurrentHashMap<>();

  /** @param name the application's name */
  protected GeneratedApplication(String name) {
    this.name = name;
  }

  /** @return each chunk's aggregate keys, in the order of {@link #aggregates()} */
  protected abstract String[][] aggregateKeys();

  /** @return aggregate {@code index} of chunk {@code chunk}, newly made */
  protected abstract AggregateDefinition<?> aggregate(int chunk, int index);

  /** @return each chunk's event keys, in the order of {@link #events()} */
  protected abstract String[][] eventKeys();

  /** @return event {@code index} of chunk {@code chunk}, newly made */
  protected abstract EventDefinition event(int chunk, int index);

  /** @return each chunk's projection keys, in the order of {@link #projections()} */
  protected abstract String[][] projectionKeys();

  /** @return projection {@code index} of chunk {@code chunk}, newly made */
  protected abstract ProjectionDefinition<?> projection(int chunk, int index);

  /** @return each chunk's query keys, in the order of {@link #queries()} */
  protected abstract String[][] queryKeys();

  /** @return query {@code index} of chunk {@code chunk}, newly made */
  protected abstract QueryDefinition query(int chunk, int index);

  /** @return each chunk's process manager keys, in the order of {@link #processManagers()}; none by default */
  protected String[][] processManagerKeys() {
    return new String[0][];
  }

  /** @return process manager {@code index} of chunk {@code chunk}, newly made */
  protected ProcessManagerDefinition<?> processManager(int chunk, int index) {
    throw new IllegalStateException("application " + name + " has no process managers");
  }

  /**
   * For the generated subclasses (this one and the runtime's {@code GeneratedCodecs}): their keys come in classes holding
   * the keys of several chunks each.
   *
   * @param groups each class's chunks' keys, in order
   * @return every chunk's keys, in order
   */
  public static String[][] keys(String[][]... groups) {
    if (groups.length == 1) {
      return groups[0];
    }
    int size = 0;
    for (String[][] group : groups) {
      size += group.length;
    }
    String[][] chunks = new String[size][];
    int at = 0;
    for (String[][] group : groups) {
      System.arraycopy(group, 0, chunks, at, group.length);
      at += group.length;
    }
    return chunks;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final List<AggregateDefinition<?>> aggregates() {
    return aggregates.all();
  }

  @Override
  public final List<EventDefinition> events() {
    return events.all();
  }

  @Override
  public final List<ProjectionDefinition<?>> projections() {
    return projections.all();
  }

  @Override
  public final List<QueryDefinition> queries() {
    return queries.all();
  }

  @Override
  public final List<ProcessManagerDefinition<?>> processManagers() {
    return processManagers.all();
  }

  @Override
  @SuppressWarnings("unchecked")
  public final <A> Optional<AggregateDefinition<A>> aggregate(Class<A> type) {
    AggregateDefinition<?> found = aggregates.first(CLASS, type.getName());
    return found != null && found.type() == type ? Optional.of((AggregateDefinition<A>) found) : Optional.empty();
  }

  @Override
  public final Optional<AggregateDefinition<?>> aggregateHandling(Class<?> commandType) {
    AggregateDefinition<?> found = aggregates.first(MEMBERS, commandType.getName());
    if (found != null) {
      for (CommandDefinition command : found.commands()) {
        if (command.type() == commandType) {
          return Optional.of(found);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public final Optional<ProjectionDefinition<?>> projection(Class<?> type) {
    ProjectionDefinition<?> found = projections.first(CLASS, type.getName());
    return found != null && found.type() == type ? Optional.of(found) : Optional.empty();
  }

  @Override
  public final Optional<ProjectionDefinition<?>> projection(String projectionName) {
    return Optional.ofNullable(projections.first(NAME, projectionName));
  }

  @Override
  public final Optional<ProcessManagerDefinition<?>> processManager(Class<?> type) {
    ProcessManagerDefinition<?> found = processManagers.first(CLASS, type.getName());
    return found != null && found.type() == type ? Optional.of(found) : Optional.empty();
  }

  @Override
  public final Optional<ProcessManagerDefinition<?>> processManager(String processManagerName) {
    return Optional.ofNullable(processManagers.first(NAME, processManagerName));
  }

  @Override
  public final Optional<EventDefinition> event(Class<?> type) {
    EventDefinition found = events.first(EVENT_CLASS, type.getName());
    return found != null && found.type() == type ? Optional.of(found) : Optional.empty();
  }

  @Override
  public final Optional<EventDefinition> event(String eventName, int revision) {
    String wanted = Integer.toString(revision);
    for (int i : events.find(NAME, eventName)) {
      if (events.key(i)[EVENT_REVISION].equals(wanted)) {
        return Optional.of(events.get(i));
      }
    }
    return Optional.empty();
  }

  @Override
  public final List<ProjectionDefinition<?>> projectionsHandling(String eventName) {
    return projections.all(MEMBERS, eventName);
  }

  @Override
  public final List<ProcessManagerDefinition<?>> processManagersHandling(String eventName) {
    return processManagers.all(MEMBERS, eventName);
  }

  @Override
  public final List<QueryDefinition> queries(String projectionName) {
    return queries.all(NAME, projectionName);
  }

  /**
   * For the generated subclass: the dispatcher of the queries of one handler class ({@code owner}, numbered by the
   * processor), made by {@link #newQueryDispatcher} when the first of them is made and shared by all of them, so that a
   * class with instance {@code @QueryHandler} methods is instantiated once per registry, whatever its number of queries.
   */
  protected final QueryDefinition.Invoker queryDispatcher(int owner) {
    QueryDefinition.Invoker known = queryDispatchers.get(owner);
    if (known == null) {
      synchronized (queryDispatchers) {
        known = queryDispatchers.get(owner);
        if (known == null) {
          known = Objects.requireNonNull(newQueryDispatcher(owner), "the registry made no query dispatcher");
          queryDispatchers.put(owner, known);
        }
      }
    }
    return known;
  }

  /** @return a new dispatcher of the queries of handler class {@code owner} */
  protected QueryDefinition.Invoker newQueryDispatcher(int owner) {
    throw new IllegalArgumentException("application " + name + " has no query handler class number " + owner);
  }

  private String[][] keysOf(int kind) {
    switch (kind) {
      case AGGREGATES: return aggregateKeys();
      case EVENTS: return eventKeys();
      case PROJECTIONS: return projectionKeys();
      case QUERIES: return queryKeys();
      default: return processManagerKeys();
    }
  }

  private Object make(int kind, int chunk, int index) {
    switch (kind) {
      case AGGREGATES: return aggregate(chunk, index);
      case EVENTS: return event(chunk, index);
      case PROJECTIONS: return projection(chunk, index);
      case QUERIES: return query(chunk, index);
      default: return processManager(chunk, index);
    }
  }

  /** One kind of definition: its keys, read on first use, and its definitions, made on first use. */
  private static final class Table<T> {
    private final GeneratedApplication app;
    private final int kind;
    private volatile Index index;
    private volatile List<T> all;
    private AtomicReferenceArray<T> made;
    /** The lists {@link #all(int, String)} made, by field: names (queries by projection), and lists of names. */
    private final Map<String, List<T>> byName = new ConcurrentHashMap<>();
    private final Map<String, List<T>> byMember = new ConcurrentHashMap<>();

    Table(GeneratedApplication app, int kind) {
      this.app = app;
      this.kind = kind;
    }

    /**
     * The keys split into fields, each definition's chunk and place in it, and the lookups built so far. The third
     * field of aggregates, projections and process managers lists values, comma-separated; no other field does.
     */
    private final class Index {
      final String[][] rows;
      final int[] chunk;
      final int[] place;
      final AtomicReferenceArray<Map<String, int[]>> byField = new AtomicReferenceArray<>(3);

      Index(String[][] chunks) {
        int size = 0;
        for (String[] c : chunks) {
          size += c.length;
        }
        rows = new String[size][];
        chunk = new int[size];
        place = new int[size];
        int i = 0;
        for (int c = 0; c < chunks.length; c++) {
          for (int p = 0; p < chunks[c].length; p++, i++) {
            rows[i] = chunks[c][p].split("\t", -1);
            chunk[i] = c;
            place[i] = p;
          }
        }
      }

      /** @return the definitions whose field {@code field} is or lists {@code value}, in order; never modified */
      int[] find(int field, String value) {
        Map<String, int[]> lookup = byField.get(field);
        if (lookup == null) {
          byField.compareAndSet(field, null, lookup(field));
          lookup = byField.get(field);
        }
        int[] found = lookup.get(value);
        return found == null ? NONE : found;
      }

      private Map<String, int[]> lookup(int field) {
        Map<String, int[]> lookup = new HashMap<>();
        for (int i = 0; i < rows.length; i++) {
          if (field < rows[i].length && !rows[i][field].isEmpty()) {
            for (String v : field == MEMBERS && listsMembers() ? rows[i][field].split(",") : new String[] {rows[i][field]}) {
              int[] found = lookup.get(v);
              if (found == null) {
                lookup.put(v, new int[] {i});
              } else if (found[found.length - 1] != i) {
                int[] more = Arrays.copyOf(found, found.length + 1);
                more[found.length] = i;
                lookup.put(v, more);
              }
            }
          }
        }
        return lookup;
      }
    }

    /** @return whether this kind's third key field lists values (commands, events handled): not so for events */
    private boolean listsMembers() {
      return kind == AGGREGATES || kind == PROJECTIONS || kind == PROCESS_MANAGERS;
    }

    private Index index() {
      Index known = index;
      if (known == null) {
        synchronized (this) {
          known = index;
          if (known == null) {
            known = new Index(app.keysOf(kind));
            made = new AtomicReferenceArray<>(known.rows.length);
            index = known;
          }
        }
      }
      return known;
    }

    String[] key(int i) {
      return index().rows[i];
    }

    T get(int i) {
      Index at = index();
      T known = made.get(i);
      if (known == null) {
        @SuppressWarnings("unchecked")
        T definition = (T) Objects.requireNonNull(app.make(kind, at.chunk[i], at.place[i]), "the registry made no definition");
        known = made.compareAndSet(i, null, definition) ? definition : made.get(i);
      }
      return known;
    }

    int[] find(int field, String value) {
      return index().find(field, value);
    }

    /** @return the first definition whose field is or lists the value, or {@code null} */
    T first(int field, String value) {
      int[] found = find(field, value);
      return found.length == 0 ? null : get(found[0]);
    }

    /**
     * @return the definitions whose field is or lists the value; kept for the next call when there are any (so only
     *     values the keys name are kept, however many others are asked for)
     */
    List<T> all(int field, String value) {
      if (value == null) {
        return List.of();
      }
      Map<String, List<T>> known = field == NAME ? byName : byMember;
      List<T> definitions = known.get(value);
      if (definitions == null) {
        int[] found = find(field, value);
        if (found.length == 0) {
          return List.of();
        }
        List<T> made = new ArrayList<>(found.length);
        for (int i : found) {
          made.add(get(i));
        }
        definitions = List.copyOf(made);
        known.putIfAbsent(value, definitions);
      }
      return definitions;
    }

    List<T> all() {
      List<T> known = all;
      if (known == null) {
        int size = index().rows.length;
        List<T> definitions = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          definitions.add(get(i));
        }
        known = List.copyOf(definitions);
        all = known;
      }
      return known;
    }
  }
}
