// Helpers of the like suites: messages and users, the like invariant audited straight from the store, and two ways
// of steering the store client (eventually consistent table reads, and holding writes until a race is set up).
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/lib/db';
import { likeStore } from '../../functions/wall/likeStore';
import { LIKE_INTENT_LEASE_MS, QUEUE_LIKE_INTENTS, type LikeIntent } from '../../functions/wall/model';
import type { TestApp } from '../support/app';

export const like = (app: TestApp, id: string, token: string) =>
  app.request('PUT', `/v1/messages/${id}/like`, { token });
export const unlike = (app: TestApp, id: string, token: string) =>
  app.request('DELETE', `/v1/messages/${id}/like`, { token });

let messageCounter = 0;
/** A message on the wall (the suite sets moderation to `post` first). */
export async function publishedMessage(app: TestApp): Promise<string> {
  const { token } = await app.login(`likes_author_${messageCounter++}`);
  const res = await app.request('POST', '/v1/messages', { token, body: { text: '欢迎回家' } });
  if (res.body.message?.status !== 'published') throw new Error(`posting failed: ${res.status} ${res.text}`);
  return res.body.message.id;
}

export async function signedIn(app: TestApp, prefix: string, n: number) {
  return Promise.all(Array.from({ length: n }, (_, i) => app.login(`${prefix}_${i}`)));
}

export interface LikeAudit {
  /** The counter on the message. */
  likes: number;
  /** Like items that say liked (read with ConsistentRead). */
  liked: number;
  intents: Record<string, LikeIntent>;
  /** The message carries the sweeper's byQueue marker. */
  marker: boolean;
}

/** The message item read directly (strongly consistent), with what the record mapping leaves out. */
async function messageItem(id: string): Promise<Record<string, unknown>> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: { pk: `MSG#${id}`, sk: 'META' }, ConsistentRead: true }),
  );
  if (!Item) throw new Error(`no message ${id}`);
  return Item;
}

export async function auditLikes(id: string): Promise<LikeAudit> {
  const item = await messageItem(id);
  return {
    likes: item.likes as number,
    liked: await likeStore.countLiked(id),
    intents: (item.likeIntents as Record<string, LikeIntent> | undefined) ?? {},
    marker: item.queuePk === QUEUE_LIKE_INTENTS,
  };
}

/** The invariant when nothing is in flight: counter = liked items, no intent, no marker. */
export async function expectSettled(id: string, likes: number): Promise<void> {
  expect(await auditLikes(id)).toEqual({ likes, liked: likes, intents: {}, marker: false });
}

export async function likedBy(id: string, userId: string): Promise<boolean> {
  return (await likeStore.get(id, userId))?.liked === true;
}

/** Moves every intent on the message back past the lease, as if its request died long ago. */
export async function ageIntents(id: string): Promise<void> {
  const intents = (await auditLikes(id)).intents;
  for (const [userId, intent] of Object.entries(intents)) {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `MSG#${id}`, sk: 'META' },
        UpdateExpression: 'SET likeIntents.#u.#at = :old',
        ExpressionAttributeNames: { '#u': userId, '#at': 'at' },
        ExpressionAttributeValues: { ':old': intent.at - LIKE_INTENT_LEASE_MS - 1000 },
      }),
    );
  }
}

type Input = Record<string, unknown>;
type Send = (command: { input: Input }, ...rest: unknown[]) => Promise<unknown>;

/** Replaces the store client's `send` (every feature's store goes through it) until the returned function runs. */
function interceptSend(around: (input: Input, forward: () => Promise<unknown>) => Promise<unknown>) {
  const client = db() as unknown as { send: Send };
  const original = client.send.bind(client);
  const spy = jest
    .spyOn(client, 'send')
    .mockImplementation((command, ...rest) => around(command.input, () => original(command, ...rest)));
  return () => spy.mockRestore();
}

/**
 * Eventually consistent reads of the base table, as DynamoDB serves them: a Query without ConsistentRead may miss
 * writes of the last moments. Modelled here by answering such a Query with the answer the same query got up to
 * `lagMs` earlier (index queries are left to `startTestApp({ indexLagMs })`). Returns the restore function.
 */
export function eventuallyConsistentTableReads(lagMs: number): () => void {
  const answers = new Map<string, { at: number; reply: unknown }>();
  return interceptSend(async (input, forward) => {
    const eventual = 'KeyConditionExpression' in input && !input.IndexName && input.ConsistentRead !== true;
    if (!eventual) return forward();
    const key = JSON.stringify(input);
    const earlier = answers.get(key);
    if (earlier && Date.now() - earlier.at < lagMs) return structuredClone(earlier.reply);
    const reply = await forward();
    answers.set(key, { at: Date.now(), reply: structuredClone(reply) });
    return reply;
  });
}

/**
 * Holds the first `count` store calls that `matches` until all of them have been made, then lets them go together:
 * a deterministic way to make `count` requests race at one step. Returns the restore function.
 */
export function raceAt(matches: (input: Input) => boolean, count = 2): () => void {
  let arrived = 0;
  let release: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (release = resolve));
  return interceptSend(async (input, forward) => {
    if (arrived < count && matches(input)) {
      arrived++;
      if (arrived === count) release();
      await all;
    }
    return forward();
  });
}

/** Step 3's first write (the settle that also drops the marker when it releases the last intent). */
export const lastIntentSettle = (input: Input) =>
  String(input.ConditionExpression ?? '').includes('size(likeIntents) = :one');
