// The deployment template, as `npm run package` writes it offline: the table's safety settings, the runtime, every
// route of every functions.yml, one least-privilege role per function (writes limited by dynamodb:LeadingKeys), secrets
// read from SSM at cold start (no secret in any environment, each role may read exactly the parameters its code uses),
// index queries granted on exactly the indexes each function's code queries, scheduled jobs with a dead-letter target
// and an error alarm, a partition-agnostic template with the region as a
// parameter, and AWS's own linter (cfn-lint) passing for ap-east-1 and cn-northwest-1.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { indexOfResource, tableIndexes } from '../../infra/deploy/indexGrants';
import { indexesUsedByHandlers } from '../../infra/deploy/indexUse';
import { SECRET_PARAMETERS, secretsUsedByHandlers } from '../../infra/deploy/launchPolicies';
import { ensurePackaged, ROOT, TEMPLATE } from './packaged';

const RUNTIME = 'nodejs24.x';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const actionsOf = (statement: Json): string[] => [statement.Action ?? []].flat();

/** Every `functions.yml` of a feature, plus the foundation's `functions/core.functions.yml`. */
function functionFiles(): string[] {
  const files = ['functions/core.functions.yml'];
  for (const dir of readdirSync(path.join(ROOT, 'functions'))) {
    const file = path.join('functions', dir, 'functions.yml');
    if (existsSync(path.join(ROOT, file))) files.push(file);
  }
  return files;
}

let resources: Record<string, Json> | undefined;
let packageError: unknown;
/** The template's resources; every test of the template fails with the packaging error when there is none. */
function loaded(): Record<string, Json> {
  if (!resources) throw packageError;
  return resources;
}
const ofType = (type: string) => Object.entries(loaded()).filter(([, r]) => r.Type === type);
/** The statements of a function's own role. */
const rolePolicyStatements = (fn: Json): Json[] => {
  const role = loaded()[fn.Properties.Role['Fn::GetAtt'][0]];
  return (role.Properties.Policies ?? []).flatMap((p: Json) => p.PolicyDocument.Statement as Json[]);
};

beforeAll(() => {
  try {
    ensurePackaged();
    resources = (JSON.parse(readFileSync(TEMPLATE, 'utf8')) as Json).Resources;
  } catch (err) {
    packageError = err;
  }
}, 10 * 60_000);

describe('serverless.yml and the functions.yml files', () => {
  it('let every SSM lookup resolve offline (`npm run package` has no credentials and no network)', () => {
    const offenders: string[] = [];
    for (const file of ['serverless.yml', ...functionFiles()]) {
      readFileSync(path.join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (line.trimStart().startsWith('#')) return;
          for (const m of line.matchAll(/\$\{([^{}]*\$\{[^{}]*\}[^{}]*|[^{}]*)\}/g)) {
            if (m[1].includes('ssm:') && !m[1].startsWith('env:RC_OFFLINE_PLACEHOLDER, ssm:'))
              offenders.push(`${file}:${i + 1}: ${m[0]}`);
          }
        });
    }
    // Write SSM values as ${env:RC_OFFLINE_PLACEHOLDER, ssm:/red-circle/${sls:stage}/<name>} (add `, '<default>'` if optional).
    expect(offenders).toEqual([]);
  });
});

describe('the table', () => {
  let table: Json;
  beforeAll(() => {
    table = loaded().AppTable;
  });

  it('is one DynamoDB table, billed on demand', () => {
    expect(ofType('AWS::DynamoDB::Table').map(([id]) => id)).toEqual(['AppTable']);
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.ProvisionedThroughput).toBeUndefined();
  });

  it('has point-in-time recovery and encryption at rest', () => {
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.SSESpecification.SSEEnabled).toBe(true);
  });

  it('is kept when the stack is deleted or the table replaced', () => {
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('expires items by expiresAt', () => {
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });
});

