package dev.hydra.ui.common;

import java.util.concurrent.Executor;

/**
 * Runs work on the UI thread. View models change their state only through it, so they never need the toolkit:
 * production uses {@link FxUiExecutor}, tests run the work at once.
 */
public interface UiExecutor extends Executor {

    /** Runs the command right away, on the calling thread (for tests and the command line). */
    UiExecutor IMMEDIATE = Runnable::run;
}
