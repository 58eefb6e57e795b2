package dev.hydra.ui.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobContext;
import dev.hydra.services.queue.JobFailure;
import dev.hydra.services.queue.JobHandler;
import dev.hydra.services.queue.JobOutputs;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A handler for view tests: {"fail": "message"} fails permanently, {"hold": true} runs until released while
 * reporting progress, otherwise it answers {"answer"}.
 */
public final class DemoHandler implements JobHandler {

    private final String type;
    private final CountDownLatch release = new CountDownLatch(1);

    public DemoHandler(String type) {
        this.type = type;
    }

    public void release() {
        release.countDown();
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public void validate(ObjectNode payload) {
    }

    @Override
    public JobOutputs run(Job job, JobContext context) throws JobFailure, InterruptedException {
        if (job.payload().has("fail")) {
            throw JobFailure.permanent(job.payload().get("fail").asText());
        }
        if (job.payload().path("hold").asBoolean()) {
            context.progress(0.6, "KSampler 12/20");
            release.await();
        }
        String file = job.payload().path("file").asText(null);
        return new JobOutputs(file == null ? List.of() : List.of(file), job.payload().path("answer").asText("done"),
                null);
    }
}
