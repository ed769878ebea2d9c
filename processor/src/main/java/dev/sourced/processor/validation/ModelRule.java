package dev.sourced.processor.validation;

import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.Omissions;
import java.util.List;

/** A rule that needs the whole model: it spans classes, so no single element's reader can check it. */
interface ModelRule {

  /**
   * @param model the model read; only its valid parts
   * @param omissions what reading left out, so the rule does not report what is missing because of it
   * @return what breaks the rule, in a deterministic order
   */
  List<Report> check(AppModel model, Omissions omissions);
}
