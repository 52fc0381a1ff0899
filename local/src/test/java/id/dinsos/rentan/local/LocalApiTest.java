package id.dinsos.rentan.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalApiTest {

    @Test
    void theRequestLog_masksEveryNik_inThePathAndQuery() {
        assertThat(LocalApi.masked("/registrations?nik=3671014507850001&status=ACTIVE"))
                .isEqualTo("/registrations?nik=3671********0001&status=ACTIVE");
        assertThat(LocalApi.masked("/runs/2025-04/bill")).isEqualTo("/runs/2025-04/bill");
        assertThat(LocalApi.masked("/claims/checks/0b5f2e3a-1111-4222-8333-123456789012"))
                .as("digits inside an id are not a NIK").isEqualTo("/claims/checks/0b5f2e3a-1111-4222-8333-123456789012");
        assertThat(LocalApi.masked("?a=36710145078500012")).as("17 digits are not a NIK").isEqualTo("?a=36710145078500012");
    }

    @Test
    void theRequestLog_leavesOutTheNameSearchedFor() {
        assertThat(LocalApi.masked("/registrations?name=Siti%20Aminah&status=ACTIVE"))
                .isEqualTo("/registrations?name=***&status=ACTIVE");
        assertThat(LocalApi.masked("/registrations?status=ACTIVE&name=siti+am")).isEqualTo("/registrations?status=ACTIVE&name=***");
        assertThat(LocalApi.masked("/registrations?fullname=x&kecamatan=Ciledug")).as("only the name parameter")
                .isEqualTo("/registrations?fullname=x&kecamatan=Ciledug");
    }
}
