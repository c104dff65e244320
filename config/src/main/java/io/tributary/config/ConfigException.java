package io.tributary.config;

/**
 * A configuration problem that stops start-up. The message always names the setting, and is meant
 * to be shown to an operator as one line, without a stack trace.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String setting;

    public ConfigException(String setting, String problem) {
        super("setting '" + setting + "': " + problem);
        this.setting = setting;
    }

    public ConfigException(String setting, String problem, Throwable cause) {
        super("setting '" + setting + "': " + problem, cause);
        this.setting = setting;
    }

    /** The setting at fault, or a pseudo-setting such as {@code --config} for the file itself. */
    public String setting() {
        return setting;
    }
}
