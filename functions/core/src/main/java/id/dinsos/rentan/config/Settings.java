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
 * @param today          fixes the programme's date (the local runner's --today, a system property only);
 *                       never read inside Lambda
 */
public record Settings(String tableName, String programmeId, Optional<URI> dynamoEndpoint, Optional<LocalDate> today) {
    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String PROGRAMME_ID = "PROGRAMME_ID";
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    public static final String PROGRAMME_TODAY = "PROGRAMME_TODAY";

    /** A programme id as the stack names it: lower-case letters, digits and hyphens. */
    static final java.util.regex.Pattern PROGRAMME_ID_FORMAT = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** Lambda sets this in every function's environment; its presence means we run in AWS. */
    static final String LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

    public static Settings fromEnvironment() {
        return from(System::getenv, System::getProperty);
    }

    /**
     * Reads the settings, refusing to start without what a function cannot do without: a function
     * that served a programme called "default" because PROGRAMME_ID was missing would answer every
     * request from the wrong data. The programme clock override exists for the local runner only:
     * it is read from a system property (never the environment) and ignored inside Lambda.
     */
    static Settings from(java.util.function.UnaryOperator<String> env, java.util.function.UnaryOperator<String> properties) {
        String table = read(TABLE_NAME, env, properties).orElseThrow(() -> new IllegalStateException(
                TABLE_NAME + " is not set: the function cannot know which DynamoDB table to use."));
        String programme = read(PROGRAMME_ID, env, properties).orElseThrow(() -> new IllegalStateException(
                PROGRAMME_ID + " is not set: the function refuses to start rather than serve the wrong programme."));
        if (!PROGRAMME_ID_FORMAT.matcher(programme).matches()) {
            throw new IllegalStateException(PROGRAMME_ID + " must be lower-case letters, digits and hyphens (at most 63).");
        }
        boolean inLambda = nonBlank(env.apply(LAMBDA_FUNCTION_NAME)).isPresent();
        Optional<LocalDate> today = inLambda ? Optional.empty() : nonBlank(properties.apply(PROGRAMME_TODAY)).map(LocalDate::parse);
        return new Settings(table, programme, read(DYNAMODB_ENDPOINT, env, properties).map(URI::create), today);
    }

    private static Optional<String> read(String name, java.util.function.UnaryOperator<String> env,
                                         java.util.function.UnaryOperator<String> properties) {
        return nonBlank(env.apply(name)).or(() -> nonBlank(properties.apply(name)));
    }

    private static Optional<String> nonBlank(String value) {
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
