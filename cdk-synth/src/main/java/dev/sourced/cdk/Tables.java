package dev.sourced.cdk;

import dev.sourced.deployment.KeyAttribute;
import dev.sourced.deployment.TableSpec;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/** A {@link TableSpec} as a table: on demand (free while idle), AWS-managed encryption, its keys, stream, TTL and PITR. */
final class Tables {
  private Tables() {}

  /** @param deletionProtection null: on when the table is retained with the stack's deletion, as a retained table holds data */
  static Table of(Construct scope, String id, TableSpec spec, RemovalPolicy removalPolicy, Boolean deletionProtection) {
    Table.Builder table = Table.Builder.create(scope, id)
        .partitionKey(attribute(spec.partitionKey()))
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
            .pointInTimeRecoveryEnabled(spec.pointInTimeRecovery()).build())
        .encryption(TableEncryption.AWS_MANAGED)
        .removalPolicy(removalPolicy)
        .deletionProtection(deletionProtection != null ? deletionProtection : removalPolicy == RemovalPolicy.RETAIN);
    if (spec.sortKey() != null) {
      table.sortKey(attribute(spec.sortKey()));
    }
    if (spec.stream()) {
      table.stream(StreamViewType.NEW_IMAGE);
    }
    if (spec.timeToLiveAttribute() != null) {
      table.timeToLiveAttribute(spec.timeToLiveAttribute());
    }
    return table.build();
  }

  private static Attribute attribute(KeyAttribute key) {
    return Attribute.builder().name(key.name())
        .type(key.type() == KeyAttribute.Type.STRING ? AttributeType.STRING : AttributeType.NUMBER).build();
  }
}
