import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** What the embedded host takes from the app's host.json (the same file the Functions host reads in Azure). */
export interface HostJsonSettings {
  /** The file read, or undefined when the app has none (then every default applies). */
  file: string | undefined;
  /** Without leading or trailing slashes; '' serves HTTP functions at the root. */
  routePrefix: string;
  hubName: string;
  maxConcurrentActivityFunctions: number;
  /** Service Bus trigger: messages handled at once per function. */
  serviceBusMaxConcurrentCalls: number;
}

// Defaults and rules, each from its source:
// - routePrefix "api"; an empty string removes it:
//   https://learn.microsoft.com/azure/azure-functions/functions-bindings-http-webhook#hostjson-settings
// - hubName: WEBSITE_SITE_NAME, else "TestHubName"; maxConcurrentActivityFunctions 10 × processors:
//   https://github.com/Azure/azure-functions-durable-extension/blob/main/src/WebJobs.Extensions.DurableTask/Options/DurableTaskOptions.cs
// - hubName "%Setting%" reads an app setting; 3–45 letters and digits, starting with a letter:
//   https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-task-hubs
// - serviceBus maxConcurrentCalls 16 × processors, at least 1 (extension 5.x):
//   https://github.com/Azure/azure-sdk-for-net/blob/main/sdk/servicebus/Microsoft.Azure.WebJobs.Extensions.ServiceBus/src/Config/ServiceBusOptions.cs
const DEFAULT_HUB_NAME = 'TestHubName';
const HUB_NAME = /^[A-Za-z][A-Za-z0-9]{2,44}$/;

const positiveInt = z.number().int().min(1);
const hostJsonSchema = z.object({
  version: z.literal('2.0', {
    message: 'version must be "2.0" (the Functions runtime 2.x and later schema)',
  }),
  extensions: z
    .object({
      http: z.object({ routePrefix: z.string().optional() }).passthrough().optional(),
      durableTask: z
        .object({
          hubName: z.string().min(1).optional(),
          maxConcurrentActivityFunctions: positiveInt.optional(),
        })
        .passthrough()
        .optional(),
      serviceBus: z.object({ maxConcurrentCalls: positiveInt.optional() }).passthrough().optional(),
    })
    .passthrough()
    .optional(),
});

/** The nearest host.json at or above the folder of the app entry (dist/app/main.js finds the repository's). */
export function findHostJson(appEntry: string): string | undefined {
  let dir = path.dirname(path.resolve(appEntry));
  for (;;) {
    const candidate = path.join(dir, 'host.json');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function readHostJson(file: string | undefined, env: NodeJS.ProcessEnv): HostJsonSettings {
  let raw: unknown = { version: '2.0' };
  if (file) {
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${file} is not readable JSON: ${(err as Error).message}`);
    }
  }
  const parsed = hostJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${file}: ${problems.join('; ')}`);
  }
  const extensions = parsed.data.extensions ?? {};
  const processors = os.availableParallelism();
  return {
    file,
    routePrefix: (extensions.http?.routePrefix ?? 'api').replace(/^\/+|\/+$/g, ''),
    hubName: hubNameFrom(extensions.durableTask?.hubName, env, file),
    maxConcurrentActivityFunctions: extensions.durableTask?.maxConcurrentActivityFunctions ?? 10 * processors,
    serviceBusMaxConcurrentCalls: extensions.serviceBus?.maxConcurrentCalls ?? 16 * processors,
  };
}

function hubNameFrom(declared: string | undefined, env: NodeJS.ProcessEnv, file: string | undefined): string {
  const setting = declared ? /^%([^%]+)%$/.exec(declared)?.[1] : undefined;
  const name = setting ? env[setting] : (declared ?? env.WEBSITE_SITE_NAME ?? DEFAULT_HUB_NAME);
  const where = declared ? `extensions.durableTask.hubName in ${file}` : 'the default task hub name';
  if (!name) throw new Error(`${where} reads app setting ${setting}, which is not set`);
  if (!HUB_NAME.test(name))
    throw new Error(
      `${where} is "${name}": a task hub name is 3–45 letters and digits, starting with a letter`,
    );
  return name;
}
