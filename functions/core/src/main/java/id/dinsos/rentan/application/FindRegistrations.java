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

    public FindRegistrations(RegistrationStore registrations) {
        this.registrations = registrations;
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

    RegistrationView view(Registration registration) {
        return new RegistrationView(registration, registrations.waitlistPosition(registration), 0);
    }
}
