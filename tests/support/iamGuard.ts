// What a deployed function's role allows — serverless.yml's statements every role inherits, plus the function's own
// `iamRoleStatements` — enforced on the store client while `run` runs: a command the role would not allow on AWS
// fails here as AccessDeniedException does there. The embedded store checks no permissions, so without this a
// handler calling what its role lacks passes every local test and fails on every run in production.
import { AsyncLocalStorage } from 'node:async_hooks';
import { db } from '../../functions/lib/db';
import { functionsConfig, loadServerlessConfig } from '../../infra/local/serverlessConfig';

interface Statement {
  Effect: string;
  Action: string[] | string;
  Resource: unknown;
  Condition?: { 'ForAllValues:StringLike'?: { 'dynamodb:LeadingKeys'?: string[] } };
}

/** The store command's IAM action, by the client command's name. */
const ACTIONS: Record<string, string> = {
  GetItemCommand: 'GetItem',
  PutItemCommand: 'PutItem',
  UpdateItemCommand: 'UpdateItem',
  DeleteItemCommand: 'DeleteItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  BatchGetItemCommand: 'BatchGetItem',
  BatchWriteItemCommand: 'BatchWriteItem',
};

const statementsCache = new Map<string, Statement[]>();

function statementsOf(functionName: string): Statement[] {
  const cached = statementsCache.get(functionName);
  if (cached) return cached;
  const statements = readStatements(functionName);
  statementsCache.set(functionName, statements);
  return statements;
}

function readStatements(functionName: string): Statement[] {
  const config = loadServerlessConfig() as {
    provider: { iam?: { role?: { statements?: Statement[] } } };
  };
  const fn = functionsConfig()[functionName] as { iamRoleStatements?: Statement[] } | undefined;
  if (!fn) throw new Error(`no function ${functionName} in serverless.yml`);
  return [...(config.provider.iam?.role?.statements ?? []), ...(fn.iamRoleStatements ?? [])];
}

const onIndex = (resource: unknown) => JSON.stringify(resource).includes('"index"');
const likePattern = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

type Input = Record<string, unknown> & {
  Key?: { pk?: string };
  Item?: { pk?: string };
  IndexName?: string;
  KeyConditionExpression?: string;
  ExpressionAttributeValues?: Record<string, unknown>;
  RequestItems?: Record<
    string,
    | { Keys?: { pk?: string }[] }
    | { PutRequest?: { Item: { pk?: string } }; DeleteRequest?: { Key: { pk?: string } } }[]
  >;
};

/** The partition key values a command touches (as the document client's input names them). */
function leadingKeys(input: Input): string[] {
  if (input.Key?.pk !== undefined) return [String(input.Key.pk)];
  if (input.Item?.pk !== undefined) return [String(input.Item.pk)];
  if (input.KeyConditionExpression) {
    const name = /\bpk\s*=\s*(:\w+)/.exec(input.KeyConditionExpression)?.[1];
    return name ? [String(input.ExpressionAttributeValues?.[name])] : [];
  }
  return Object.values(input.RequestItems ?? {}).flatMap((request) =>
    Array.isArray(request)
      ? request.map((r) => String(r.PutRequest?.Item.pk ?? r.DeleteRequest?.Key.pk ?? ''))
      : (request.Keys ?? []).map((k) => String(k.pk)),
  );
}

function allowed(statements: Statement[], action: string, input: Input): boolean {
  const index = !!input.IndexName;
  const keys = leadingKeys(input);
  return statements.some((st) => {
    const actions = Array.isArray(st.Action) ? st.Action : [st.Action];
    if (st.Effect !== 'Allow' || !actions.includes(`dynamodb:${action}`)) return false;
    const resources = Array.isArray(st.Resource) ? st.Resource : [st.Resource];
    if (!resources.some((r) => onIndex(r) === index)) return false;
    const patterns = st.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
    return !patterns || keys.every((key) => patterns.some((p) => likePattern(p).test(key)));
  });
}

const running = new AsyncLocalStorage<{ functionName: string; statements: Statement[]; denied: string[] }>();
let installed: unknown = null;

/** One middleware on the store client, checking each command against the role of the function running it (if any). */
function install(): void {
  const client = db();
  if (installed === client) return;
  installed = client;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const as = running.getStore();
      if (!as) return next(args);
      const action = ACTIONS[context.commandName ?? ''] ?? context.commandName ?? '?';
      const input = args.input as Input;
      if (!allowed(as.statements, action, input)) {
        const on = input.IndexName ? ` on ${input.IndexName}` : '';
        const what = `${as.functionName} may not dynamodb:${action}${on} ${JSON.stringify(leadingKeys(input))}`;
        as.denied.push(what);
        throw Object.assign(new Error(what), { name: 'AccessDeniedException' });
      }
      return next(args);
    },
    { step: 'initialize', name: 'iamGuard', priority: 'high', override: true },
  );
}

/**
 * Runs `run` with the store client allowing only what `functionName`'s role allows (concurrent runs of different
 * functions each under their own). Each refusal is also pushed to `denied` (a function may catch the error and carry
 * on, as AWS would let it).
 */
export async function asDeployed<T>(
  functionName: string,
  run: () => Promise<T>,
  denied: string[] = [],
): Promise<T> {
  install();
  return running.run({ functionName, statements: statementsOf(functionName), denied }, run);
}
