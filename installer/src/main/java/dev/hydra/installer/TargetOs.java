package dev.hydra.installer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What differs between the operating systems jpackage builds for: where an app-image keeps its launchers and
 * jars, where a JavaFX runtime looks for its native libraries, and which installers can be built. jpackage cannot
 * cross-build, so the target is always the machine the build runs on.
 */
enum TargetOs {
    LINUX("linux"), WINDOWS("windows"), MACOS("macos");

    private final String folder;

    TargetOs(String folder) {
        this.folder = folder;
    }

    static TargetOs current() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        return name.startsWith("mac") ? MACOS : LINUX;
    }

    /** The folder under installer/ with this OS's jpackage arguments and resources. */
    String folder() {
        return folder;
    }

    /**
     * Where JavaFX's NativeLibLoader looks first when its classes come from the runtime image
     * ({@code java.home/lib}, or {@code java.home/bin/javafx} on Windows): libraries found there are loaded as they
     * are, instead of being extracted to {@code ~/.openjfx/cache} and checksummed at every start.
     */
    Path nativeLibraryDir(Path runtime) {
        return this == WINDOWS ? runtime.resolve("bin/javafx") : runtime.resolve("lib");
    }

    boolean isNativeLibrary(String fileName) {
        return switch (this) {
            case LINUX -> fileName.endsWith(".so");
            case WINDOWS -> fileName.endsWith(".dll");
            case MACOS -> fileName.endsWith(".dylib");
        };
    }

    /** The app folder of an app-image: the jars, the launchers' .cfg files, and the AOT cache ($APPDIR). */
    Path appDir(Path image) {
        return switch (this) {
            case LINUX -> image.resolve("lib/app");
            case WINDOWS -> image.resolve("app");
            case MACOS -> image.resolve("Contents/app");
        };
    }

    Path runtimeDir(Path image) {
        return switch (this) {
            case LINUX -> image.resolve("lib/runtime");
            case WINDOWS -> image.resolve("runtime");
            case MACOS -> image.resolve("Contents/runtime/Contents/Home");
        };
    }

    /** A launcher of the app-image by name; every OS has one called "hydra" that also serves the command line. */
    Path launcher(Path image, String name) {
        return switch (this) {
            case LINUX -> image.resolve("bin").resolve(name);
            case WINDOWS -> image.resolve(name + ".exe");
            case MACOS -> image.resolve("Contents/MacOS").resolve(name);
        };
    }

    /** The installers this machine can build, for --types=native. */
    List<String> nativeInstallerTypes() {
        return switch (this) {
            case WINDOWS -> List.of("msi");
            case MACOS -> List.of("dmg");
            case LINUX -> {
                List<String> types = new ArrayList<>();
                if (onPath("dpkg-deb") && onPath("fakeroot")) {
                    types.add("deb");
                }
                if (onPath("rpmbuild")) {
                    types.add("rpm");
                }
                if (types.isEmpty()) {
                    throw new PackagingException("Cannot build a Linux installer here: a .deb needs dpkg-deb and "
                            + "fakeroot (apt-get install dpkg-dev fakeroot), an .rpm needs rpmbuild (rpm-build). "
                            + "Use -Dinstaller.types=app-image for the app-image alone.");
                }
                yield types;
            }
        };
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
