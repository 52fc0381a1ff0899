package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.RegistrationStatus;
import id.dinsos.rentan.port.ProgrammeStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ProgrammeStore} on the single table: one item per programme. */
public final class DynamoDbProgrammeStore implements ProgrammeStore {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbProgrammeStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static Map<String, AttributeValue> key(String programmeId) {
        return Map.of(TableLayout.PK, Attr.s(Keys.programme(programmeId)), TableLayout.SK, Attr.s(Keys.PROGRAMME_SK));
    }

    @Override
    public Optional<Snapshot> find(String programmeId) {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(key(programmeId)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Snapshot(ProgrammeItems.programme(programmeId, response.item()),
                ProgrammeItems.counts(response.item()), ProgrammeItems.lapsed(response.item())));
    }

    @Override
    public SaveResult save(Programme programme) {
        Map<String, AttributeValue> settings = ProgrammeItems.settings(programme);
        requireReadableBack(programme, settings);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : settings.entrySet()) {
            names.put("#a" + i, e.getKey());
            values.put(":a" + i, e.getValue());
            sets.add("#a" + i + " = :a" + i);
            i++;
        }
        values.put(":zero", Attr.n(0));
        for (RegistrationStatus status : RegistrationStatus.values()) {
            String counter = ProgrammeItems.counter(status);
            sets.add(counter + " = if_not_exists(" + counter + ", :zero)");
        }
        values.put(":newQuota", Attr.n(programme.quota()));
        // The rate rows carry the declared income now: drop the old programme-wide value.
        names.put("#legacyIncome", ProgrammeItems.LEGACY_DECLARED_INCOME);
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(key(programme.id()))
                    .updateExpression("SET " + String.join(", ", sets) + " REMOVE #legacyIncome")
                    // the quota can never drop below the places already taken.
                    .conditionExpression("attribute_not_exists(PK) OR " + ProgrammeItems.counter(RegistrationStatus.ACTIVE) + " <= :newQuota")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return SaveResult.SAVED;
        } catch (ConditionalCheckFailedException e) {
            return SaveResult.QUOTA_BELOW_ACTIVE;
        }
    }

    /**
     * Every request of every function reads the programme item: settings that would not read back as
     * themselves are a fault of ours, caught here before anything is written rather than by the next
     * reader (the use case refuses settings outside their bounds before they get here).
     */
    private static void requireReadableBack(Programme programme, Map<String, AttributeValue> settings) {
        Programme readBack;
        try {
            readBack = ProgrammeItems.programme(programme.id(), settings);
        } catch (RuntimeException e) {
            throw new IllegalStateException("programme settings that would not read back were not saved", e);
        }
        if (!readBack.equals(programme)) {
            throw new IllegalStateException("programme settings that would read back differently were not saved");
        }
    }
}
