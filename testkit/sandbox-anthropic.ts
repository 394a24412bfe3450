// The sandbox's scripted Messages API with the real SDK (tests/sandbox/anthropic-client trusts its CA in-process).
import type Anthropic from '@anthropic-ai/sdk';
import { startSandbox, type Sandbox } from '../sandbox';
import { AnthropicStub, createAnthropicService, type ScriptedReply } from '../sandbox/anthropic';
import { sandboxAnthropic } from './anthropic-client';

export interface ScriptedModel {
  sandbox: Sandbox;
  stub: AnthropicStub;
  client: Anthropic;
  /** The request bodies the agent sent, in order. */
  bodies(): any[];
  stop(): Promise<void>;
}

type ToolReply = Extract<ScriptedReply, { toolUse: unknown[] }>;

export const runCommand = (command: string, text?: string): ToolReply => ({
  toolUse: [{ name: 'run_command', input: { command, reason: 'scripted' } }],
  ...(text ? { text } : {}),
});

export async function startScriptedModel(): Promise<ScriptedModel> {
  const stub = new AnthropicStub();
  const sandbox = await startSandbox({ services: [() => createAnthropicService(stub)] });
  return {
    sandbox,
    stub,
    client: sandboxAnthropic(sandbox),
    bodies: () => stub.requests().map((r) => r.request),
    stop: () => sandbox.stop(),
  };
}
