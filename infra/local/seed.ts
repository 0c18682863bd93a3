// Demo data for a first start, so the product is alive on first sight. Each feature contributes its own seeder,
// which goes through that feature's services (never raw items), so demo data obeys the same rules as real data.
import type { SeedContext, Seeder } from '../../functions/lib/seed';
import { userService } from '../../functions/users/userService';

// Feature seeders register here, one line each.
const seeders: { name: string; load: () => Promise<Seeder> }[] = [
  // SEEDERS:BEGIN
  { name: 'wall', load: async () => (await import('../../functions/wall/seed')).seed },
  { name: 'spaces', load: async () => (await import('../../functions/spaces/seed')).seed },
  { name: 'alliance', load: async () => (await import('../../functions/alliance/seed')).seed },
  { name: 'events', load: async () => (await import('../../functions/events/seed')).seed },
  { name: 'venues', load: async () => (await import('../../functions/venues/seed')).seed },
  { name: 'services', load: async () => (await import('../../functions/services/seed')).seed },
  // SEEDERS:END
];

export async function seedDemoData(log: (line: string) => void): Promise<void> {
  const staff = await userService.signIn('demo_staff');
  await userService.setRoles(staff.id, ['staff']);
  await userService.updateProfile(staff.id, { nickname: '服务中心小李' });
  const ctx: SeedContext = {
    staffUserId: staff.id,
    user: async (openid) => (await userService.signIn(openid)).id,
  };
  for (const seeder of seeders) {
    await (
      await seeder.load()
    )(ctx);
    log(`  demo data: ${seeder.name}`);
  }
}
