package id.dinsos.rentan.domain;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * One part of a month's collective bill as it stood: when it was raised, when it was due and when it
 * was paid. Part 1 is the month's regular run; later parts are supplementary, raised for
 * coverage granted or dated back after the month was run. A claim reads these facts as they stood on
 * the event date, never as they stand today.
 *
 * @param raisedOn the day its lines were charged (the run was planned)
 * @param dueDate  the day by which it had to be paid, fixed when it was raised
 * @param paidOn   the day the city paid it, or null while unpaid
 */
public record BillPart(YearMonth month, int part, LocalDate raisedOn, LocalDate dueDate, LocalDate paidOn) {

    /** Paid on or before {@code date}: a payment made after an event does not cover it. */
    public boolean paidBy(LocalDate date) {
        return paidOn != null && !paidOn.isAfter(date);
    }

    /** On {@code date} the part existed, was unpaid and not yet due: covered, pending payment. */
    public boolean pendingOn(LocalDate date) {
        return !raisedOn.isAfter(date) && !date.isAfter(dueDate) && !paidBy(date);
    }

    /** On {@code date} the part was past its due date and unpaid: the month was in arrears. */
    public boolean inArrearsOn(LocalDate date) {
        return date.isAfter(dueDate) && !paidBy(date);
    }
}
