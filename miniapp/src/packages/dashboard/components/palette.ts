// Chart colours: one per event kind, identity and alliance, readable side by side on a phone.
const COLOURS: Record<string, string> = {
  party_lesson: '#c8161d',
  youth_education: '#f0a020',
  activity: '#3a7bd5',
  party_member: '#c8161d',
  employee: '#3a7bd5',
  outdoor_worker: '#2e9d5b',
  resident: '#f0a020',
  parent: '#9b59b6',
  unknown: '#9aa0a6',
  industry: '#c8161d',
  cross_industry: '#3a7bd5',
};
const SPARE = ['#e67e22', '#16a085', '#8e44ad', '#2c3e50'];

export function colourOf(key: string, index = 0): string {
  return COLOURS[key] ?? SPARE[index % SPARE.length];
}
