package dev.hydra.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering rules of docs/architecture.md, checked on every build (Surefire 3.5.6+ runs field rules). */
@AnalyzeClasses(packages = "dev.hydra", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] UI_TOOLKITS = {"javafx..", "org.controlsfx..", "atlantafx..", "eu.hansolo..",
            "org.kordamp.ikonli.."};

    @ArchTest
    static final ArchRule servicesUseNoUiToolkit = noClasses().that().resideInAPackage("dev.hydra.services..")
            .should().dependOnClassesThat().resideInAnyPackage(UI_TOOLKITS)
            .because("services run headless (hydra serve, the command line) and are tested without a toolkit");

    @ArchTest
    static final ArchRule viewModelsUseOnlyJavafxBase = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                    "javafx.concurrent..", "javafx.fxml..", "javafx.application..", "javafx.animation..",
                    "org.controlsfx..", "atlantafx..", "eu.hansolo..", "org.kordamp..", "okhttp3..",
                    "net.schmizz..", "com.hierynomus..", "com.jcraft..", "com.github.dockerjava..", "java.sql..",
                    "org.jdbi..")
            .because("view models are tested without the JavaFX toolkit and never talk to a transport directly");

    @ArchTest
    static final ArchRule uiSeesNoTransportOrJdbc = noClasses().that().resideInAPackage("dev.hydra.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.jdbi..", "com.zaxxer..",
                    "okhttp3..", "net.schmizz..", "com.hierynomus..", "com.jcraft..", "com.github.dockerjava..",
                    "oshi..")
            .because("the UI sees service interfaces and records only");

    @ArchTest
    static final ArchRule jschOnlyAsTheAgentClient = noClasses().that()
            .resideOutsideOfPackage("dev.hydra.services.transport.ssh").should().dependOnClassesThat()
            .resideInAPackage("com.jcraft..")
            .because("sshj is the SSH client; JSch only talks to the ssh-agent, inside transport.ssh");

    @ArchTest
    static final ArchRule noAwtOrSwing = noClasses().that().resideOutsideOfPackage("dev.hydra.services.imaging..")
            .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..", "javax.imageio..")
            .because("the UI is JavaFX only; headless pixel work (ImageIO decoding, thumbnails) stays in "
                    + "services.imaging");

    @ArchTest
    static final ArchRule imagingUsesNoSwing = noClasses().that().resideInAPackage("dev.hydra.services.imaging..")
            .should().dependOnClassesThat().resideInAnyPackage("javax.swing..", "java.awt.event..")
            .because("services.imaging decodes and scales pixels headless; it shows nothing");

    @ArchTest
    static final ArchRule noStandardStreams = noClasses().should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("output goes through SLF4J, or through picocli's writers in the command line");

    @ArchTest
    static final ArchRule onlyUiCommonHopsToTheFxThread = noClasses().that()
            .resideOutsideOfPackage("dev.hydra.ui.common..")
            .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
            .because("UiExecutor is the one way onto the FX thread, so view models stay testable");

    @ArchTest
    static final ArchRule uiFeaturesDoNotImportEachOther = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition
            .slices().matching("dev.hydra.ui.(*)..").should().notDependOnEachOther()
            .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                    com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage("dev.hydra.ui.common..",
                            "dev.hydra.ui.controls..", "dev.hydra.ui.theme..", "dev.hydra.ui.keys.."))
            .ignoreDependency(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.hydra.ui.shell.."),
                    com.tngtech.archunit.base.DescribedPredicate.alwaysTrue())
            .because("views talk through the shell, so each can change alone");

    @ArchTest
    static final ArchRule servicesDoNotReachIntoUiOrApp = noClasses().that().resideInAPackage("dev.hydra.services..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hydra.ui..", "dev.hydra.app..");
}