describe('the functions', () => {
  it(`all run on ${RUNTIME}, arm64, with their log groups kept for a bounded time`, () => {
    const functions = ofType('AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(0);
    for (const [id, fn] of functions) {
      expect({ id, runtime: fn.Properties.Runtime }).toEqual({ id, runtime: RUNTIME });
      expect({ id, arch: fn.Properties.Architectures }).toEqual({ id, arch: ['arm64'] });
    }
    // One log group per feature (infra/deploy/resourceBudget.js).
    for (const [id, group] of ofType('AWS::Logs::LogGroup')) {
      expect({ id, retention: typeof group.Properties.RetentionInDays }).toEqual({ id, retention: 'number' });
    }
  });

  it('are every function of every functions.yml, and every file is included from serverless.yml', () => {
    const serverlessYml = readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8');
    const handlers = new Set(
      ofType('AWS::Lambda::Function').map(([, fn]) => fn.Properties.Handler as string),
    );
    for (const file of functionFiles()) {
      expect({ file, included: serverlessYml.includes(`\${file(${file})}`) }).toEqual({
        file,
        included: true,
      });
      const fns = yaml.load(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, Json>;
      for (const [name, fn] of Object.entries(fns)) {
        expect({ file, name, handler: fn.handler, packaged: handlers.has(fn.handler) }).toEqual({
          file,
          name,
          handler: fn.handler,
          packaged: true,
        });
      }
    }
  });

  it('serve every httpApi route of every functions.yml as a route of the HTTP API', () => {
    const routeKeys = new Set(
      ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey as string),
    );
    const expected: string[] = [];
    for (const file of functionFiles()) {
      const fns = yaml.load(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, Json>;
      for (const fn of Object.values(fns)) {
        for (const event of (fn.events as Json[] | undefined) ?? []) {
          if (event.httpApi === '*') expected.push('$default');
          else if (event.httpApi)
            expected.push(`${String(event.httpApi.method).toUpperCase()} ${event.httpApi.path}`);
        }
      }
    }
    expect(expected).toContain('GET /v1/health');
    expect(expected.filter((key) => !routeKeys.has(key))).toEqual([]);
    expect(ofType('AWS::ApiGatewayV2::Api')).toHaveLength(1);
  });

  it("answer unknown routes through a `$default` route to the function that gives the contract's 404", () => {
    const defaults = ofType('AWS::ApiGatewayV2::Route').filter(
      ([, r]) => r.Properties.RouteKey === '$default',
    );
    expect(defaults).toHaveLength(1);
    // Target: {"Fn::Join": ["/", ["integrations", {"Ref": <integration>}]]}
    const integrationId = /"Ref":"(\w+)"/.exec(JSON.stringify(defaults[0][1].Properties.Target))?.[1];
    expect(loaded()[integrationId!].Properties.IntegrationUri).toEqual({
      'Fn::GetAtt': ['UnknownRouteLambdaFunction', 'Arn'],
    });
    const fn = loaded().UnknownRouteLambdaFunction;
    expect(fn.Properties.Handler).toBe('functions/health/handlers/unknownRoute.handler');
  });

  it('hold no secret value in their environment: only the names of the SSM parameters they read', () => {
    const config = yaml.load(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8')) as Json;
    expect(config.provider.environment.AUTH_PROVIDER).toBe('wechat');
    expect(config.provider.environment.RC_SSM_PREFIX).toBe('/red-circle/${sls:stage}/');
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      const variables = (fn.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
      const secretsInEnv = Object.keys(variables).filter((name) => name in SECRET_PARAMETERS);
      expect({ id, secretsInEnv }).toEqual({ id, secretsInEnv: [] });
      const names = String(variables.RC_SECRETS ?? '')
        .split(',')
        .filter(Boolean);
      expect({ id, unknown: names.filter((n) => !(n in SECRET_PARAMETERS)) }).toEqual({ id, unknown: [] });
    }
  });
});

describe('secrets from SSM Parameter Store', () => {
  let used: Map<string, string[]>;
  let functions: [string, Json][];
  beforeAll(() => {
    functions = ofType('AWS::Lambda::Function');
    used = secretsUsedByHandlers(
      ROOT,
      functions.map(([, fn]) => handlerFileOf(fn)),
    );
  }, 120_000);

  const handlerFileOf = (fn: Json) => String(fn.Properties.Handler).replace(/\.[^./]+$/, '.ts');
  const ssmStatements = (fn: Json): Json[] =>
    rolePolicyStatements(fn).filter((st) => actionsOf(st).some((a) => a.startsWith('ssm:')));

  it('name in each function exactly the secrets its code can read (its bundle, as esbuild resolves it)', () => {
    for (const [id, fn] of functions) {
      const expected = used.get(handlerFileOf(fn)) ?? [];
      const named = String(fn.Properties.Environment?.Variables?.RC_SECRETS ?? '')
        .split(',')
        .filter(Boolean)
        .sort();
      expect({ id, named }).toEqual({ id, named: expected });
    }
    // The foundation is covered: every route authenticates, sign-in also calls WeChat.
    const byHandler = (handler: string) => functions.find(([, fn]) => fn.Properties.Handler === handler)![1];
    expect(
      byHandler('functions/auth/handlers/login.handler').Properties.Environment.Variables.RC_SECRETS,
    ).toContain('WECHAT_APP_SECRET');
    expect(
      byHandler('functions/health/handlers/health.handler').Properties.Environment?.Variables?.RC_SECRETS,
    ).toBe(undefined);
  });

  it("grant each function's role ssm:GetParameters on exactly those parameters, partition-agnostic", () => {
    for (const [id, fn] of functions) {
      const names = String(fn.Properties.Environment?.Variables?.RC_SECRETS ?? '')
        .split(',')
        .filter(Boolean);
      const statements = ssmStatements(fn);
      const granted = statements
        .flatMap((st) => [st.Resource].flat())
        .map((r: Json) => String(r['Fn::Sub'] ?? JSON.stringify(r)))
        .sort();
      const expected = names
        .map(
          (n) =>
            `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/red-circle/prod/${SECRET_PARAMETERS[n]}`,
        )
        .sort();
      expect({ id, granted }).toEqual({ id, granted: expected });
      const actions = [...new Set(statements.flatMap(actionsOf))];
      expect({ id, actions }).toEqual({ id, actions: names.length ? ['ssm:GetParameters'] : [] });
    }
  });
});

describe('scheduled jobs', () => {
  it('each have a dead-letter target and an alarm on their errors', () => {
    const scheduled = new Set(
      ofType('AWS::Events::Rule').flatMap(([, rule]) =>
        (rule.Properties.Targets as Json[]).map((t) => t.Arn['Fn::GetAtt'][0] as string),
      ),
    );
    expect(scheduled.size).toBeGreaterThanOrEqual(5);
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    for (const id of scheduled) {
      const fn = loaded()[id];
      expect({ id, dlq: fn.Properties.DeadLetterConfig?.TargetArn }).toEqual({
        id,
        dlq: { 'Fn::GetAtt': ['JobsDeadLetterQueue', 'Arn'] },
      });
      const alarm = alarms.find(
        (a) =>
          a.MetricName === 'Errors' && a.Dimensions?.[0]?.Value?.Ref === id && a.Namespace === 'AWS/Lambda',
      );
      expect({ id, alarm: alarm?.AlarmActions }).toEqual({ id, alarm: [{ Ref: 'OpsAlarmTopic' }] });
      const sends = rolePolicyStatements(fn).some((st) => actionsOf(st).includes('sqs:SendMessage'));
      expect({ id, sends }).toEqual({ id, sends: true });
    }
    const queueAlarm = alarms.find((a) => a.Namespace === 'AWS/SQS');
    expect(queueAlarm?.Dimensions?.[0]?.Value).toEqual({
      'Fn::GetAtt': ['JobsDeadLetterQueue', 'QueueName'],
    });
  });
});

describe('region and partition', () => {
  it('takes the stage region as a parameter', () => {
    const config = yaml.load(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8')) as Json;
    expect(config.provider.region).toBe('${opt:region, param:region}');
    expect(config.params.default.region).toMatch(/^[a-z]{2}(-[a-z]+)+-\d$/);
  });

  it('writes no ARN with a fixed partition (every ARN uses ${AWS::Partition})', () => {
    const text = readFileSync(TEMPLATE, 'utf8');
    expect(text.match(/arn:aws(-cn|-us-gov)?:[^"]*/g) ?? []).toEqual([]);
  });
});

describe('IAM', () => {
  it("limits every write to the table to the writer's own key prefixes (dynamodb:LeadingKeys)", () => {
    const writes = /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)$/;
    const offenders: string[] = [];
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      for (const st of rolePolicyStatements(fn)) {
        const written = actionsOf(st).filter((a) => writes.test(a));
        const leading = st.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
        if (written.length && !(Array.isArray(leading) && leading.length))
          offenders.push(`${id}: ${written.join(',')}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('gives every function a role of its own', () => {
    const roleOf = new Map<string, string>();
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      const role = fn.Properties.Role?.['Fn::GetAtt']?.[0] as string | undefined;
      expect({ id, role: role && loaded()[role]?.Type }).toEqual({ id, role: 'AWS::IAM::Role' });
      // The provider's shared role is what a function without `iamRoleStatements` falls back to.
      expect({ id, sharedRole: role === 'IamRoleLambdaExecution' }).toEqual({ id, sharedRole: false });
      roleOf.set(id, role!);
    }
    expect(new Set(roleOf.values()).size).toBe(roleOf.size);
  });

  it('grants no wildcard and no Scan on the table', () => {
    const roles = ofType('AWS::IAM::Role');
    expect(roles.length).toBeGreaterThan(1);
    for (const [id, role] of roles) {
      for (const policy of role.Properties.Policies ?? []) {
        for (const statement of policy.PolicyDocument.Statement as Json[]) {
          for (const action of actionsOf(statement)) {
            expect({
              id,
              action,
              wildcard: action === '*' || /^dynamodb:\*$/i.test(action) || action.endsWith(':*'),
            }).toEqual({ id, action, wildcard: false });
            expect({ id, action, scan: /^dynamodb:Scan$/i.test(action) }).toEqual({
              id,
              action,
              scan: false,
            });
          }
          if (actionsOf(statement).some((a) => a.startsWith('dynamodb:'))) {
            expect({ id, resource: JSON.stringify(statement.Resource) }).toEqual({
              id,
              resource: expect.stringContaining('AppTable'),
            });
          }
        }
      }
    }
  });
});

describe('index queries', () => {
  const handlerFileOf = (fn: Json) => String(fn.Properties.Handler).replace(/\.[^./]+$/, '.ts');
  let functions: [string, Json][];
  let used: Map<string, string[]>;
  beforeAll(() => {
    functions = ofType('AWS::Lambda::Function');
    used = indexesUsedByHandlers(
      ROOT,
      functions.map(([, fn]) => handlerFileOf(fn)),
      tableIndexes(ROOT),
    );
  }, 180_000);

  /** The indexes a function's role may query (`*` for a grant on every index). */
  const grantedIndexes = (fn: Json): string[] =>
    rolePolicyStatements(fn)
      .flatMap((st) => [st.Resource].flat().map((r) => [indexOfResource(r), actionsOf(st)] as const))
      .filter(([index]) => index !== null)
      .map(([index, actions]) => {
        expect({ index, actions }).toEqual({ index, actions: ['dynamodb:Query'] });
        return index!;
      })
      .sort();

  it("grant each function Query on exactly the indexes its code queries: none it doesn't, all it does", () => {
    const mismatches: string[] = [];
    for (const [id, fn] of functions) {
      const granted = grantedIndexes(fn);
      const queried = used.get(handlerFileOf(fn)) ?? [];
      if (granted.join() !== queried.join())
        mismatches.push(`${id}: granted [${granted.join(', ')}], its code queries [${queried.join(', ')}]`);
    }
    // A function that queries an index its functions.yml does not declare (`dynamodb:Query` on index/* or on that
    // index) is listed here: declare it there. One granted more than it queries means the plugin did not narrow.
    expect(mismatches).toEqual([]);
    expect(functions.filter(([, fn]) => grantedIndexes(fn).includes('*')).map(([id]) => id)).toEqual([]);
  });

  it('are found by following the calls from the handler, one member of a store at a time', () => {
    const of = (handler: string) => used.get(`functions/${handler}.ts`);
    // Stores are objects holding every list of their feature; a handler is granted only the lists it calls.
    expect(of('services/handlers/listMyRequests')).toEqual(['byOwner']);
    expect(of('services/handlers/listRequestQueue')).toEqual(['byFeed', 'byQueue']);
    expect(of('services/handlers/createRequest')).toEqual([]);
    expect(of('venues/handlers/listMyBookings')).toEqual(['byOwner']);
    expect(of('venues/handlers/createBooking')).toEqual([]);
    // A QueryCommand in the ground floor, reached through a service; and through the account's feature hooks.
    expect(of('admin/handlers/getDashboard')).toEqual(['byQueue']);
    expect(of('users/handlers/finishAccountClosings')).toEqual(['byOwner', 'byQueue']);
    expect(of('health/handlers/health')).toEqual([]);
  });

  it('name their index by a literal in the code that queries it, so the scan sees every one', () => {
    const names = tableIndexes(ROOT);
    expect(names).toEqual(['byFeed', 'byOwner', 'byQueue']);
    const literal = new RegExp(`^['"\`](${names.join('|')})['"\`]( as const)?$`);
    const anyLiteral = new RegExp(`['"\`](${names.join('|')})['"\`]`);
    const offenders: string[] = [];
    const walk = (dir: string): string[] =>
      readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? walk(path.join(dir, e.name))
          : e.name.endsWith('.ts')
            ? [path.join(dir, e.name)]
            : [],
      );
    for (const file of walk('functions')) {
      // The kit itself passes on the index its caller named (QuerySpec.index → IndexName).
      if (file === path.join('functions', 'lib', 'dynamo.ts')) continue;
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/\b(?:index|IndexName):\s*([^,\n}]+)/g)) {
        const value = m[1].trim();
        if (literal.test(value)) continue;
        // An index chosen among literals (a ternary, a tuple, a const object) in the same file is seen too.
        if (/^[\w.?' :]+$/.test(value) && anyLiteral.test(text)) continue;
        offenders.push(`${file}: ${m[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('the stack size (infra/deploy/resourceBudget.js)', () => {
  it("stays below 450 resources, well under CloudFormation's 500 per stack", () => {
    expect(Object.keys(loaded()).length).toBeLessThanOrEqual(450);
  });

  it("logs every function to its feature's log group, and lets its role write only there", () => {
    const groups = new Map(
      ofType('AWS::Logs::LogGroup').map(([id, g]) => [id, g.Properties.LogGroupName as string]),
    );
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      const feature = /^functions\/([^/]+)\//.exec(fn.Properties.Handler as string)![1];
      const group = groups.get(fn.Properties.LoggingConfig?.LogGroup?.Ref as string);
      expect({ id, group }).toEqual({ id, group: `/aws/lambda/red-circle-prod/${feature}` });
      const role = loaded()[fn.Properties.Role['Fn::GetAtt'][0] as string];
      const logResources = (role.Properties.Policies as Json[])
        .flatMap((p) => p.PolicyDocument.Statement as Json[])
        .filter((st) => actionsOf(st).some((a) => a.startsWith('logs:')))
        .flatMap((st) => [].concat(st.Resource))
        .map((r) => JSON.stringify(r));
      expect(logResources.length).toBeGreaterThan(0);
      for (const r of logResources)
        expect({ id, r }).toEqual({ id, r: expect.stringContaining(`log-group:${group}:`) });
    }
  });

  it("invokes the functions through one role API Gateway assumes, limited to this stage's functions", () => {
    const integrations = ofType('AWS::ApiGatewayV2::Integration');
    expect(integrations.length).toBeGreaterThan(0);
    for (const [id, integration] of integrations)
      expect({ id, role: integration.Properties.CredentialsArn }).toEqual({
        id,
        role: { 'Fn::GetAtt': ['HttpApiInvokeRole', 'Arn'] },
      });
    const role = loaded().HttpApiInvokeRole;
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service).toEqual([
      'apigateway.amazonaws.com',
    ]);
    const [statement] = role.Properties.Policies[0].PolicyDocument.Statement as Json[];
    expect(statement.Action).toEqual(['lambda:InvokeFunction']);
    expect(statement.Resource['Fn::Sub']).toMatch(/:function:red-circle-prod-\*$/);
    expect(
      ofType('AWS::Lambda::Permission').filter(
        ([, p]) => p.Properties.Principal === 'apigateway.amazonaws.com',
      ),
    ).toEqual([]);
  });
});

describe('the HTTP API', () => {
  it('allows the H5 build cross-origin with the headers the API uses', () => {
    const [[, api]] = ofType('AWS::ApiGatewayV2::Api');
    const cors = api.Properties.CorsConfiguration;
    expect(cors.AllowHeaders).toEqual(
      expect.arrayContaining(['Authorization', 'Content-Type', 'Idempotency-Key']),
    );
    expect(cors.ExposeHeaders).toEqual(expect.arrayContaining(['Retry-After', 'X-Request-Id']));
    expect(cors.AllowCredentials).not.toBe(true);
  });

  it('throttles routes and writes access logs', () => {
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage');
    expect(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(stage.Properties.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThan(0);
    expect(stage.Properties.AccessLogSettings.Format).toContain('$context.requestId');
  });
});

describe('cfn-lint', () => {
  // The same template for Hong Kong (aws partition) and Ningxia (aws-cn): mainland data needs the second.
  it(
    'reports no errors on the template for ap-east-1 and cn-northwest-1',
    () => {
      loaded();
      const which = spawnSync('sh', ['-c', 'command -v cfn-lint'], { encoding: 'utf8' });
      if (which.status !== 0) {
        throw new Error(
          "cfn-lint is not installed. It is AWS's CloudFormation linter, a Python tool (preinstalled on the project's machines; " +
            '.ci/run checks for it). Install it with `pip install cfn-lint` (not the npm package of that name, whose 2019 spec ' +
            'reports false errors), then run `npm run test:deploy` again.',
        );
      }
      const res = spawnSync(
        'cfn-lint',
        ['-f', 'json', '--regions', 'ap-east-1', 'cn-northwest-1', '--', TEMPLATE],
        {
          encoding: 'utf8',
          timeout: 8 * 60_000,
        },
      );
      let findings: Json[];
      try {
        findings = JSON.parse(res.stdout || '[]') as Json[];
      } catch {
        throw new Error(
          `cfn-lint did not print JSON (exit ${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`,
        );
      }
      const errors = findings
        .filter((f) => f.Level === 'Error')
        .map((f) => `${f.Rule.Id} ${(f.Location.Path as unknown[]).join('/')}: ${f.Message}`);
      expect(errors).toEqual([]);
      // Exit status: bit 2 = errors, 4 = warnings, 8 = informational; anything else means cfn-lint itself failed.
      expect((res.status ?? 1) & ~(4 | 8)).toBe(0);
    },
    10 * 60_000,
  );
});
