package id.dinsos.rentan.config;

import id.dinsos.rentan.domain.ProgrammeTime;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * What a function needs to know about where it runs. Each value comes from an environment
 * variable (set by template.yaml in AWS) or, failing that, a system property of the same name
 * (set by the local runner, which hosts every function in one JVM).
 *
 * @param dynamoEndpoint only for DynamoDB Local; absent in AWS
 * @param today          fixes the programme's date (the local runner's --today); absent in AWS
 */
public record Settings(String tableName, String programmeId, Optional<URI> dynamoEndpoint, Optional<LocalDate> today) {
    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String PROGRAMME_ID = "PROGRAMME_ID";
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    public static final String PROGRAMME_TODAY = "PROGRAMME_TODAY";

    public static Settings fromEnvironment() {
        String table = read(TABLE_NAME).orElseThrow(() -> new IllegalStateException(TABLE_NAME + " is not set"));
        return new Settings(table,
                read(PROGRAMME_ID).orElse("default"),
                read(DYNAMODB_ENDPOINT).map(URI::create),
                read(PROGRAMME_TODAY).map(LocalDate::parse));
    }

    static Optional<String> read(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    /** The programme clock: Jakarta time, moved to {@code today} when one is fixed (time of day keeps running). */
    public Clock clock() {
        Clock system = Clock.system(ProgrammeTime.ZONE);
        if (today.isEmpty()) {
            return system;
        }
        ZonedDateTime now = ZonedDateTime.now(system);
        ZonedDateTime shifted = today.get().atTime(now.toLocalTime()).atZone(ProgrammeTime.ZONE);
        return Clock.offset(system, Duration.between(now, shifted));
    }
}
