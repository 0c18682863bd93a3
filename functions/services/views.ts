// Replies of the service menu and requests: records → the contract's types (shared/api/services.ts).
import type { ServiceMenu, ServiceRequest } from '../../shared/api/services';
import type { MenuRecord, ServiceRequestRecord } from './model';

export const toMenuView = (menu: MenuRecord | ServiceMenu): ServiceMenu => ({ categories: menu.categories });

export function toRequestView(r: ServiceRequestRecord): ServiceRequest {
  return {
    id: r.id,
    itemId: r.itemId,
    itemName: r.itemName,
    categoryId: r.categoryId,
    status: r.status,
    description: r.description,
    ...(r.contact ? { contact: r.contact } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    history: r.history.map(({ status, at, note, by }) => ({
      status,
      at,
      ...(note ? { note } : {}),
      ...(by ? { by } : {}),
    })),
  };
}
