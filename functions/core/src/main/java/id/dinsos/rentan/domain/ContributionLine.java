package id.dinsos.rentan.domain;

import java.time.YearMonth;

/**
 * One participant's contribution for one month: JKK and JKM at the rate in force for that
 * month. A person (NIK) has at most one line per month, however many registrations it has had
 * {@code part} is the bill part that charged it. {@code kpj} is null until BPJS assigns
 * the membership number.
 */
public record ContributionLine(String registrationId, YearMonth month, int part, Nik nik, String fullName, String kpj,
                               long jkk, long jkm) {

    public static ContributionLine charge(Participant participant, YearMonth month, int part, ContributionRate rate) {
        return new ContributionLine(participant.registrationId(), month, part, participant.nik(), participant.fullName(),
                participant.kpj(), rate.jkk(), rate.jkm());
    }

    public long total() {
        return jkk + jkm;
    }

    @Override
    public String toString() {
        return "ContributionLine[" + registrationId + ", " + month + ", total=" + total() + "]";
    }
}
