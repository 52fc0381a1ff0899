package id.dinsos.rentan.domain;

import java.time.YearMonth;

/**
 * One participant's contribution for one month: JKK and JKM at the rate in force for that
 * month. There is at most one line per participant per month. {@code kpj} is null
 * until BPJS assigns the membership number.
 */
public record ContributionLine(String registrationId, YearMonth month, Nik nik, String fullName, String kpj,
                               long jkk, long jkm) {

    public static ContributionLine charge(Participant participant, YearMonth month, ContributionRate rate) {
        return new ContributionLine(participant.registrationId(), month, participant.nik(), participant.fullName(),
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
