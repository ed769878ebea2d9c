package dev.sourced.processor;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.Compilation;
import dev.sourced.spi.AggregateDefinition;
import dev.sourced.spi.CommandDefinition;
import dev.sourced.spi.EventDefinition;
import dev.sourced.spi.ProcessManagerDefinition;
import dev.sourced.spi.ProjectionDefinition;
import dev.sourced.spi.SourcedApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** The classes a compilation produced, and the generated registry loaded from them and checked. */
final class CompiledRegistry {
  private CompiledRegistry() {}

  /** @return the compiled classes' bytes by binary name */
  static Map<String, byte[]> classes(Compilation compilation) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath().replaceFirst("^/CLASS_OUTPUT/", "");
        try (InputStream in = file.openInputStream()) {
          classes.put(path.substring(0, path.length() - ".class".length()).replace('/', '.'), in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return classes;
  }

  /** @return the generated registry {@code registry} ({@code INSTANCE}), loaded in a class loader of its own */
  static SourcedApplication load(Compilation compilation, String registry) throws ReflectiveOperationException {
    Map<String, byte[]> classes = classes(compilation);
    ClassLoader loader = new ClassLoader(CompiledRegistry.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
    return (SourcedApplication) loader.loadClass(registry).getField("INSTANCE").get(null);
  }

  /** Asserts that every lookup of the registry gives what its lists hold, the same instances, in the lists' order. */
  static void assertLookupsAgreeWithLists(SourcedApplication app) {
    for (AggregateDefinition<?> aggregate : app.aggregates()) {
      assertThat(app.aggregate(aggregate.type()).orElseThrow()).isSameInstanceAs(aggregate);
      for (CommandDefinition command : aggregate.commands()) {
        assertThat(app.aggregateHandling(command.type()).orElseThrow()).isSameInstanceAs(aggregate);
      }
    }
    for (EventDefinition event : app.events()) {
      assertThat(app.event(event.type()).orElseThrow()).isSameInstanceAs(event);
      assertThat(app.event(event.name(), event.revision()).orElseThrow()).isSameInstanceAs(event);
      assertThat(app.projectionsHandling(event.name()))
          .containsExactlyElementsIn(app.projections().stream().filter(p -> p.eventNames().contains(event.name())).toList())
          .inOrder();
      assertThat(app.processManagersHandling(event.name()))
          .containsExactlyElementsIn(app.processManagers().stream().filter(p -> p.eventNames().contains(event.name())).toList())
          .inOrder();
    }
    for (ProjectionDefinition<?> projection : app.projections()) {
      assertThat(app.projection(projection.name()).orElseThrow()).isSameInstanceAs(projection);
      assertThat(app.projection(projection.type()).orElseThrow()).isSameInstanceAs(projection);
      assertThat(app.queries(projection.name()))
          .containsExactlyElementsIn(app.queries().stream().filter(q -> q.projection().equals(projection.name())).toList())
          .inOrder();
    }
    for (ProcessManagerDefinition<?> processManager : app.processManagers()) {
      assertThat(app.processManager(processManager.name()).orElseThrow()).isSameInstanceAs(processManager);
      assertThat(app.processManager(processManager.type()).orElseThrow()).isSameInstanceAs(processManager);
    }
  }
}
