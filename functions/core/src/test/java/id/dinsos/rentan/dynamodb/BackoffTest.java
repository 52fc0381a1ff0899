package id.dinsos.rentan.dynamodb;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The backoff's jitter is seeded again after a SnapStart restore, so restored environments do not retry in step. */
class BackoffTest {

    @Test
    void reseed_replacesTheGenerator() {
        Object beforeSnapshot = Backoff.jitter();

        Backoff.reseed();

        assertThat(Backoff.jitter()).isNotSameAs(beforeSnapshot);
    }
}
