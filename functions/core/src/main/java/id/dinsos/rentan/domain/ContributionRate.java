package id.dinsos.rentan.domain;

import java.time.YearMonth;

/**
 * JKK and JKM contributions in whole rupiah per participant per month, in force from a month on
 * (R-01..R-04). The subsidy pays the lowest bracket: Rp10,000 JKK + Rp6,800 JKM.
 */
public record ContributionRate(YearMonth from, long jkk, long jkm) {
    public ContributionRate {
        if (jkk < 0 || jkm < 0) {
            throw new IllegalArgumentException("contributions cannot be negative");
        }
    }

    public long total() {
        return jkk + jkm;
    }
}
