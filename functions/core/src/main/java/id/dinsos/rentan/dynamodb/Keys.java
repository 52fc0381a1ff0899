package id.dinsos.rentan.dynamodb;

import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.RegistrationStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Every key string of the single table, built in one place. Keys never carry a NIK in clear:
 * keys show up in metrics, traces and error messages, so a NIK appears only as a hash.
 */
public final class Keys {
    public static final String PROGRAMME_SK = "PROGRAMME";
    public static final String REGISTRATION_SK = "REGISTRATION";
    public static final String NIK_LOCK_SK = "LIVE";
    public static final String IDEMPOTENCY_SK = "IDEMPOTENCY";
    public static final String CLAIM_CHECK_SK = "CLAIMCHECK";
    public static final String KPJ_LOCK_SK = "KPJ";
    /** The programme's counters by status and kecamatan, and by status and occupation, beside its item. */
    public static final String BREAKDOWN_SK = "BREAKDOWN";
    /** The programme's coverage starts and ends by month (the monthly run's count), beside its item. */
    public static final String COVERAGE_SK = "COVERAGE";

    private Keys() {
    }

    public static String programme(String programmeId) {
        return "PROG#" + programmeId;
    }

    public static String registration(String id) {
        return "REG#" + id;
    }

    public static String registrationIdFrom(String pk) {
        return pk.substring("REG#".length());
    }

    /** The item whose existence says "this NIK has a live registration in this programme" (R-16). */
    public static String nikLock(String programmeId, Nik nik) {
        return programme(programmeId) + "#NIK#" + nikHash(nik);
    }

    /** The item whose existence says "this KPJ number belongs to one NIK in this programme"; hashed like a NIK. */
    public static String kpjLock(String programmeId, String kpj) {
        return programme(programmeId) + "#KPJ#" + hash(kpj);
    }

    public static String byNik(Nik nik) {
        return "NIK#" + nikHash(nik);
    }

    public static String byNikSort(String programmeId, OffsetDateTime submittedAt, String id) {
        return programme(programmeId) + "#" + sortableTime(submittedAt) + "#" + id;
    }

    public static String byStatus(String programmeId, RegistrationStatus status) {
        return programme(programmeId) + "#STATUS#" + status.name();
    }

    public static String byStatusSort(String kecamatan, OffsetDateTime submittedAt, String id) {
        return kecamatanPrefix(kecamatan) + sortableTime(submittedAt) + "#" + id;
    }

    public static String kecamatanPrefix(String kecamatan) {
        return kecamatan.trim().toUpperCase(Locale.ROOT) + "#";
    }

    public static String waitlist(String programmeId) {
        return programme(programmeId) + "#WAITLIST";
    }

    /** A place on the waitlist, in the waitlist's partition; numbers sort in order (R-17). */
    public static String waitlistEntry(long place, String registrationId) {
        return waitlistEntriesPrefix() + String.format("%012d", place) + "#" + registrationId;
    }

    public static String waitlistEntriesPrefix() {
        return "ENTRY#";
    }

    /** The last key below every entry numbered {@code place} or more. */
    public static String waitlistEntryBefore(long place) {
        return waitlistEntriesPrefix() + String.format("%012d", place);
    }

    /** A bill part of a month's run; parts sort in order within the month. */
    public static String run(YearMonth month, int part) {
        return runPartsPrefix(month) + String.format("%02d", part);
    }

    public static String runPartsPrefix(YearMonth month) {
        return "RUN#" + month + "#";
    }

    /** Every part of every month of {@code year}: months are written {@code YYYY-MM} (years 2000 to 2100). */
    public static String runsOfYearPrefix(int year) {
        return runsPrefix() + String.format("%04d", year) + "-";
    }

    public static String runsPrefix() {
        return "RUN#";
    }

    public static String runShard(YearMonth month, int part, int shard) {
        return runShardsPrefix(month, part) + String.format("%02d", shard);
    }

    public static String runShardsPrefix(YearMonth month, int part) {
        return "RUNSHARD#" + month + "#" + String.format("%02d", part) + "#";
    }

    /**
     * The first and last sort keys of a programme's overview: in the programme's partition,
     * {@code BREAKDOWN < BUDGET#.. < COVERAGE < PROGRAMME < RUN#..}, and {@code RUN$} sorts after every
     * {@code RUN#} key ('$' follows '#') and before {@code RUNSHARD#..} (the runs' per-shard progress).
     */
    public static String overviewFrom() {
        return BREAKDOWN_SK;
    }

    /** See {@link #overviewFrom()}. */
    public static String overviewTo() {
        return "RUN$";
    }

    public static String budget(int year) {
        return "BUDGET#" + year;
    }

    public static String budgetsPrefix() {
        return "BUDGET#";
    }

    /**
     * A person's partition in a programme: the live-NIK lock and every contribution line of the
     * person, whatever registration charged it, so a month has at most one line per NIK (R-21).
     */
    public static String person(String programmeId, Nik nik) {
        return nikLock(programmeId, nik);
    }

    /** A contribution line: one item per person per month (R-21, R-23). */
    public static String line(YearMonth month) {
        return "LINE#" + month;
    }

    public static String linesPrefix() {
        return "LINE#";
    }

    /** A month's bill is spread over the coverage shards, so one month never lands on one index partition. */
    public static String bill(String programmeId, YearMonth month, int shard) {
        return programme(programmeId) + "#BILL#" + month + "#" + String.format("%02d", shard);
    }

    public static String covered(String programmeId, int shard) {
        return programme(programmeId) + "#COVERED#" + String.format("%02d", shard);
    }

    public static String coveredSort(YearMonth coverageStart, String registrationId) {
        return coverageStart + "#" + registrationId;
    }

    /** The first coverage sort key after every registration whose coverage started in or before {@code month}. */
    public static String coveredAfter(YearMonth month) {
        return month.plusMonths(1).toString();
    }

    /** A registration's coverage shard: stable, from its id. */
    public static int shardOf(String registrationId) {
        return Math.floorMod(registrationId.hashCode(), TableLayout.COVERAGE_SHARDS);
    }

    public static String claimCheck(String id) {
        return "CHECK#" + id;
    }

    /** A programme's claim checks on the status index (GSI2), newest first by {@link #claimCheckSort}. */
    public static String claimChecks(String programmeId) {
        return programme(programmeId) + "#CLAIMCHECKS";
    }

    public static String claimCheckSort(OffsetDateTime askedAt, String id) {
        return sortableTime(askedAt) + "#" + id;
    }

    public static String idempotency(String key) {
        return "IDEM#" + key;
    }

    /** A piece of an idempotent answer too large for one item, beside its record. */
    public static String idempotencyChunk(int index) {
        return idempotencyChunksPrefix() + String.format("%04d", index);
    }

    public static String idempotencyChunksPrefix() {
        return IDEMPOTENCY_SK + "#CHUNK#";
    }

    /** Epoch milliseconds, zero-padded so that text order is time order. */
    static String sortableTime(OffsetDateTime time) {
        return String.format("%015d", time.toInstant().toEpochMilli());
    }

    static String nikHash(Nik nik) {
        return hash(nik.value());
    }

    private static String hash(String digits) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(digits.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
