package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A month's bill parts as staff see them: what the month as a whole stands at, added up
 * over its parts. {@code GET /runs/{month}} and the year's overview ({@code GET /runs?year=}) both read
 * a month through this, so they can never disagree. A month never run has no parts.
 *
 * <p>A part blocked by the budget charged nobody; it shows the participants it planned and what
 * they would have cost, so {@link #participants()} and {@link #total()} say what the month asks for.
 * {@link #paidTotal()} and {@link #unpaidTotal()} count only billed (completed) parts: what the city
 * paid and what it owes BPJS.
 */
public record MonthParts(YearMonth month, List<MonthlyRun> parts) {
    public MonthParts {
        parts = parts.stream().sorted(Comparator.comparingInt(MonthlyRun::part)).toList();
        if (parts.stream().anyMatch(p -> !p.month().equals(month))) {
            throw new IllegalArgumentException("every part belongs to " + month);
        }
    }

    /** The latest part: the one whose status is the month's. Empty for a month never run. */
    public Optional<MonthlyRun> latest() {
        return parts.isEmpty() ? Optional.empty() : Optional.of(parts.get(parts.size() - 1));
    }

    /** The latest part's status; empty for a month never run. */
    public Optional<RunStatus> status() {
        return latest().map(MonthlyRun::status);
    }

    public long participants() {
        return parts.stream().mapToLong(MonthParts::participantsOf).sum();
    }

    public long plannedParticipants() {
        return parts.stream().mapToLong(MonthlyRun::plannedParticipants).sum();
    }

    public long jkkTotal() {
        return parts.stream().mapToLong(MonthParts::jkkTotalOf).sum();
    }

    public long jkmTotal() {
        return parts.stream().mapToLong(MonthParts::jkmTotalOf).sum();
    }

    public long total() {
        return parts.stream().mapToLong(MonthParts::totalOf).sum();
    }

    /** What was paid: the totals of billed parts with a payment. */
    public long paidTotal() {
        return parts.stream().filter(MonthlyRun::billed).filter(MonthlyRun::paid).mapToLong(MonthlyRun::total).sum();
    }

    /** What is owed: the totals of billed parts without a payment (due or not yet due). */
    public long unpaidTotal() {
        return parts.stream().filter(MonthlyRun::billed).filter(p -> !p.paid()).mapToLong(MonthlyRun::total).sum();
    }

    /** Every billed part is paid (and there is one). */
    public boolean paid() {
        List<MonthlyRun> billed = parts.stream().filter(MonthlyRun::billed).toList();
        return !billed.isEmpty() && billed.stream().allMatch(MonthlyRun::paid);
    }

    /**
     * a billed part that charged someone is unpaid on {@code today} and its due date is before
     * {@code today}. The same test as {@link Arrears#assess}'s, part by part.
     */
    public boolean overdueOn(LocalDate today) {
        return parts.stream().anyMatch(p -> overdueOn(p, today));
    }

    public static boolean overdueOn(MonthlyRun part, LocalDate today) {
        return part.billed() && part.total() > 0 && !part.paidBy(today) && part.dueDate().isBefore(today);
    }

    /** A part's participants: those it charged, or for a part blocked by the budget those it planned. */
    public static long participantsOf(MonthlyRun part) {
        return part.status() == RunStatus.BLOCKED_BUDGET ? part.plannedParticipants() : part.participants();
    }

    public static long jkkTotalOf(MonthlyRun part) {
        return participantsOf(part) * part.rate().jkk();
    }

    public static long jkmTotalOf(MonthlyRun part) {
        return participantsOf(part) * part.rate().jkm();
    }

    public static long totalOf(MonthlyRun part) {
        return participantsOf(part) * part.rate().total();
    }
}
