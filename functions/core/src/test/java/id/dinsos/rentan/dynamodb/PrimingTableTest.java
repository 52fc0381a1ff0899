package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.config.AwsClients;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Nik;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory stand-in SnapStart priming sends its success paths to, read through the real stores and the SDK. */
class PrimingTableTest {
    private PrimingTable table;
    private DynamoDbClient client;

    @BeforeEach
    void standIn() {
        table = PrimingTable.withSyntheticProgramme("kota-tangerang");
        // An endpoint where nothing listens: every answer comes from memory.
        client = AwsClients.dynamoOver(Optional.of(URI.create("http://127.0.0.1:9")), table);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void storesReadTheSyntheticProgramme_itsParticipantsAndItsBillParts() {
        assertThat(new DynamoDbProgrammeStore(client, "any").find("kota-tangerang")).hasValueSatisfying(p ->
                assertThat(p.counts().active()).isEqualTo(2));
        assertThat(new DynamoDbRegistrationStore(client, "any").find(PrimingTable.REGISTRATION_ID)).isPresent();
        DynamoDbLedgerStore ledger = new DynamoDbLedgerStore(client, "any");
        assertThat(ledger.parts("kota-tangerang", PrimingTable.MONTH)).extracting(MonthlyRun::part, MonthlyRun::paid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, true), org.assertj.core.groups.Tuple.tuple(2, false));
        assertThat(ledger.partsOfYear("kota-tangerang", PrimingTable.YEAR)).hasSize(7);
        assertThat(ledger.lines("kota-tangerang", PrimingTable.MONTH)).hasSize(2);
        assertThat(ledger.linesOf("kota-tangerang", Nik.of("3671010101900001"))).containsEntry(YearMonth.of(2025, 2), 1).hasSize(6);
        assertThat(table.operations()).containsOnly("GetItem", "Query");
    }

    @Test
    void keepsWhatIsPut_butChangesNothingOnAnUpdate() {
        Map<String, AttributeValue> key = Map.of(TableLayout.PK, Attr.s("PRIMING#1"), TableLayout.SK, Attr.s("ITEM"));
        client.putItem(r -> r.tableName("any").item(Map.of(TableLayout.PK, Attr.s("PRIMING#1"), TableLayout.SK, Attr.s("ITEM"),
                "count", Attr.n(1))));
        client.updateItem(r -> r.tableName("any").key(key).updateExpression("SET #c = :c")
                .expressionAttributeNames(Map.of("#c", "count")).expressionAttributeValues(Map.of(":c", Attr.n(2))));

        assertThat(client.getItem(r -> r.tableName("any").key(key)).item()).containsEntry("count", Attr.n(1));
        assertThat(client.getItem(r -> r.tableName("any").key(Map.of(TableLayout.PK, Attr.s("PRIMING#2"), TableLayout.SK,
                Attr.s("ITEM")))).hasItem()).isFalse();
    }
}
