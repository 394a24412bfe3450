import { randomBytes } from 'node:crypto';
import type { MessagesRequest, ScriptedReply, Usage } from './script';

export interface ContentBlock {
  type: 'text' | 'tool_use';
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
}

export interface AssistantMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: string;
  stop_sequence: null;
  usage: Usage;
}

const id = (prefix: string): string => `${prefix}_${randomBytes(12).toString('base64url')}`;

/** The content a scripted (non-error) reply stands for. */
export function contentOf(reply: Exclude<ScriptedReply, { error: object }>): {
  content: ContentBlock[];
  stopReason: string;
} {
  if (reply.toolUse) {
    const content: ContentBlock[] = reply.text ? [{ type: 'text', text: reply.text }] : [];
    for (const call of reply.toolUse)
      content.push({
        type: 'tool_use',
        id: call.id ?? id('toolu'),
        name: call.name,
        input: call.input ?? {},
      });
    return { content, stopReason: 'tool_use' };
  }
  return { content: [{ type: 'text', text: reply.text }], stopReason: reply.stopReason ?? 'end_turn' };
}

export function assistantMessage(
  request: MessagesRequest,
  content: ContentBlock[],
  stopReason: string,
  usage: Usage,
): AssistantMessage {
  return {
    id: id('msg'),
    type: 'message',
    role: 'assistant',
    model: request.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
  };
}

/** The reply as server-sent events, in the order the Messages API streams them. */
export function* sseEvents(message: AssistantMessage): Generator<string> {
  const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  yield event('message_start', {
    type: 'message_start',
    message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 1 } },
  });
  yield event('ping', { type: 'ping' });
  for (const [index, block] of message.content.entries()) {
    if (block.type === 'text') {
      yield event('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'text', text: '' },
      });
      for (const piece of chunks(block.text ?? '', 16)) {
        yield event('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'text_delta', text: piece },
        });
      }
    } else {
      yield event('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
      });
      for (const piece of chunks(JSON.stringify(block.input ?? {}), 12)) {
        yield event('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: piece },
        });
      }
    }
    yield event('content_block_stop', { type: 'content_block_stop', index });
  }
  yield event('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: message.stop_reason, stop_sequence: null },
    usage: { output_tokens: message.usage.output_tokens },
  });
  yield event('message_stop', { type: 'message_stop' });
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [''];
}
