package io.tributary.server;

/** The build's version, from the jar manifest (absent when run from classes). */
final class Version {
    private Version() {
    }

    static String get() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
