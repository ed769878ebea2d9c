package dev.sourced.processor.validation;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.sourced.processor.model.ProcessManagerModel;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic.Kind;

/**
 * Checks a process manager's calls on {@code ProcessStep} whose arguments javac knows: {@code schedule} and
 * {@code cancel} with a constant name (a literal, a {@code static final} constant, or such in parentheses and
 * concatenations) must name one of its
 * {@code @DeadlineHandler}s (for {@code cancel} a warning: a removed handler's deadlines may still be pending), and {@code send} of an argument whose type is a record must send a command its
 * {@code @ProcessManager(sends = ...)} lists. Deployed, either step would fail each time it runs ({@code ProcessRunner}
 * refuses it), and its event would end in the dead-letter queue; here the build fails on the call's line.
 *
 * <p>Method bodies are attributed after annotation processing, so the check runs then, as a listener on javac's
 * {@code ANALYZE} events of the classes that hold process managers: calls anywhere in a process manager's class count,
 * nested and anonymous classes included. Gradle's incremental processing wraps javac's environment; the check looks
 * through that wrapper. Under a compiler that is not javac, or behind a wrapper it cannot see through, nothing is checked
 * at compile time; the runtime's checks remain.
 */
public final class ProcessStepCalls implements TaskListener {
  private static final String PROCESS_STEP = "dev.sourced.api.ProcessStep";
  /** Wrappers of javac's environment a build tool may put between it and a processor (Gradle's incremental one is one). */
  private static final int MAX_WRAPPERS = 3;

  private final Trees trees;
  /** By the canonical name of its class. */
  private final Map<String, ProcessManagerModel> managers = new HashMap<>();
  /** The top-level classes that hold them. */
  private final Set<String> topLevels = new HashSet<>();
  /** The calls already checked: javac may analyze a nested class apart from the class that holds it. */
  private final Set<Tree> checked = Collections.newSetFromMap(new IdentityHashMap<>());

  private ProcessStepCalls(Trees trees, List<ProcessManagerModel> managers) {
    this.trees = trees;
    for (ProcessManagerModel manager : managers) {
      this.managers.put(manager.type().canonicalName(), manager);
      topLevels.add(manager.type().topLevelClassName().canonicalName());
    }
  }

  /**
   * Installs the check for these process managers, when the compiler is javac and lets a processor reach its task.
   *
   * @return whether it was installed
   */
  public static boolean install(ProcessingEnvironment env, List<ProcessManagerModel> managers) {
    if (managers.isEmpty()) {
      return false;
    }
    ProcessingEnvironment javac = env;
    for (int unwrapped = 0; unwrapped <= MAX_WRAPPERS; unwrapped++) {
      try {
        JavacTask task = JavacTask.instance(javac);
        task.addTaskListener(new ProcessStepCalls(Trees.instance(javac), managers));
        return true;
      } catch (IllegalArgumentException notJavac) {
        javac = delegate(javac);
        if (javac == null) {
          return false; // another compiler, or a wrapper we cannot see through: the runtime checks these steps
        }
      } catch (LinkageError noJavacApi) {
        return false;
      }
    }
    return false;
  }

