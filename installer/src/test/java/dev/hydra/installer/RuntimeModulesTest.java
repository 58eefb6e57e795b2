package dev.hydra.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeModulesTest {

    @TempDir
    Path dir;

    @Test
    void jdepsFollowsTheAppsCodeIntoItsLibrariesAndReadsTheDriversItLoadsByName() throws Exception {
        Path javafxBase = Path.of(Class.forName("javafx.beans.Observable").getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        Path library = compile("demo-lib-1.0.jar", List.of(javafxBase), Map.of(
                "demo/lib/Helper.java", "package demo.lib; public class Helper { public static Object help() throws "
                        + "Exception { return new javax.naming.InitialContext(); } }",
                "demo/lib/Unused.java", "package demo.lib; public class Unused { Object management() { return "
                        + "java.lang.management.ManagementFactory.getRuntimeMXBean(); } }"));
        Path driver = compile("demo-driver-1.0.jar", List.of(), Map.of(
                "demo/driver/Driver.java", "package demo.driver; public class Driver { Object engines() { return new "
                        + "javax.script.ScriptEngineManager(); } }",
                "META-INF/services/java.sql.Driver", "demo.driver.Driver"));
        Path unrelated = compile("demo-unrelated-1.0.jar", List.of(), Map.of(
                "demo/other/Tool.java", "package demo.other; public class Tool { Object compiler() { return "
                        + "javax.tools.ToolProvider.getSystemJavaCompiler(); } }"));
        Path app = compile("hydra-app-1.0.jar", List.of(javafxBase, library), Map.of(
                "demo/App.java", "package demo; public class App { java.sql.Connection connection; Object count = new "
                        + "javafx.beans.property.SimpleIntegerProperty(); Object helped() throws Exception { return "
                        + "demo.lib.Helper.help(); } }"));

        List<String> modules = RuntimeModules.jdeps(new AppInputs(List.of(app, library, driver, unrelated),
                List.of(javafxBase)));

        assertThat(modules).as("the app's code, a library it calls (all of it), a driver registered as a service")
                .contains("java.sql", "javafx.base", "java.naming", "java.management", "java.scripting")
                .as("a jar nothing calls or loads").doesNotContain("java.compiler");
    }

    @Test
    void theModuleListIsTheLastLineJdepsPrints() {
        String output = """
                Warning: split package: picocli file:///x/picocli-4.7.7.jar picocli-4.7.7.jar
                java.base,java.desktop,java.sql,javafx.controls
                """;

        assertThat(RuntimeModules.parseJdepsOutput(output)).containsExactly("java.base", "java.desktop", "java.sql",
                "javafx.controls");
    }

    @Test
    void jdepsWithoutAnAnswerIsAnError() {
        assertThatThrownBy(() -> RuntimeModules.parseJdepsOutput("Error: Module okio not found, required by okhttp3\n"))
                .isInstanceOf(PackagingException.class).hasMessageContaining("Module okio not found");
    }

    @Test
    void extraModulesAreReadWithoutCommentsAndAnAbsentFileAddsNone() throws Exception {
        Path list = Files.writeString(dir.resolve("extra-modules.txt"), """
                # why each module is here
                jdk.charsets   # the Windows console's code pages

                jdk.localedata
                """);

        assertThat(RuntimeModules.readList(list)).containsExactly("jdk.charsets", "jdk.localedata");
        assertThat(RuntimeModules.readList(dir.resolve("absent.txt"))).isEmpty();
    }

    /** Compiles the .java sources into a jar; other entries (service files) are copied as they are. */
    private Path compile(String jarName, List<Path> classpath, Map<String, String> sources) throws IOException {
        Path sourceDir = dir.resolve(jarName + "-src");
        Path classes = dir.resolve(jarName + "-classes");
        Files.createDirectories(classes);
        List<String> arguments = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-cp",
                String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList())));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = (source.getKey().endsWith(".java") ? sourceDir : classes).resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            if (source.getKey().endsWith(".java")) {
                arguments.add(file.toString());
            }
        }
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new));
        assertThat(exit).as("javac exit code").isZero();
        Map<String, byte[]> entries = new HashMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                entries.put(classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return TestJars.write(dir.resolve(jarName), entries);
    }
}
