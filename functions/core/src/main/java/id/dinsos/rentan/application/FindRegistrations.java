package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.domain.Refusal;
import id.dinsos.rentan.domain.Registration;
import id.dinsos.rentan.port.Page;
import id.dinsos.rentan.port.RegistrationStore;

import java.time.YearMonth;
import java.util.List;
import java.util.Set;

/** Reads registrations for staff and the portal. */
public final class FindRegistrations {
    private final RegistrationStore registrations;
    private final Ledger ledger;

    public FindRegistrations(RegistrationStore registrations, Ledger ledger) {
        this.registrations = registrations;
        this.ledger = ledger;
    }

    public Registration require(String id) {
        return registrations.find(id).orElseThrow(() ->
                new Refusal.NotFound("REGISTRATION_NOT_FOUND", "No registration has this id."));
    }

    public RegistrationView get(String id) {
        return view(require(id));
    }

    /** Every registration this NIK has had in the programme, newest first. */
    public List<RegistrationView> byNik(String programmeId, Nik nik) {
        Set<YearMonth> paid = ledger.paidMonths(programmeId);
        return registrations.findByNik(programmeId, nik).stream().map(r -> view(r, paid)).toList();
    }

    public Page<RegistrationView> list(RegistrationStore.Query query, int limit, String cursor) {
        Set<YearMonth> paid = ledger.paidMonths(query.programmeId());
        return registrations.list(query, limit, cursor).map(r -> view(r, paid));
    }

    RegistrationView view(Registration registration) {
        return view(registration, ledger.paidMonths(registration.programmeId()));
    }

    /** With its waitlist position and its consecutive paid months; a page shares one read of the paid months. */
    private RegistrationView view(Registration registration, Set<YearMonth> paidMonths) {
        int paid = registration.coverageStart() == null ? 0 : ledger.consecutivePaidMonths(registration.id(), paidMonths);
        return new RegistrationView(registration, registrations.waitlistPosition(registration), paid);
    }
}
