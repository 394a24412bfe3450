import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SandboxResponse } from '../core/http';
import type { AuthCheck } from '../core/router';
import type { SandboxService } from '../core/service';
import { assistantMessage, contentOf, sseEvents } from './reply';
import { DEFAULT_REPLY_TEXT, messagesRequestSchema, scriptedReplySchema, type Usage } from './script';
import { AnthropicStub } from './stub';
import { UsageEstimator } from './usage';

/** Anthropic's error body: `{"type":"error","error":{"type","message"}}`. */
function anthropicError(
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  return {
    status,
    headers: { 'request-id': `req_${randomUUID().replace(/-/g, '')}`, ...headers },
    body: { type: 'error', error: { type, message } },
  };
}

/** The SDK sends its key as `x-api-key` or as `Authorization: Bearer`; either will do. */
const apiKeyAuth: AuthCheck = (req) => {
  const key = req.headers['x-api-key'];
  const bearer = req.headers.authorization;
  if (
    (typeof key === 'string' && key.length > 0) ||
    (typeof bearer === 'string' && /^Bearer\s+\S+/i.test(bearer))
  ) {
    // Anthropic's API key is not an Entra identity: holding one is the whole authorization (its value is not checked).
    req.decided = true;
    return undefined;
  }
  return anthropicError(401, 'authentication_error', 'x-api-key header is required');
};

/**
 * The Anthropic Messages API, scripted. Without a script every request gets a short text reply.
 * Tests script it through the `AnthropicStub` they pass in; processes through
 * `PUT /v1/sandbox/script` (a JSON list of replies).
 */
export function createAnthropicService(stub: AnthropicStub = new AnthropicStub()): SandboxService {
  const estimator = new UsageEstimator();
  return {
    name: 'anthropic',
    endpoint: 'anthropic',
    auth: apiKeyAuth,
    register(router, ctx) {
      const totals = ctx.state.area<{ requests: number; usage: Usage }>('anthropic', () => ({
        requests: 0,
        usage: {
          input_tokens: 0,
          output_tokens: 0,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      }));

      router.post('/v1/messages', 'CreateMessage', async (req) => {
        const parsed = messagesRequestSchema.safeParse(req.body);
        if (!parsed.success) {
          const detail = parsed.error.issues
            .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
            .join('; ');
          return anthropicError(
            400,
            'invalid_request_error',
            `${detail} — send model, max_tokens and a non-empty messages list.`,
          );
        }
        const request = parsed.data;
        const stream = request.stream === true;
        const scripted = (await stub.next(request)) ?? { text: DEFAULT_REPLY_TEXT };
        totals.requests += 1;
        if (scripted.error) {
          stub.record({ request, status: scripted.error.status, stream, error: scripted.error.type });
          const headers: Record<string, string> =
            scripted.error.retryAfterSeconds !== undefined
              ? { 'retry-after': String(scripted.error.retryAfterSeconds) }
              : {};
          return anthropicError(scripted.error.status, scripted.error.type, scripted.error.message, headers);
        }
        const { content, stopReason } = contentOf(scripted);
        const outputText = content
          .map((b) => (b.type === 'text' ? (b.text ?? '') : JSON.stringify(b.input ?? {})))
          .join('');
        const usage = { ...estimator.estimate(request, outputText), ...(scripted.usage ?? {}) };
        for (const k of Object.keys(totals.usage) as (keyof Usage)[]) totals.usage[k] += usage[k] ?? 0;
        stub.record({ request, status: 200, stream, stopReason, usage });
        const message = assistantMessage(request, content, stopReason, usage);
        const requestId = `req_${randomUUID().replace(/-/g, '')}`;
        if (!stream) return { status: 200, headers: { 'request-id': requestId }, body: message };
        return {
          status: 200,
          headers: {
            'Content-Type': 'text/event-stream; charset=utf-8',
            'Cache-Control': 'no-cache',
            'request-id': requestId,
          },
          stream: async (write) => {
            for (const event of sseEvents(message)) write(event);
          },
        };
      });

      // For processes that cannot hold the stub (the CLI, a child agent's test harness).
      router.put('/v1/sandbox/script', { operation: 'SetScript', auth: 'none' }, (req) => {
        const replies = z.array(scriptedReplySchema).safeParse(req.body);
        if (!replies.success)
          return anthropicError(
            400,
            'invalid_request_error',
            'The script must be a JSON list of replies: {"text"} | {"toolUse":[{"name","input"}]} | {"error":{"status","type","message"}}.',
          );
        stub.setScript(replies.data);
        return { status: 204 };
      });
      router.get('/v1/sandbox/requests', { operation: 'ListRecordedRequests', auth: 'none' }, () => ({
        status: 200,
        body: { requests: stub.requests(), usage: stub.usage() },
      }));
    },
  };
}
