package dev.hydra.services.diagnostics;

import java.util.List;

/** A check that {@code hydra doctor} runs: one configured endpoint or facility. Blocking, never throws. */
public interface DiagnosticCheck {

    List<Finding> run();
}
