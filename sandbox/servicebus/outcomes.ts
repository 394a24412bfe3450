import rhea = require('rhea');

// rhea builds outcomes at run time; its typings do not declare these constructors.
const builders = rhea.message as unknown as {
  accepted(): { described(): unknown };
  rejected(fields: { error: { condition: string; description: string } }): { described(): unknown };
};

/** Described AMQP outcomes, ready for `delivery.update(settled, outcome)`. */
export const outcomes = {
  accepted: (): unknown => builders.accepted().described(),
  rejected: (condition: string, description: string): unknown =>
    builders.rejected({ error: { condition, description } }).described(),
};
