package dev.hydra.bench;

import dev.hydra.bench.hello.HelloFx;
import dev.hydra.installer.AppInputs;
import dev.hydra.installer.Commands;
import dev.hydra.installer.RuntimeImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The minimal JavaFX app packaged the best standard way, as the baseline for Hydra's start: its own jlinked runtime
 * (javafx.controls, the same JavaFX jars and native-library layout as Hydra's runtime, plus the JDK's default CDS
 * archive), and a jpackage launcher like Hydra's.
 */
final class HelloImage {

    private HelloImage() {
    }

    /** Builds the hello app-image under {@code work}; returns its launcher. */
    static Path build(Path appClasspathFile, Path work) throws IOException, URISyntaxException {
        Path input = Files.createDirectories(work.resolve("hello-input"));
        writeJar(input.resolve("hello.jar"));
        Path runtime = work.resolve("hello-runtime");
        RuntimeImage.build(AppInputs.read(appClasspathFile).javafx(), List.of("javafx.controls", "java.management"),
                List.of("--strip-debug", "--no-header-files", "--no-man-pages", "--exclude-resources=**.so,**.dll,**.dylib",
                        "--generate-cds-archive"), runtime);
        Path dest = work.resolve("hello-image");
        Commands.jdkTool("jpackage", work, List.of("--type", "app-image", "--name", "hello", "--input", input.toString(),
                "--main-jar", "hello.jar", "--main-class", HelloFx.class.getName(), "--runtime-image", runtime.toString(),
                "--java-options", "--enable-native-access=javafx.graphics", "--dest", dest.toString()));
        return dest.resolve("hello/bin/hello");
    }

    /** A jar with the hello classes only, taken from the bench's compiled classes. */
    private static void writeJar(Path jar) throws IOException, URISyntaxException {
        Path classes = Path.of(HelloFx.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path folder = classes.resolve(HelloFx.class.getPackageName().replace('.', '/'));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, HelloFx.class.getName());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> files = Files.list(folder)) {
            for (Path classFile : files.filter(f -> f.getFileName().toString().endsWith(".class")).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
        }
    }
}
