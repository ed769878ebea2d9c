package dev.sourced.processor.validation;

import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.Omissions;
import dev.sourced.processor.model.Sources;
import java.util.ArrayList;
import java.util.List;

/** Checks the rules that span several classes, once the whole model has been read. */
public final class ModelValidator {
  private final List<ModelRule> rules;

  /** @param sources where each model record came from, to report on */
  public ModelValidator(Sources sources) {
    this.rules = List.of(new UniquenessRule(sources), new EventRevisionRule(sources), new RouteCollisionRule(sources),
        new UnconsumedEventRule(sources), new ProcessManagerRule(sources), new UniqueScopeRule(sources),
        new GeneratedNamesRule(sources));
  }

  /**
   * @param model the model read
   * @param omissions what reading left out as invalid; rules skip what depends on it
   * @return every violation found
   */
  public List<Report> validate(AppModel model, Omissions omissions) {
    List<Report> reports = new ArrayList<>();
    for (ModelRule rule : rules) {
      reports.addAll(rule.check(model, omissions));
    }
    return reports;
  }
}
