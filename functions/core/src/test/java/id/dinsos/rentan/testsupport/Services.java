package id.dinsos.rentan.testsupport;

import id.dinsos.rentan.files.InMemoryBillFiles;
import id.dinsos.rentan.application.DecideRegistration;
import id.dinsos.rentan.application.EndRegistration;
import id.dinsos.rentan.application.FindRegistrations;
import id.dinsos.rentan.application.ImportDecreeList;
import id.dinsos.rentan.application.Lapses;
import id.dinsos.rentan.application.Ledger;
import id.dinsos.rentan.application.MonthlyBill;
import id.dinsos.rentan.application.RecordPayment;
import id.dinsos.rentan.application.RunMonth;
import id.dinsos.rentan.application.RunSegment;
import id.dinsos.rentan.application.ProgrammeSettings;
import id.dinsos.rentan.application.RegisterApplicant;
import id.dinsos.rentan.application.Waitlist;
import id.dinsos.rentan.dynamodb.DynamoDbLedgerStore;
import id.dinsos.rentan.dynamodb.DynamoDbParticipantSource;
import id.dinsos.rentan.dynamodb.DynamoDbProgrammeStore;
import id.dinsos.rentan.dynamodb.DynamoDbRegistrationStore;
import id.dinsos.rentan.port.Metrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;

/** The use cases wired on the DynamoDB stores, as the handlers wire them. */
public final class Services {
    public final DynamoDbProgrammeStore programmes;
    public final DynamoDbRegistrationStore registrations;
    public final FindRegistrations find;
    public final Waitlist waitlist;
    public final ProgrammeSettings settings;
    public final RegisterApplicant register;
    public final DecideRegistration decide;
    public final EndRegistration end;
    public final ImportDecreeList importList;
    public final DynamoDbLedgerStore ledgerStore;
    public final DynamoDbParticipantSource participants;
    public final Ledger ledger;
    public final RunSegment runSegment;
    public final RecordingSegmentQueue segmentQueue;
    public final Lapses lapses;
    public final RunMonth runMonth;
    public final RecordPayment payments;
    public final MonthlyBill bill;
    /** The bill files the segments write, in memory under S3's keys. */
    public final InMemoryBillFiles billFiles = new InMemoryBillFiles();

    public Services(DynamoDbClient client, String table, Clock clock) {
        this(client, table, clock, Metrics.NONE);
    }

    /** With the metrics the use cases count into, as the handlers wire them. */
    public Services(DynamoDbClient client, String table, Clock clock, Metrics metrics) {
        programmes = new DynamoDbProgrammeStore(client, table);
        registrations = new DynamoDbRegistrationStore(client, table);
        ledgerStore = new DynamoDbLedgerStore(client, table);
        participants = new DynamoDbParticipantSource(client, table);
        ledger = new Ledger(ledgerStore, clock);
        find = new FindRegistrations(registrations, ledger);
        waitlist = new Waitlist(programmes, registrations, clock, metrics);
        settings = new ProgrammeSettings(programmes, waitlist, ledger);
        register = new RegisterApplicant(programmes, registrations, clock, metrics);
        decide = new DecideRegistration(programmes, registrations, find, waitlist, clock, metrics);
        end = new EndRegistration(registrations, waitlist, find, clock, metrics);
        importList = new ImportDecreeList(programmes, registrations, clock, metrics);
        runSegment = new RunSegment(participants, ledgerStore, clock, metrics, billFiles, programmes);
        segmentQueue = new RecordingSegmentQueue(runSegment);
        lapses = new Lapses(programmes, registrations, ledgerStore, ledger, clock, metrics);
        runMonth = new RunMonth(programmes, participants, ledgerStore, ledger, segmentQueue, lapses, clock, metrics);
        payments = new RecordPayment(ledgerStore, runMonth, clock, metrics);
        bill = new MonthlyBill(ledgerStore, programmes, billFiles);
    }
}
