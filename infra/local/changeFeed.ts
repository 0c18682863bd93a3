// The embedded store's change feed: the local stand-in for DynamoDB Streams (view type NEW_AND_OLD_IMAGES).
//
// dynalite has no streams. Every item write it makes (PutItem, UpdateItem, DeleteItem, and BatchWriteItem through
// them) passes the item as it was and as it will be to `db.updateIndexes`, under the item's lock, right before the
// item is stored. Wrapping that one function gives each write's old and new image in the order the writes are made,
// which is what a stream shard gives per item. A write that changes nothing makes no record, as on DynamoDB.
//
// Records are shaped like the ones Lambda receives from a DynamoDB stream (aws-lambda's DynamoDBRecord): images in
// DynamoDB JSON, `eventName` INSERT/MODIFY/REMOVE, a sequence number that grows. infra/local/streams.ts delivers
// them to the functions that serverless.yml subscribes to the table's stream.
export type AttributeMap = Record<string, Record<string, unknown>>;

export interface ChangeRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventSource: 'aws:dynamodb';
  eventVersion: '1.1';
  awsRegion: string;
  eventSourceARN: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: AttributeMap;
    NewImage?: AttributeMap;
    OldImage?: AttributeMap;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: 'NEW_AND_OLD_IMAGES';
  };
}

export type ChangeListener = (record: ChangeRecord) => void;

export interface ChangeFeed {
  /** Calls `listener` with every later change, in write order; returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void;
}

interface DynaliteTable {
  TableName: string;
  KeySchema: { AttributeName: string }[];
}
type UpdateIndexes = (
  store: object,
  table: DynaliteTable,
  existing: AttributeMap | undefined | null,
  item: AttributeMap | undefined | null,
  cb: (err?: unknown) => void,
) => void;

// dynalite ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynaliteDb = require('dynalite/db') as {
  create: (options: unknown) => object;
  updateIndexes: UpdateIndexes;
};

const listenersByStore = new WeakMap<object, Set<ChangeListener>>();
let sequence = 0;

function install(): void {
  const original = dynaliteDb.updateIndexes as UpdateIndexes & { changeFeed?: true };
  if (original.changeFeed) return;
  const wrapped: UpdateIndexes & { changeFeed?: true } = (store, table, existing, item, cb) =>
    original(store, table, existing, item, (err) => {
      const listeners = listenersByStore.get(store);
      if (!err && listeners?.size) {
        const record = toRecord(table, existing ?? undefined, item ?? undefined);
        // Delivered once the write is stored (dynalite stores the item right after this callback).
        if (record) setImmediate(() => listeners.forEach((listener) => listener(record)));
      }
      cb(err);
    });
  wrapped.changeFeed = true;
  dynaliteDb.updateIndexes = wrapped;
}

/** JSON with every object's keys in order: two images hold the same attributes exactly when these are equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function toRecord(
  table: DynaliteTable,
  oldImage: AttributeMap | undefined,
  newImage: AttributeMap | undefined,
): ChangeRecord | null {
  if (!oldImage && !newImage) return null;
  // dynalite's UpdateItem builds its new item from prototype-less objects: compare the images' content only.
  if (oldImage && newImage && canonical(oldImage) === canonical(newImage)) return null;
  const image = (newImage ?? oldImage)!;
  const Keys = Object.fromEntries(table.KeySchema.map((k) => [k.AttributeName, image[k.AttributeName]]));
  sequence += 1;
  const region = 'local';
  return {
    eventID: `local-${sequence}`,
    eventName: !oldImage ? 'INSERT' : !newImage ? 'REMOVE' : 'MODIFY',
    eventSource: 'aws:dynamodb',
    eventVersion: '1.1',
    awsRegion: region,
    eventSourceARN: `arn:aws:dynamodb:${region}:000000000000:table/${table.TableName}/stream/local`,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys,
      ...(newImage ? { NewImage: newImage } : {}),
      ...(oldImage ? { OldImage: oldImage } : {}),
      SequenceNumber: String(sequence).padStart(21, '0'),
      SizeBytes: Buffer.byteLength(JSON.stringify([Keys, newImage ?? null, oldImage ?? null])),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

/**
 * Runs `create` (which makes one dynalite server) and answers the server with the change feed of its store. dynalite
 * makes its store inside its factory, so the store is caught as `db.create` returns it.
 */
export function withChangeFeed<T>(create: () => T): { created: T; changes: ChangeFeed } {
  install();
  const originalCreate = dynaliteDb.create;
  let store: object | undefined;
  dynaliteDb.create = (options) => (store = originalCreate(options));
  let created: T;
  try {
    created = create();
  } finally {
    dynaliteDb.create = originalCreate;
  }
  if (!store) throw new Error('dynalite made no store');
  const listeners = new Set<ChangeListener>();
  listenersByStore.set(store, listeners);
  return {
    created,
    changes: {
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}
