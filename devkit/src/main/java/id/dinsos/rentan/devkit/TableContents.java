package id.dinsos.rentan.devkit;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Every item of a test table, read consistently and in key order, so a test can show that a
 * refused request changed nothing: the contents before equal the contents after.
 */
public final class TableContents {
    private TableContents() {
    }

    public static List<Map<String, AttributeValue>> of(DynamoDbClient client, String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())
                .items().forEach(items::add);
        items.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get("PK").s())
                .thenComparing(i -> i.get("SK").s()));
        return items;
    }
}
