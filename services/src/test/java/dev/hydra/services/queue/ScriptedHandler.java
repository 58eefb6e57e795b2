package dev.hydra.services.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A handler whose jobs do what their payload says: {"fail": "transient" | "permanent", "failTimes": n,
 * "block": true (until {@link #unblock()}), "output": text}. Records every run in order.
 */
final class ScriptedHandler implements JobHandler {

    private final String type;
    final List<String> runs = new CopyOnWriteArrayList<>();
    final List<String> titles = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(1);
    final CountDownLatch started = new CountDownLatch(1);

    ScriptedHandler(String type) {
        this.type = type;
    }

    void unblock() {
        gate.countDown();
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public void validate(ObjectNode payload) {
        if (payload.has("invalid")) {
            throw new IllegalArgumentException("\"invalid\" is not allowed here");
        }
    }

    @Override
    public JobOutputs run(Job job, JobContext context) throws JobFailure, InterruptedException {
        runs.add(job.id());
        titles.add(job.title());
        started.countDown();
        context.progress(0.5, "halfway");
        if (job.payload().path("block").asBoolean()) {
            gate.await();
        }
        int failTimes = job.payload().path("failTimes").asInt(Integer.MAX_VALUE);
        long myRuns = runs.stream().filter(job.id()::equals).count();
        String fail = job.payload().path("fail").asText(null);
        if (fail != null && myRuns <= failTimes) {
            throw fail.equals("permanent") ? JobFailure.permanent("bad request: no such model")
                    : JobFailure.transientFailure("service unavailable (attempt " + context.attempt() + ")");
        }
        return JobOutputs.text(job.payload().path("output").asText("done " + job.id()));
    }
}
