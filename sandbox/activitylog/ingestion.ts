// How long after an operation its Activity Log event can be read. Azure Monitor documents an average ingestion
// latency "between 20 seconds and 3 minutes" (https://learn.microsoft.com/azure/azure-monitor/logs/data-ingestion-time);
// the official ActivityLogs_List example shows 13 s between eventTimestamp and submissionTimestamp. The sandbox
// uses the upper figure by default, on its own clock (a scaled local run passes `activityLogIngestionDelayMs`
// scaled like its other lags), and HayMaker waits longer than that before it collects.
export const ACTIVITY_LOG_INGESTION_DELAY_MS = 3 * 60_000;
