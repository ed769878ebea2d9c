package dev.sourced.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sourced.spi.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Deployment#of(AppOutline)} for a small shop: what each function gets, and what exists. */
class DeploymentTest {
  static final AppOutline SHOP = new AppOutline("shop",
      List.of(new AppOutline.Aggregate("cart", "shop.domain", List.of("Cart"), true, List.of(
          new AppOutline.Endpoint("POST", "/cart/{cartId}/open"), new AppOutline.Endpoint("POST", "/cart/{cartId}/add")))),
      List.of(
          new AppOutline.Projection("summary", 2, "shop.views", List.of("SummaryProjection"), List.of("CartOpened", "ItemAdded"),
              List.of(new AppOutline.Endpoint("GET", "/summary/{cartId}"))),
          new AppOutline.Projection("mailer", 1, "shop.views", List.of("Outer", "Mailer"), List.of("CartOpened"), List.of())));
  static final Deployment SHOP_DEPLOYMENT = Deployment.of(SHOP);

  @Test
  void eachResourceIsNamedAfterTheApp() {
    assertThat(SHOP_DEPLOYMENT.tables()).extracting(TableSpec::name)
        .containsExactly("shop-events", "shop-snapshots", "shop-summary-v2", "shop-summary-v1", "shop-mailer-v1");
    assertThat(SHOP_DEPLOYMENT.queues()).extracting(QueueSpec::name)
        .containsExactly("shop-summary", "shop-summary-dlq", "shop-summary-replay", "shop-summary-replay-dlq",
            "shop-mailer", "shop-mailer-dlq", "shop-mailer-replay", "shop-mailer-replay-dlq", "shop-publisher-failures");
    assertThat(SHOP_DEPLOYMENT.functions()).extracting(FunctionSpec::name)
        .containsExactly("cart-commands", "summary-projection", "summary-queries", "summary-replay-reader", "mailer-projection",
            "mailer-replay-reader", "publisher");
    assertThat(SHOP_DEPLOYMENT.workflows()).extracting(WorkflowSpec::name).containsExactly("summary-replay", "mailer-replay");
    assertThat(SHOP_DEPLOYMENT.eventBus()).isEqualTo("shop-bus");
  }

  @Test
  void handlersFollowTheGeneratedClassNames() {
    assertThat(SHOP_DEPLOYMENT.functions()).extracting(FunctionSpec::handler).containsExactly(
        "shop.domain.SourcedLambdas$CartCommandsLambda", "shop.views.SourcedLambdas$SummaryProjectionLambda", "shop.views.SourcedLambdas$SummaryQueriesLambda",
        HandlerNames.REPLAY, "shop.views.SourcedLambdas$Outer_MailerProjectionLambda", HandlerNames.REPLAY, HandlerNames.PUBLISHER);
  }

  @Test
  void eventTableHasTheKeysStreamAndTimeToLiveTheRuntimeUses() {
    TableSpec events = SHOP_DEPLOYMENT.eventTable();
    assertThat(events.partitionKey()).isEqualTo(new KeyAttribute("streamId", KeyAttribute.Type.STRING));
    assertThat(events.sortKey()).isEqualTo(new KeyAttribute("version", KeyAttribute.Type.NUMBER));
    assertThat(events.stream()).isTrue();
    assertThat(events.timeToLiveAttribute()).isEqualTo("expiresAt");
    assertThat(SHOP_DEPLOYMENT.tables()).allMatch(TableSpec::pointInTimeRecovery);
    assertThat(SHOP_DEPLOYMENT.pipeline("summary").table().partitionKey().name()).isEqualTo("pk");
  }

