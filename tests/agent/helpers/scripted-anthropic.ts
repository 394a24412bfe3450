// A scripted Messages API on loopback for the real @anthropic-ai/sdk client: each request gets the next
// scripted reply; requests are recorded so tests can check what the agent sent.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  content: ({ type: 'text'; text: string } | { type: 'tool_use'; name: string; input: Record<string, unknown> })[];
  usage?: { input_tokens: number; output_tokens: number; cache_read_input_tokens?: number; cache_creation_input_tokens?: number };
}

export interface ScriptedAnthropic {
  baseUrl: string;
  requests: { headers: Record<string, string | string[] | undefined>; body: any }[];
  close(): Promise<void>;
}

/** About four characters a token: enough to compare prompt sizes, not to bill. */
const tokens = (value: unknown): number => Math.ceil(JSON.stringify(value ?? '').length / 4);

export const toolUse = (command: string): ScriptedReply['content'][number] => ({ type: 'tool_use', name: 'run_command', input: { command, reason: 'scripted' } });

export async function startScriptedAnthropic(script: ScriptedReply[]): Promise<ScriptedAnthropic> {
  const requests: ScriptedAnthropic['requests'] = [];
  const cachedPrefixes = new Set<string>();
  let next = 0;
  // Without scripted usage, usage is estimated like the API reports it: the tools+system prefix marked with
  // cache_control is written to the cache once and read from it afterwards; the messages are plain input.
  const estimateUsage = (body: any, content: unknown): NonNullable<ScriptedReply['usage']> => {
    const prefix = JSON.stringify({ tools: body?.tools, system: body?.system });
    const cacheable = prefix.includes('"cache_control"');
    const hit = cacheable && cachedPrefixes.has(prefix);
    if (cacheable) cachedPrefixes.add(prefix);
    const prefixTokens = Math.ceil(prefix.length / 4);
    return {
      input_tokens: tokens(body?.messages) + (cacheable ? 0 : prefixTokens),
      output_tokens: tokens(content),
      cache_read_input_tokens: hit ? prefixTokens : 0,
      cache_creation_input_tokens: cacheable && !hit ? prefixTokens : 0,
    };
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      requests.push({ headers: req.headers, body });
      const reply = script[next++];
      if (!reply || req.url !== '/v1/messages') {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'script exhausted' } }));
        return;
      }
      const content = reply.content.map((b, i) => (b.type === 'tool_use' ? { ...b, id: `toolu_${next}_${i}` } : b));
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: `msg_${next}`,
          type: 'message',
          role: 'assistant',
          model: body?.model ?? 'scripted',
          content,
          stop_reason: content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn',
          stop_sequence: null,
          usage: { cache_read_input_tokens: 0, cache_creation_input_tokens: 0, ...(reply.usage ?? estimateUsage(body, content)) },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
