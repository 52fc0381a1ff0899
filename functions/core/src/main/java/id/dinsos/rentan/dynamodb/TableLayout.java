package id.dinsos.rentan.dynamodb;

import java.util.List;

/**
 * The table the code expects: key attributes, the global secondary indexes it queries and the
 * TTL attribute. A test holds this equal to the table in template.yaml.
 */
public final class TableLayout {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String TTL_ATTRIBUTE = "expiresAt";

    /** NIK hash -> every registration of that person; and each month's bill lines by shard. */
    public static final Index BY_NIK = new Index("GSI1", "GSI1PK", "GSI1SK", "ALL", List.of());
    /**
     * programme + status -> registrations by kecamatan, then submission time; and programme -> its
     * claim checks by the time they were asked.
     */
    public static final Index BY_STATUS = new Index("GSI2", "GSI2PK", "GSI2SK", "ALL", List.of());
    // GSI3 held the waitlist until it moved into a partition of its own, read consistently.

    /**
     * programme + shard -> registrations that have coverage, by coverage start month (sparse). The
     * monthly run reads its participants here, shard by shard in parallel.
     */
    public static final Index COVERAGE = new Index("GSI4", "GSI4PK", "GSI4SK", "INCLUDE",
            List.of("id", "nik", "fullName", "kpj", "coverageStart", "coverageEnd", "coverageGrantedMillis"));

    /** Registrations are spread over this many coverage shards; part of the stored keys, so fixed. */
    public static final int COVERAGE_SHARDS = 16;

    public static final List<Index> INDEXES = List.of(BY_NIK, BY_STATUS, COVERAGE);

    private TableLayout() {
    }

    public record Index(String name, String partitionKey, String sortKey, String projection, List<String> nonKeyAttributes) {
    }
}
