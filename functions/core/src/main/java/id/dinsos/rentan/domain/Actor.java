package id.dinsos.rentan.domain;

/** Who asks for a change: a staff member, the citizen portal, or the system itself (the decree import, the schedule). */
public record Actor(String id, Kind kind) {
    public enum Kind { STAFF, PORTAL, SYSTEM }

    public static Actor staff(String id) {
        return new Actor(id, Kind.STAFF);
    }

    public static Actor system(String id) {
        return new Actor(id, Kind.SYSTEM);
    }

    public static Actor portal(String id) {
        return new Actor(id, Kind.PORTAL);
    }

    /** How the actor appears in a registration's history. */
    public String label() {
        return kind.name().toLowerCase() + ":" + id;
    }
}
