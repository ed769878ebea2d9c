package dev.sourced.processor.validation;

import static dev.sourced.processor.validation.Diagnostic.UNIQUE_SCOPE_NOT_CLAIMED;

import dev.sourced.processor.model.AggregateModel;
import dev.sourced.processor.model.AppModel;
import dev.sourced.processor.model.CommandHandlerMethod;
import dev.sourced.processor.model.EventType;
import dev.sourced.processor.model.Omissions;
import dev.sourced.processor.model.Sources;
import dev.sourced.processor.model.UniqueRelease;
import dev.sourced.processor.model.UniqueValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An event moves or releases a unique value only in a scope every aggregate emitting it claims in a creation command:
 * a scope nothing claims is a misspelt one, and its moves would reserve values no creation checks.
 */
final class UniqueScopeRule implements ModelRule {
  private final Sources sources;

  UniqueScopeRule(Sources sources) {
    this.sources = sources;
  }

  @Override
  public List<Report> check(AppModel model, Omissions omissions) {
    List<Report> reports = new ArrayList<>();
    for (EventType event : model.newestEvents()) {
      if (!event.changesUniqueValues()) {
        continue;
      }
      for (UniqueValue move : event.uniqueMoves()) {
        unclaimedBy(model, event, move.scope(), "moves (component " + move.component() + ")", sources.of(move), reports);
      }
      for (UniqueRelease release : event.uniqueReleases()) {
        unclaimedBy(model, event, release.scope(), "releases (@ReleasesUnique)", sources.of(release), reports);
      }
    }
    return reports;
  }

  private static void unclaimedBy(AppModel model, EventType event, String scope, String change, Sources.Origin origin,
      List<Report> reports) {
    for (AggregateModel aggregate : model.emitters(event.type())) {
      Set<String> claimed = claimedScopes(aggregate);
      if (!claimed.contains(scope)) {
        reports.add(Report.at(origin, UNIQUE_SCOPE_NOT_CLAIMED, event.type().simpleName(), change, scope,
            "aggregate " + aggregate.name(), scope, scope,
            claimed.isEmpty() ? "it claims none" : "it claims: " + String.join(", ", claimed)));
        return; // one mistake (the scope's name, most likely), one report
      }
    }
  }

  private static Set<String> claimedScopes(AggregateModel aggregate) {
    Set<String> scopes = new TreeSet<>();
    for (CommandHandlerMethod handler : aggregate.commandHandlers()) {
      handler.unique().forEach(value -> scopes.add(value.scope()));
    }
    return scopes;
  }
}
