package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The city's payment of one month's collective bill to BPJS: only paid months count as covered. */
public record Payment(LocalDate paidOn, String reference, OffsetDateTime recordedAt, String recordedBy) {
}