  @Test
  void aProjectionIsARuleAQueueWithItsDeadLetterQueueAFunctionAndATable() {
    Deployment.Pipeline summary = SHOP_DEPLOYMENT.pipeline("summary");
    assertThat(summary.rule().pattern()).isEqualTo("{\"source\":[\"shop\"],\"detail-type\":[\"CartOpened\",\"ItemAdded\"]}");
    assertThat(summary.rule().targetQueue()).isEqualTo("shop-summary");
    assertThat(summary.rule().deadLetterQueue()).isEqualTo("shop-summary-dlq");
    assertThat(summary.queue().deadLetterQueue()).isEqualTo("shop-summary-dlq");
    assertThat(summary.queue().maxReceiveCount()).isEqualTo(5);
    assertThat(summary.queue().visibilityTimeout()).isEqualTo(Duration.ofSeconds(180)).isEqualTo(summary.function().timeout().multipliedBy(6));
    assertThat(summary.deadLetterQueue().retention()).isEqualTo(Duration.ofDays(14));
    assertThat(summary.function().triggers()).containsExactly(new Trigger.Queue("shop-summary", 10, 5),
        new Trigger.Queue("shop-summary-replay", 10, 5));
    assertThat(summary.table().name()).isEqualTo("shop-summary-v2");
  }

  @Test
  void aProjectionIsReplayedByItsWorkflowThroughItsReplayQueueIntoTheSameFunction() {
    Deployment.Pipeline summary = SHOP_DEPLOYMENT.pipeline("summary");
    assertThat(summary.replayQueue().role()).isEqualTo(QueueSpec.Role.REPLAY);
    assertThat(summary.replayQueue().deadLetterQueue()).isEqualTo(summary.replayDeadLetterQueue().name());
    assertThat(summary.replayQueue().visibilityTimeout()).isEqualTo(summary.queue().visibilityTimeout());
    assertThat(summary.replayFunction().triggers()).containsExactly(new Trigger.Workflow("summary-replay"));
    assertThat(summary.replayFunction().timeout()).isEqualTo(Deployment.REPLAY_READER_TIMEOUT);
    assertThat(summary.replay().functions()).isEqualTo(Map.of(WorkflowSpec.REPLAY_FUNCTION, "summary-replay-reader"));
    assertThat(summary.replay().startsOnDeploy()).isTrue();
    assertThat(summary.replay().starterGrants()).extracting(Grant::permissions).containsExactly(
        List.of(new Grant.Permission("states:StartExecution", Resource.workflow("summary-replay"))));
    String definition = summary.replay().definition(function -> "arn:aws:lambda:eu-west-1:1:function:" + function + ":live");
    assertThat(definition).contains("\"Resource\": \"arn:aws:lambda:eu-west-1:1:function:summary-replay-reader:live\"")
        .doesNotContain("${");
    assertThat(summary.replay().waitStates()).allMatch(state -> definition.contains("\"" + state + "\": {"));
  }

  @Test
  void fromVersionTwoThePreviousVersionsTableIsKeptForQueriesButNothingWritesIt() {
    Deployment.Pipeline summary = SHOP_DEPLOYMENT.pipeline("summary");
    assertThat(summary.previousTable()).isEqualTo(TableSpec.previousProjection("shop-summary-v1", "summary", 1));
    assertThat(SHOP_DEPLOYMENT.pipeline("mailer").previousTable()).isNull();
    assertThat(SHOP_DEPLOYMENT.functions()).filteredOn(f -> f.kind() != FunctionSpec.Kind.QUERIES)
        .flatExtracting(FunctionSpec::permissions).extracting(p -> p.resource().name()).doesNotContain("shop-summary-v1");
    assertThat(SHOP_DEPLOYMENT.function("summary-queries").permissions()).extracting(Object::toString)
        .contains("dynamodb:GetItem on table:shop-summary-v1", "dynamodb:Scan on table:shop-summary-v1");
  }

