// Builds the SET/REMOVE parts of an UpdateItem from a partial record: a defined value is SET, a null is REMOVEd,
// an undefined one is left alone. Field names and values go through `#field` / `:field` placeholders.
export interface FieldUpdate {
  names: Record<string, string>;
  values: Record<string, unknown>;
  sets: string[];
  removes: string[];
}

/** Starts with `updatedAt = :now`, as every edit of this table stamps the item. */
export function fieldUpdate(changes: Record<string, unknown>, now: string): FieldUpdate {
  const update: FieldUpdate = {
    names: { '#updatedAt': 'updatedAt' },
    values: { ':now': now },
    sets: ['#updatedAt = :now'],
    removes: [],
  };
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    update.names[`#${field}`] = field;
    if (value === null) update.removes.push(`#${field}`);
    else {
      update.values[`:${field}`] = value;
      update.sets.push(`#${field} = :${field}`);
    }
  }
  return update;
}

/** `SET … [REMOVE …]` for an UpdateExpression (append ADD/DELETE clauses after it). */
export function setRemoveExpression(update: FieldUpdate): string {
  return `SET ${update.sets.join(', ')}${update.removes.length ? ` REMOVE ${update.removes.join(', ')}` : ''}`;
}
