package id.dinsos.rentan.domain;

/**
 * How a registration reached the programme: the citizen portal, a staff member, the decree list
 * import, or the re-enrolment of a membership that lapsed for arrears.
 */
public enum RegistrationSource { PORTAL, STAFF, IMPORT, RE_ENROLMENT }
