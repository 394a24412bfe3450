import { startSandbox, type Sandbox } from '../../sandbox';
import { AnthropicStub, createAnthropicService, DEFAULT_REPLY_TEXT } from '../../sandbox/anthropic';
import { httpsRequest } from './helpers/https-request';
import { sandboxAnthropic } from '../../testkit/anthropic-client';

jest.setTimeout(30_000);

describe('Anthropic Messages API with the real SDK', () => {
  let sandbox: Sandbox;
  const stub = new AnthropicStub();

  beforeAll(async () => {
    sandbox = await startSandbox({ services: [() => createAnthropicService(stub)] });
  });

  beforeEach(() => stub.reset());

  afterAll(async () => {
    await sandbox?.stop();
  });

  const ask = {
    model: 'claude-sonnet-4-6',
    max_tokens: 256,
    messages: [{ role: 'user' as const, content: 'The step failed. What now?' }],
  };

  it('answers with a plain text default when no script is set', async () => {
    const message = await sandboxAnthropic(sandbox).messages.create(ask);
    expect(message.content).toEqual([{ type: 'text', text: DEFAULT_REPLY_TEXT }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.model).toBe('claude-sonnet-4-6');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
  });

  it('accepts the key as Authorization: Bearer too, and refuses a request with neither', async () => {
    const message = await sandboxAnthropic(sandbox, { authToken: true }).messages.create(ask);
    expect(message.type).toBe('message');
    const res = await httpsRequest(`${sandbox.endpoints.anthropic}/v1/messages`, sandbox.caCert, {
      method: 'POST',
      body: ask,
    });
    expect(res.status).toBe(401);
    expect(res.json()).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: expect.any(String) },
    });
  });

  it('plays a list of replies in order, including a tool_use round trip', async () => {
    stub.setScript([
      {
        toolUse: [{ name: 'run_command', input: { command: 'az group list -o table' } }],
        text: 'Let me check.',
      },
      { text: 'Fixed: the group exists now.' },
    ]);
    const client = sandboxAnthropic(sandbox);
    const tools = [
      {
        name: 'run_command',
        description: 'run a shell command',
        input_schema: { type: 'object' as const, properties: { command: { type: 'string' } } },
      },
    ];
    const first = await client.messages.create({ ...ask, tools });
    expect(first.stop_reason).toBe('tool_use');
    const call = first.content.find((b) => b.type === 'tool_use');
    expect(call).toMatchObject({
      type: 'tool_use',
      name: 'run_command',
      input: { command: 'az group list -o table' },
      id: expect.stringMatching(/^toolu_/),
    });
    const second = await client.messages.create({
      ...ask,
      tools,
      messages: [
        ...ask.messages,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: call!.type === 'tool_use' ? call!.id : '', content: 'rg-1' },
          ],
        },
      ],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'Fixed: the group exists now.' }]);
    const recorded = stub.requests();
    expect(recorded).toHaveLength(2);
    expect(recorded[1].request.messages).toHaveLength(3);
    expect(recorded[0].request.tools?.[0].name).toBe('run_command');
  });

  it('scripts replies with a function of the request', async () => {
    stub.setScript((request, index) => ({
      text: `#${index}: ${String(request.messages[0].content).length} chars`,
    }));
    const client = sandboxAnthropic(sandbox);
    const a = await client.messages.create(ask);
    const b = await client.messages.create(ask);
    expect(a.content[0]).toEqual({ type: 'text', text: `#0: ${ask.messages[0].content.length} chars` });
    expect(b.content[0]).toMatchObject({ text: expect.stringMatching(/^#1: /) });
  });

  it('streams text and tool input as server-sent events the SDK assembles', async () => {
    stub.setScript([
      {
        toolUse: [
          {
            name: 'run_command',
            input: { command: 'az storage account list --query "[].name"', retries: 2 },
          },
        ],
        text: 'Streaming a tool call.',
      },
    ]);
    const stream = sandboxAnthropic(sandbox).messages.stream(ask);
    const deltas: string[] = [];
    stream.on('inputJson', (partial) => deltas.push(partial));
    const texts: string[] = [];
    stream.on('text', (t) => texts.push(t));
    const final = await stream.finalMessage();
    expect(texts.join('')).toBe('Streaming a tool call.');
    expect(deltas.length).toBeGreaterThan(1);
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content[1]).toMatchObject({
      type: 'tool_use',
      input: { command: 'az storage account list --query "[].name"', retries: 2 },
    });
    expect(final.usage.output_tokens).toBeGreaterThan(0);
    expect(stub.requests()[0].stream).toBe(true);
  });

  it('records token usage, counting cache_control blocks as cache creation then cache reads', async () => {
    const client = sandboxAnthropic(sandbox);
    const system = [
      {
        type: 'text' as const,
        text: 'You repair failed az commands. '.repeat(40),
        cache_control: { type: 'ephemeral' as const },
      },
    ];
    const first = await client.messages.create({ ...ask, system });
    const second = await client.messages.create({ ...ask, system });
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    const total = stub.usage();
    expect(total.requests).toBe(2);
    expect(total.output_tokens).toBe((first.usage.output_tokens ?? 0) + (second.usage.output_tokens ?? 0));
    expect(
      (sandbox.state() as { anthropic: { requests: number } }).anthropic.requests,
    ).toBeGreaterThanOrEqual(2);
  });

  it('returns a scripted 429 with retry-after that the SDK retries past', async () => {
    stub.setScript([
      { error: { status: 429, type: 'rate_limit_error', message: 'slow down', retryAfterSeconds: 0 } },
      { text: 'after the retry' },
    ]);
    const message = await sandboxAnthropic(sandbox, { maxRetries: 2 }).messages.create(ask);
    expect(message.content[0]).toMatchObject({ text: 'after the retry' });
    expect(stub.requests().map((r) => r.status)).toEqual([429, 200]);
  });

  it('refuses a malformed request with invalid_request_error', async () => {
    await expect(sandboxAnthropic(sandbox).messages.create({ ...ask, messages: [] })).rejects.toMatchObject({
      status: 400,
    });
  });

  it('takes a JSON script over HTTP for processes that cannot hold the stub', async () => {
    const put = await httpsRequest(`${sandbox.endpoints.anthropic}/v1/sandbox/script`, sandbox.caCert, {
      method: 'PUT',
      body: [{ text: 'from http' }],
    });
    expect(put.status).toBe(204);
    const message = await sandboxAnthropic(sandbox).messages.create(ask);
    expect(message.content[0]).toMatchObject({ text: 'from http' });
    const recorded = await httpsRequest(`${sandbox.endpoints.anthropic}/v1/sandbox/requests`, sandbox.caCert);
    expect(recorded.json().usage.requests).toBe(1);
  });
});

describe('AnthropicStub recording', () => {
  it('keeps only the newest requests but counts usage over all of them', () => {
    const stub = new AnthropicStub(2);
    const request = { model: 'm', max_tokens: 1, messages: [{ role: 'user' as const, content: 'x' }] };
    const usage = {
      input_tokens: 3,
      output_tokens: 5,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 1,
    };
    for (let i = 0; i < 3; i++) stub.record({ request, status: 200, stream: false, usage });
    expect(stub.requests().map((r) => r.index)).toEqual([1, 2]);
    expect(stub.usage()).toEqual({
      requests: 3,
      input_tokens: 9,
      output_tokens: 15,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 3,
    });
  });
});