  /**
   * @return the environment a decorator wraps, by the field Gradle's {@code IncrementalProcessingEnvironment} keeps it in
   *     ({@code delegate}, as Lombok and others find it); null when there is none to be read
   */
  private static ProcessingEnvironment delegate(ProcessingEnvironment env) {
    for (Class<?> type = env.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField("delegate");
        if (!ProcessingEnvironment.class.isAssignableFrom(field.getType())) {
          return null;
        }
        field.setAccessible(true);
        return (ProcessingEnvironment) field.get(env);
      } catch (NoSuchFieldException notHere) {
        // a superclass may hold it
      } catch (ReflectiveOperationException | RuntimeException closed) {
        return null; // e.g. a module that does not open the field
      }
    }
    return null;
  }

  @Override
  public void finished(TaskEvent event) {
    TypeElement type = event.getTypeElement();
    if (event.getKind() != TaskEvent.Kind.ANALYZE || type == null || !holdsAManager(type.getQualifiedName().toString())) {
      return;
    }
    try {
      TreePath path = trees.getPath(type);
      if (path != null) {
        new Calls(event.getCompilationUnit()).scan(path, null);
      }
    } catch (RuntimeException unexpected) {
      // never javac's crash: the runtime refuses such steps all the same
      trees.printMessage(Kind.WARNING, "Sourced could not check the process steps of " + type.getQualifiedName()
          + " (" + unexpected + "); the runtime checks them when they run", trees.getTree(type), event.getCompilationUnit());
    }
  }

  private boolean holdsAManager(String typeName) {
    return managers.containsKey(typeName) || topLevels.contains(typeName);
  }

  /** Scans a class for calls on {@code ProcessStep}; the argument is the process manager whose code it is, or null. */
  private final class Calls extends TreePathScanner<Void, ProcessManagerModel> {
    private final CompilationUnitTree unit;

    Calls(CompilationUnitTree unit) {
      this.unit = unit;
    }

    @Override
    public Void visitClass(ClassTree node, ProcessManagerModel enclosing) {
      Element element = trees.getElement(getCurrentPath());
      ProcessManagerModel manager = element instanceof TypeElement type
          ? managers.getOrDefault(type.getQualifiedName().toString(), enclosing) : enclosing;
      return super.visitClass(node, manager);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, ProcessManagerModel manager) {
      if (manager != null && checked.add(node)) {
        check(node, manager);
      }
      return super.visitMethodInvocation(node, manager);
    }

    private void check(MethodInvocationTree call, ProcessManagerModel manager) {
      TreePath path = getCurrentPath();
      if (!(trees.getElement(new TreePath(path, call.getMethodSelect())) instanceof ExecutableElement method)
          || !(method.getEnclosingElement() instanceof TypeElement owner)
          || !owner.getQualifiedName().contentEquals(PROCESS_STEP) || call.getArguments().isEmpty()) {
        return;
      }
      String name = method.getSimpleName().toString();
      ExpressionTree argument = call.getArguments().get(0);
      TreePath argumentPath = new TreePath(path, argument);
      switch (name) {
        case "schedule", "cancel" -> {
          String deadline = constant(argument, argumentPath);
          if (deadline != null && !manager.deadlineNames().contains(deadline)) {
            String handlers = manager.deadlineNames().isEmpty() ? "none" : String.join(", ", manager.deadlineNames());
            if (name.equals("schedule")) {
              report(Diagnostic.UNHANDLED_DEADLINE, argument, deadline, manager.type().simpleName(), manager.name(), deadline,
                  handlers);
            } else {
              // a warning: cancelling a deadline whose handler was removed, which instances may still hold, is fine
              report(Diagnostic.CANCEL_OF_UNHANDLED_DEADLINE, argument, deadline, manager.type().simpleName(), manager.name(),
                  deadline, handlers);
            }
          }
        }
        case "send" -> {
          TypeMirror sent = trees.getTypeMirror(argumentPath);
          if (sent instanceof DeclaredType declared && declared.asElement().getKind() == ElementKind.RECORD
              && declared.asElement() instanceof TypeElement record
              && manager.sends().stream().noneMatch(c -> record.getQualifiedName().contentEquals(c.canonicalName()))) {
            String simple = record.getSimpleName().toString();
            report(Diagnostic.COMMAND_NOT_IN_SENDS, argument, simple, manager.type().simpleName(), manager.name(), simple,
                manager.sends().isEmpty() ? "nothing"
                    : manager.sends().stream().map(c -> c.simpleName()).collect(Collectors.joining(", ")),
                simple);
          }
        }
        default -> { }
      }
    }

    /** @return the value of a constant string expression; null for any other */
    private String constant(ExpressionTree argument, TreePath path) {
      return constantValue(argument, path) instanceof String value ? value : null;
    }

    /**
     * @return the value of a constant expression made of literals, constant variables ({@code static final}),
     *     parentheses and string concatenation; null for any other
     */
    private Object constantValue(ExpressionTree expression, TreePath path) {
      if (expression instanceof LiteralTree literal) {
        return literal.getValue();
      }
      if (expression instanceof ParenthesizedTree parenthesized) {
        return constantValue(parenthesized.getExpression(), new TreePath(path, parenthesized.getExpression()));
      }
      if (expression instanceof BinaryTree binary && binary.getKind() == Tree.Kind.PLUS) {
        Object left = constantValue(binary.getLeftOperand(), new TreePath(path, binary.getLeftOperand()));
        Object right = constantValue(binary.getRightOperand(), new TreePath(path, binary.getRightOperand()));
        return (left instanceof String || right instanceof String) && left != null && right != null
            ? String.valueOf(left) + right : null;
      }
      return trees.getElement(path) instanceof VariableElement variable ? variable.getConstantValue() : null;
    }

    private void report(Diagnostic diagnostic, Tree at, Object... args) {
      trees.printMessage(diagnostic.kind(), diagnostic.format(args), at, unit);
    }
  }
}
