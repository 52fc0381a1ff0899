package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.port.LedgerStore;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;

/** The collective bill BPJS receives for a month: one line per participant, ordered by NIK. */
public final class MonthlyBill {
    private final LedgerStore ledger;

    public MonthlyBill(LedgerStore ledger) {
        this.ledger = ledger;
    }

    public List<ContributionLine> lines(String programmeId, YearMonth month) {
        MonthlyRun run = ledger.findRun(programmeId, month).orElseThrow(() -> RunMonth.runNotFound(month));
        if (!run.billed()) {
            throw new Refusal.Conflict("RUN_NOT_COMPLETED", "The run for " + month + " is " + run.status() + "; it has no bill yet.");
        }
        List<ContributionLine> lines = ledger.lines(programmeId, month);
        if (lines.size() != run.participants()) {
            // The bill is read from an eventually consistent index: never hand BPJS a bill short of lines.
            throw new Refusal.Conflict("BILL_NOT_READY", "The bill for " + month + " is still being prepared ("
                    + lines.size() + " of " + run.participants() + " lines); try again in a few seconds.");
        }
        return lines.stream()
                .sorted(Comparator.comparing((ContributionLine l) -> l.nik().value()).thenComparing(ContributionLine::registrationId))
                .toList();
    }
}
