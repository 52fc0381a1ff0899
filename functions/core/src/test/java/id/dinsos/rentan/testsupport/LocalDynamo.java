package id.dinsos.rentan.testsupport;

import id.dinsos.rentan.devkit.ProjectFiles;
import id.dinsos.rentan.devkit.SamTemplate;
import id.dinsos.rentan.devkit.TableFromTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.UUID;

/** Tables made from template.yaml's definition, so tests exercise the table that is deployed. */
public final class LocalDynamo {
    private static SamTemplate template;

    private LocalDynamo() {
    }

    public static synchronized SamTemplate template() {
        if (template == null) {
            template = ProjectFiles.readTemplate();
        }
        return template;
    }

    /** Creates a fresh table with a unique name and returns the name. */
    public static String newTable(DynamoDbClient client, String prefix) {
        String name = prefix + "-" + UUID.randomUUID();
        TableFromTemplate.create(client, template(), name);
        return name;
    }
}
