package dev.hydra.services.host;

/**
 * Traffic of one network interface over the last sampling window.
 *
 * @param physical false for loopback, container and bridge interfaces (veth*, docker*, br-*, ...)
 */
public record NetworkRate(String name, double rxBytesPerSecond, double txBytesPerSecond, boolean physical) {

    private static final java.util.regex.Pattern VIRTUAL =
            java.util.regex.Pattern.compile("lo|veth.*|docker.*|br-.*|podman.*|ifb.*|cni.*|flannel.*|virbr.*");

    public static boolean isPhysical(String interfaceName) {
        return !VIRTUAL.matcher(interfaceName).matches();
    }
}
