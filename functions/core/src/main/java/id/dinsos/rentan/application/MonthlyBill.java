package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.MonthlyRun;
import id.dinsos.rentan.domain.Programme;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.port.BillFiles;
import id.dinsos.rentan.port.LedgerStore;
import id.dinsos.rentan.port.ProgrammeStore;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The collective bill BPJS receives for a month: the programme's wadah (BPJS's group code) and
 * one line per person, part by part, ordered by NIK.
 */
public final class MonthlyBill {
    private final LedgerStore ledger;

    private final ProgrammeStore programmes;

    private final BillFiles files;

    public MonthlyBill(LedgerStore ledger, ProgrammeStore programmes) {
        this(ledger, programmes, BillFiles.NONE);
    }

    public MonthlyBill(LedgerStore ledger, ProgrammeStore programmes, BillFiles files) {
        this.ledger = ledger;
        this.programmes = programmes;
        this.files = files;
    }

    /**
     * The billed parts of the month, in order, when every one of them was written as files by the
     * segments that charged it (with as many lines as the part charged); empty when the bill must be
     * built from the table (runs made before the bill files existed, a part whose completing invocation
     * died before recording its slices, a part of no lines). Refused as {@link #lines} refuses a month
     * without a bill.
     */
    public Optional<List<Integer>> partsInFiles(String programmeId, YearMonth month) {
        return wholeInFiles(billedParts(programmeId, month), files.completedParts(programmeId, month));
    }

    /**
     * The billed parts in order when each has its slices recorded with as many lines as it charged (a
     * part of no lines has none to record), and at least one part was recorded.
     */
    static Optional<List<Integer>> wholeInFiles(List<MonthlyRun> billed, Map<Integer, Long> recorded) {
        boolean whole = !recorded.isEmpty() && billed.stream()
                .allMatch(p -> p.participants() == 0 || Long.valueOf(p.participants()).equals(recorded.get(p.part())));
        return whole ? Optional.of(billed.stream().map(MonthlyRun::part).sorted().toList()) : Optional.empty();
    }

    /** A download link to the month's bill file, where the files give links and the file holds every billed part. */
    public Optional<BillFiles.Link> link(String programmeId, YearMonth month) {
        return partsInFiles(programmeId, month).flatMap(parts -> files.link(programmeId, month, parts));
    }

    /** How many lines the month's bill has: every completed part's. */
    public long lineCount(String programmeId, YearMonth month) {
        return billedParts(programmeId, month).stream().mapToLong(MonthlyRun::participants).sum();
    }

    /** The wadah code the bill's first column carries. */
    public String wadahCode(String programmeId) {
        return programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp).programme().wadahCode();
    }

    private List<MonthlyRun> billedParts(String programmeId, YearMonth month) {
        List<MonthlyRun> parts = ledger.parts(programmeId, month);
        if (parts.isEmpty()) {
            throw RunMonth.runNotFound(month);
        }
        List<MonthlyRun> billed = parts.stream().filter(MonthlyRun::billed).toList();
        if (billed.isEmpty()) {
            throw new Refusal.Conflict("RUN_NOT_COMPLETED", "The run for " + month + " is " + parts.get(0).status() + "; it has no bill yet.");
        }
        return billed;
    }

    /** A month's bill: BPJS files it under the programme's wadah code. */
    public record Bill(YearMonth month, String wadahCode, List<ContributionLine> lines) {
    }

    public Bill bill(String programmeId, YearMonth month) {
        return bill(programmeId, month, Long.MAX_VALUE);
    }

    /**
     * The bill built from the table, refused as {@code BILL_TOO_LARGE} when the month has more than
     * {@code maxLines} lines (one response cannot carry it: the bill files can).
     */
    public Bill bill(String programmeId, YearMonth month, long maxLines) {
        long lines = billedParts(programmeId, month).stream().mapToLong(MonthlyRun::participants).sum();
        if (lines > maxLines) {
            throw new Refusal.Conflict("BILL_TOO_LARGE", "The bill for " + month + " has " + lines + " lines, more than the "
                    + maxLines + " one response can carry, and no bill file; a run made since the bill files exist writes one.");
        }
        Programme programme = programmes.find(programmeId).orElseThrow(ProgrammeSettings::notSetUp).programme();
        // BPJS files the programme's collective bill under its wadah (group) code, a programme setting.
        return new Bill(month, programme.wadahCode(), lines(programmeId, month));
    }

    /** Every line of the month, all parts, ordered by NIK (each line names its part). */
    public List<ContributionLine> lines(String programmeId, YearMonth month) {
        List<MonthlyRun> billed = billedParts(programmeId, month);
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
