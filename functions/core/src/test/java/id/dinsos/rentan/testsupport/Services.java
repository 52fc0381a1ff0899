package id.dinsos.rentan.testsupport;

import id.dinsos.rentan.application.DecideRegistration;
import id.dinsos.rentan.application.EndRegistration;
import id.dinsos.rentan.application.FindRegistrations;
import id.dinsos.rentan.application.ImportDecreeList;
import id.dinsos.rentan.application.ProgrammeSettings;
import id.dinsos.rentan.application.RegisterApplicant;
import id.dinsos.rentan.application.Waitlist;
import id.dinsos.rentan.dynamodb.DynamoDbProgrammeStore;
import id.dinsos.rentan.dynamodb.DynamoDbRegistrationStore;
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

    public Services(DynamoDbClient client, String table, Clock clock) {
        programmes = new DynamoDbProgrammeStore(client, table);
        registrations = new DynamoDbRegistrationStore(client, table);
        find = new FindRegistrations(registrations);
        waitlist = new Waitlist(programmes, registrations, clock);
        settings = new ProgrammeSettings(programmes, waitlist);
        register = new RegisterApplicant(programmes, registrations, clock);
        decide = new DecideRegistration(programmes, registrations, find, waitlist, clock);
        end = new EndRegistration(registrations, waitlist, find, clock);
        importList = new ImportDecreeList(programmes, registrations, clock);
    }
}
