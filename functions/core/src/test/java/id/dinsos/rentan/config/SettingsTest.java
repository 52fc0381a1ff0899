package id.dinsos.rentan.config;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A function refuses to start without its configuration, and the demo clock never reaches AWS. */
class SettingsTest {

    private static Settings from(Map<String, String> env, Map<String, String> properties) {
        return Settings.from(env::get, properties::get);
    }

    @Test
    void aFunctionWithoutProgrammeId_refusesToStart_ratherThanServeADefaultProgramme() {
        assertThatThrownBy(() -> from(Map.of("TABLE_NAME", "t"), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PROGRAMME_ID is not set");
        assertThatThrownBy(() -> from(Map.of("TABLE_NAME", "t", "PROGRAMME_ID", " "), Map.of()))
                .hasMessageContaining("PROGRAMME_ID is not set");
    }

    @Test
    void aMalformedProgrammeId_refusesToStart() {
        assertThatThrownBy(() -> from(Map.of("TABLE_NAME", "t", "PROGRAMME_ID", "Kota Tangerang#1"), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lower-case");
    }

    @Test
    void aFunctionWithoutTableName_refusesToStart() {
        assertThatThrownBy(() -> from(Map.of("PROGRAMME_ID", "p"), Map.of())).hasMessageContaining("TABLE_NAME is not set");
    }

    @Test
    void theProgrammeClockOverride_worksLocally_fromASystemProperty() {
        Settings local = from(Map.of("TABLE_NAME", "t", "PROGRAMME_ID", "kota-tangerang"), Map.of("PROGRAMME_TODAY", "2025-03-10"));
        assertThat(local.today()).contains(LocalDate.of(2025, 3, 10));
        assertThat(LocalDate.now(local.clock().withZone(java.time.ZoneId.of("Asia/Jakarta")))).isEqualTo(LocalDate.of(2025, 3, 10));
    }

    @Test
    void theProgrammeClockOverride_hasNoEffectInAws() {
        Settings aws = from(Map.of("TABLE_NAME", "t", "PROGRAMME_ID", "kota-tangerang", "AWS_LAMBDA_FUNCTION_NAME", "registration",
                "PROGRAMME_TODAY", "2025-03-10"), Map.of("PROGRAMME_TODAY", "2025-03-10"));
        assertThat(aws.today()).isEqualTo(Optional.empty());
        // Nor from the environment outside Lambda: only the local runner sets it, as a system property.
        Settings env = from(Map.of("TABLE_NAME", "t", "PROGRAMME_ID", "kota-tangerang", "PROGRAMME_TODAY", "2025-03-10"), Map.of());
        assertThat(env.today()).isEmpty();
    }
}
