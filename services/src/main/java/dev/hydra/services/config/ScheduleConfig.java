package dev.hydra.services.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;
import java.time.ZoneId;

/**
 * A cron schedule ({@code queue.schedules.<name>}): at each time it queues one job.
 *
 * @param cron     five fields, as in crontab: minute hour day-of-month month day-of-week, e.g. "0 7 * * *"
 * @param type     the job type, e.g. letta_message
 * @param title    the job's title (default: the schedule's name)
 * @param payload  the job's payload (a mapping)
 * @param priority critical, high, normal (default) or low
 * @param target   any (default), node:NAME or gpu:UUID
 * @param paused   true to keep the schedule without running it (it can also be paused from the window)
 */
public record ScheduleConfig(String cron, String type, String title, JsonNode payload, String priority,
        String target, Boolean paused) {

    public ScheduleConfig {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("a schedule needs cron: five fields, e.g. \"0 7 * * *\" for 07:00 daily");
        }
        try {
            new CronSchedule(cron, ZoneId.systemDefault(), CronStyle.UNIX);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + cron + "' is not a cron expression (minute hour day-of-month "
                    + "month day-of-week, e.g. \"0 7 * * *\"): " + e.getMessage());
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("a schedule needs type: the job type it queues, e.g. letta_message");
        }
        if (payload != null && !payload.isObject()) {
            throw new IllegalArgumentException("a schedule's payload must be a mapping of keys to values");
        }
        if (priority != null && !priority.matches("(?i)critical|high|normal|low")) {
            throw new IllegalArgumentException("a schedule's priority is critical, high, normal or low, got " + priority);
        }
        paused = paused != null && paused;
    }
}
