package dev.strata.api.management;

/**
 * What the connected user may do ({@code dev.strata:type=Access}), so a console can disable what the role cannot do
 * instead of letting it fail. Every user may read it.
 */
public interface AccessMXBean {

    /** The connected user's name. */
    String getUser();

    /** {@code monitor}, {@code operator} or {@code admin}. */
    String getRole();

    /**
     * Whether the connected user may invoke the operation on the bean.
     *
     * @param objectName an MBean's name, such as {@code dev.strata:type=Runtime}
     * @param operation  an operation's name, such as {@code defineStore}
     */
    boolean canInvoke(String objectName, String operation);
}
