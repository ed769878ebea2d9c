package dev.sourced.local.testkit.bank;

import dev.sourced.annotations.AggregateId;
import java.util.List;

/** Changes the email once per entry, in order, in one command: only the last one stays reserved. */
public record ChangeEmails(@AggregateId String customerId, List<String> emails) {}
