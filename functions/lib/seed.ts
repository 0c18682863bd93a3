// The shape of demo data loaders. Each feature's `seed.ts` exports a `Seeder`; the local runtime calls them on a
// first start (infra/local/seed.ts). Seeders go through the feature's services, never raw items, so demo data
// obeys the same rules as real data.
export interface SeedContext {
  /** Staff user who "created" the demo content. */
  staffUserId: string;
  /** Signs in (creating if needed) a demo user by openid and returns their id. */
  user(openid: string): Promise<string>;
}

export type Seeder = (ctx: SeedContext) => Promise<void>;
