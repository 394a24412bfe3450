import rhea = require('rhea');
import type { Message as RheaMessage } from 'rhea';
import { messageEntitySettingsSchema } from '../../sandbox/servicebus/broker-options';
import { handleCbs, handleManagement, swapGuidByteOrder } from '../../sandbox/servicebus/management';
import { MessageEntity } from '../../sandbox/servicebus/message-entity';

// The SDK settles through $management when the receiving link is gone (and for deferred
// messages); it sends lock tokens in .NET GUID byte order. These drive that path directly.
function lockedEntity(): { entity: MessageEntity; token: Buffer } {
  const entity = new MessageEntity('q', messageEntitySettingsSchema.parse({}), () => undefined);
  entity.enqueue({ message_id: 'm-1', body: 'x' } as RheaMessage);
  const lock = entity.lock(entity.nextAvailable('active')!, 'active');
  return { entity, token: swapGuidByteOrder(rhea.string_to_uuid(lock)) };
}

const request = (operation: string, body: Record<string, unknown>) =>
  ({ application_properties: { operation }, body }) as RheaMessage;

describe('Service Bus $management and $cbs requests', () => {
  it('dead-letters through update-disposition "suspended" with reason and description', () => {
    const { entity, token } = lockedEntity();
    const reply = handleManagement(
      { entity, subQueue: 'active' },
      request('com.microsoft:update-disposition', {
        'lock-tokens': [token],
        'disposition-status': 'suspended',
        'deadletter-reason': 'Poison',
        'deadletter-description': 'bad json',
      }),
    );
    expect(reply.statusCode).toBe(200);
    expect(entity.active).toHaveLength(0);
    expect(entity.deadLetter[0]).toMatchObject({
      deadLetterReason: 'Poison',
      deadLetterErrorDescription: 'bad json',
    });
    entity.close();
  });

  it('completes through update-disposition and reports a lost lock as 410 message-lock-lost', () => {
    const { entity, token } = lockedEntity();
    const done = handleManagement(
      { entity, subQueue: 'active' },
      request('com.microsoft:update-disposition', {
        'lock-tokens': [token],
        'disposition-status': 'completed',
      }),
    );
    expect(done.statusCode).toBe(200);
    expect(entity.active).toHaveLength(0);
    const again = handleManagement(
      { entity, subQueue: 'active' },
      request('com.microsoft:update-disposition', {
        'lock-tokens': [token],
        'disposition-status': 'completed',
      }),
    );
    expect(again).toMatchObject({ statusCode: 410, errorCondition: 'com.microsoft:message-lock-lost' });
    entity.close();
  });

  it('answers put-token with 200 and an unknown operation with 501 naming it', () => {
    expect(handleCbs(request('put-token', {})).statusCode).toBe(200);
    const { entity } = lockedEntity();
    const reply = handleManagement(
      { entity, subQueue: 'active' },
      request('com.microsoft:schedule-message', {}),
    );
    expect(reply).toMatchObject({ statusCode: 501, errorCondition: 'amqp:not-implemented' });
    expect(reply.description).toContain('schedule-message');
    entity.close();
  });
});
