package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.port.LedgerStore;
import id.dinsos.rentan.port.ProgrammeStore;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;

/**
 * The collective bill BPJS receives for a month: the programme's wadah (BPJS's group code) and
 * one line per person, part by part, ordered by NIK.
 */
public final class MonthlyBill {
    private final LedgerStore ledger;

    private final ProgrammeStore programmes;

    public MonthlyBill(LedgerStore ledger, ProgrammeStore programmes) {
        this.ledger = ledger;
        this.programmes = programmes;
    }

    /** A month's bill: BPJS files it under the programme's wadah code. */
    public record Bill(YearMonth month, String wadahCode, List<ContributionLine> lines) {
    }

    public Bill bill(String programmeId, YearMonth month) {
        Programme programme = programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp).programme();
        // BPJS files the programme's collective bill under its wadah (group) code, a programme setting.
        return new Bill(month, programme.wadahCode(), lines(programmeId, month));
    }

    /** Every line of the month, all parts, ordered by NIK (each line names its part). */
    public List<ContributionLine> lines(String programmeId, YearMonth month) {
        List<MonthlyRun> parts = ledger.parts(programmeId, month);
        if (parts.isEmpty()) {
            throw RunMonth.runNotFound(month);
        }
        List<MonthlyRun> billed = parts.stream().filter(MonthlyRun::billed).toList();
        if (billed.isEmpty()) {
            throw new Refusal.Conflict("RUN_NOT_COMPLETED", "The run for " + month + " is " + parts.get(0).status() + "; it has no bill yet.");
        }
        long expected = billed.stream().mapToLong(MonthlyRun::participants).sum();
        List<ContributionLine> lines = ledger.lines(programmeId, month).stream()
                .filter(l -> billed.stream().anyMatch(p -> p.part() == l.part())).toList();
        if (lines.size() != expected) {
            // The bill is read from an eventually consistent index: never hand BPJS a bill short of lines.
            throw new Refusal.Conflict("BILL_NOT_READY", "The bill for " + month + " is still being prepared ("
                    + lines.size() + " of " + expected + " lines); try again in a few seconds.");
        }
        return lines.stream()
                .sorted(Comparator.comparingInt(ContributionLine::part)
                        .thenComparing((ContributionLine l) -> l.nik().value()).thenComparing(ContributionLine::registrationId))
                .toList();
    }
}
