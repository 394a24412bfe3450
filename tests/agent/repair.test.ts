import { createHarness, step, SUBSCRIPTION, type Harness } from './helpers/phase-harness';
import { startScriptedAnthropic, toolUse, type ScriptedAnthropic } from './helpers/scripted-anthropic';

const types = (h: Harness): string[] => h.sink.events.map((e) => e.type);
const badSku = step('Create the storage account', 'az storage account create --name "$STORAGE" --resource-group "$RG" --sku Premium_Bogus --tags $HAYMAKER_TAGS', 'A general-purpose v2 account for the team\'s logs.');

describe('repair through Claude (scripted Messages API, real SDK)', () => {
  let h: Harness;
  let api: ScriptedAnthropic | undefined;
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(async () => {
    h.cleanup();
    await api?.close();
    api = undefined;
  });

  it('fixes a failing step with a suggested command and records the tokens', async () => {
    api = await startScriptedAnthropic([
      { content: [{ type: 'text', text: 'The SKU is invalid.' }, toolUse('az storage account create --name "$STORAGE" --resource-group "$RG" --sku Standard_LRS --tags $HAYMAKER_TAGS')], usage: { input_tokens: 1200, output_tokens: 80, cache_creation_input_tokens: 900 } },
      { content: [{ type: 'text', text: 'Created with Standard_LRS.' }], usage: { input_tokens: 1400, output_tokens: 12, cache_read_input_tokens: 900 } },
    ]);
    const result = await h.run('deploy', [badSku, step('After', 'echo next')], { anthropicBaseUrl: api.baseUrl });
    expect(result.succeeded).toBe(true);
    expect(types(h)).toEqual(['phase_started', 'error_encountered', 'error_resolved', 'resource_created', 'phase_completed']);
    expect(h.sink.events[2].data).toMatchObject({ attempts: 1, command: expect.stringContaining('Standard_LRS') });
    expect(result.tokens).toEqual({ input: 2600, output: 92, cacheRead: 900, cacheCreation: 900 });
    expect(h.sink.events[4].data).toMatchObject({ tokens: { input: 2600, output: 92, cacheRead: 900, cacheCreation: 900 }, repairCalls: 2 });

    const first = api.requests[0].body;
    expect(first.model).toBe('claude-test');
    expect(first.tools.map((t: { name: string }) => t.name)).toEqual(['run_command']);
    expect(first.system.at(-1)).toMatchObject({ cache_control: { type: 'ephemeral' }, text: expect.stringContaining('## Deployment') });
    expect(first.messages[0].content).toContain('InvalidSku');
    expect(first.messages[0].content).toContain("team's logs");
    const toolResult = api.requests[1].body.messages[2].content[0];
    expect(toolResult).toMatchObject({ type: 'tool_result', is_error: false, content: expect.stringMatching(/^exit 0/) });
  });

  it('refuses a hostile suggestion, never runs it, and fails the step cleanly', async () => {
    api = await startScriptedAnthropic([
      { content: [toolUse('az role assignment create --assignee "$HAYMAKER_SP_CLIENT_ID" --role Owner --scope /')] },
      { content: [{ type: 'text', text: 'I cannot fix this within the rules.' }] },
    ]);
    const result = await h.run('deploy', [badSku], { anthropicBaseUrl: api.baseUrl });
    expect(result.succeeded).toBe(false);
    expect(types(h)).toEqual(['phase_started', 'error_encountered', 'command_refused', 'phase_failed']);
    expect(h.sink.events[2].data).toMatchObject({ rule: 'role.privileged', source: 'repair' });
    expect(h.azCalls().some((c) => c.startsWith('role'))).toBe(false);
    const refusal = api.requests[1].body.messages[2].content[0];
    expect(refusal).toMatchObject({ is_error: true, content: expect.stringContaining('role.privileged') });
    expect(result.error).toMatch(/model_gave_up/);
  });

  it('stops at the attempt limit per step', async () => {
    api = await startScriptedAnthropic([
      { content: [toolUse('exit 1')] },
      { content: [toolUse('exit 2')] },
      { content: [toolUse('echo never-run')] },
    ]);
    const result = await h.run('deploy', [badSku], { anthropicBaseUrl: api.baseUrl, maxAttempts: 2 });
    expect(result.succeeded).toBe(false);
    expect(result.error).toMatch(/attempts_exhausted/);
    expect(api.requests).toHaveLength(2);
  });

  it('ends the phase failed when the token budget is spent', async () => {
    api = await startScriptedAnthropic([
      { content: [toolUse('az storage account create --name "$STORAGE" --resource-group "$RG" --sku Premium_V2 --tags $HAYMAKER_TAGS')], usage: { input_tokens: 900, output_tokens: 150 } },
      { content: [{ type: 'text', text: 'unreachable' }] },
    ]);
    const result = await h.run('deploy', [badSku, step('Never', 'echo never')], { anthropicBaseUrl: api.baseUrl, budget: 1000 });
    expect(result.succeeded).toBe(false);
    expect(result.error).toMatch(/budget_exhausted/);
    expect(api.requests).toHaveLength(1);
    expect(types(h).at(-1)).toBe('phase_failed');
    expect(h.sink.events.at(-1)?.data).toMatchObject({ tokens: { input: 900, output: 150 } });
  });

  it('fails the step when the model endpoint errors', async () => {
    api = await startScriptedAnthropic([]);
    const result = await h.run('deploy', [badSku], { anthropicBaseUrl: api.baseUrl });
    expect(result.succeeded).toBe(false);
    expect(result.error).toMatch(/api_error/);
  });

  it('sends a stable, cached prefix: the second call reads what the first wrote to the cache', async () => {
    api = await startScriptedAnthropic([{ content: [toolUse('az storage account create --name "$STORAGE" --resource-group "$RG" --sku Standard_LRS --tags $HAYMAKER_TAGS')] }, { content: [{ type: 'text', text: 'done' }] }]);
    const result = await h.run('deploy', [badSku], { anthropicBaseUrl: api.baseUrl });
    expect(result.succeeded).toBe(true);
    expect(JSON.stringify(api.requests[0].body.system)).toBe(JSON.stringify(api.requests[1].body.system));
    expect(result.tokens.cacheCreation).toBeGreaterThan(0);
    expect(result.tokens.cacheRead).toBe(result.tokens.cacheCreation);
  });

  it('never sends a known secret to the model', async () => {
    api = await startScriptedAnthropic([{ content: [{ type: 'text', text: 'no' }] }]);
    await h.run('deploy', [step('Leaky', 'echo "pw=$SP_SECRET_FOR_TEST"; exit 1')], { anthropicBaseUrl: api.baseUrl });
    expect(JSON.stringify(api.requests[0].body)).not.toContain('sp-secret-value');
    expect(JSON.stringify(api.requests[0].body)).toContain('[REDACTED]');
  });
});

it('sums nothing when no step fails (a clean phase costs zero tokens)', async () => {
  const h = createHarness();
  const api = await startScriptedAnthropic([]);
  try {
    const result = await h.run('deploy', [step('Only', `az group show --name "$RG" # ${SUBSCRIPTION}`)], { anthropicBaseUrl: api.baseUrl });
    expect(result.tokens).toEqual({ input: 0, output: 0, cacheRead: 0, cacheCreation: 0 });
    expect(api.requests).toHaveLength(0);
  } finally {
    h.cleanup();
    await api.close();
  }
});
