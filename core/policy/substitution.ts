// What a `$(…)` prints, as far as ownership goes: the id of something this run owns when it is one az lookup of a
// run-owned target that selects an identifying field; anything else is just "decided at run time".
import type { SyntaxNode } from '../shell';
import { isOwnedLookup } from './az/owned-lookup';
import type { AzCall } from './az/parse-az';
import { dynamic, type Alt } from './values';
import type { WalkState } from './walk-state';

export function substitutionValue(
  state: WalkState,
  node: SyntaxNode,
  inner: SyntaxNode[],
  calls: AzCall[],
): Alt {
  const single = inner.length === 1 && inner[0]!.type === 'command' && calls.length === 1;
  const owned = single && isOwnedLookup(calls[0]!, state.ctx);
  return dynamic(`$(${node.text.slice(2, -1).trim().slice(0, 80)})`, owned);
}
