package dev.sourced.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * cdk-nag suppressions, written as the {@code cdk_nag} metadata cdk-nag reads, so the constructs do
 * not depend on cdk-nag. Every suppression names the rule, the finding it applies to where the rule
 * reports several, and why it is right here.
 */
final class Nag {
  private Nag() {}

  static void suppress(IConstruct construct, String rule, String reason, String... appliesTo) {
    suppress(construct, rule, reason, List.<Object>of((Object[]) appliesTo));
  }

  /**
   * @param pattern the findings it applies to, as cdk-nag's {@code {"regex": "/…/"}}: for findings that name a logical id
   *     CloudFormation computes
   */
  static void suppressMatching(IConstruct construct, String rule, String reason, String pattern) {
    suppress(construct, rule, reason, List.<Object>of(Map.of("regex", pattern)));
  }

  private static void suppress(IConstruct construct, String rule, String reason, List<Object> appliesTo) {
    CfnResource resource = construct instanceof CfnResource cfn ? cfn : (CfnResource) construct.getNode().getDefaultChild();
    Map<String, Object> suppression = new LinkedHashMap<>();
    suppression.put("id", rule);
    suppression.put("reason", reason);
    if (!appliesTo.isEmpty()) {
      suppression.put("applies_to", appliesTo);
    }
    Object existing = resource.getCfnOptions().getMetadata() == null ? null : resource.getCfnOptions().getMetadata().get("cdk_nag");
    List<Object> rules = new ArrayList<>();
    if (existing instanceof Map<?, ?> map && map.get("rules_to_suppress") instanceof List<?> list) {
      rules.addAll(list);
    }
    rules.add(suppression);
    resource.addMetadata("cdk_nag", Map.of("rules_to_suppress", rules));
  }
}
