// The deployment template, as `npm run package` writes it offline: the table's safety settings, the runtime, every
// route of every functions.yml, one least-privilege role per function, and AWS's own linter (cfn-lint) passing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const TEMPLATE = path.join(ROOT, '.serverless', 'cloudformation-template-update-stack.json');
const RUNTIME = 'nodejs24.x';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every `functions.yml` of a feature, plus the foundation's `functions/core.functions.yml`. */
function functionFiles(): string[] {
  const files = ['functions/core.functions.yml'];
  for (const dir of readdirSync(path.join(ROOT, 'functions'))) {
    const file = path.join('functions', dir, 'functions.yml');
    if (existsSync(path.join(ROOT, file))) files.push(file);
  }
  return files;
}

/** The files the template is built from; a template older than any of them is rebuilt. */
function templateInputs(): string[] {
  return ['serverless.yml', 'infra/table.yml', 'infra/deploy/package.ts', ...functionFiles()];
}

function ensureFreshTemplate(): void {
  const stale =
    !existsSync(TEMPLATE) ||
    templateInputs().some((f) => statSync(path.join(ROOT, f)).mtimeMs > statSync(TEMPLATE).mtimeMs);
  if (!stale) return;
  const res = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['infra/deploy/package.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 8 * 60_000,
  });
  if (res.status !== 0 || !existsSync(TEMPLATE)) {
    throw new Error(
      `npm run package failed (exit ${res.status ?? res.signal}):\n${(res.stdout + res.stderr).slice(-4000)}`,
    );
  }
}

let resources: Record<string, Json> | undefined;
let packageError: unknown;
/** The template's resources; every test of the template fails with the packaging error when there is none. */
function loaded(): Record<string, Json> {
  if (!resources) throw packageError;
  return resources;
}
const ofType = (type: string) => Object.entries(loaded()).filter(([, r]) => r.Type === type);

beforeAll(() => {
  try {
    ensureFreshTemplate();
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
          if (event.httpApi)
            expected.push(`${String(event.httpApi.method).toUpperCase()} ${event.httpApi.path}`);
        }
      }
    }
    expect(expected).toContain('GET /v1/health');
    expect(expected.filter((key) => !routeKeys.has(key))).toEqual([]);
    expect(ofType('AWS::ApiGatewayV2::Api')).toHaveLength(1);
  });

  it('take their secrets from SSM parameters at deploy time', () => {
    const config = yaml.load(readFileSync(path.join(ROOT, 'serverless.yml'), 'utf8')) as Json;
    for (const name of ['TOKEN_SECRET', 'QR_KEYS', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET']) {
      expect({ name, value: config.provider.environment[name] }).toEqual({
        name,
        value: expect.stringMatching(/ssm:\/red-circle\/\$\{sls:stage\}\/[a-z-]+\}$/),
      });
    }
    expect(config.provider.environment.AUTH_PROVIDER).toBe('wechat');
  });
});

describe('IAM', () => {
  const actionsOf = (statement: Json): string[] => [statement.Action ?? []].flat();

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
  it('reports no errors on the template', () => {
    loaded();
    const which = spawnSync('sh', ['-c', 'command -v cfn-lint'], { encoding: 'utf8' });
    if (which.status !== 0) {
      throw new Error(
        "cfn-lint is not installed. It is AWS's CloudFormation linter, a Python tool (preinstalled on the project's machines; " +
          '.ci/run checks for it). Install it with `pip install cfn-lint` (not the npm package of that name, whose 2019 spec ' +
          'reports false errors), then run `npm run test:deploy` again.',
      );
    }
    const res = spawnSync('cfn-lint', ['-f', 'json', TEMPLATE], { encoding: 'utf8', timeout: 5 * 60_000 });
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
  });
});
