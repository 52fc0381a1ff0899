package id.dinsos.rentan.domain;

/**
 * One fiscal year's APBD allocation and its use. {@code charged} is everything billed or
 * reserved by runs of the year's months; {@code spent} what was paid; {@code committed} what is
 * billed but unpaid. Spending may never exceed the allocation.
 */
public record BudgetYear(int year, long allocation, long charged, long spent) {

    public long committed() {
        return charged - spent;
    }

    public long remaining() {
        return allocation - charged;
    }

    /**
     * how much is missing to charge {@code cost} to this year, or 0 when it fits. The
     * boundary is inclusive: a cost equal to what remains fits.
     */
    public long shortfallFor(long cost) {
        return Math.max(0, cost - remaining());
    }
}
