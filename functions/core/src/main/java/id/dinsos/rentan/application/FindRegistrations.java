package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Ids;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.port.Page;
import id.dinsos.rentan.port.RegistrationStore;

import java.util.List;

/** Reads registrations for staff and the portal. */
public final class FindRegistrations {
    private final RegistrationStore registrations;
    private final Ledger ledger;

    public FindRegistrations(RegistrationStore registrations, Ledger ledger) {
        this.registrations = registrations;
        this.ledger = ledger;
    }

    /** The registration with this id; an id that is not a canonical UUID names none and is not looked up. */
    public Registration require(String id) {
        Refusal.NotFound notFound = new Refusal.NotFound("REGISTRATION_NOT_FOUND", "No registration has this id.");
        if (!Ids.isId(id)) {
            throw notFound;
        }
        return registrations.find(id).orElseThrow(() -> notFound);
    }

    public RegistrationView get(String id) {
        return view(require(id));
    }

    /** Every registration this NIK has had in the programme, newest first. */
    public List<RegistrationView> byNik(String programmeId, Nik nik) {
        Ledger.BillParts paid = ledger.billParts(programmeId);
        return registrations.findByNik(programmeId, nik).stream().map(r -> view(r, paid)).toList();
    }

    /**
     * A page of registrations, WAITLISTED ones in waitlist order with the positions the listing read
     * the cursor is checked (a foreign or garbled one is refused) before anything else is read.
     */
    public Page<RegistrationView> list(RegistrationStore.Query query, int limit, String cursor) {
        Page<RegistrationStore.Listed> page = registrations.list(query, limit, cursor);
        Ledger.BillParts paid = ledger.billParts(query.programmeId());
        return page.map(listed -> new RegistrationView(listed.registration(), listed.waitlistPosition(),
                consecutivePaidMonths(listed.registration(), paid)));
    }

    RegistrationView view(Registration registration) {
        return view(registration, ledger.billParts(registration.programmeId()));
    }

    /**
     * With its waitlist position and its person's consecutive paid months (R-21, counted across the
     * person's registrations); a page shares one read of the bill parts.
     */
    private RegistrationView view(Registration registration, Ledger.BillParts parts) {
        return new RegistrationView(registration, registrations.waitlistPosition(registration), consecutivePaidMonths(registration, parts));
    }

    private int consecutivePaidMonths(Registration registration, Ledger.BillParts parts) {
        return registration.coverageStart() == null ? 0
                : ledger.consecutivePaidMonths(registration.programmeId(), registration.nik(), parts);
    }
}
