// An alert nobody receives is no alert: every log or metric alert names an action group, and a budget notifies
// someone (an action group or an address).
import type { Rule } from '../rule';
import { lineOf, propertyPath, resourceDeclarations } from '../syntax-tree';
import type { Violation } from '../violation';

const ALERTS: Record<string, string[]> = {
  'microsoft.insights/scheduledqueryrules': ['properties', 'actions', 'actionGroups'],
  'microsoft.insights/metricalerts': ['properties', 'actions'],
  'microsoft.consumption/budgets': ['properties', 'notifications'],
};

/** An empty array or object literal, or nothing at all. */
const emptyValue = (text: string | undefined) => !text || /^[[{]\s*[\]}]$/.test(text.trim());

export const alertActionsRule: Rule = {
  name: 'alert-actions',
  description: 'Every alert names an action group and every budget has a notification, so someone is told.',
  check: ({ files }) =>
    files.flatMap((f) =>
      resourceDeclarations(f.root).flatMap((r): Violation[] => {
        const path = ALERTS[r.type.toLowerCase()];
        if (!path || r.existing) return [];
        const value = propertyPath(r.body, ...path);
        if (!emptyValue(value?.text)) return [];
        return [
          {
            file: f.file,
            line: lineOf(value ?? r.node),
            rule: 'alert-actions',
            message: `resource '${r.symbol}' (${r.type}): ${path.join('.')} ${value ? 'is empty' : 'is not set'}; name the action group`,
          },
        ];
      }),
    ),
};