  @Test
  void eachFunctionGetsOnlyTheSettingsItNeeds() {
    assertThat(SHOP_DEPLOYMENT.function("cart-commands").environment()).isEqualTo(Map.of(
        Settings.EVENT_TABLE, new Setting.NameOf(Resource.table("shop-events")),
        Settings.SNAPSHOT_TABLE, new Setting.NameOf(Resource.table("shop-snapshots"))));
    assertThat(SHOP_DEPLOYMENT.function("summary-queries").environment()).isEqualTo(Map.of(
        Settings.PROJECTION_TABLE, new Setting.NameOf(Resource.table("shop-summary-v2")),
        Settings.PROJECTION_VERSION, new Setting.Literal("2"),
        Settings.PREVIOUS_PROJECTION_TABLE, new Setting.NameOf(Resource.table("shop-summary-v1"))));
    assertThat(SHOP_DEPLOYMENT.function("summary-replay-reader").environment()).isEqualTo(Map.of(
        Settings.PROJECTION, new Setting.Literal("summary"),
        Settings.EVENT_TABLE, new Setting.NameOf(Resource.table("shop-events")),
        Settings.PROJECTION_TABLE, new Setting.NameOf(Resource.table("shop-summary-v2")),
        Settings.REPLAY_QUEUE, new Setting.NameOf(Resource.queue("shop-summary-replay")),
        Settings.REPLAY_DEAD_LETTER_QUEUE, new Setting.NameOf(Resource.queue("shop-summary-replay-dlq"))));
    assertThat(SHOP_DEPLOYMENT.function("publisher").environment()).isEqualTo(Map.of(
        Settings.APP, new Setting.Literal("shop"), Settings.EVENT_BUS, new Setting.NameOf(Resource.bus("shop-bus"))));
  }

  @Test
  void eachFunctionMayDoExactlyWhatItNeeds() {
    assertThat(SHOP_DEPLOYMENT.function("cart-commands").permissions()).extracting(Object::toString).containsExactly(
        "logs:CreateLogStream on logs:cart-commands", "logs:PutLogEvents on logs:cart-commands",
        "dynamodb:Query on table:shop-events for keys [cart#*, idempotency#cart#*, unique#cart#*, unique-owner#cart#*]",
        "dynamodb:PutItem on table:shop-events for keys [cart#*, idempotency#cart#*, unique#cart#*, unique-owner#cart#*]",
        "dynamodb:GetItem on table:shop-snapshots for keys [cart#*]", "dynamodb:PutItem on table:shop-snapshots for keys [cart#*]");
    assertThat(SHOP_DEPLOYMENT.function("mailer-projection").permissions()).extracting(Object::toString).containsExactly(
        "logs:CreateLogStream on logs:mailer-projection", "logs:PutLogEvents on logs:mailer-projection",
        "dynamodb:Query on table:shop-events",
        "dynamodb:GetItem on table:shop-mailer-v1", "dynamodb:BatchGetItem on table:shop-mailer-v1", "dynamodb:PutItem on table:shop-mailer-v1",
        "dynamodb:UpdateItem on table:shop-mailer-v1", "dynamodb:DeleteItem on table:shop-mailer-v1",
        "sqs:ReceiveMessage on queue:shop-mailer", "sqs:DeleteMessage on queue:shop-mailer", "sqs:GetQueueAttributes on queue:shop-mailer",
        "sqs:ReceiveMessage on queue:shop-mailer-replay", "sqs:DeleteMessage on queue:shop-mailer-replay",
        "sqs:GetQueueAttributes on queue:shop-mailer-replay");
    assertThat(SHOP_DEPLOYMENT.function("mailer-replay-reader").permissions()).extracting(Object::toString).containsExactly(
        "logs:CreateLogStream on logs:mailer-replay-reader", "logs:PutLogEvents on logs:mailer-replay-reader",
        "dynamodb:Scan on table:shop-events", "dynamodb:Query on table:shop-events",
        "sqs:SendMessage on queue:shop-mailer-replay", "sqs:GetQueueAttributes on queue:shop-mailer-replay",
        "sqs:GetQueueAttributes on queue:shop-mailer-replay-dlq",
        "dynamodb:GetItem on table:shop-mailer-v1", "dynamodb:UpdateItem on table:shop-mailer-v1",
        "dynamodb:BatchGetItem on table:shop-mailer-v1");
    assertThat(SHOP_DEPLOYMENT.workflow("mailer-replay").grants()).extracting(Grant::permissions).containsExactly(
        List.of(new Grant.Permission("lambda:InvokeFunction", Resource.function("mailer-replay-reader"))));
    assertThat(SHOP_DEPLOYMENT.publisher().grants()).extracting(Grant::sid)
        .containsExactly("WriteOwnLogs", "ReadEventStream", "ListStreams", "PutEventsOnBus", "SendGivenUpRecords");
    assertThat(SHOP_DEPLOYMENT.publisher().trigger()).isEqualTo(
        new Trigger.Stream("shop-events", 100, 10, Duration.ofHours(6), "shop-publisher-failures"));
  }

