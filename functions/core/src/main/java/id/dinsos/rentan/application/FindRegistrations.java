package id.dinsos.rentan.application;

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

    public Registration require(String id) {
        return registrations.find(id).orElseThrow(() ->
                new Refusal.NotFound("REGISTRATION_NOT_FOUND", "No registration has this id."));
    }

    public RegistrationView get(String id) {
        return view(require(id));
    }

    /** Every registration this NIK has had in the programme, newest first. */
    public List<RegistrationView> byNik(String programmeId, Nik nik) {
        return registrations.findByNik(programmeId, nik).stream().map(this::view).toList();
    }

    public Page<RegistrationView> list(RegistrationStore.Query query, int limit, String cursor) {
        return registrations.list(query, limit, cursor).map(this::view);
    }

    /** With its waitlist position and its consecutive paid months, each read from their own items. */
    RegistrationView view(Registration registration) {
        int paidMonths = registration.coverageStart() == null ? 0
                : ledger.consecutivePaidMonths(registration.programmeId(), registration.id());
        return new RegistrationView(registration, registrations.waitlistPosition(registration), paidMonths);
    }
}
