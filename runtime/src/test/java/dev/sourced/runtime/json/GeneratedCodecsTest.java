package dev.sourced.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A generated {@code SourcedAppJson}'s base: a codec is made when first asked for, once, by its chunk and index. */
class GeneratedCodecsTest {
  record Point(int x, int y) {}

  record Label(String text) {}

  record Unused(String text) {}

  /** Written as the processor writes one: two chunks, each making its records' codecs by index; counts what it made. */
  static final class Codecs extends GeneratedCodecs implements RecordCodec.Records {
    final List<String> made = new ArrayList<>();

    Codecs() {
      super("test-app");
    }

    @Override
    protected String[][] typeKeys() {
      return new String[][] {{Point.class.getName()}, {Unused.class.getName(), Label.class.getName()}};
    }

    @Override
    protected synchronized JsonCodec<?> make(int chunk, int index) {
      made.add(chunk + "/" + index);
      return switch (chunk * 10 + index) {
        case 0 -> new RecordCodec(this, 0, new String[] {"x", "y"}, new JsonValue[] {JsonValues.PRIMITIVE_INT, JsonValues.PRIMITIVE_INT});
        case 10 -> new RecordCodec(this, 1, new String[] {"text"}, new JsonValue[] {JsonValues.STRING});
        case 11 -> new RecordCodec(this, 2, new String[] {"text"}, new JsonValue[] {JsonValues.STRING});
        default -> throw new IllegalArgumentException("no codec " + chunk + "/" + index);
      };
    }

    @Override
    public Object construct(int record, Object[] c) {
      return switch (record) {
        case 0 -> new Point((Integer) c[0], (Integer) c[1]);
        case 1 -> new Unused((String) c[0]);
        default -> new Label((String) c[0]);
      };
    }

    @Override
    public Object[] components(int record, Object value) {
      return switch (record) {
        case 0 -> new Object[] {((Point) value).x(), ((Point) value).y()};
        case 1 -> new Object[] {((Unused) value).text()};
        default -> new Object[] {((Label) value).text()};
      };
    }
  }

  @Test
  void aCodec_isMadeWhenFirstAskedFor_byItsChunkAndIndex_andOnlyOnce() {
    Codecs codecs = new Codecs();
    assertThat(codecs.made).isEmpty();

    assertThat(codecs.toJson(new Label("hi"))).isEqualTo("{\"text\":\"hi\"}");
    assertThat(codecs.made).containsExactly("1/1");
    assertThat(codecs.fromJson(Point.class, "{\"x\":1,\"y\":2}")).isEqualTo(new Point(1, 2));
    assertThat(codecs.fromJson(Label.class, "{\"text\":\"again\"}")).isEqualTo(new Label("again"));
    assertThat(codecs.codec(Point.class)).isSameAs(codecs.codec(Point.class));
    assertThat(codecs.made).containsExactly("1/1", "0/0");
  }

  @Test
  void aClassWithoutACodec_isRefused_namingTheApplication() {
    Codecs codecs = new Codecs();
    assertThatThrownBy(() -> codecs.codec(String.class)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("application test-app has no JSON codec for java.lang.String");
    assertThat(codecs.made).isEmpty();
  }

  @Test
  void aClassOfTheSameNameFromAnotherLoader_hasNoCodec() throws Exception {
    Codecs codecs = new Codecs();
    byte[] bytes;
    try (var in = GeneratedCodecsTest.class.getResourceAsStream("GeneratedCodecsTest$Label.class")) {
      bytes = in.readAllBytes();
    }
    ClassLoader other = new ClassLoader(null) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.equals(Label.class.getName())) {
          return defineClass(name, bytes, 0, bytes.length);
        }
        throw new ClassNotFoundException(name);
      }
    };
    Class<?> otherLabel = other.loadClass(Label.class.getName());
    assertThat(otherLabel).isNotSameAs(Label.class);
    assertThatThrownBy(() -> codecs.codec(otherLabel)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("application test-app has no JSON codec for " + Label.class.getName());
    assertThat(codecs.codec(Label.class)).isNotNull();
  }

  @Test
  void threadsAskingAtOnce_allGetOneCodec() throws Exception {
    for (int round = 0; round < 20; round++) {
      Codecs codecs = new Codecs();
      ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonCodec<Point>>> found = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          found.add(threads.submit(() -> {
            start.await();
            return codecs.codec(Point.class);
          }));
        }
        start.countDown();
        JsonCodec<Point> first = found.get(0).get();
        for (Future<JsonCodec<Point>> f : found) {
          assertThat(f.get()).isSameAs(first);
        }
      } finally {
        threads.shutdownNow();
      }
    }
  }
}
