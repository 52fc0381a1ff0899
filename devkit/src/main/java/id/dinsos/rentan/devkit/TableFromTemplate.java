package id.dinsos.rentan.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates the table exactly as {@code template.yaml} defines it (keys, attribute types, every
 * global secondary index with its projection, TTL), so tests and the local runner exercise the
 * definition that is deployed rather than a copy of it.
 */
public final class TableFromTemplate {
    private TableFromTemplate() {
    }

    public static CreateTableRequest createRequest(SamTemplate template, String tableName) {
        JsonNode props = template.table().getValue();
        List<AttributeDefinition> attributes = new ArrayList<>();
        props.path("AttributeDefinitions").forEach(a -> attributes.add(AttributeDefinition.builder()
                .attributeName(a.path("AttributeName").asText())
                .attributeType(a.path("AttributeType").asText())
                .build()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        props.path("GlobalSecondaryIndexes").forEach(i -> {
            JsonNode projection = i.path("Projection");
            Projection.Builder p = Projection.builder().projectionType(projection.path("ProjectionType").asText("ALL"));
            List<String> nonKey = new ArrayList<>();
            projection.path("NonKeyAttributes").forEach(n -> nonKey.add(n.asText()));
            if (!nonKey.isEmpty()) {
                p.nonKeyAttributes(nonKey);
            }
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(i.path("IndexName").asText())
                    .keySchema(keySchema(i.path("KeySchema")))
                    .projection(p.build())
                    .build());
        });
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(props.path("KeySchema")))
                .billingMode(BillingMode.fromValue(props.path("BillingMode").asText("PAY_PER_REQUEST")));
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        return request.build();
    }

    /** Creates the table unless it exists (a kept --data-dir), then turns on TTL where defined. */
    public static void create(DynamoDbClient client, SamTemplate template, String tableName) {
        try {
            client.createTable(createRequest(template, tableName));
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        JsonNode ttl = template.table().getValue().path("TimeToLiveSpecification");
        if (ttl.path("Enabled").asBoolean(false)) {
            client.updateTimeToLive(r -> r.tableName(tableName).timeToLiveSpecification(
                    TimeToLiveSpecification.builder().attributeName(ttl.path("AttributeName").asText()).enabled(true).build()));
        }
    }

    private static List<KeySchemaElement> keySchema(JsonNode node) {
        List<KeySchemaElement> keys = new ArrayList<>();
        node.forEach(k -> keys.add(KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText())
                .build()));
        return keys;
    }
}
