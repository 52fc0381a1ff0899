package id.dinsos.rentan.domain;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The only ids the programme gives out are canonical UUIDs; anything else names nothing. */
class IdsTest {

    @Test
    void aCanonicalUuid_asUUIDRandomUUIDWritesIt_isAnId() {
        for (int i = 0; i < 100; i++) {
            assertThat(Ids.isId(UUID.randomUUID().toString())).isTrue();
        }
        assertThat(Ids.isId("00000000-0000-4000-8000-000000000001")).isTrue();
    }

    @Test
    void anythingElse_isNotAnId_whateverItsLength() {
        String id = "5b0e8a4c-2f1d-4c3b-9e7a-1d2c3b4a5f60";
        assertThat(Ids.isId(null)).isFalse();
        assertThat(Ids.isId("")).isFalse();
        assertThat(Ids.isId(id.toUpperCase())).as("upper case: never written, never found").isFalse();
        assertThat(Ids.isId(id.replace("-", ""))).isFalse();
        assertThat(Ids.isId("{" + id + "}")).isFalse();
        assertThat(Ids.isId(id + "0")).isFalse();
        assertThat(Ids.isId(id.substring(1))).isFalse();
        assertThat(Ids.isId(id.replace('a', 'g'))).isFalse();
        assertThat(Ids.isId("5b0e8a4c-2f1d-4c3b-9e7a+1d2c3b4a5f60")).isFalse();
        assertThat(Ids.isId("A".repeat(2_100))).isFalse();
    }
}
