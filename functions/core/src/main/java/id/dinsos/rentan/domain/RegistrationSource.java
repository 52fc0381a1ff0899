package id.dinsos.rentan.domain;

/** How a registration reached the programme: the citizen portal, a staff member, or the decree list import. */
public enum RegistrationSource { PORTAL, STAFF, IMPORT }
