// Serverless plugin (listed after serverless-iam-roles-per-function in serverless.yml), run when the template is built:
//
// 1. Secrets from SSM, least privilege. Each function's bundle is resolved with esbuild (as serverless-esbuild does)
//    and every secret its code can read (a call of a secret getter of functions/lib/config.ts) becomes
//      RC_SECRETS="TOKEN_SECRET,ADMIN_OPENIDS"       the names, never the values (functions/lib/secrets.ts reads
//                                                     them from SSM Parameter Store at cold start, decrypted, cached)
//    and one statement on the function's own role: ssm:GetParameters on exactly those parameters,
//    arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/red-circle/<stage>/<name>.
// 2. Index queries, least privilege: the indexes each function's code queries (indexUse.js, following its calls from
//    the handler) replace its role's `index/*` (or named) Query grants (indexGrants.js).
// 3. Scheduled jobs are seen when they fail: every function with a `schedule` event gets a dead-letter target
//    (JobsDeadLetterQueue, for the asynchronous invocations EventBridge makes) with sqs:SendMessage on its role, and a
//    CloudWatch alarm on its Errors metric that notifies OpsAlarmTopic (both declared in serverless.yml resources).
//    A stream consumer (a `stream` event) sends the records it gave up on to the same queue (its event's onFailure
//    destination): the same sqs:SendMessage grant and Errors alarm, no dead-letter target (it is not invoked async).
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { narrowIndexGrants, tableIndexes } = require('./indexGrants');
const { indexesUsedByHandlers } = require('./indexUse');

/** Environment name of a secret → its SSM parameter under /red-circle/<stage>/ (functions/lib/secrets.ts). */
const SECRET_PARAMETERS = {
  TOKEN_SECRET: 'token-secret',
  QR_KEYS: 'qr-keys',
  WECHAT_APP_ID: 'wechat-app-id',
  WECHAT_APP_SECRET: 'wechat-app-secret',
  ADMIN_OPENIDS: 'admin-openids',
};

/** Getter of functions/lib/config.ts → the secret it reads. */
const GETTERS = {
  tokenSecret: 'TOKEN_SECRET',
  qrKeys: 'QR_KEYS',
  wechatAppId: 'WECHAT_APP_ID',
  wechatAppSecret: 'WECHAT_APP_SECRET',
  adminOpenids: 'ADMIN_OPENIDS',
};

const DEAD_LETTER_QUEUE = 'JobsDeadLetterQueue';
const ALARM_TOPIC = 'OpsAlarmTopic';

/**
 * handler source file (relative to root, e.g. functions/events/handlers/signUp.ts) → the secrets its bundle can read.
 * One esbuild run over every entry point, nothing written.
 */
function secretsUsedByHandlers(root, handlerFiles) {
  const { buildSync } = require('esbuild');
  const result = buildSync({
    absWorkingDir: root,
    entryPoints: handlerFiles,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outdir: path.join(root, '.esbuild-secret-use'),
    external: ['@aws-sdk/*'],
    logLevel: 'silent',
  });
  const sources = new Map();
  const read = (file) => {
    if (!sources.has(file)) sources.set(file, readFileSync(path.join(root, file), 'utf8'));
    return sources.get(file);
  };
  const patterns = Object.entries(GETTERS).map(([getter, name]) => [
    new RegExp(`config\\s*\\.\\s*${getter}\\(`),
    name,
  ]);
  const used = new Map();
  for (const output of Object.values(result.metafile.outputs)) {
    if (!output.entryPoint) continue;
    const secrets = new Set();
    for (const input of Object.keys(output.inputs)) {
      if (
        input.includes('node_modules') ||
        !input.endsWith('.ts') ||
        input.endsWith('functions/lib/config.ts')
      )
        continue;
      const text = read(input);
      for (const [pattern, name] of patterns) if (pattern.test(text)) secrets.add(name);
    }
    used.set(output.entryPoint, [...secrets].sort());
  }
  return used;
}

function handlerFile(handler) {
  return handler.replace(/\.[^./]+$/, '.ts');
}

class LaunchPolicies {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { 'before:package:finalize': () => this.apply() };
  }

  apply() {
    const service = this.serverless.service;
    const resources = service.provider.compiledCloudFormationTemplate.Resources;
    const naming = this.serverless.getProvider('aws').naming;
    const stage = service.provider.stage;
    const functions = Object.entries(service.functions || {});
    const root = this.serverless.serviceDir || this.serverless.config.servicePath;
    const handlerFiles = functions.map(([, fn]) => handlerFile(fn.handler));
    const used = secretsUsedByHandlers(root, handlerFiles);
    const queried = indexesUsedByHandlers(root, handlerFiles, tableIndexes(root));
    for (const [name, fn] of functions) {
      const id = naming.getLambdaLogicalId(name);
      const lambda = resources[id];
      const roleId = lambda && lambda.Properties.Role && lambda.Properties.Role['Fn::GetAtt'];
      const role = roleId && resources[roleId[0]];
      if (!role || !role.Properties.Policies || !role.Properties.Policies.length)
        throw new Error(
          `launch-policies: no role of its own for ${name} (serverless-iam-roles-per-function)`,
        );
      const statements = role.Properties.Policies[0].PolicyDocument.Statement;
      narrowIndexGrants(statements, queried.get(handlerFile(fn.handler)) || []);

      const secrets = used.get(handlerFile(fn.handler)) || [];
      const variables = (lambda.Properties.Environment = lambda.Properties.Environment || { Variables: {} })
        .Variables;
      for (const secret of Object.keys(SECRET_PARAMETERS)) delete variables[secret];
      if (secrets.length) {
        variables.RC_SECRETS = secrets.join(',');
        statements.push({
          Effect: 'Allow',
          Action: ['ssm:GetParameters'],
          Resource: secrets.map((secret) => ({
            'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/red-circle/${stage}/${SECRET_PARAMETERS[secret]}`,
          })),
        });
      } else {
        delete variables.RC_SECRETS;
      }

      const scheduled = (fn.events || []).some((event) => event.schedule);
      // A stream consumer's records go to the same queue after their retries (its event's onFailure destination).
      const streamed = (fn.events || []).some((event) => event.stream);
      if (scheduled)
        lambda.Properties.DeadLetterConfig = { TargetArn: { 'Fn::GetAtt': [DEAD_LETTER_QUEUE, 'Arn'] } };
      if (scheduled || streamed) {
        statements.push({
          Effect: 'Allow',
          Action: ['sqs:SendMessage'],
          Resource: { 'Fn::GetAtt': [DEAD_LETTER_QUEUE, 'Arn'] },
        });
        resources[`${id}ErrorsAlarm`] = {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            AlarmDescription: `${scheduled ? 'Scheduled job' : 'Stream consumer'} ${name} failed (its failed events go to ${DEAD_LETTER_QUEUE})`,
            Namespace: 'AWS/Lambda',
            MetricName: 'Errors',
            Dimensions: [{ Name: 'FunctionName', Value: { Ref: id } }],
            Statistic: 'Sum',
            Period: 300,
            EvaluationPeriods: 1,
            Threshold: 1,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            TreatMissingData: 'notBreaching',
            AlarmActions: [{ Ref: ALARM_TOPIC }],
          },
        };
      }
    }
  }
}

module.exports = LaunchPolicies;
module.exports.secretsUsedByHandlers = secretsUsedByHandlers;
module.exports.SECRET_PARAMETERS = SECRET_PARAMETERS;
