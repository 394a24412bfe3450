import { createHash } from 'node:crypto';
import type { MessagesRequest, Usage } from './script';

const tokens = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

/**
 * Token counts close enough for budgets and benchmarks: four characters a token; blocks marked
 * `cache_control` count as cache creation the first time their prefix is seen, as cache reads after.
 */
export class UsageEstimator {
  private readonly cachedPrefixes = new Set<string>();

  estimate(request: MessagesRequest, outputText: string): Usage {
    const cacheable: string[] = [];
    const plain: string[] = [];
    for (const block of blocksOf(request))
      (hasCacheControl(block) ? cacheable : plain).push(JSON.stringify(block));
    let cacheCreation = 0;
    let cacheRead = 0;
    if (cacheable.length) {
      const prefix = createHash('sha256').update(cacheable.join('\n')).digest('hex');
      const count = tokens(cacheable.join(''));
      if (this.cachedPrefixes.has(prefix)) cacheRead = count;
      else {
        this.cachedPrefixes.add(prefix);
        cacheCreation = count;
      }
    }
    return {
      input_tokens: plain.length ? tokens(plain.join('')) : 0,
      output_tokens: tokens(outputText),
      cache_creation_input_tokens: cacheCreation,
      cache_read_input_tokens: cacheRead,
    };
  }
}

function blocksOf(request: MessagesRequest): unknown[] {
  const out: unknown[] = [];
  if (request.tools) out.push(...request.tools);
  if (typeof request.system === 'string') out.push({ type: 'text', text: request.system });
  else if (request.system) out.push(...request.system);
  for (const m of request.messages) {
    if (typeof m.content === 'string') out.push({ type: 'text', text: m.content });
    else out.push(...m.content);
  }
  return out;
}

function hasCacheControl(block: unknown): boolean {
  return typeof block === 'object' && block !== null && 'cache_control' in block;
}
