import { z } from 'zod';

/** The request body of `POST /v1/messages`, as far as the sandbox reads it. */
export const messagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  messages: z
    .array(
      z.looseObject({
        role: z.enum(['user', 'assistant']),
        content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]),
      }),
    )
    .min(1),
  system: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).optional(),
  tools: z.array(z.looseObject({ name: z.string() })).optional(),
  stream: z.boolean().optional(),
});
export type MessagesRequest = z.infer<typeof messagesRequestSchema>;

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** One scripted answer: text, tool calls (optionally with text first), or an API error. */
export type ScriptedReply =
  | {
      text: string;
      toolUse?: undefined;
      error?: undefined;
      usage?: Partial<Usage>;
      stopReason?: 'end_turn' | 'max_tokens' | 'stop_sequence';
    }
  | {
      toolUse: { name: string; input: unknown; id?: string }[];
      text?: string;
      error?: undefined;
      usage?: Partial<Usage>;
    }
  | {
      error: { status: number; type: string; message: string; retryAfterSeconds?: number };
      text?: undefined;
      toolUse?: undefined;
    };

/** A list of replies consumed in order, or a function of the request (and its 0-based index). */
export type AnthropicScript =
  ScriptedReply[] | ((request: MessagesRequest, index: number) => ScriptedReply | Promise<ScriptedReply>);

export const scriptedReplySchema: z.ZodType<ScriptedReply> = z.union([
  z.object({
    text: z.string(),
    usage: z.record(z.string(), z.number()).optional(),
    stopReason: z.enum(['end_turn', 'max_tokens', 'stop_sequence']).optional(),
  }),
  z.object({
    toolUse: z.array(z.object({ name: z.string(), input: z.unknown(), id: z.string().optional() })).min(1),
    text: z.string().optional(),
    usage: z.record(z.string(), z.number()).optional(),
  }),
  z.object({
    error: z.object({
      status: z.number().int(),
      type: z.string(),
      message: z.string(),
      retryAfterSeconds: z.number().optional(),
    }),
  }),
]) as z.ZodType<ScriptedReply>;

export const DEFAULT_REPLY_TEXT =
  'This is the HayMaker sandbox model. No script is set, so this is the default reply.';
