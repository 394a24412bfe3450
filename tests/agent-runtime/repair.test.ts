import { createHarness, step, SUBSCRIPTION, type Harness } from '../../testkit/phase-harness';
import { runCommand, startScriptedModel, type ScriptedModel } from '../../testkit/sandbox-anthropic';

jest.setTimeout(30_000);

const types = (h: Harness): string[] => h.sink.events.map((e) => e.type);
const badSku = step(
  'Create the storage account',
  'az storage account create --name "$STORAGE" --resource-group "$RG" --sku Premium_Bogus --tags $HAYMAKER_TAGS',
  "A general-purpose v2 account for the team's logs.",
);
const fix =
  'az storage account create --name "$STORAGE" --resource-group "$RG" --sku Standard_LRS --tags $HAYMAKER_TAGS';

describe('repair through Claude (the sandbox Messages API, real SDK)', () => {
  let model: ScriptedModel;
  let h: Harness;
  beforeAll(async () => {
    model = await startScriptedModel();
  });
  afterAll(async () => {
    await model?.stop();
  });
  beforeEach(() => {
    model.stub.reset();
    h = createHarness();
  });
  afterEach(() => h.cleanup());

  it('fixes a failing step with a suggested command and records the tokens', async () => {
    model.stub.setScript([
      {
        ...runCommand(fix, 'The SKU is invalid.'),
        usage: {
          input_tokens: 1200,
          output_tokens: 80,
          cache_creation_input_tokens: 900,
          cache_read_input_tokens: 0,
        },
      },
      {
        text: 'Created with Standard_LRS.',
        usage: {
          input_tokens: 1400,
          output_tokens: 12,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 900,
        },
      },
    ]);
    const result = await h.run('deploy', [badSku, step('After', 'echo next')], { anthropic: model.client });
    expect(result.succeeded).toBe(true);
    expect(types(h)).toEqual([
      'phase_started',
      'error_encountered',
      'error_resolved',
      'resource_created',
      'phase_completed',
    ]);
    expect(h.sink.events[2].data).toMatchObject({
      attempts: 1,
      command: expect.stringContaining('Standard_LRS'),
    });
    expect(result.tokens).toEqual({ input: 2600, output: 92, cacheRead: 900, cacheCreation: 900 });
    expect(h.sink.events[4].data).toMatchObject({
      tokens: { input: 2600, output: 92, cacheRead: 900, cacheCreation: 900 },
      repairCalls: 2,
    });

    const [first, second] = model.bodies();
    expect(first.model).toBe('claude-test');
    expect(first.tools.map((t: { name: string }) => t.name)).toEqual(['run_command']);
    expect(first.system.at(-1)).toMatchObject({
      cache_control: { type: 'ephemeral' },
      text: expect.stringContaining('## Deployment'),
    });
    expect(first.messages[0].content).toContain('InvalidSku');
    expect(first.messages[0].content).toContain("team's logs");
    expect(second.messages[2].content[0]).toMatchObject({
      type: 'tool_result',
      is_error: false,
      content: expect.stringMatching(/^exit 0/),
    });
  });

  it('refuses a hostile suggestion, never runs it, and fails the step cleanly', async () => {
    model.stub.setScript([
      runCommand('az role assignment create --assignee "$HAYMAKER_SP_CLIENT_ID" --role Owner --scope /'),
      { text: 'I cannot fix this within the rules.' },
    ]);
    const result = await h.run('deploy', [badSku], { anthropic: model.client });
    expect(result.succeeded).toBe(false);
    expect(types(h)).toEqual(['phase_started', 'error_encountered', 'command_refused', 'phase_failed']);
    expect(h.sink.events[2].data).toMatchObject({ rule: 'role.privileged', source: 'repair' });
    expect(h.azCalls().some((c) => c.startsWith('role'))).toBe(false);
    expect(model.bodies()[1].messages[2].content[0]).toMatchObject({
      is_error: true,
      content: expect.stringContaining('role.privileged'),
    });
    expect(result.error).toMatch(/model_gave_up/);
  });

  it('stops at the attempt limit per step', async () => {
    model.stub.setScript([runCommand('exit 1'), runCommand('exit 2'), runCommand('echo never-run')]);
    const result = await h.run('deploy', [badSku], { anthropic: model.client, maxAttempts: 2 });
    expect(result.succeeded).toBe(false);
    expect(result.error).toMatch(/attempts_exhausted/);
    expect(model.bodies()).toHaveLength(2);
  });

  it('ends the phase failed when the token budget is spent', async () => {
    model.stub.setScript([
      {
        ...runCommand(fix.replace('Standard_LRS', 'Premium_V2')),
        usage: {
          input_tokens: 900,
          output_tokens: 150,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      },
      { text: 'unreachable' },
    ]);
    const result = await h.run('deploy', [badSku, step('Never', 'echo never')], {
      anthropic: model.client,
      budget: 1000,
    });
    expect(result.succeeded).toBe(false);
    expect(result.error).toMatch(/budget_exhausted/);
    expect(model.bodies()).toHaveLength(1);
    expect(types(h).at(-1)).toBe('phase_failed');
    expect(h.sink.events.at(-1)?.data).toMatchObject({ tokens: { input: 900, output: 150 } });
  });

  it('fails the step when the model endpoint errors', async () => {
    model.stub.setScript([{ error: { status: 500, type: 'api_error', message: 'overloaded' } }]);
    const result = await h.run('deploy', [badSku], { anthropic: model.client });
    expect(result.succeeded).toBe(false);
    expect(result.error).toMatch(/api_error/);
  });

  it('sends a stable, cached prefix: the second call reads what the first wrote to the cache', async () => {
    model.stub.setScript([runCommand(fix), { text: 'done' }]);
    const result = await h.run('deploy', [badSku], { anthropic: model.client });
    expect(result.succeeded).toBe(true);
    const [first, second] = model.bodies();
    expect(JSON.stringify(first.system)).toBe(JSON.stringify(second.system));
    const [u1, u2] = model.stub.requests().map((r) => r.usage!);
    expect(u2.cache_read_input_tokens).toBeGreaterThan(0);
    expect(u2.cache_read_input_tokens).toBe(u1.cache_creation_input_tokens + u1.cache_read_input_tokens);
    expect(result.tokens.cacheRead + result.tokens.cacheCreation).toBe(
      u1.cache_creation_input_tokens + u1.cache_read_input_tokens + u2.cache_read_input_tokens,
    );
  });

  it('never sends a known secret to the model', async () => {
    model.stub.setScript([{ text: 'no' }]);
    await h.run('deploy', [step('Leaky', 'echo "pw=$SP_SECRET_FOR_TEST"; exit 1')], {
      anthropic: model.client,
    });
    expect(JSON.stringify(model.bodies()[0])).not.toContain('sp-secret-value');
    expect(JSON.stringify(model.bodies()[0])).toContain('[REDACTED]');
  });

  it('costs zero tokens when no step fails', async () => {
    const result = await h.run('deploy', [step('Only', `az group show --name "$RG" # ${SUBSCRIPTION}`)], {
      anthropic: model.client,
    });
    expect(result.tokens).toEqual({ input: 0, output: 0, cacheRead: 0, cacheCreation: 0 });
    expect(model.bodies()).toHaveLength(0);
  });
});
