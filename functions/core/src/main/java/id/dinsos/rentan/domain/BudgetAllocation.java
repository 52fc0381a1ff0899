package id.dinsos.rentan.domain;

/** The APBD allocation for one fiscal (calendar) year, whole rupiah. */
public record BudgetAllocation(int year, long allocation) {
    public BudgetAllocation {
        if (allocation < 0) {
            throw new IllegalArgumentException("allocation cannot be negative");
        }
    }
}
