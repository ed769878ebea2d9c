package dev.sourced.cdk;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;
import software.amazon.awscdk.services.dynamodb.TableEncryption;

/** Tables as every Sourced table is: on demand (free while idle), point-in-time recovery, AWS-managed encryption. */
final class Tables {
  private Tables() {}

  static Table.Builder onDemand(Construct scope, String id, String partitionKey, RemovalPolicy removalPolicy) {
    return Table.Builder.create(scope, id)
        .partitionKey(Attribute.builder().name(partitionKey).type(AttributeType.STRING).build())
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
        .encryption(TableEncryption.AWS_MANAGED)
        .removalPolicy(removalPolicy);
  }
}
