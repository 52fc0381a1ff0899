package id.dinsos.rentan.domain;

import java.time.YearMonth;

/**
 * One row of the programme's rate table: from a month on, the declared monthly income of
 * the JKK bracket and the JKK and JKM contributions in whole rupiah per participant per month
 * (R-01..R-03). The subsidy pays the lowest bracket: income Rp1,000,000, Rp10,000 JKK + Rp6,800
 * JKM. The income belongs to the row, not to the programme, so JKK benefits use the income
 * of the row in force in the month of the accident, whatever rows are added later.
 */
public record ContributionRate(YearMonth from, long declaredIncome, long jkk, long jkm) {
    public ContributionRate {
        if (declaredIncome < 0 || jkk < 0 || jkm < 0) {
            throw new IllegalArgumentException("income and contributions cannot be negative");
        }
    }

    /** the JKK contribution is exactly 1% of the declared monthly income. */
    public boolean jkkIsOnePercentOfDeclaredIncome() {
        return jkk * 100 == declaredIncome;
    }

    public long total() {
        return jkk + jkm;
    }
}
