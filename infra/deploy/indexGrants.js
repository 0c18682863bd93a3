// Index queries, least privilege (used by launchPolicies.js and checked by tests/deploy/template.test.ts).
//
// A functions.yml declares that a function queries the table's indexes: `dynamodb:Query` on `index/*` (any), or on
// named ones. The code decides which it actually uses (indexUse.js follows its calls from the handler). Each role's
// index statements are replaced by one statement granting Query on those indexes that the functions.yml declared:
//   used ∩ declared ('*' declares all). An index the code uses but the functions.yml does not declare stays
// ungranted (the deploy test names it); an index declared but unused is dropped, and so is `index/*`.
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');

/** The table's global secondary indexes, as infra/table.yml declares them. */
function tableIndexes(root) {
  const text = readFileSync(path.join(root, 'infra', 'table.yml'), 'utf8');
  return [...text.matchAll(/^\s*-\s*IndexName:\s*(\w+)\s*$/gm)].map((m) => m[1]).sort();
}

const TABLE_ARN = { 'Fn::GetAtt': ['AppTable', 'Arn'] };

/** The ARN of one index of the table (partition-agnostic: built from the table's own ARN). */
function indexArn(name) {
  return { 'Fn::Join': ['/', [TABLE_ARN, 'index', name]] };
}

/** The index a resource names (`*` for all), or null when it is not an index of AppTable. */
function indexOfResource(resource) {
  const join = resource && resource['Fn::Join'];
  if (!Array.isArray(join) || join[0] !== '/' || !Array.isArray(join[1])) return null;
  const [table, word, name] = join[1];
  if (JSON.stringify(table) !== JSON.stringify(TABLE_ARN) || word !== 'index' || join[1].length !== 3)
    return null;
  return String(name);
}

/**
 * Rewrites a role's statements in place: index resources leave every statement (a statement left with no resource
 * goes), and one statement grants Query on `used ∩ declared`. Returns what was declared and what is granted.
 */
function narrowIndexGrants(statements, used) {
  const declared = new Set();
  for (let i = statements.length - 1; i >= 0; i--) {
    const statement = statements[i];
    const resources = [statement.Resource].flat().filter(Boolean);
    const kept = [];
    for (const resource of resources) {
      const index = indexOfResource(resource);
      if (index === null) kept.push(resource);
      else declared.add(index);
    }
    if (kept.length === resources.length) continue;
    // A condition would be lost on the Query statement made below: refuse rather than grant more than declared.
    if (statement.Condition)
      throw new Error(`launch-policies: an index grant with a Condition (${JSON.stringify(statement)})`);
    if (kept.length === 0) statements.splice(i, 1);
    else statement.Resource = Array.isArray(statement.Resource) ? kept : kept[0];
  }
  const granted = used.filter((name) => declared.has('*') || declared.has(name));
  if (granted.length)
    statements.push({ Effect: 'Allow', Action: ['dynamodb:Query'], Resource: granted.map(indexArn) });
  return { declared: [...declared].sort(), granted };
}

module.exports = { tableIndexes, indexArn, indexOfResource, narrowIndexGrants };