  @Test
  void apiFunctionsTimeOutBeforeTheApiAndEventFunctionsWithinTheirQueuesVisibility() {
    assertThat(SHOP_DEPLOYMENT.function("cart-commands").timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(SHOP_DEPLOYMENT.function("summary-queries").timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(SHOP_DEPLOYMENT.function("summary-projection").timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(SHOP_DEPLOYMENT.publisher().timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(SHOP_DEPLOYMENT.functions()).allMatch(f -> f.memoryMb() == 1024);
  }

  @Test
  void optionsSizeEveryFunctionAndWhatFollowsFromIt() {
    Deployment sized = Deployment.of(SHOP, DeploymentOptions.DEFAULTS.withEventTimeout(Duration.ofSeconds(60))
        .withApiTimeout(Duration.ofSeconds(20)).withMemoryMb(2048).withProjectionMaxConcurrency(50));
    assertThat(sized.pipeline("summary").queue().visibilityTimeout()).isEqualTo(Duration.ofMinutes(6));
    assertThat(sized.pipeline("summary").function().triggers()).containsExactly(new Trigger.Queue("shop-summary", 10, 50),
        new Trigger.Queue("shop-summary-replay", 10, 50));
    assertThat(sized.function("cart-commands").timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(sized.functions()).allMatch(f -> f.memoryMb() == 2048);
  }

  @Test
  void optionsThatCannotWorkAreRefused() {
    assertThatThrownBy(() -> DeploymentOptions.DEFAULTS.withApiTimeout(Duration.ofSeconds(30)))
        .hasMessage("apiTimeout must be 1 to 29 s, below the HTTP API's 30 s limit; found PT30S");
    assertThatThrownBy(() -> DeploymentOptions.DEFAULTS.withProjectionMaxConcurrency(1))
        .hasMessage("projectionMaxConcurrency must be 2 to 1000 (SQS event source mappings); found 1");
    assertThatThrownBy(() -> DeploymentOptions.DEFAULTS.withEventTimeout(Duration.ofMinutes(16)))
        .hasMessageStartingWith("eventTimeout must be 1 s to 15 min");
    assertThatThrownBy(() -> DeploymentOptions.DEFAULTS.withMemoryMb(64)).hasMessageStartingWith("memoryMb must be 128 to 10240");
  }

  @Test
  void routesAreSortedAndNameTheirFunction() {
    assertThat(SHOP_DEPLOYMENT.routes()).containsExactly(
        new RouteSpec("POST", "/cart/{cartId}/add", "cart-commands"),
        new RouteSpec("POST", "/cart/{cartId}/open", "cart-commands"),
        new RouteSpec("GET", "/summary/{cartId}", "summary-queries"));
  }

  @Test
  void withoutSnapshottingAggregatesThereIsNoSnapshotTable() {
    Deployment deployment = Deployment.of(new AppOutline("plain", List.of(new AppOutline.Aggregate("a", "p", List.of("A"), false,
        List.of(new AppOutline.Endpoint("POST", "/a/{id}/do")))), List.of()));
    assertThat(deployment.snapshotTable()).isEmpty();
    assertThat(deployment.function("a-commands").environment()).containsOnlyKeys(Settings.EVENT_TABLE);
    assertThat(deployment.function("a-commands").grants()).extracting(Grant::sid).containsExactly("WriteOwnLogs", "AppendEvents");
  }

  @Test
  void anAggregateWhoseEventsMoveOrReleaseUniqueValues_mayDeleteReservations_andOnlyThen() {
    Deployment deployment = Deployment.of(new AppOutline("bank", List.of(
        new AppOutline.Aggregate("account", "p", List.of("Account"), false, List.of(new AppOutline.Endpoint("POST", "/account/{id}/open")), true),
        new AppOutline.Aggregate("ledger", "p", List.of("Ledger"), false, List.of(new AppOutline.Endpoint("POST", "/ledger/{id}/post")), false)),
        List.of()));
    assertThat(deployment.function("account-commands").grants()).extracting(Grant::sid)
        .containsExactly("WriteOwnLogs", "AppendEvents", "ReleaseUniqueValues");
    assertThat(deployment.function("account-commands").permissions()).extracting(Object::toString)
        .contains("dynamodb:DeleteItem on table:bank-events for keys [account#*, idempotency#account#*, unique#account#*,"
            + " unique-owner#account#*]");
    assertThat(deployment.function("ledger-commands").grants()).extracting(Grant::sid).containsExactly("WriteOwnLogs", "AppendEvents");
  }

  @Test
  void aPatternEscapesWhatJsonMust() {
    RuleSpec rule = new RuleSpec("r", "p", "b", List.of("a\"b"), List.of("c\\d"), "q", "dlq", 1, Duration.ofSeconds(1));
    assertThat(rule.pattern()).isEqualTo("{\"source\":[\"a\\\"b\"],\"detail-type\":[\"c\\\\d\"]}");
  }

  @Test
  void unknownNamesAreExplained() {
    assertThatThrownBy(() -> SHOP_DEPLOYMENT.pipeline("nope")).hasMessage("no projection 'nope' in the deployment of shop");
  }

  @Test
  void theTreeCarriesEverySection() {
    Map<String, Object> tree = DeploymentTree.of(SHOP_DEPLOYMENT);
    assertThat(tree).containsOnlyKeys("app", "eventBus", "tables", "queues", "rules", "functions", "routes", "workflows",
        "scheduleGroups");
    assertThat(tree.get("functions").toString()).contains("{nameOf=table:shop-events}", "resource=*", "type=stream",
        "type=workflow, workflow=summary-replay");
    assertThat(tree.get("workflows").toString()).contains("functions={ReplayFunction=summary-replay-reader}", "startsOnDeploy=true");
  }

  @Test
  void aProcessManagerIsARuleAQueueATableAFunctionThatAppends_andWithDeadlinesAScheduleGroupAndARole() {
    AppOutline bank = new AppOutline("bank",
        List.of(new AppOutline.Aggregate("account", "bank", List.of("Account"), false, List.of())),
        List.of(),
        List.of(new AppOutline.ProcessManager("transfer", "bank", List.of("TransferProcess"), List.of("Debited", "Requested"),
            List.of("account"), List.of("timeout")),
            new AppOutline.ProcessManager("audit", "bank", List.of("Audit"), List.of("Debited"), List.of("account"))));
    Deployment deployment = Deployment.of(bank);

    Deployment.Process transfer = deployment.process("transfer");
    assertThat(transfer.table().name()).isEqualTo("bank-transfer-state");
    assertThat(transfer.rule().pattern()).isEqualTo("{\"source\":[\"bank\"],\"detail-type\":[\"Debited\",\"Requested\"]}");
    assertThat(transfer.queue().deadLetterQueue()).isEqualTo("bank-transfer-dlq");
    assertThat(transfer.function().handler()).isEqualTo("bank.SourcedLambdas$TransferProcessLambda");
    assertThat(transfer.scheduleGroup().name()).isEqualTo("bank-transfer");
    assertThat(transfer.scheduleGroup().roleGrants()).extracting(Grant::toString)
        .containsExactly("Grant[sid=SendDeadlines, actions=[sqs:SendMessage], resource=queue:bank-transfer, leadingKeys=[], passedTo=null]");
    assertThat(transfer.function().permissions()).extracting(Grant.Permission::toString).contains(
        "dynamodb:Query on table:bank-events",
        "dynamodb:PutItem on table:bank-events for keys [account#*, idempotency#account#*, unique#account#*, unique-owner#account#*]",
        "dynamodb:DescribeTable on table:bank-transfer-state",
        "scheduler:CreateSchedule on schedules:bank-transfer", "dynamodb:ConditionCheckItem on table:bank-transfer-state",
        "iam:PassRole on role:transfer-scheduler passed to scheduler.amazonaws.com");
    assertThat(transfer.function().environment()).containsKeys("SOURCED_SCHEDULE_GROUP", "SOURCED_SCHEDULER_ROLE",
        "SOURCED_DEADLINE_QUEUE", "SOURCED_EVENT_TABLE", "SOURCED_PROJECTION_TABLE");
    // schedules target the queue by its ARN, which each cloud gives in its own partition
    assertThat(transfer.function().environment().get("SOURCED_DEADLINE_QUEUE")).isEqualTo(new Setting.ArnOf(Resource.queue("bank-transfer")));
    assertThat(Deployment.resolve(transfer.function().environment().get("SOURCED_DEADLINE_QUEUE"), r -> "url", r -> "arn"))
        .isEqualTo("arn");
    assertThat(DeploymentTree.of(deployment).get("functions").toString())
        .contains("{arnOf=queue:bank-transfer}", "passedTo=scheduler.amazonaws.com");

    Deployment.Process audit = deployment.process("audit");
    assertThat(audit.scheduleGroup()).isNull();
    assertThat(audit.function().permissions()).extracting(Grant.Permission::toString)
        .noneMatch(p -> p.startsWith("scheduler:") || p.startsWith("iam:"));
    assertThat(deployment.scheduleGroups()).hasSize(1);
    assertThat(deployment.processManagers()).containsExactly("transfer", "audit");
    // an aggregate whose commands are all internal has no route, so no HTTP function: only process managers send to it
    assertThat(deployment.functions()).extracting(FunctionSpec::name).doesNotContain("account-commands");
    assertThat(SHOP_DEPLOYMENT.functions()).extracting(FunctionSpec::name).contains("cart-commands");
  }

  @Test
  void aGrantLimitedToKeys_allowsOnlyThose() {
    Grant.Permission append = new Grant("AppendEvents", List.of("dynamodb:PutItem"), Resource.table("e"), List.of("cart#*")).permissions().get(0);
    assertThat(append.allowsKey("cart#c1")).isTrue();
    assertThat(append.allowsKey("cart-item#c1")).isFalse();
    assertThat(append.allowsKey("account#a1")).isFalse();
    assertThat(new Grant.Permission("dynamodb:Query", Resource.table("e")).allowsKey("anything")).isTrue();
    assertThat(DeploymentTree.of(SHOP_DEPLOYMENT).get("functions").toString())
        .contains("leadingKeys=[cart#*, idempotency#cart#*, unique#cart#*, unique-owner#cart#*]");
  }

  @Test
  void onlyPassingARole_isLimitedToAService() {
    assertThat(Grant.passRole("Pass", Resource.role("r"), "scheduler.amazonaws.com").permissions()).extracting(Grant.Permission::toString)
        .containsExactly("iam:PassRole on role:r passed to scheduler.amazonaws.com");
    assertThatThrownBy(() -> new Grant("Send", List.of("sqs:SendMessage"), Resource.queue("q"), List.of(), "scheduler.amazonaws.com"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only iam:PassRole");
  }
}
