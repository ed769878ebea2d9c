package dev.sourced.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * One process manager.
 *
 * @param name its kebab-case name
 * @param type the user's class
 * @param stateType the state record its handlers return in a {@code ProcessStep}
 * @param handlers its {@code @EventHandler}s, sorted by event class; each {@link EventHandlerMethod.Kind#START} or
 *     {@link EventHandlerMethod.Kind#FOLD} (takes the state), its key component the {@code @AssociationKey}
 * @param rejectionHandlers its {@code @RejectionHandler}s, sorted by command class
 * @param sends the command records it may send ({@code @ProcessManager(sends = ...)}), sorted, without repeats
 * @param deadlineHandlers its {@code @DeadlineHandler}s, sorted by deadline name
 */
public record ProcessManagerModel(
    String name,
    ClassName type,
    ClassName stateType,
    List<EventHandlerMethod> handlers,
    List<RejectionHandlerMethod> rejectionHandlers,
    List<ClassName> sends,
    List<DeadlineHandlerMethod> deadlineHandlers) {
  public ProcessManagerModel {
    handlers = List.copyOf(handlers);
    rejectionHandlers = List.copyOf(rejectionHandlers);
    sends = List.copyOf(sends);
    deadlineHandlers = List.copyOf(deadlineHandlers);
  }

  /** @return the names of its deadlines, sorted */
  public List<String> deadlineNames() {
    return deadlineHandlers.stream().map(DeadlineHandlerMethod::name).toList();
  }
}
