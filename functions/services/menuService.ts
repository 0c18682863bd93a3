// The service menu: the stored one, or the committee's list (menuCatalog.ts) until staff replace it.
import type { ServiceItem, ServiceMenu } from '../../shared/api/services';
import { nowIso } from '../lib/time';
import { DEFAULT_MENU } from './menuCatalog';
import { menuStore } from './menuStore';

export interface FoundItem {
  item: ServiceItem;
  categoryId: string;
}

export const menuService = {
  /** The menu to show (an eventual read); `consistent` when the caller decides on it. */
  async get(consistent = false): Promise<ServiceMenu> {
    return (await menuStore.get(consistent)) ?? DEFAULT_MENU;
  },

  async replace(menu: ServiceMenu, userId: string): Promise<ServiceMenu> {
    await menuStore.put({ categories: menu.categories, updatedAt: nowIso(), updatedBy: userId });
    return menu;
  },

  /** Writes the committee's list on a first start (a stored menu is kept). */
  async seedDefault(): Promise<boolean> {
    return menuStore.putIfMissing({
      categories: DEFAULT_MENU.categories,
      updatedAt: nowIso(),
      updatedBy: null,
    });
  },

  /** The item a request asks for: read consistently, so an item staff just added (or removed) is decided on as stored. */
  async findItem(itemId: string): Promise<FoundItem | null> {
    for (const category of (await this.get(true)).categories) {
      const item = category.items.find((i) => i.id === itemId);
      if (item) return { item, categoryId: category.id };
    }
    return null;
  },
};
