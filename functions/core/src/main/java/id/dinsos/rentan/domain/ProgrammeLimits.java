package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounds every programme setting keeps, whoever builds the settings. {@code PUT /programme}
 * reports a value outside them on its field; {@link #problems} is the last check before a save,
 * so settings outside them are never stored. Why each bound:
 * <ul>
 *   <li><b>Months and dates 2000-01 .. 2100-12</b> (rate rows' {@code from}, holidays, budget years):
 *       BPJS's BPU cover dates from PP 44/2015, so an earlier date is a typing error, and no budget
 *       is planned beyond 2100. Four-digit years also keep {@code YYYY-MM} text readable back:
 *       {@code YearMonth} writes the year 10000 as {@code 10000-01}, which it cannot parse.</li>
 *   <li><b>JKK and JKM 1 .. 100,000,000 rupiah a month</b>: the BPU brackets (PP 44/2015,
 *       Lampiran II) are far below; 100 million bounds a run's total (quota x rate) well inside
 *       whole rupiah arithmetic.</li>
 *   <li><b>Declared income 1 .. 10,000,000,000</b>: 100 x the JKK bound, so that any income whose
 *       1% is a valid JKK can be stated; the JKK benefit (at most 56 x the income, R-33) stays
 *       exact.</li>
 *   <li><b>Allocation 1 .. 1,000,000,000,000,000</b> (Rp1,000 trillion): above any Indonesian regional
 *       budget, and a hundred of them still add up inside a {@code long}.</li>
 *   <li><b>Quota 1 .. 10,000,000</b>: above the informal workforce of any province.</li>
 *   <li><b>Lists</b>: at most 100 kecamatan (Indonesian cities have far fewer), 100 rate rows,
 *       100 budget years and 400 holidays (about 15 years of national holidays); each kecamatan name
 *       at most 100 characters (it becomes part of an index key), the programme name 200.</li>
 * </ul>
 */
public final class ProgrammeLimits {
    public static final YearMonth FIRST_MONTH = YearMonth.of(2000, 1);
    public static final YearMonth LAST_MONTH = YearMonth.of(2100, 12);
    public static final int MAX_QUOTA = 10_000_000;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_KECAMATAN = 100;
    public static final int MAX_KECAMATAN_LENGTH = 100;
    public static final int MAX_RATES = 100;
    public static final int MAX_BUDGETS = 100;
    public static final int MAX_HOLIDAYS = 400;
    public static final long MAX_CONTRIBUTION = 100_000_000L;
    public static final long MAX_DECLARED_INCOME = 100 * MAX_CONTRIBUTION;
    public static final long MAX_ALLOCATION = 1_000_000_000_000_000L;
    public static final int MAX_AGE = 120;
    public static final int MAX_COVERAGE_START_DELAY_MONTHS = 12;

    private ProgrammeLimits() {
    }

    public static boolean monthInRange(YearMonth month) {
        return !month.isBefore(FIRST_MONTH) && !month.isAfter(LAST_MONTH);
    }

    public static boolean dateInRange(LocalDate date) {
        return monthInRange(YearMonth.from(date));
    }

    public static boolean yearInRange(int year) {
        return year >= FIRST_MONTH.getYear() && year <= LAST_MONTH.getYear();
    }

    /** A month outside the programme's range, in words for a field error. */
    public static String monthRangeText() {
        return "A month from " + FIRST_MONTH + " to " + LAST_MONTH + ".";
    }

    /** Every setting of {@code p} outside its bound, by field; empty when the settings may be stored. */
    public static List<Refusal.FieldError> problems(Programme p) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        if (p.name() == null || p.name().isBlank() || p.name().length() > MAX_NAME_LENGTH) {
            errors.add(outOfRange("name", "1 to " + MAX_NAME_LENGTH + " characters."));
        }
        if (p.quota() < 1 || p.quota() > MAX_QUOTA) {
            errors.add(outOfRange("quota", "From 1 to " + MAX_QUOTA + "."));
        }
        if (p.kecamatan().isEmpty() || p.kecamatan().size() > MAX_KECAMATAN) {
            errors.add(outOfRange("kecamatan", "1 to " + MAX_KECAMATAN + " kecamatan."));
        }
        for (String k : p.kecamatan()) {
            if (k == null || k.isBlank() || k.length() > MAX_KECAMATAN_LENGTH) {
                errors.add(outOfRange("kecamatan", "Each kecamatan 1 to " + MAX_KECAMATAN_LENGTH + " characters."));
                break;
            }
        }
        if (p.dtsenMaxDecile() < 1 || p.dtsenMaxDecile() > 10) {
            errors.add(outOfRange("dtsenMaxDecile", "From 1 to 10."));
        }
        if (p.minAge() < 0 || p.maxAge() > MAX_AGE || p.minAge() > p.maxAge()) {
            errors.add(outOfRange("maxAge", "0 <= minAge <= maxAge <= " + MAX_AGE + "."));
        }
        if (p.coverageStartDelayMonths() < 0 || p.coverageStartDelayMonths() > MAX_COVERAGE_START_DELAY_MONTHS) {
            errors.add(outOfRange("coverageStartDelayMonths", "From 0 to " + MAX_COVERAGE_START_DELAY_MONTHS + "."));
        }
        if (p.rates().isEmpty() || p.rates().size() > MAX_RATES) {
            errors.add(outOfRange("rates", "1 to " + MAX_RATES + " rows."));
        }
        for (ContributionRate r : p.rates()) {
            if (!monthInRange(r.from())) {
                errors.add(outOfRange("rates", "The row from " + r.from() + ": " + monthRangeText()));
            }
            if (r.declaredIncome() < 1 || r.declaredIncome() > MAX_DECLARED_INCOME
                    || r.jkk() < 1 || r.jkk() > MAX_CONTRIBUTION || r.jkm() < 1 || r.jkm() > MAX_CONTRIBUTION) {
                errors.add(outOfRange("rates", "The row from " + r.from() + ": declaredIncome 1 to " + MAX_DECLARED_INCOME
                        + ", jkk and jkm 1 to " + MAX_CONTRIBUTION + "."));
            }
        }
        if (p.budgets().size() > MAX_BUDGETS) {
            errors.add(outOfRange("budgets", "At most " + MAX_BUDGETS + " years."));
        }
        for (BudgetAllocation b : p.budgets()) {
            if (!yearInRange(b.year()) || b.allocation() < 1 || b.allocation() > MAX_ALLOCATION) {
                errors.add(outOfRange("budgets", "The year " + b.year() + ": a year from " + FIRST_MONTH.getYear() + " to "
                        + LAST_MONTH.getYear() + ", an allocation from 1 to " + MAX_ALLOCATION + "."));
            }
        }
        if (p.holidays().size() > MAX_HOLIDAYS) {
            errors.add(outOfRange("holidays", "At most " + MAX_HOLIDAYS + " dates."));
        }
        for (LocalDate day : p.holidays()) {
            if (!dateInRange(day)) {
                errors.add(outOfRange("holidays", day + ": a date from " + FIRST_MONTH.atDay(1) + " to " + LAST_MONTH.atEndOfMonth() + "."));
            }
        }
        return errors;
    }

    private static Refusal.FieldError outOfRange(String field, String message) {
        return new Refusal.FieldError(field, "OUT_OF_RANGE", message);
    }
}
