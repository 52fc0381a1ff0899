package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A city's protection programme: who may join (R-12..R-15), how many places, the rate table
 * with each row's declared income and the yearly budgets. Values marked [soft] in the rulebook live here as
 * configuration, never as constants in code.
 *
 * @param coverageStartDelayMonths months after the approval month in which coverage starts (R-20, default 1)
 * @param holidays                 public holidays on which no contribution falls due, sorted
 * @param wadahCode                the group code under which BPJS records the programme's participants
 *                                 default {@link #DEFAULT_WADAH_CODE}
 */
public record Programme(String id, String name, int quota, List<String> kecamatan, Set<Occupation> eligibleOccupations,
                        int dtsenMaxDecile, int minAge, int maxAge, int coverageStartDelayMonths,
                        List<ContributionRate> rates, List<BudgetAllocation> budgets, List<LocalDate> holidays,
                        String wadahCode) {
    /** BPJS's wadah code for pekerja rentan funded by government budgets; the default. */
    public static final String DEFAULT_WADAH_CODE = "SG";
    /** A wadah code: 1 to 20 capital letters and digits. */
    public static final String WADAH_CODE_PATTERN = "[A-Z0-9]{1,20}";


    public Programme {
        kecamatan = List.copyOf(kecamatan);
        eligibleOccupations = Set.copyOf(eligibleOccupations);
        rates = rates.stream().sorted(Comparator.comparing(ContributionRate::from)).toList();
        budgets = budgets.stream().sorted(Comparator.comparingInt(BudgetAllocation::year)).toList();
        holidays = holidays.stream().distinct().sorted().toList();
        if (wadahCode == null || !wadahCode.matches(WADAH_CODE_PATTERN)) {
            throw new IllegalArgumentException("a wadah code is 1 to 20 capital letters and digits");
        }
    }

    /** the calendar that moves due dates off weekends and the programme's public holidays. */
    public WorkingDays workingDays() {
        return new WorkingDays(Set.copyOf(holidays));
    }

    /** A month is charged at the rate in force for that month: the latest row starting on or before it. */
    public Optional<ContributionRate> rateFor(YearMonth month) {
        ContributionRate found = null;
        for (ContributionRate rate : rates) {
            if (!rate.from().isAfter(month)) {
                found = rate;
            }
        }
        return Optional.ofNullable(found);
    }

    public Optional<BudgetAllocation> budgetFor(int year) {
        return budgets.stream().filter(b -> b.year() == year).findFirst();
    }

    /** Residence is judged by the kecamatan of the KTP/KK address, compared without regard to case. */
    public boolean coversKecamatan(String name) {
        return canonicalKecamatan(name).isPresent();
    }

    /** The programme's own spelling of a kecamatan, so lists and filters group one place under one name. */
    public Optional<String> canonicalKecamatan(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim();
        return kecamatan.stream().filter(k -> k.equalsIgnoreCase(wanted)).findFirst();
    }

    /** coverage starts on the first day of the month {@code coverageStartDelayMonths} after approval. */
    public LocalDate coverageStartAfterApprovalOn(LocalDate approvalDate) {
        return YearMonth.from(approvalDate).plusMonths(coverageStartDelayMonths).atDay(1);
    }
}
