// Serverless plugin (listed last in serverless.yml), run when the template is built: keeps the stack well under
// CloudFormation's 500 resources per stack. The framework emits six resources per HTTP function (function, role, log
// group, API permission, integration, route); with ~90 functions that was 562. Two of the six are folded, the rest
// (each function's own least-privilege role, its route and integration) stay:
//
// 1. One log group per feature instead of one per function. Each function logs to
//    /aws/lambda/red-circle-<stage>/<feature> through Lambda's LoggingConfig (every log line names its function:
//    functions/lib/logger.ts), with the retention the per-function groups had. Each role's log statements are
//    re-pointed at its feature's group, so a function still writes only where its feature logs.
// 2. One role API Gateway assumes to invoke the API's functions (the integrations' CredentialsArn) instead of one
//    resource-based permission per function. It may invoke only this stage's functions.
//
// The deploy tests (tests/deploy/template.test.ts) check the count, that every function logs to its feature's group,
// and that every integration carries the role.
'use strict';

const MAX_RESOURCES = 450; // leaves room below CloudFormation's 500 for the next features

const featureOf = (handler) => {
  const match = /^functions\/([^/]+)\//.exec(handler);
  if (!match) throw new Error(`resource-budget: cannot tell the feature of handler ${handler}`);
  return match[1];
};

const pascal = (text) => text.replace(/(^|[-_])([a-z])/g, (_, __, c) => c.toUpperCase());

/** Every `Ref`/`Fn::GetAtt`/`DependsOn` mention of `id` outside the resource itself. */
function mentions(template, id) {
  const found = [];
  const walk = (node, where) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, where));
    if (!node || typeof node !== 'object') return;
    if (node.Ref === id) found.push(where);
    if (Array.isArray(node['Fn::GetAtt']) && node['Fn::GetAtt'][0] === id) found.push(where);
    for (const value of Object.values(node)) walk(value, where);
  };
  for (const [key, resource] of Object.entries(template.Resources)) {
    if (key === id) continue;
    walk(resource.Properties, key);
    const deps = [].concat(resource.DependsOn || []);
    if (deps.includes(id)) found.push(key);
  }
  walk(template.Outputs || {}, 'Outputs');
  return found;
}

function dropDependency(resource, id) {
  if (!resource.DependsOn) return;
  const deps = [].concat(resource.DependsOn).filter((d) => d !== id);
  if (deps.length) resource.DependsOn = deps;
  else delete resource.DependsOn;
}

class ResourceBudget {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { 'before:package:finalize': () => this.apply() };
  }

  apply() {
    const service = this.serverless.service;
    const template = service.provider.compiledCloudFormationTemplate;
    const resources = template.Resources;
    const naming = this.serverless.getProvider('aws').naming;
    const stage = service.provider.stage;
    const prefix = `${service.service}-${stage}`;

    // 1. A log group per feature.
    for (const [name, fn] of Object.entries(service.functions || {})) {
      const lambdaId = naming.getLambdaLogicalId(name);
      const logGroupId = naming.getLogGroupLogicalId(name);
      const lambda = resources[lambdaId];
      const own = resources[logGroupId];
      if (!lambda || !own) continue;
      const feature = featureOf(fn.handler);
      const groupId = `${pascal(feature)}FeatureLogGroup`;
      const groupName = `/aws/lambda/${prefix}/${feature}`;
      resources[groupId] = resources[groupId] || {
        Type: 'AWS::Logs::LogGroup',
        Properties: { LogGroupName: groupName, ...pick(own.Properties, ['RetentionInDays', 'KmsKeyId']) },
      };
      const others = mentions(template, logGroupId).filter((where) => where !== lambdaId);
      if (others.length)
        throw new Error(`resource-budget: ${logGroupId} is used by ${others.join(', ')}; fold it by hand`);
      delete resources[logGroupId];
      dropDependency(lambda, logGroupId);
      lambda.DependsOn = [].concat(lambda.DependsOn || [], groupId);
      lambda.Properties.LoggingConfig = { LogFormat: 'Text', LogGroup: { Ref: groupId } };
      const roleRef = lambda.Properties.Role && lambda.Properties.Role['Fn::GetAtt'];
      const role = roleRef && resources[roleRef[0]];
      if (role) repointLogStatements(role, lambda.Properties.FunctionName, `log-group:${groupName}:`);
    }

    // 2. API Gateway invokes through one role.
    const invokeRoleId = 'HttpApiInvokeRole';
    let integrations = 0;
    for (const resource of Object.values(resources)) {
      if (resource.Type !== 'AWS::ApiGatewayV2::Integration') continue;
      resource.Properties.CredentialsArn = { 'Fn::GetAtt': [invokeRoleId, 'Arn'] };
      integrations++;
    }
    if (integrations) {
      for (const [id, resource] of Object.entries(resources)) {
        if (resource.Type !== 'AWS::Lambda::Permission') continue;
        if (resource.Properties.Principal !== 'apigateway.amazonaws.com') continue;
        for (const where of mentions(template, id)) dropDependency(resources[where], id);
        delete resources[id];
      }
      resources[invokeRoleId] = {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: ['apigateway.amazonaws.com'] },
                Action: ['sts:AssumeRole'],
              },
            ],
          },
          Policies: [
            {
              PolicyName: `${prefix}-http-api-invoke`,
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: ['lambda:InvokeFunction'],
                    Resource: {
                      'Fn::Sub': `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${prefix}-*`,
                    },
                  },
                ],
              },
            },
          ],
        },
      };
    }

    // The framework's shared execution role, when every function has its own (serverless-iam-roles-per-function).
    if (resources.IamRoleLambdaExecution && mentions(template, 'IamRoleLambdaExecution').length === 0)
      delete resources.IamRoleLambdaExecution;

    const count = Object.keys(resources).length;
    if (count > MAX_RESOURCES)
      throw new Error(
        `resource-budget: the stack has ${count} resources (budget ${MAX_RESOURCES}, limit 500)`,
      );
  }
}

function pick(object, keys) {
  return Object.fromEntries(keys.filter((k) => object && object[k] !== undefined).map((k) => [k, object[k]]));
}

/** Re-points the role's log statements from the function's own group to its feature's group. */
function repointLogStatements(role, functionName, to) {
  const own = `log-group:/aws/lambda/${functionName}:`;
  const rewrite = (value) => {
    if (typeof value === 'string') return value.split(own).join(to);
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
    return value;
  };
  for (const policy of role.Properties.Policies || [])
    for (const statement of policy.PolicyDocument.Statement || [])
      if ([].concat(statement.Action).some((a) => String(a).startsWith('logs:')))
        statement.Resource = rewrite(statement.Resource);
}

module.exports = ResourceBudget;
